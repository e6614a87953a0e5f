//! Encrypted backups: the whole store in one file, under a passphrase of its
//! own, restorable into an empty data directory on any machine.
//!
//! The file:
//!
//! ```text
//! "RightsDeskBackup"  16 bytes, the magic
//! header length       u32, little-endian
//! header              JSON: format, when, schema version, Argon2id salt and
//!                     parameters, nonce, ciphertext length, the image's size
//!                     (optional: older backups lack it), a check value of the key
//! header digest       SHA-256 of everything before it (a damaged header is told
//!                     from a wrong passphrase)
//! ciphertext          XChaCha20-Poly1305 over the deflated SQLite image, the
//!                     bytes before it as associated data
//! ```
//!
//! Invariants: the plain image exists only in memory (the snapshot is exported
//! into a private database of SQLite's `memdb` VFS, never a file; its 1 GiB
//! default cap is lifted at build time in `.cargo/config.toml`); the snapshot is one read
//! transaction, so a backup taken while the app writes is consistent; a
//! backup is checked completely (header, passphrase, authentication,
//! decompression, SQLite integrity, application id, schema) before a restore
//! writes anything; a restore never writes into a directory that holds anything.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rightsdesk_domain::ErrorCode;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::key::{Argon2Params, DbKey};
use crate::{DataDir, Error, KeyChoice, Result, Secrets, Store, migrations};

const MAGIC: &[u8; 16] = b"RightsDeskBackup";
const FORMAT: u32 = 1;
const SNAPSHOT: &str = "rd_backup_snapshot";
/// A header longer than this is not ours.
const MAX_HEADER: usize = 64 * 1024;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    created_at: String,
    app_version: String,
    schema_version: u32,
    kdf: String,
    salt: String,
    argon2: Argon2Params,
    cipher: String,
    nonce: String,
    ciphertext_len: u64,
    /// The plain image's size, so a restore inflates it straight into
    /// SQLite's memory (absent from backups made before it was added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    image_len: Option<u64>,
    check: String,
}

/// One table of the store: how many rows, and a digest of their content
/// (independent of row order), to compare a restore with its source. A
/// backup as it is written reports the counts only; `verify` and `restore`,
/// which read the image anyway, add the digests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableDigest {
    pub table: String,
    pub rows: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// What a backup holds, as `backup`, `backup verify` and `restore` report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    pub path: PathBuf,
    pub bytes: u64,
    pub created_at: String,
    pub schema_version: u32,
    pub requests: i64,
    pub messages: i64,
    pub people: i64,
    pub tables: Vec<TableDigest>,
}

impl Store {
    /// The whole store as a plain SQLite image in memory, handed to `seal`;
    /// returned with its tables' row counts: one read transaction, so concurrent
    /// writers (the app, another CLI) never make it inconsistent. The image is
    /// a private database of SQLite's `memdb` VFS, so `seal` reads its pages
    /// where they lie: serializing an ordinary in-memory database copied half
    /// a gigabyte page by page, a quarter of a large store's backup time.
    fn with_snapshot<T>(&self, seal: impl FnOnce(&[u8]) -> Result<T>) -> Result<(Vec<TableDigest>, T)> {
        let mut name = [0u8; 12];
        getrandom::fill(&mut name)
            .map_err(|e| Error::new(ErrorCode::Internal, format!("no randomness from the OS: {e}")))?;
        let uri = format!("file:rd-backup-{}?vfs=memdb", hex::encode(name));
        self.conn.execute_batch(&format!("ATTACH DATABASE '{uri}' AS {SNAPSHOT} KEY '';"))?;
        let sealed = (|| -> Result<(Vec<TableDigest>, T)> {
            self.conn.execute_batch("BEGIN; SELECT count(*) FROM main.sqlite_master;")?;
            let exported = self
                .conn
                .query_row(&format!("SELECT sqlcipher_export('{SNAPSHOT}')"), [], |_| Ok(()))
                .map_err(Error::from);
            let ended = self.conn.execute_batch(if exported.is_ok() { "COMMIT;" } else { "ROLLBACK;" });
            exported?;
            ended?;
            let version = migrations::schema_version(&self.conn)?;
            self.conn.execute_batch(&format!(
                "PRAGMA {SNAPSHOT}.user_version = {version}; PRAGMA {SNAPSHOT}.application_id = {};",
                crate::db::APPLICATION_ID
            ))?;
            let tables = table_counts(&self.conn, SNAPSHOT)?;
            let image = self.conn.serialize(SNAPSHOT)?;
            Ok((tables, seal(&image)?))
        })();
        let detached = self.conn.execute_batch(&format!("DETACH DATABASE {SNAPSHOT};"));
        let sealed = sealed?;
        detached?;
        Ok(sealed)
    }

    /// Writes an encrypted backup of the whole store to `path` (through a
    /// temporary file and a rename: a full disk leaves no half backup).
    pub fn backup_to(&self, path: &Path, passphrase: &str) -> Result<BackupSummary> {
        rightsdesk_domain::backup::check_passphrase(passphrase).map_err(|f| Error {
            code: ErrorCode::Invalid,
            message: f.message.clone(),
            fields: vec![f],
        })?;
        let (tables, (header, bytes)) = self.with_snapshot(|image| {
            let created_at = self.clock.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            write_backup(path, image, passphrase, created_at, self.info.schema_version)
        })?;
        Ok(summary(path, bytes, &header, &tables))
    }

    /// The passphrase automatic backups are written under, kept in the OS
    /// keyring (never in the database or a file); `None` removes it.
    pub fn set_backup_passphrase(&self, passphrase: Option<&str>) -> Result<()> {
        let account = self.backup_passphrase_account();
        let done = match passphrase {
            Some(p) => {
                rightsdesk_domain::backup::check_passphrase(p).map_err(|f| Error {
                    code: ErrorCode::Invalid,
                    message: f.message.clone(),
                    fields: vec![f],
                })?;
                self.secrets.set(&account, p)
            }
            None => self.secrets.delete(&account),
        };
        done.map_err(|e| {
            Error::new(
                ErrorCode::KeyringUnavailable,
                format!(
                    "the automatic backups' passphrase lives in the OS keyring, which cannot be used: {}",
                    e.message
                ),
            )
        })
    }

    /// The automatic backups' passphrase, if one is kept.
    pub fn backup_passphrase(&self) -> Result<Option<Zeroizing<String>>> {
        self.secrets.get(&self.backup_passphrase_account())
    }

    fn backup_passphrase_account(&self) -> String {
        let root = self.info.data_dir.canonicalize().unwrap_or_else(|_| self.info.data_dir.clone());
        format!("backup-passphrase {}", root.display())
    }

    /// Every table's row count and content digest (tests compare a restore with its source).
    pub fn table_digests(&self) -> Result<Vec<TableDigest>> {
        table_digests(&self.conn)
    }
}

/// Seals a plain database image under `passphrase` into a backup file at
/// `path` (through a temporary file and a rename: a full disk leaves no half
/// backup): its header, and the size of the file.
fn write_backup(
    path: &Path,
    image: &[u8],
    passphrase: &str,
    created_at: String,
    schema_version: u32,
) -> Result<(Header, u64)> {
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 24];
    getrandom::fill(&mut salt)
        .and_then(|_| getrandom::fill(&mut nonce))
        .map_err(|e| Error::new(ErrorCode::Internal, format!("no randomness from the OS: {e}")))?;
    let params = Argon2Params::DEFAULT;
    // Deflate on one core while the other derives the key. The tables'
    // content digests are not computed here: they are a second reading of
    // the whole image, and only `verify` and `restore` compare them.
    let (compressed, key) = std::thread::scope(|scope| {
        let key = scope.spawn(|| crate::key::derive(passphrase, &salt, &params));
        let mut compressed = Zeroizing::new(Vec::with_capacity(image.len() / 3));
        let deflated = {
            let mut enc = flate2::write::DeflateEncoder::new(&mut *compressed, flate2::Compression::fast());
            enc.write_all(image).and_then(|_| enc.finish().map(|_| ()))
        };
        let key = key.join().map_err(|_| Error::new(ErrorCode::Internal, "deriving the backup key failed"))??;
        deflated?;
        Ok::<_, Error>((compressed, key))
    })?;
    let header = Header {
        format: FORMAT,
        created_at,
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        schema_version,
        kdf: "argon2id".into(),
        salt: hex::encode(salt),
        argon2: params,
        cipher: "xchacha20poly1305".into(),
        nonce: hex::encode(nonce),
        ciphertext_len: (compressed.len() + 16) as u64,
        image_len: Some(image.len() as u64),
        check: check_value(&key),
    };
    let header_json = serde_json::to_vec(&header)
        .map_err(|e| Error::new(ErrorCode::Internal, format!("cannot encode the backup header: {e}")))?;
    let mut out = Vec::with_capacity(compressed.len() + header_json.len() + 100);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(header_json.len() as u32).to_le_bytes());
    out.extend_from_slice(&header_json);
    let digest = Sha256::digest(&out);
    out.extend_from_slice(&digest);
    let cipher = XChaCha20Poly1305::new_from_slice(key.bytes())
        .map_err(|_| Error::new(ErrorCode::Internal, "bad backup key length"))?;
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: &compressed, aad: &out })
        .map_err(|_| Error::new(ErrorCode::Internal, "encrypting the backup failed"))?;
    out.extend_from_slice(&sealed);
    crate::write_file_atomically(path, &out)?;
    Ok((header, out.len() as u64))
}

/// Checks a backup completely without writing anything: what it holds.
pub fn verify_backup(path: &Path, passphrase: &str) -> Result<BackupSummary> {
    let opened = open_backup(path, passphrase)?;
    let conn = opened.database(path)?;
    check_database(&conn, path)?;
    let tables = table_digests(&conn)?;
    Ok(summary(path, opened.bytes, &opened.header, &tables))
}

/// Restores a backup into `dir`, which must be empty or not exist yet: a new
/// database under a new key (in this machine's keyring, or from the
/// passphrase `choice` names). Everything is checked before anything is written.
pub fn restore_backup(
    dir: &DataDir,
    path: &Path,
    passphrase: &str,
    choice: KeyChoice<'_>,
    secrets: Secrets,
) -> Result<(Store, BackupSummary)> {
    refuse_non_empty(dir.root())?;
    let opened = open_backup(path, passphrase)?;
    let image_conn = opened.database(path)?;
    check_database(&image_conn, path)?;
    let tables = table_digests(&image_conn)?;
    let Opened { header, compressed, bytes } = opened;
    drop(compressed);
    let version = header.schema_version;
    let store = Store::build(dir, choice, secrets, |building, key| {
        let attach = Zeroizing::new(format!(
            "ATTACH DATABASE '{}' AS restored KEY \"x'{}'\";",
            building.display().to_string().replace('\'', "''"),
            key.hex().as_str()
        ));
        image_conn.execute_batch(&attach)?;
        let copied = (|| -> Result<()> {
            // The file is a temporary one until it is complete (`Store::build`
            // renames it then): no journal, and one sync at the end.
            image_conn.execute_batch(
                "PRAGMA restored.journal_mode = OFF; PRAGMA restored.synchronous = OFF; \
                 PRAGMA restored.cache_size = -65536;",
            )?;
            image_conn.query_row("SELECT sqlcipher_export('restored')", [], |_| Ok(()))?;
            image_conn.execute_batch(&format!(
                "PRAGMA restored.user_version = {version}; PRAGMA restored.application_id = {};",
                crate::db::APPLICATION_ID
            ))?;
            Ok(())
        })();
        let detached = image_conn.execute_batch("DETACH DATABASE restored;");
        copied?;
        detached?;
        std::fs::File::open(building)?.sync_all()?;
        Ok(())
    })?;
    Ok((store, summary(path, bytes, &header, &tables)))
}

fn refuse_non_empty(root: &Path) -> Result<()> {
    match std::fs::read_dir(root) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::new(
                    ErrorCode::NotEmpty,
                    format!(
                        "{} is not empty; a backup is restored only into an empty or new folder, so nothing there is overwritten. Nothing was changed",
                        root.display()
                    ),
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// A backup read, authenticated and decrypted: its compressed image, in
/// memory only.
struct Opened {
    header: Header,
    compressed: Zeroizing<Vec<u8>>,
    bytes: u64,
}

impl Opened {
    /// The image as an in-memory database, inflated straight into SQLite's
    /// memory where the header gives its size (allocating half a gigabyte
    /// is not free: twice was a tenth of a large restore).
    fn database(&self, path: &Path) -> Result<Connection> {
        let not_inflated = || damaged(path, "its content does not decompress");
        let mut conn = Connection::open_in_memory()?;
        let mut decoder = flate2::read::DeflateDecoder::new(&self.compressed[..]);
        match self.header.image_len.map(usize::try_from) {
            Some(Ok(len)) => {
                conn.deserialize_read_exact("main", &mut decoder, len, false).map_err(|_| not_inflated())?;
                if decoder.read(&mut [0u8; 1]).map_err(|_| not_inflated())? != 0 {
                    return Err(damaged(path, "its content is longer than its header says"));
                }
            }
            Some(Err(_)) => return Err(damaged(path, "its header is not readable")),
            None => {
                let mut image = Zeroizing::new(Vec::with_capacity(self.compressed.len() * 3));
                decoder.read_to_end(&mut image).map_err(|_| not_inflated())?;
                conn.deserialize_read_exact("main", &image[..], image.len(), false)
                    .map_err(|_| damaged(path, "it holds no database"))?;
            }
        }
        Ok(conn)
    }
}

fn damaged(path: &Path, what: &str) -> Error {
    Error::new(
        ErrorCode::BackupDamaged,
        format!("the backup {} is damaged ({what}); nothing was written", path.display()),
    )
}

/// The image is a RightsDesk database this version can read.
fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| damaged(path, "its database is not readable"))?;
    if app_id != crate::db::APPLICATION_ID {
        return Err(Error::new(
            ErrorCode::NotABackup,
            format!("{} is not a RightsDesk backup; nothing was written", path.display()),
        ));
    }
    migrations::refuse_newer(conn, migrations::latest_version()).map(|_| ()).map_err(|e| match e.code {
        ErrorCode::Internal => damaged(path, "its database is not readable"),
        _ => e,
    })
}

/// SQLite's own integrity check over the whole image.
fn check_integrity(conn: &Connection, path: &Path) -> Result<()> {
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| damaged(path, "its database is not readable"))?;
    if integrity != "ok" {
        return Err(damaged(path, &format!("its database fails the integrity check: {integrity}")));
    }
    Ok(())
}

/// Every check of the image (identity, then integrity).
fn check_database(conn: &Connection, path: &Path) -> Result<()> {
    check_identity(conn, path)?;
    check_integrity(conn, path)
}

/// Reads, authenticates, decrypts and decompresses a backup (never to a file).
fn open_backup(path: &Path, passphrase: &str) -> Result<Opened> {
    let bytes = std::fs::read(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::new(ErrorCode::NotFound, format!("there is no file at {}", path.display()))
        } else {
            Error::from(e)
        }
    })?;
    let shown = path.display();
    let not_ours =
        || Error::new(ErrorCode::NotABackup, format!("{shown} is not a RightsDesk backup; nothing was written"));
    let damaged = |what: &str| damaged(path, what);
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(not_ours());
    }
    let rest = &bytes[MAGIC.len()..];
    if rest.len() < 4 {
        return Err(damaged("it is truncated"));
    }
    let header_len = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
    if header_len > MAX_HEADER {
        return Err(damaged("its header is not readable"));
    }
    let header_end = MAGIC.len() + 4 + header_len;
    if bytes.len() < header_end + 32 {
        return Err(damaged("it is truncated"));
    }
    let (before, digest_and_rest) = bytes.split_at(header_end);
    if Sha256::digest(before).as_slice() != &digest_and_rest[..32] {
        return Err(damaged("its header was altered"));
    }
    let header: Header = serde_json::from_slice(&before[MAGIC.len() + 4..]).map_err(|_| not_ours())?;
    if header.format > FORMAT {
        return Err(Error::new(
            ErrorCode::NotABackup,
            format!(
                "{shown} was made by a newer RightsDesk (backup format {}); update RightsDesk to restore it",
                header.format
            ),
        ));
    }
    if header.kdf != "argon2id" || header.cipher != "xchacha20poly1305" {
        return Err(not_ours());
    }
    let ciphertext = &digest_and_rest[32..];
    if (ciphertext.len() as u64) < header.ciphertext_len {
        return Err(damaged(&format!(
            "it is truncated: {} of {} bytes of content",
            ciphertext.len(),
            header.ciphertext_len
        )));
    }
    if ciphertext.len() as u64 > header.ciphertext_len {
        return Err(damaged("it has bytes after its end"));
    }
    let salt = hex::decode(&header.salt).map_err(|_| damaged("its header is not readable"))?;
    let nonce = hex::decode(&header.nonce).ok().filter(|n| n.len() == 24).ok_or_else(|| damaged("bad nonce"))?;
    let key = crate::key::derive(passphrase, &salt, &header.argon2)?;
    if check_value(&key) != header.check {
        return Err(Error::new(ErrorCode::WrongPassphrase, "wrong backup passphrase; nothing was written"));
    }
    let cipher = XChaCha20Poly1305::new_from_slice(key.bytes())
        .map_err(|_| Error::new(ErrorCode::Internal, "bad backup key length"))?;
    let compressed = Zeroizing::new(
        cipher
            .decrypt(XNonce::from_slice(&nonce), Payload { msg: ciphertext, aad: &bytes[..header_end + 32] })
            .map_err(|_| damaged("its content was altered: the authentication check failed"))?,
    );
    Ok(Opened { header, compressed, bytes: bytes.len() as u64 })
}

fn check_value(key: &DbKey) -> String {
    let mut h = Sha256::new();
    h.update(b"rightsdesk backup check v1\0");
    h.update(key.bytes());
    hex::encode(h.finalize())
}

fn summary(path: &Path, bytes: u64, header: &Header, tables: &[TableDigest]) -> BackupSummary {
    let rows = |t: &str| tables.iter().find(|d| d.table == t).map(|d| d.rows).unwrap_or(0);
    BackupSummary {
        path: path.to_owned(),
        bytes,
        created_at: header.created_at.clone(),
        schema_version: header.schema_version,
        requests: rows("requests"),
        messages: rows("messages"),
        people: rows("people"),
        tables: tables.to_vec(),
    }
}

/// The tables of `schema` and their row counts.
fn table_counts(conn: &Connection, schema: &str) -> Result<Vec<TableDigest>> {
    let names = table_names(conn, schema)?;
    let mut out = Vec::with_capacity(names.len());
    for table in names {
        let rows: i64 =
            conn.query_row(&format!("SELECT count(*) FROM {schema}.\"{}\"", table.replace('"', "\"\"")), [], |r| {
                r.get(0)
            })?;
        out.push(TableDigest { table, rows, sha256: None });
    }
    Ok(out)
}

/// The tables of `schema`, by name (SQLite's own excluded).
fn table_names(conn: &Connection, schema: &str) -> Result<Vec<String>> {
    let mut names: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names.sort();
    Ok(names)
}

/// Row counts and order-independent content digests of every table.
fn table_digests(conn: &Connection) -> Result<Vec<TableDigest>> {
    let names = table_names(conn, "main")?;
    let mut out = Vec::with_capacity(names.len());
    for table in names {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{}\"", table.replace('"', "\"\"")))?;
        let columns = stmt.column_count();
        let mut row_hashes: Vec<[u8; 32]> = Vec::new();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let mut h = Sha256::new();
            for i in 0..columns {
                use rusqlite::types::ValueRef;
                match row.get_ref(i)? {
                    ValueRef::Null => h.update(b"n"),
                    ValueRef::Integer(v) => {
                        h.update(b"i");
                        h.update(v.to_le_bytes());
                    }
                    ValueRef::Real(v) => {
                        h.update(b"r");
                        h.update(v.to_le_bytes());
                    }
                    ValueRef::Text(t) => {
                        h.update(b"t");
                        h.update((t.len() as u64).to_le_bytes());
                        h.update(t);
                    }
                    ValueRef::Blob(b) => {
                        h.update(b"b");
                        h.update((b.len() as u64).to_le_bytes());
                        h.update(b);
                    }
                }
            }
            row_hashes.push(h.finalize().into());
        }
        row_hashes.sort_unstable();
        let mut all = Sha256::new();
        for r in &row_hashes {
            all.update(r);
        }
        out.push(TableDigest { table, rows: row_hashes.len() as i64, sha256: Some(hex::encode(all.finalize())) });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KeyChoice, MemorySecrets};

    /// An image whose pages the authentication cannot fault (it was sealed
    /// as it is) but SQLite's integrity check does: the restore, which
    /// checks it while it already writes the new database, leaves the
    /// directory empty and no key behind.
    #[test]
    fn a_restore_whose_image_fails_the_integrity_check_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let source = Store::create_with(
            &DataDir::new(tmp.path().join("source")),
            KeyChoice::Passphrase("a source passphrase"),
            MemorySecrets::shared(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let file = tmp.path().join("broken.rdbackup");
        source
            .with_snapshot(|image| {
                // Every page after the schema's, overwritten with a pattern:
                // the b-trees there are no longer b-trees.
                let mut image = image.to_vec();
                let page = u16::from_be_bytes([image[16], image[17]]) as usize;
                assert!(image.len() > 3 * page, "the image has pages past the schema's");
                for b in &mut image[2 * page..] {
                    *b = 0x5a;
                }
                write_backup(&file, &image, "a backup passphrase", "2026-12-03T00:00:00Z".into(), 1).map(|_| ())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(verify_backup(&file, "a backup passphrase").is_err(), "verify refuses it too");

        let target = DataDir::new(tmp.path().join("target"));
        let secrets = MemorySecrets::shared();
        let err = restore_backup(
            &target,
            &file,
            "a backup passphrase",
            KeyChoice::PreferKeyring { fallback_passphrase: None },
            secrets.clone(),
        )
        .err()
        .unwrap_or_else(|| panic!("a damaged image is not restored"));
        assert_eq!(err.code, ErrorCode::BackupDamaged, "{err}");
        assert!(err.message.contains("damaged") && err.message.contains("nothing was written"), "{err}");
        let left: Vec<_> = std::fs::read_dir(target.root())
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert!(left.is_empty(), "left behind: {left:?}");
        assert!(
            secrets.get(&crate::db::keyring_account(target.root())).unwrap_or_else(|e| panic!("{e}")).is_none(),
            "no key is left in the keyring"
        );
    }
}
