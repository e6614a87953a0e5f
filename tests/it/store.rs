//! The store through its public API, on real files in a temp directory.

use rightsdesk_domain::{ErrorCode, PersonDraft, PostalAddress};
use rightsdesk_store::{DataDir, KeyChoice, KeyMode, Store};
use rightsdesk_tests::Sandbox;

const PASS: &str = "correct horse battery staple";

fn create(sb: &Sandbox) -> Store {
    Store::create(&DataDir::new(sb.data_dir()), KeyChoice::Passphrase(PASS)).unwrap()
}

fn open(sb: &Sandbox, pass: &str) -> rightsdesk_store::Result<Store> {
    Store::open(&DataDir::new(sb.data_dir()), Some(pass))
}

fn marker_person() -> PersonDraft {
    PersonDraft {
        display_name: "Zebulon Quetzalcoatl-Marker".into(),
        emails: vec!["zebulon.marker@example.org".into()],
        address: PostalAddress {
            street: "Unmistakablestrasse 99".into(),
            postal_code: "10115".into(),
            city: "Berlin".into(),
            region: "".into(),
            country: "DE".into(),
        },
        accounts: vec![],
        notes: "plaintext-canary-notes".into(),
        voice: rightsdesk_domain::Voice::Feminine,
        form_of_address: "Frau Dr.".into(),
        represented: false,
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn no_stored_text_appears_in_any_file_on_disk() {
    let sb = Sandbox::new();
    let mut store = create(&sb);
    store.create_person(marker_person()).unwrap();
    // Keep the store open so the WAL holds the newest pages too, then look at
    // every file in the folder: database, WAL, shared memory, key record.
    let files = sb.snapshot();
    assert!(files.len() >= 2, "{files:?}");
    for (path, bytes) in &files {
        for needle in ["Zebulon", "Quetzalcoatl", "zebulon.marker", "Unmistakablestrasse", "plaintext-canary", PASS] {
            assert!(!contains(bytes, needle), "{needle:?} found in plain text in {}", path.display());
        }
    }
    // The control: the same text is visible once decrypted.
    assert_eq!(store.list_people().unwrap()[0].display_name, "Zebulon Quetzalcoatl-Marker");
}

#[test]
fn people_survive_a_restart() {
    let sb = Sandbox::new();
    let id = create(&sb).create_person(marker_person()).unwrap().id;
    let store = open(&sb, PASS).unwrap();
    assert_eq!(store.info().mode, KeyMode::Passphrase);
    let person = store.get_person(id).unwrap();
    assert_eq!(person.emails, vec!["zebulon.marker@example.org"]);
    assert_eq!(person.address.city, "Berlin");
}

#[test]
fn edit_and_delete_round_trip() {
    let sb = Sandbox::new();
    let mut store = create(&sb);
    let p = store.create_person(marker_person()).unwrap();
    let mut draft = p.draft();
    draft.display_name = "Renamed".into();
    draft.emails.push("second@example.org".into());
    let updated = store.update_person(p.id, draft).unwrap();
    assert_eq!(updated.display_name, "Renamed");
    assert_eq!(updated.emails.len(), 2);
    store.delete_person(p.id).unwrap();
    assert_eq!(store.get_person(p.id).unwrap_err().code, ErrorCode::NotFound);
    assert!(store.list_people().unwrap().is_empty());
}

#[test]
fn invalid_person_is_refused_with_field_errors_and_nothing_stored() {
    let sb = Sandbox::new();
    let mut store = create(&sb);
    let err = store
        .create_person(PersonDraft { display_name: " ".into(), emails: vec!["nope".into()], ..marker_person() })
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["display_name", "emails[0]"]);
    assert!(store.list_people().unwrap().is_empty());
}

#[test]
fn wrong_passphrase_is_refused_and_the_database_is_untouched() {
    let sb = Sandbox::new();
    create(&sb).create_person(marker_person()).unwrap();
    let before = sb.snapshot();
    let err = open(&sb, "not the passphrase").unwrap_err();
    assert_eq!(err.code, ErrorCode::WrongPassphrase);
    assert!(!err.message.contains("not the passphrase"), "the message must not echo the passphrase");
    assert_eq!(sb.snapshot(), before);
    assert_eq!(Store::open(&DataDir::new(sb.data_dir()), None).unwrap_err().code, ErrorCode::PassphraseRequired);
    open(&sb, PASS).unwrap();
}

#[test]
fn garbage_at_the_database_path_is_reported_and_left_alone() {
    let sb = Sandbox::new();
    drop(create(&sb));
    let garbage: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(sb.db_path(), &garbage).unwrap();
    let before = sb.snapshot();
    let err = open(&sb, PASS).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotADatabase, "{}", err.message);
    assert!(err.message.contains("not changed"), "{}", err.message);
    assert_eq!(sb.snapshot(), before, "the file must be byte-for-byte unchanged");
    assert!(std::fs::read(sb.db_path()).unwrap() == garbage);
}

#[test]
fn a_plain_sqlite_file_or_an_empty_file_is_not_taken_for_ours() {
    for contents in [b"SQLite format 3\0rest-of-a-plain-database".to_vec(), Vec::new()] {
        let sb = Sandbox::new();
        drop(create(&sb));
        std::fs::write(sb.db_path(), &contents).unwrap();
        let before = sb.snapshot();
        let err = open(&sb, PASS).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotADatabase);
        assert_eq!(sb.snapshot(), before);
    }
}

#[test]
fn a_database_without_its_key_record_is_not_replaced() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.data_dir()).unwrap();
    std::fs::write(sb.db_path(), b"someone else's file").unwrap();
    let dir = DataDir::new(sb.data_dir());
    assert_eq!(Store::open(&dir, Some(PASS)).unwrap_err().code, ErrorCode::KeyMissing);
    let err = Store::create(&dir, KeyChoice::Passphrase(PASS)).unwrap_err();
    assert_eq!(err.code, ErrorCode::AlreadyInitialised);
    assert_eq!(std::fs::read(sb.db_path()).unwrap(), b"someone else's file");
    assert!(!dir.key_record_path().exists());
}

#[test]
fn creating_twice_is_refused() {
    let sb = Sandbox::new();
    create(&sb).create_person(marker_person()).unwrap();
    let before = sb.snapshot();
    let err = Store::create(&DataDir::new(sb.data_dir()), KeyChoice::Passphrase(PASS)).unwrap_err();
    assert_eq!(err.code, ErrorCode::AlreadyInitialised);
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn doctor_health_reports_integrity_and_schema() {
    let sb = Sandbox::new();
    let mut store = create(&sb);
    store.create_person(marker_person()).unwrap();
    let h = store.health().unwrap();
    assert_eq!(h.integrity, "ok");
    assert_eq!(h.schema_version, h.latest_schema_version);
    assert_eq!(h.people, 1);
    assert!(h.cipher_version.starts_with('4'), "SQLCipher 4 expected, got {}", h.cipher_version);
}

/// The state a crash leaves: database, WAL and shared-memory files, copied
/// while the store is open, into a fresh folder.
fn crash_image(sb: &Sandbox) -> Sandbox {
    let mut store = create(sb);
    store.create_person(marker_person()).unwrap();
    let image = Sandbox::new();
    std::fs::create_dir_all(image.data_dir()).unwrap();
    for (path, bytes) in sb.snapshot() {
        std::fs::write(image.data_dir().join(path.file_name().unwrap()), bytes).unwrap();
    }
    drop(store);
    image
}

#[test]
fn a_crash_image_opens_with_its_wal() {
    let image = crash_image(&Sandbox::new());
    assert!(image.data_dir().join("rightsdesk.db-wal").exists(), "the crash image must include a WAL");
    let store = open(&image, PASS).unwrap();
    assert_eq!(store.list_people().unwrap().len(), 1, "the committed person is recovered from the WAL");
}

#[test]
fn a_damaged_main_file_next_to_a_wal_is_not_overwritten_by_a_checkpoint() {
    let image = crash_image(&Sandbox::new());
    let garbage: Vec<u8> = (0..16_384u32).map(|i| (i.wrapping_mul(7919) % 251) as u8).collect();
    std::fs::write(image.db_path(), &garbage).unwrap();
    let wal = std::fs::read(image.data_dir().join("rightsdesk.db-wal")).unwrap();
    let err = open(&image, PASS).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotADatabase, "{}", err.message);
    let after = std::fs::read(image.db_path()).unwrap();
    let first_change = after.iter().zip(&garbage).position(|(a, b)| a != b);
    assert!(
        after == garbage,
        "the main file changed: {} → {} bytes, first change at {first_change:?}",
        garbage.len(),
        after.len()
    );
    assert!(std::fs::read(image.data_dir().join("rightsdesk.db-wal")).unwrap() == wal, "the WAL must be kept");
}
