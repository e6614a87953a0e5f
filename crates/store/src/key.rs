//! The database key: 256 random bits kept in the OS keyring, or derived from a
//! passphrase with Argon2id where no keyring is usable.
//!
//! The key record (`key.json`) beside the database says which mode is in use,
//! the keyring entry's name or the Argon2 salt and parameters, and a check
//! value that tells a wrong key from a damaged file. It never holds the key.

use std::path::Path;

use rightsdesk_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::secrets::SecretStore;
use crate::{Error, Result};

pub use crate::secrets::KEYRING_SERVICE;
/// The environment variable the CLI reads a passphrase from.
pub const PASSPHRASE_ENV: &str = "RIGHTSDESK_PASSPHRASE";

/// Where the key comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyMode {
    /// A random key stored in the OS keyring (Secret Service on Linux).
    Keyring,
    /// A key derived from the user's passphrase with Argon2id.
    Passphrase,
}

impl KeyMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keyring => "keyring",
            Self::Passphrase => "passphrase",
        }
    }
}

/// A 256-bit database key, wiped from memory when dropped.
pub struct DbKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(<redacted>)")
    }
}

impl DbKey {
    pub fn random() -> Result<Self> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        getrandom::fill(bytes.as_mut())
            .map_err(|e| Error::new(ErrorCode::Internal, format!("no randomness from the OS: {e}")))?;
        Ok(Self(bytes))
    }

    fn from_hex(text: &str) -> Option<Self> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(text.trim(), bytes.as_mut()).ok()?;
        Some(Self(bytes))
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        self.0.as_ref()
    }

    pub(crate) fn hex(&self) -> Zeroizing<String> {
        self.to_hex()
    }

    fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.0.as_ref()))
    }

    /// The SQLCipher statement that applies this key as a raw key (no second KDF).
    pub(crate) fn pragma(&self) -> Zeroizing<String> {
        let hex = self.to_hex();
        Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex.as_str()))
    }

    /// A value that identifies the key without revealing it.
    fn check(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"rightsdesk key check v1\0");
        h.update(self.0.as_ref());
        hex::encode(h.finalize())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Argon2Params {
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
}

impl Argon2Params {
    /// OWASP's first recommended Argon2id setting (m=19 MiB is their floor; we
    /// take 64 MiB, t=3): roughly a quarter second on a laptop, once per unlock.
    pub const DEFAULT: Argon2Params = Argon2Params { m_cost_kib: 64 * 1024, t_cost: 3, p_cost: 1 };
}

/// Stored as `key.json` beside the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRecord {
    pub version: u32,
    pub mode: KeyMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyring_account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub argon2: Option<Argon2Params>,
    pub check: String,
}

impl KeyRecord {
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)?;
        serde_json::from_str(&text).map_err(|e| {
            Error::new(
                ErrorCode::NotADatabase,
                format!("the key record {} is damaged ({e}); nothing was changed", path.display()),
            )
        })
    }

    /// Writes via a temporary file and rename, so a crash never leaves half a record.
    pub fn write_new(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_string_pretty(self)
            .map_err(|e| Error::new(ErrorCode::Internal, format!("cannot encode key record: {e}")))?;
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, json + "\n")?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    }

    /// Key stored in the keyring under a fresh entry.
    pub fn create_in_keyring(secrets: &dyn SecretStore, account: &str) -> Result<(Self, DbKey)> {
        let key = DbKey::random()?;
        secrets.set(account, &key.to_hex())?;
        // Read it back: some backends accept a write and lose it (no unlocked collection).
        match secrets.get(account)? {
            Some(stored) if *stored == *key.to_hex() => {}
            _ => return Err(Error::new(ErrorCode::KeyringUnavailable, "the OS keyring did not keep the key")),
        }
        let record = KeyRecord {
            version: 1,
            mode: KeyMode::Keyring,
            keyring_account: Some(account.to_owned()),
            salt: None,
            argon2: None,
            check: key.check(),
        };
        Ok((record, key))
    }

    /// Key derived from a passphrase with a fresh salt.
    pub fn create_from_passphrase(passphrase: &str) -> Result<(Self, DbKey)> {
        if passphrase.chars().count() < 8 {
            return Err(Error {
                code: ErrorCode::Invalid,
                message: "the passphrase must be at least 8 characters".into(),
                fields: vec![rightsdesk_domain::FieldError::new("passphrase", "must be at least 8 characters")],
            });
        }
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt)
            .map_err(|e| Error::new(ErrorCode::Internal, format!("no randomness from the OS: {e}")))?;
        let params = Argon2Params::DEFAULT;
        let key = derive(passphrase, &salt, &params)?;
        let record = KeyRecord {
            version: 1,
            mode: KeyMode::Passphrase,
            keyring_account: None,
            salt: Some(hex::encode(salt)),
            argon2: Some(params),
            check: key.check(),
        };
        Ok((record, key))
    }

    /// Recovers the key this record describes. `passphrase` is used only in
    /// passphrase mode.
    pub fn unlock(&self, secrets: &dyn SecretStore, passphrase: Option<&str>) -> Result<DbKey> {
        let key = match self.mode {
            KeyMode::Keyring => {
                let account = self.keyring_account.as_deref().ok_or_else(damaged)?;
                let stored = match secrets.get(account)? {
                    Some(s) => s,
                    None => {
                        return Err(Error::new(
                            ErrorCode::KeyMissing,
                            format!(
                                "the database key is not in the OS keyring (service “{KEYRING_SERVICE}”, account “{account}”); \
                                 the database was not touched. Restore the keyring, or the key entry, and try again"
                            ),
                        ));
                    }
                };
                DbKey::from_hex(&stored).ok_or_else(|| {
                    Error::new(
                        ErrorCode::KeyMissing,
                        "the keyring entry for the database key is damaged; the database was not touched",
                    )
                })?
            }
            KeyMode::Passphrase => {
                let Some(passphrase) = passphrase else {
                    return Err(Error::new(
                        ErrorCode::PassphraseRequired,
                        format!("this database is protected by a passphrase; enter it (CLI: set {PASSPHRASE_ENV})"),
                    ));
                };
                let salt = self.salt.as_deref().and_then(|s| hex::decode(s).ok()).ok_or_else(damaged)?;
                let params = self.argon2.as_ref().ok_or_else(damaged)?;
                derive(passphrase, &salt, params)?
            }
        };
        if key.check() != self.check {
            return Err(match self.mode {
                KeyMode::Passphrase => {
                    Error::new(ErrorCode::WrongPassphrase, "wrong passphrase; the database was not touched")
                }
                KeyMode::Keyring => Error::new(
                    ErrorCode::KeyMissing,
                    "the key in the OS keyring does not belong to this database; the database was not touched",
                ),
            });
        }
        Ok(key)
    }

    /// Deletes the keyring entry (used when creation fails half-way).
    pub(crate) fn forget(&self, secrets: &dyn SecretStore) {
        if let Some(account) = &self.keyring_account {
            let _ = secrets.delete(account);
        }
    }
}

/// Checks that the secret store can store, return and delete a secret, using a
/// throwaway entry. Used by `doctor` to say which mode is possible here.
pub fn probe_keyring(secrets: &dyn SecretStore) -> Result<()> {
    secrets.set("probe", "probe")?;
    let back = secrets.get("probe")?;
    let _ = secrets.delete("probe");
    if back.as_deref().map(String::as_str) == Some("probe") {
        Ok(())
    } else {
        Err(Error::new(ErrorCode::KeyringUnavailable, "the OS keyring did not return what was stored"))
    }
}

fn damaged() -> Error {
    Error::new(ErrorCode::NotADatabase, "the key record (key.json) is incomplete; nothing was changed")
}

pub(crate) fn derive(passphrase: &str, salt: &[u8], p: &Argon2Params) -> Result<DbKey> {
    use argon2::{Algorithm, Argon2, Params, Version};
    let params = Params::new(p.m_cost_kib, p.t_cost, p.p_cost, Some(32))
        .map_err(|e| Error::new(ErrorCode::NotADatabase, format!("the key record has bad Argon2 parameters: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| Error::new(ErrorCode::Internal, format!("key derivation failed: {e}")))?;
    Ok(DbKey(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrase_round_trip_and_wrong_passphrase() {
        let (record, key) = KeyRecord::create_from_passphrase("correct horse battery").unwrap();
        assert_eq!(
            record.unlock(&crate::MemorySecrets::default(), Some("correct horse battery")).unwrap().check(),
            key.check()
        );
        let err = record.unlock(&crate::MemorySecrets::default(), Some("wrong horse battery")).unwrap_err();
        assert_eq!(err.code, ErrorCode::WrongPassphrase);
        assert_eq!(
            record.unlock(&crate::MemorySecrets::default(), None).unwrap_err().code,
            ErrorCode::PassphraseRequired
        );
    }

    #[test]
    fn record_never_holds_the_key() {
        let (record, key) = KeyRecord::create_from_passphrase("correct horse battery").unwrap();
        let json = serde_json::to_string(&record).unwrap();
        assert!(!json.contains(key.to_hex().as_str()));
        assert!(!json.contains("correct horse"));
        assert!(!format!("{key:?}").contains(key.to_hex().as_str()));
    }

    #[test]
    fn short_passphrase_is_a_field_error() {
        let err = KeyRecord::create_from_passphrase("short").unwrap_err();
        assert_eq!(err.code, ErrorCode::Invalid);
        assert_eq!(err.fields[0].field, "passphrase");
    }
}
