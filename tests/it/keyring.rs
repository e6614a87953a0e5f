//! Keyring mode against the real Secret Service (gnome-keyring-daemon, started
//! by `make test` under dbus-run-session). These talk to this process's own
//! session bus, so they are `#[ignore]`d with that reason outside `make test`
//! (which runs them: `--run-ignored` with the `keyring::` filter). Every other
//! test keeps secrets in memory (`Sandbox::secrets`) or starts a private
//! Secret Service for the CLI's processes (`Sandbox::with_os_keyring`).

use rightsdesk_domain::ErrorCode;
use rightsdesk_store::{DataDir, KeyChoice, KeyMode, Store};
use rightsdesk_tests::Sandbox;

fn keyring_account(sb: &Sandbox) -> String {
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sb.data_dir().join("key.json")).unwrap()).unwrap();
    record["keyring_account"].as_str().unwrap().to_owned()
}

#[test]
#[ignore = "talks to the OS Secret Service of this process: make test runs it under scripts/with-keyring.sh"]
fn keyring_mode_creates_reopens_and_keeps_the_key_off_disk() {
    let sb = Sandbox::new();
    let dir = DataDir::new(sb.data_dir());
    let mut store = Store::create(&dir, KeyChoice::PreferKeyring { fallback_passphrase: None }).unwrap();
    assert_eq!(store.info().mode, KeyMode::Keyring);
    let id = store
        .create_person(rightsdesk_domain::PersonDraft { display_name: "Keyring Kate".into(), ..Default::default() })
        .unwrap()
        .id;
    drop(store);

    // The key really is in the Secret Service, and nowhere in the folder.
    let entry = keyring::Entry::new("rightsdesk", &keyring_account(&sb)).unwrap();
    let key_hex = entry.get_password().unwrap();
    assert_eq!(key_hex.len(), 64, "a 256-bit key, hex-encoded");
    for (path, bytes) in sb.snapshot() {
        assert!(!bytes.windows(64).any(|w| w == key_hex.as_bytes()), "key found in {}", path.display());
    }

    let store = Store::open(&dir, None).unwrap();
    assert_eq!(store.get_person(id).unwrap().display_name, "Keyring Kate");
}

#[test]
#[ignore = "talks to the OS Secret Service of this process: make test runs it under scripts/with-keyring.sh"]
fn each_data_dir_gets_its_own_key() {
    let (a, b) = (Sandbox::new(), Sandbox::new());
    for sb in [&a, &b] {
        Store::create(&DataDir::new(sb.data_dir()), KeyChoice::PreferKeyring { fallback_passphrase: None }).unwrap();
    }
    let key = |sb: &Sandbox| keyring::Entry::new("rightsdesk", &keyring_account(sb)).unwrap().get_password().unwrap();
    assert_ne!(keyring_account(&a), keyring_account(&b));
    assert_ne!(key(&a), key(&b));
}

#[test]
#[ignore = "talks to the OS Secret Service of this process: make test runs it under scripts/with-keyring.sh"]
fn a_missing_key_is_a_clear_error_and_the_database_is_untouched() {
    let sb = Sandbox::new();
    let dir = DataDir::new(sb.data_dir());
    drop(Store::create(&dir, KeyChoice::PreferKeyring { fallback_passphrase: None }).unwrap());
    keyring::Entry::new("rightsdesk", &keyring_account(&sb)).unwrap().delete_credential().unwrap();
    let before = sb.snapshot();
    let err = Store::open(&dir, None).unwrap_err();
    assert_eq!(err.code, ErrorCode::KeyMissing, "{}", err.message);
    assert!(err.message.contains("not touched"), "{}", err.message);
    assert_eq!(sb.snapshot(), before);
    // And it is not silently re-created over the old database.
    assert_eq!(
        Store::create(&dir, KeyChoice::PreferKeyring { fallback_passphrase: None }).unwrap_err().code,
        ErrorCode::AlreadyInitialised
    );
}

#[test]
#[ignore = "talks to the OS Secret Service of this process: make test runs it under scripts/with-keyring.sh"]
fn a_foreign_key_in_the_keyring_is_refused() {
    let sb = Sandbox::new();
    let dir = DataDir::new(sb.data_dir());
    drop(Store::create(&dir, KeyChoice::PreferKeyring { fallback_passphrase: None }).unwrap());
    let entry = keyring::Entry::new("rightsdesk", &keyring_account(&sb)).unwrap();
    entry.set_password(&"ab".repeat(32)).unwrap();
    let before = sb.snapshot();
    assert_eq!(Store::open(&dir, None).unwrap_err().code, ErrorCode::KeyMissing);
    assert_eq!(sb.snapshot(), before);
}
