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

mod authorities;
pub mod backup;
mod clock;
mod controllers;
mod data_dir;
mod db;
mod erasure;
mod error;
mod events;
mod imports;
mod inbox;
pub mod key;
mod letters;
mod mail;
mod mandates;
pub mod migrations;
mod people;
mod policies;
mod projects;
mod reports;
mod requests;
mod run_lock;
mod search;
mod secrets;
mod tracking;

pub use backup::{BackupSummary, TableDigest, restore_backup, verify_backup};
pub use clock::{Clock, FixedClock, SystemClock};
pub use data_dir::{DATA_DIR_ENV, DB_FILE, DataDir, KEY_RECORD_FILE};
pub use db::{Health, KeyChoice, Store, StoreInfo};
pub use error::{Error, Result};
pub use key::{KeyMode, PASSPHRASE_ENV};
pub use mail::MAX_ATTEMPTS;
pub use policies::content_hash;
pub use requests::RequestFilter;
pub use run_lock::{MAIL_LOCK_FILE, MailLock};
pub(crate) use run_lock::{owner_alive, process_owner};
pub use secrets::{MemorySecrets, OsKeyring, SecretStore, Secrets};
pub use tracking::MAX_ATTACHMENT;

/// Where an export goes: `path` if given, else `Documents/RightsDesk/<name>`
/// (created if needed; the home folder where there is no Documents folder).
pub fn export_path(path: &std::path::Path, name: &str) -> Result<std::path::PathBuf> {
    if !path.as_os_str().is_empty() {
        return Ok(path.to_path_buf());
    }
    let dirs = directories::UserDirs::new();
    let base = dirs
        .as_ref()
        .and_then(|d| d.document_dir().map(std::path::Path::to_path_buf))
        .or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()))
        .ok_or_else(|| Error::new(rightsdesk_domain::ErrorCode::Io, "no documents folder to save into: give a path"))?;
    let dir = base.join("RightsDesk");
    std::fs::create_dir_all(&dir)?;
    Ok(dir.join(name))
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so a full disk or a crash never leaves half a file where a good
/// one was.
pub fn write_file_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let name = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    if name.is_empty() {
        return Err(Error::new(
            rightsdesk_domain::ErrorCode::Invalid,
            format!("{} is not a file name", path.display()),
        ));
    }
    let tmp = dir.join(format!(".{name}.rightsdesk-tmp"));
    if let Err(e) = std::fs::write(&tmp, bytes) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    std::fs::rename(&tmp, path)?;
    Ok(())
}

#[cfg(feature = "bench")]
impl Store {
    /// The raw connection, for benchmarks that seed hundreds of thousands of
    /// rows. Not part of the product: only the `bench` feature has it.
    pub fn raw_connection(&mut self) -> &mut rusqlite::Connection {
        &mut self.conn
    }
}
