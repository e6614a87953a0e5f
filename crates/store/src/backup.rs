//! Encrypted backups: the whole store in one file, under a passphrase of its
//! own, restorable into an empty data directory on any machine.
//!
//! The file:
//!
//! ```text
//! "RightsDeskBackup"  16 bytes, the magic
//! header length       u32, little-endian
//! header              JSON: format, when, schema version, Argon2id salt and
//!                     parameters, nonce, ciphertext length, a check value of the key
//! header digest       SHA-256 of everything before it (a damaged header is told
//!                     from a wrong passphrase)
//! ciphertext          XChaCha20-Poly1305 over the deflated SQLite image, the
//!                     bytes before it as associated data
//! ```
//!
//! Invariants: the plain image exists only in memory (the snapshot is exported
//! into an in-memory database, never a file); the snapshot is one read
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
    check: String,
}

/// One table of the store: how many rows, and a digest of their content
/// (independent of row order), to compare a restore with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableDigest {
    pub table: String,
    pub rows: i64,
    pub sha256: String,
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
    /// The whole store as a plain SQLite image, in memory: one read
    /// transaction, so concurrent writers (the app, another CLI) never make it
    /// inconsistent.
    fn snapshot_image(&self) -> Result<Zeroizing<Vec<u8>>> {
        self.conn.execute_batch(&format!("ATTACH DATABASE ':memory:' AS {SNAPSHOT} KEY '';"))?;
        let image = (|| -> Result<Zeroizing<Vec<u8>>> {
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
            let data = self.conn.serialize(SNAPSHOT)?;
            Ok(Zeroizing::new(data.to_vec()))
        })();
        let detached = self.conn.execute_batch(&format!("DETACH DATABASE {SNAPSHOT};"));
        let image = image?;
        detached?;
        Ok(image)
    }

    /// Writes an encrypted backup of the whole store to `path` (through a
    /// temporary file and a rename: a full disk leaves no half backup).
    pub fn backup_to(&self, path: &Path, passphrase: &str) -> Result<BackupSummary> {
        rightsdesk_domain::backup::check_passphrase(passphrase).map_err(|f| Error {
            code: ErrorCode::Invalid,
            message: f.message.clone(),
            fields: vec![f],
        })?;
        let image = self.snapshot_image()?;
        let mut salt = [0u8; 16];
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut salt)
            .and_then(|_| getrandom::fill(&mut nonce))
            .map_err(|e| Error::new(ErrorCode::Internal, format!("no randomness from the OS: {e}")))?;
        let params = Argon2Params::DEFAULT;
        // The tables' digests (a second reading of the whole image) on one
        // core while the other compresses it and derives the key: a fifth of
        // a large store's backup time.
        let (tables, compressed, key) = std::thread::scope(|scope| {
            let digests = scope.spawn(|| -> Result<Vec<TableDigest>> {
                let mut conn = Connection::open_in_memory()?;
                conn.deserialize_read_exact("main", &image[..], image.len(), true)?;
                table_digests(&conn)
            });
            let sealed = (|| -> Result<_> {
                let mut compressed = Zeroizing::new(Vec::with_capacity(image.len() / 3));
                {
                    let mut enc = flate2::write::DeflateEncoder::new(&mut *compressed, flate2::Compression::fast());
                    enc.write_all(&image).and_then(|_| enc.finish().map(|_| ()))?;
                }
                Ok((compressed, crate::key::derive(passphrase, &salt, &params)?))
            })();
            let tables =
                digests.join().map_err(|_| Error::new(ErrorCode::Internal, "reading the backup's tables failed"))??;
            let (compressed, key) = sealed?;
            Ok::<_, Error>((tables, compressed, key))
        })?;
        drop(image);
        let created_at = self.clock.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let ciphertext_len = (compressed.len() + 16) as u64;
        let header = Header {
            format: FORMAT,
            created_at: created_at.clone(),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            schema_version: self.info.schema_version,
            kdf: "argon2id".into(),
            salt: hex::encode(salt),
            argon2: params,
            cipher: "xchacha20poly1305".into(),
            nonce: hex::encode(nonce),
            ciphertext_len,
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
        Ok(summary(path, out.len() as u64, &header, &tables))
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

/// Checks a backup completely without writing anything: what it holds.
pub fn verify_backup(path: &Path, passphrase: &str) -> Result<BackupSummary> {
    let (header, conn, bytes) = open_backup(path, passphrase)?;
    let tables = table_digests(&conn)?;
    Ok(summary(path, bytes, &header, &tables))
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
    let (header, image_conn, bytes) = open_backup(path, passphrase)?;
    let tables = table_digests(&image_conn)?;
    let version = header.schema_version;
    let store = Store::build(dir, choice, secrets, |building, key| {
        let attach = Zeroizing::new(format!(
            "ATTACH DATABASE '{}' AS restored KEY \"x'{}'\";",
            building.display().to_string().replace('\'', "''"),
            key.hex().as_str()
        ));
        image_conn.execute_batch(&attach)?;
        let copied = (|| -> Result<()> {
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

/// Reads, authenticates, decrypts and checks a backup; the image ends up in
/// an in-memory database (never a file).
fn open_backup(path: &Path, passphrase: &str) -> Result<(Header, Connection, u64)> {
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
    let damaged = |what: &str| {
        Error::new(ErrorCode::BackupDamaged, format!("the backup {shown} is damaged ({what}); nothing was written"))
    };
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
    let mut image = Zeroizing::new(Vec::with_capacity(compressed.len() * 3));
    flate2::read::DeflateDecoder::new(&compressed[..])
        .read_to_end(&mut image)
        .map_err(|_| damaged("its content does not decompress"))?;
    let mut conn = Connection::open_in_memory()?;
    conn.deserialize_read_exact("main", &image[..], image.len(), false).map_err(|_| damaged("it holds no database"))?;
    drop(image);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| damaged("its database is not readable"))?;
    if integrity != "ok" {
        return Err(damaged(&format!("its database fails the integrity check: {integrity}")));
    }
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id != crate::db::APPLICATION_ID {
        return Err(not_ours());
    }
    migrations::refuse_newer(&conn, migrations::latest_version())?;
    Ok((header, conn, bytes.len() as u64))
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

/// Row counts and order-independent content digests of every table.
fn table_digests(conn: &Connection) -> Result<Vec<TableDigest>> {
    let mut names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names.sort();
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
        out.push(TableDigest { table, rows: row_hashes.len() as i64, sha256: hex::encode(all.finalize()) });
    }
    Ok(out)
}
