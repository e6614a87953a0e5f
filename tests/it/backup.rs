//! Encrypted backups on real files: a restore on a fresh data directory and a
//! fresh keyring equals its source table by table; every kind of bad file is
//! refused with a clear error and writes nothing; a backup taken while another
//! connection writes is consistent.

use rightsdesk_domain::letter::LetterRequest;
use rightsdesk_domain::mail::MailAccountDraft;
use rightsdesk_domain::{ErrorCode, LetterOptions, PersonDraft, RequestKind};
use rightsdesk_store::{DataDir, MemorySecrets, Store};
use rightsdesk_tests::Sandbox;

const DB_PASS: &str = "correct horse battery";
const BACKUP_PASS: &str = "a backup passphrase";

/// A store with something in every kind of table: people, requests with
/// letters, a message and an attachment, a mail account (its password in the
/// secret store), settings.
fn filled(sb: &Sandbox) -> Store {
    let mut s = sb.create_store(DB_PASS);
    rightsdesk_usecases::ready(&mut s).unwrap();
    let p = s
        .create_person(PersonDraft {
            display_name: "Ada Lovelace".into(),
            emails: vec!["ada@example.org".into()],
            ..Default::default()
        })
        .unwrap();
    for (i, slug) in ["tiktok", "facebook", "instagram"].iter().enumerate() {
        let r = s
            .create_request(
                &LetterRequest {
                    person_id: p.id,
                    kind: if i == 0 { RequestKind::Access } else { RequestKind::Erasure },
                    language: String::new(),
                    options: LetterOptions::default(),
                },
                slug,
            )
            .unwrap();
        if i == 0 {
            let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
            s.sent_by_form(r.id, day, Some(("confirmation.png", b"\x89PNG not really".as_slice()))).unwrap();
        }
    }
    s.add_mail_account(
        MailAccountDraft {
            label: "Personal".into(),
            email: "ada@example.org".into(),
            smtp_host: "smtp.example.org".into(),
            ..Default::default()
        },
        Some("the mail password"),
    )
    .unwrap();
    s.set_setting("guide.skipped", "true").unwrap();
    s
}

#[test]
fn a_restore_on_a_fresh_data_directory_and_keyring_equals_its_source() {
    let sb = Sandbox::new();
    let mut source = filled(&sb);
    let file = sb.tmp.path().join("ada.rdbackup");
    // What the store holds as the backup is made (making it records when,
    // in the settings, after the snapshot).
    let before = source.table_digests().unwrap();
    let written = rightsdesk_usecases::backup::make(&mut source, &file, BACKUP_PASS).unwrap();
    assert_eq!(written.requests, 3);
    assert_eq!(written.people, 1);
    assert!(written.messages >= 1);

    // The file says nothing readable about its content.
    let bytes = std::fs::read(&file).unwrap();
    for secret in ["Ada Lovelace", "ada@example.org", "the mail password", BACKUP_PASS, DB_PASS] {
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "{secret} is readable in the backup");
    }

    let verified = rightsdesk_usecases::backup::verify(&file, BACKUP_PASS).unwrap();
    assert_eq!(verified.tables, before);
    let counts = |t: &[rightsdesk_store::TableDigest]| t.iter().map(|d| (d.table.clone(), d.rows)).collect::<Vec<_>>();
    assert_eq!(counts(&written.tables), counts(&verified.tables));
    assert!(written.tables.iter().all(|d| d.sha256.is_none()));

    let elsewhere = tempfile::tempdir().unwrap();
    let target = DataDir::new(elsewhere.path().join("new-machine"));
    let fresh_keyring = MemorySecrets::shared();
    let (restored, summary) =
        rightsdesk_usecases::backup::restore(&target, &file, BACKUP_PASS, None, fresh_keyring.clone()).unwrap();
    assert_eq!(restored.info().mode, rightsdesk_store::KeyMode::Keyring, "a new key in this machine's keyring");
    assert_eq!(summary.requests, 3);

    // Every table: same rows, same content — except that the restore records
    // the backup it came from (settings).
    let before = source.table_digests().unwrap();
    let after = restored.table_digests().unwrap();
    assert_eq!(before.len(), after.len());
    assert!(before.len() >= 20, "every table is compared: {}", before.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.table, a.table);
        if b.table == "settings" {
            assert!(a.rows >= b.rows);
            continue;
        }
        assert_eq!(b, a, "table {} differs after the restore", b.table);
    }
    assert_eq!(restored.setting("guide.skipped").unwrap().as_deref(), Some("true"));

    // Mail passwords are not in backups: the account is there, its password is not.
    let accounts = restored.mail_accounts().unwrap();
    assert_eq!(accounts.len(), 1);
    assert!(!accounts[0].has_password);

    // Reopened from disk with the new machine's key, it is a normal store.
    drop(restored);
    let reopened = Store::open_with(&target, None, fresh_keyring).unwrap();
    assert_eq!(reopened.health().unwrap().integrity, "ok");
    assert_eq!(reopened.health().unwrap().requests, 3);
}

#[test]
fn bad_backups_are_refused_with_a_clear_error_and_nothing_is_written() {
    let sb = Sandbox::new();
    let mut source = filled(&sb);
    let file = sb.tmp.path().join("ada.rdbackup");
    rightsdesk_usecases::backup::make(&mut source, &file, BACKUP_PASS).unwrap();
    let good = std::fs::read(&file).unwrap();
    let work = tempfile::tempdir().unwrap();

    let try_restore = |name: &str, bytes: &[u8], passphrase: &str| {
        let path = work.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let verify = rightsdesk_usecases::backup::verify(&path, passphrase).unwrap_err();
        let target = work.path().join(format!("{name}-restored"));
        let err = rightsdesk_usecases::backup::restore(
            &DataDir::new(&target),
            &path,
            passphrase,
            None,
            MemorySecrets::shared(),
        )
        .unwrap_err();
        assert_eq!(verify.code, err.code);
        assert!(!target.exists(), "{name}: nothing may be written, but {} exists", target.display());
        assert!(err.message.contains("nothing was written"), "{name}: {}", err.message);
        assert!(!err.message.contains(passphrase), "{name}: the message shows the passphrase");
        err.code
    };

    assert_eq!(try_restore("wrong-pass", &good, "not the passphrase"), ErrorCode::WrongPassphrase);
    assert_eq!(try_restore("truncated", &good[..good.len() - 100], BACKUP_PASS), ErrorCode::BackupDamaged);
    assert_eq!(try_restore("cut-in-header", &good[..40], BACKUP_PASS), ErrorCode::BackupDamaged);
    let mut flipped = good.clone();
    let middle = flipped.len() - 500;
    flipped[middle] ^= 0x01;
    assert_eq!(try_restore("bit-flipped", &flipped, BACKUP_PASS), ErrorCode::BackupDamaged);
    let mut header_flipped = good.clone();
    header_flipped[30] ^= 0x01;
    assert_eq!(try_restore("header-flipped", &header_flipped, BACKUP_PASS), ErrorCode::BackupDamaged);
    assert_eq!(try_restore("foreign", b"PK\x03\x04 a zip file, say", BACKUP_PASS), ErrorCode::NotABackup);
    assert_eq!(try_restore("empty", b"", BACKUP_PASS), ErrorCode::NotABackup);
    // The store's own database file is not a backup either.
    let db = std::fs::read(sb.db_path()).unwrap();
    assert_eq!(try_restore("the-database", &db, BACKUP_PASS), ErrorCode::NotABackup);
}

#[test]
fn a_restore_into_a_non_empty_data_directory_is_refused() {
    let sb = Sandbox::new();
    let mut source = filled(&sb);
    let file = sb.tmp.path().join("ada.rdbackup");
    rightsdesk_usecases::backup::make(&mut source, &file, BACKUP_PASS).unwrap();

    // Into the source's own data directory (a store is there).
    let before = sb.snapshot();
    let err = rightsdesk_usecases::backup::restore(
        &DataDir::new(sb.data_dir()),
        &file,
        BACKUP_PASS,
        None,
        MemorySecrets::shared(),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotEmpty);
    assert_eq!(sb.snapshot(), before);

    // Into a folder holding anything at all.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("notes.txt"), "mine").unwrap();
    let err = rightsdesk_usecases::backup::restore(
        &DataDir::new(other.path()),
        &file,
        BACKUP_PASS,
        None,
        MemorySecrets::shared(),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotEmpty);
    assert_eq!(std::fs::read_dir(other.path()).unwrap().count(), 1);
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_consistent() {
    let sb = Sandbox::new();
    let source = filled(&sb);
    let person = source.list_people().unwrap()[0].id;
    let dir = DataDir::new(sb.data_dir());
    let secrets = sb.secrets.clone();
    // Another process's connection (the app) adds requests the whole time;
    // each request is written with its letter and event in one transaction,
    // so a consistent snapshot has as many letters as requests.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut other = Store::open_with(&dir, Some(DB_PASS), secrets).unwrap();
            rightsdesk_usecases::ready(&mut other).unwrap();
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && n < 400 {
                other
                    .create_request(
                        &LetterRequest {
                            person_id: person,
                            kind: RequestKind::Access,
                            language: String::new(),
                            options: LetterOptions::default(),
                        },
                        "tiktok",
                    )
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    let work = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for i in 0..5 {
        let file = work.path().join(format!("{i}.rdbackup"));
        let s = source.backup_to(&file, BACKUP_PASS).unwrap();
        let rows = |t: &str| s.tables.iter().find(|d| d.table == t).map(|d| d.rows).unwrap();
        assert_eq!(rows("requests"), rows("letters"), "backup {i}: requests and letters out of step");
        seen.push(rows("requests"));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 0);
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
}

#[test]
fn a_short_backup_passphrase_is_a_field_error() {
    let sb = Sandbox::new();
    let source = filled(&sb);
    let err = source.backup_to(&sb.tmp.path().join("x.rdbackup"), "short").unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert_eq!(err.fields[0].field, "passphrase");
    assert!(!sb.tmp.path().join("x.rdbackup").exists());
}

#[test]
fn automatic_backups_keep_the_newest_n_and_the_passphrase_stays_in_the_secret_store() {
    use rightsdesk_domain::backup::AutomaticBackups;
    let sb = Sandbox::new();
    let mut s = filled(&sb);
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("mine.txt"), "not a backup").unwrap();
    let auto = AutomaticBackups { folder: folder.path().display().to_string(), keep: 2 };
    rightsdesk_usecases::backup::set_automatic(&mut s, Some((auto, BACKUP_PASS))).unwrap();
    assert!(s.table_digests().is_ok());
    // The passphrase is nowhere in the database file.
    drop(s);
    let db = std::fs::read(sb.db_path()).unwrap();
    assert!(!db.windows(BACKUP_PASS.len()).any(|w| w == BACKUP_PASS.as_bytes()));
    let mut s = sb.open_store(DB_PASS);

    let start = chrono::DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z").unwrap().with_timezone(&chrono::Utc);
    for day in 0..4 {
        let now = start + chrono::Duration::days(day);
        s.set_clock(std::sync::Arc::new(rightsdesk_store::FixedClock(now)));
        let run = rightsdesk_usecases::backup::automatic(&mut s).unwrap().expect("due once a day");
        assert!(run.written.path.exists());
        // Not due again the same day.
        assert!(rightsdesk_usecases::backup::automatic(&mut s).unwrap().is_none());
    }
    let mut names: Vec<String> =
        std::fs::read_dir(folder.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"mine.txt".to_owned()));
    assert!(names.iter().any(|n| n.contains("2026-12-04")));
    assert!(names.iter().any(|n| n.contains("2026-12-03")));
    let state = rightsdesk_usecases::backup::state(&s).unwrap();
    assert!(!state.remind);
    assert!(state.last.unwrap().starts_with("2026-12-04"));

    // Off: the passphrase leaves the secret store.
    rightsdesk_usecases::backup::set_automatic(&mut s, None).unwrap();
    assert!(s.backup_passphrase().unwrap().is_none());
}

/// The app's restore: a backup takes the place of a store that holds nothing
/// yet (its first start), which is moved aside, not deleted; a store that
/// holds anything of the user's is refused and left exactly as it was.
#[test]
fn the_app_restores_in_place_of_a_fresh_store_only() {
    use rightsdesk_store::KeyChoice;
    let sb = Sandbox::new();
    let mut source = filled(&sb);
    let file = sb.tmp.path().join("ada.rdbackup");
    rightsdesk_usecases::backup::make(&mut source, &file, BACKUP_PASS).unwrap();

    let machine = tempfile::tempdir().unwrap();
    let dir = DataDir::new(machine.path().join("rightsdesk"));
    let keyring = MemorySecrets::shared();
    let mut fresh =
        Store::create_with(&dir, KeyChoice::PreferKeyring { fallback_passphrase: None }, keyring.clone()).unwrap();
    rightsdesk_usecases::ready(&mut fresh).unwrap();

    // A wrong passphrase: refused before anything moves; the fresh store reopens as it was.
    let err =
        rightsdesk_usecases::backup::restore_in_place(fresh, &dir, &file, "not the passphrase", None, keyring.clone())
            .unwrap_err();
    assert_eq!(err.code, ErrorCode::WrongPassphrase);
    let fresh = Store::open_with(&dir, None, keyring.clone()).unwrap();
    assert_eq!(fresh.request_count().unwrap(), 0);
    assert_eq!(std::fs::read_dir(machine.path()).unwrap().count(), 1, "nothing beside the data folder");

    let (restored, done) =
        rightsdesk_usecases::backup::restore_in_place(fresh, &dir, &file, BACKUP_PASS, None, keyring.clone()).unwrap();
    assert_eq!(restored.request_count().unwrap(), 3);
    assert_eq!(done.summary.requests, 3);
    assert!(done.kept.join(rightsdesk_store::DB_FILE).exists(), "the fresh store is kept at {}", done.kept.display());
    drop(restored);
    let reopened = Store::open_with(&dir, None, keyring.clone()).unwrap();
    assert_eq!(reopened.health().unwrap().integrity, "ok");
    assert_eq!(reopened.health().unwrap().requests, 3);

    // Now it holds requests: a second restore is refused and changes nothing.
    let before = reopened.table_digests().unwrap();
    let err = rightsdesk_usecases::backup::restore_in_place(reopened, &dir, &file, BACKUP_PASS, None, keyring.clone())
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotEmpty);
    assert!(err.message.contains("3 requests") && err.message.contains("Nothing was changed"), "{}", err.message);
    let after = Store::open_with(&dir, None, keyring).unwrap().table_digests().unwrap();
    assert_eq!(before, after);
}

/// The reminder: not on the first day of a new store's requests, after 30
/// days without a backup, and not again once there is one.
#[test]
fn the_reminder_comes_after_thirty_days_without_a_backup() {
    let sb = Sandbox::new();
    let mut s = filled(&sb);
    let first = chrono::DateTime::parse_from_rfc3339(&s.first_request_at().unwrap().unwrap()).unwrap().to_utc();
    let at = |days: i64| std::sync::Arc::new(rightsdesk_store::FixedClock(first + chrono::Duration::days(days)));
    s.set_clock(at(1));
    assert!(!rightsdesk_usecases::backup::state(&s).unwrap().remind, "a new user is not told '30 days'");
    s.set_clock(at(30));
    assert!(rightsdesk_usecases::backup::state(&s).unwrap().remind);
    let file = sb.tmp.path().join("now.rdbackup");
    rightsdesk_usecases::backup::make(&mut s, &file, BACKUP_PASS).unwrap();
    assert!(!rightsdesk_usecases::backup::state(&s).unwrap().remind);
    s.set_clock(at(60));
    assert!(rightsdesk_usecases::backup::state(&s).unwrap().remind, "30 days after that backup");
}
