//! Creating and opening the encrypted database.

use std::io::Read;
use std::path::{Path, PathBuf};

use rightsdesk_domain::ErrorCode;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use crate::key::{KeyMode, KeyRecord};
use crate::secrets::{OsKeyring, Secrets};
use crate::{DataDir, Error, Result, migrations};

/// SQLite `application_id` of a RightsDesk database ("RDsk").
pub(crate) const APPLICATION_ID: i32 = 0x5244_736b;
const SQLITE_PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How to protect a new database.
#[derive(Debug, Clone, Copy)]
pub enum KeyChoice<'a> {
    /// Use the OS keyring; if it is not usable, fall back to the passphrase
    /// when one is given, else fail with `keyring_unavailable`.
    PreferKeyring { fallback_passphrase: Option<&'a str> },
    /// Use a passphrase even where a keyring exists.
    Passphrase(&'a str),
}

/// What the faces show about an open store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoreInfo {
    pub data_dir: PathBuf,
    pub db_path: PathBuf,
    pub mode: KeyMode,
    pub schema_version: u32,
}

/// Result of `doctor`'s checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Health {
    pub integrity: String,
    pub cipher_version: String,
    pub schema_version: u32,
    pub latest_schema_version: u32,
    pub people: i64,
    pub controllers: i64,
    pub requests: i64,
}

#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) info: StoreInfo,
    /// Controllers as search sees them, loaded on first search and dropped on
    /// every change to controllers or claims.
    pub(crate) search_index: std::cell::RefCell<Option<std::sync::Arc<Vec<crate::search::SearchEntry>>>>,
    /// Where the database key (keyring mode) and the mail passwords live.
    pub(crate) secrets: Secrets,
    /// What "now" and "today" are for this store's writes.
    pub(crate) clock: std::sync::Arc<dyn crate::Clock>,
    /// Who writes letters (the templates): the store assembles what a letter
    /// is made from and keeps the result, it does not render.
    pub(crate) writer: std::sync::Arc<dyn rightsdesk_domain::letter::LetterWriter>,
}

/// The writer of a store nobody gave one: drafting is refused, clearly.
#[derive(Debug)]
struct NoWriter;

impl rightsdesk_domain::letter::LetterWriter for NoWriter {
    fn render(
        &self,
        _: &rightsdesk_domain::letter::LetterInput,
    ) -> std::result::Result<rightsdesk_domain::Letter, rightsdesk_domain::letter::WriteError> {
        Err(no_writer())
    }

    fn eml(
        &self,
        _: &rightsdesk_domain::Letter,
        _: &str,
        _: chrono::DateTime<chrono::Utc>,
    ) -> std::result::Result<Vec<u8>, rightsdesk_domain::letter::WriteError> {
        Err(no_writer())
    }
}

fn no_writer() -> rightsdesk_domain::letter::WriteError {
    rightsdesk_domain::letter::WriteError::Failed {
        code: ErrorCode::Internal,
        message: "this store was opened without a letter writer (rightsdesk_usecases::open gives it one)".into(),
    }
}

impl Store {
    /// Whether a database exists here, and how it is protected. Reads only the
    /// key record, never the database.
    pub fn key_mode(dir: &DataDir) -> Result<Option<KeyMode>> {
        let record_path = dir.key_record_path();
        if !record_path.exists() {
            return Ok(None);
        }
        Ok(Some(KeyRecord::read(&record_path)?.mode))
    }

    /// Creates a new, empty, encrypted database, its key (keyring mode) in
    /// the OS keyring. Refuses if anything is already there.
    pub fn create(dir: &DataDir, choice: KeyChoice<'_>) -> Result<Store> {
        Self::create_with(dir, choice, OsKeyring::shared())
    }

    /// `create`, keeping secrets in `secrets`.
    pub fn create_with(dir: &DataDir, choice: KeyChoice<'_>, secrets: Secrets) -> Result<Store> {
        Self::build(dir, choice, secrets, |building, key| {
            let mut conn = Connection::open_with_flags(
                building,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
            conn.execute_batch(&key.pragma())?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            migrations::apply(&mut conn, migrations::MIGRATIONS)?;
            conn.close().map_err(|(_, e)| Error::from(e))?;
            Ok(())
        })
    }

    /// Makes a new database: a new key (keyring, else the passphrase), the
    /// file filled by `fill` (given the file to build and its key) under a
    /// temporary name, then the key record, then the rename into place. A
    /// failure anywhere leaves nothing behind. Refuses if anything is there.
    pub(crate) fn build(
        dir: &DataDir,
        choice: KeyChoice<'_>,
        secrets: Secrets,
        fill: impl FnOnce(&Path, &crate::key::DbKey) -> Result<()>,
    ) -> Result<Store> {
        let db_path = dir.db_path();
        let record_path = dir.key_record_path();
        if db_path.exists() || record_path.exists() {
            return Err(Error::new(
                ErrorCode::AlreadyInitialised,
                format!("a RightsDesk database already exists in {}; nothing was changed", dir.root().display()),
            ));
        }
        create_private_dir(dir.root())?;

        let (record, key) = match choice {
            KeyChoice::Passphrase(p) => KeyRecord::create_from_passphrase(p)?,
            KeyChoice::PreferKeyring { fallback_passphrase } => {
                match KeyRecord::create_in_keyring(secrets.as_ref(), &keyring_account(dir.root())) {
                    Ok(created) => created,
                    Err(e) if e.code == ErrorCode::KeyringUnavailable => match fallback_passphrase {
                        Some(p) => KeyRecord::create_from_passphrase(p)?,
                        None => {
                            return Err(Error::new(
                                ErrorCode::KeyringUnavailable,
                                format!("{}; a passphrase is needed instead", e.message),
                            ));
                        }
                    },
                    Err(e) => return Err(e),
                }
            }
        };

        // Build the database under a temporary name and move it into place
        // only when it is complete, after the key record is safely written.
        let building = db_path.with_extension("db.creating");
        let result = (|| -> Result<()> {
            remove_if_exists(&building)?;
            fill(&building, &key)?;
            record.write_new(&record_path)?;
            std::fs::rename(&building, &db_path)?;
            Ok(())
        })();
        drop(key);
        if let Err(e) = result {
            let _ = std::fs::remove_file(&building);
            if !db_path.exists() {
                let _ = std::fs::remove_file(&record_path);
                record.forget(secrets.as_ref());
            }
            return Err(e);
        }
        Store::open_with(
            dir,
            match choice {
                KeyChoice::Passphrase(p) => Some(p),
                KeyChoice::PreferKeyring { fallback_passphrase } => fallback_passphrase,
            },
            secrets,
        )
    }

    /// Opens an existing database. `passphrase` is needed in passphrase mode only.
    pub fn open(dir: &DataDir, passphrase: Option<&str>) -> Result<Store> {
        Self::open_with(dir, passphrase, OsKeyring::shared())
    }

    /// `open`, reading secrets from `secrets`.
    pub fn open_with(dir: &DataDir, passphrase: Option<&str>, secrets: Secrets) -> Result<Store> {
        let db_path = dir.db_path();
        let record_path = dir.key_record_path();
        match (db_path.exists(), record_path.exists()) {
            (false, false) => {
                return Err(Error::new(
                    ErrorCode::NotInitialised,
                    format!("no RightsDesk database in {} yet (run `rightsdesk init`)", dir.root().display()),
                ));
            }
            (true, false) => {
                return Err(Error::new(
                    ErrorCode::KeyMissing,
                    format!(
                        "there is a file at {} but no key record ({}) beside it, so it cannot be opened; nothing was changed",
                        db_path.display(),
                        crate::KEY_RECORD_FILE
                    ),
                ));
            }
            (false, true) => {
                return Err(Error::new(
                    ErrorCode::NotFound,
                    format!(
                        "the database file {} is missing although its key record exists; if you moved it, put it back. Nothing was changed",
                        db_path.display()
                    ),
                ));
            }
            (true, true) => {}
        }
        refuse_read_only(dir.root(), &db_path)?;
        let record = KeyRecord::read(&record_path)?;
        let key = record.unlock(secrets.as_ref(), passphrase)?;
        check_header(&db_path)?;

        // Every check runs on a read-only connection first: a read-write
        // connection that fails half-way would, on close, checkpoint a WAL left
        // by a crash into a damaged main file. Read-only, nothing can be written.
        drop(verify(&db_path, &key, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?);
        let mut conn = verify(&db_path, &key, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        drop(key);
        // A 32 MiB page cache: every page read from disk is decrypted, so with
        // tens of thousands of requests a small cache costs more than memory.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;
             PRAGMA cache_size = -32768;",
        )?;
        migrations::apply(&mut conn, migrations::MIGRATIONS)?;
        let schema_version = migrations::schema_version(&conn)?;
        Ok(Store {
            conn,
            info: StoreInfo { data_dir: dir.root().to_owned(), db_path, mode: record.mode, schema_version },
            search_index: Default::default(),
            secrets,
            clock: std::sync::Arc::new(crate::SystemClock),
            writer: std::sync::Arc::new(NoWriter),
        })
    }

    /// From now on, letters are written (rendered, made into e-mails) by `writer`.
    pub fn set_writer(&mut self, writer: std::sync::Arc<dyn rightsdesk_domain::letter::LetterWriter>) {
        self.writer = writer;
    }

    /// A stamp that changes whenever the database does — a write through this
    /// connection (SQLite's total changes) or through any other, in this
    /// process or another (`PRAGMA data_version`) — so what was read from the
    /// store can be kept until it changes.
    pub fn change_stamp(&self) -> Result<(i64, u64)> {
        let version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok((version, self.conn.total_changes()))
    }

    /// Today, by the store's clock.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// Now, by the store's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// How many requests the store holds.
    pub fn request_count(&self) -> Result<i64> {
        self.count("requests")
    }

    /// Rows in one of the store's own tables (a fixed name, never user input).
    fn count(&self, table: &str) -> Result<i64> {
        Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    }

    /// When the oldest request was made (RFC 3339), if there is one.
    pub fn first_request_at(&self) -> Result<Option<String>> {
        // By rowid (ids only grow): the primary key, not a scan of every request —
        // the reminder asks on every change of screen.
        Ok(self.conn.query_row("SELECT created_at FROM requests ORDER BY id LIMIT 1", [], |r| r.get(0)).optional()?)
    }

    /// What this store holds of the user's own (see `domain::backup::may_replace`).
    pub fn holdings(&self) -> Result<rightsdesk_domain::backup::Holdings> {
        Ok(rightsdesk_domain::backup::Holdings {
            requests: self.count("requests")?,
            people: self.count("people")?,
            messages: self.count("messages")? + self.count("mail_in")?,
            mail_accounts: self.count("mail_accounts")?,
        })
    }

    /// From now on, "now" and "today" come from `clock` (tests pin the time).
    pub fn set_clock(&mut self, clock: std::sync::Arc<dyn crate::Clock>) {
        self.clock = clock;
    }

    pub fn info(&self) -> &StoreInfo {
        &self.info
    }

    /// Full integrity check; reads every page, so it takes a moment on a big store.
    pub fn health(&self) -> Result<Health> {
        let integrity: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let cipher_version: String =
            self.conn.query_row("PRAGMA cipher_version", [], |r| r.get(0)).unwrap_or_else(|_| "none".into());
        Ok(Health {
            integrity,
            cipher_version,
            schema_version: migrations::schema_version(&self.conn)?,
            latest_schema_version: migrations::latest_version(),
            people: self.count("people")?,
            controllers: self.count("controllers")?,
            requests: self.count("requests")?,
        })
    }
}

/// Opens the database with `key` and checks it is a RightsDesk database this
/// build can open: page 1 decrypts, the application id is ours, the schema is
/// not newer. Writes nothing.
fn verify(db_path: &Path, key: &crate::key::DbKey, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(db_path, flags)?;
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.execute_batch(&key.pragma())?;
    let not_ours = |detail: &str| {
        Error::new(
            ErrorCode::NotADatabase,
            format!(
                "the file at {} is not a RightsDesk database or is damaged ({detail}); it was not changed",
                db_path.display()
            ),
        )
    };
    // The first read decrypts page 1: a damaged file fails here.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
        .map_err(|e| not_ours(&e.to_string()))?;
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        return Err(not_ours("it belongs to another application"));
    }
    migrations::refuse_newer(&conn, migrations::latest_version())?;
    Ok(conn)
}

/// A store that cannot be written is refused before anything is opened, with
/// the reason: SQLite would otherwise fail later, half-way through a write, or
/// not at all until the first change. Checks the database file (opened for
/// writing, not changed) and the folder (where the WAL, the key record and
/// exports are written: a file created and removed).
fn refuse_read_only(root: &Path, db_path: &Path) -> Result<()> {
    let read_only = |what: &Path, e: std::io::Error| {
        Error::new(
            ErrorCode::ReadOnly,
            format!(
                "{} cannot be written ({e}); RightsDesk keeps its database there and needs to write to it. \
                 Make the folder writable (or remount the disk read-write), or start RightsDesk with another data folder. Nothing was changed",
                what.display()
            ),
        )
    };
    let is_read_only = |e: &std::io::Error| {
        matches!(e.kind(), std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied)
    };
    if let Err(e) = std::fs::OpenOptions::new().write(true).open(db_path) {
        return Err(if is_read_only(&e) { read_only(db_path, e) } else { e.into() });
    }
    let probe = root.join(format!(".rightsdesk-write-check-{}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) if is_read_only(&e) => Err(read_only(root, e)),
        // Left over from a crash of this very process id: harmless.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

/// The keyring entry name: unique per data directory, so an advocate's
/// separate stores (or test runs) never share a key.
pub(crate) fn keyring_account(root: &Path) -> String {
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    format!("database-key {}", canonical.display())
}

/// A plain SQLite file or an empty file is recognisably not ours; say so
/// precisely instead of "wrong key".
fn check_header(path: &Path) -> Result<()> {
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path)?;
    let n = file.read(&mut header)?;
    let problem = if n == 0 {
        Some("it is empty")
    } else if n < 16 {
        Some("it is too short")
    } else if &header == SQLITE_PLAIN_HEADER {
        Some("it is an unencrypted SQLite database")
    } else {
        None
    };
    match problem {
        Some(p) => Err(Error::new(
            ErrorCode::NotADatabase,
            format!("the file at {} is not a RightsDesk database ({p}); it was not changed", path.display()),
        )),
        None => Ok(()),
    }
}

/// Creates the data directory readable by the user only. An existing
/// directory is left as the user set it up.
fn create_private_dir(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}
