//! RightsDesk's local store: one SQLCipher-encrypted SQLite file per data
//! directory, opened with a key from the OS keyring or a passphrase.
//!
//! Invariants:
//! - Nothing here ever replaces, truncates or "repairs" an existing file: a
//!   database that cannot be opened is reported and left exactly as it was.
//! - Secrets (the key, a passphrase) never reach disk in plain text and never
//!   appear in an error message.
//! - Every open checks, in order: key record → key → file header → decryption
//!   → application id → schema version, and only then writes (WAL, migrations).

mod controllers;
mod data_dir;
mod db;
mod error;
pub mod key;
pub mod migrations;
mod people;
mod requests;

pub use data_dir::{DATA_DIR_ENV, DB_FILE, DataDir, KEY_RECORD_FILE};
pub use db::{Health, KeyChoice, Store, StoreInfo};
pub use error::{Error, Result};
pub use key::{KeyMode, PASSPHRASE_ENV};
pub use requests::RequestFilter;

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
