//! Where secrets live: the database key (keyring mode) and mail passwords.
//! `OsKeyring` is the real one (Secret Service on Linux, the platform's
//! keychain elsewhere); `MemorySecrets` holds them in this process only, for
//! tests and for a library user who manages secrets itself. Nothing here
//! ever writes a secret to a file.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rightsdesk_domain::ErrorCode;
use zeroize::Zeroizing;

use crate::{Error, Result};

/// A place to keep secrets by name (`account`).
pub trait SecretStore: std::fmt::Debug + Send + Sync {
    /// The secret, or `None` when there is no entry of that name.
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>>;
    fn set(&self, account: &str, secret: &str) -> Result<()>;
    /// Removes the entry; no entry is not an error.
    fn delete(&self, account: &str) -> Result<()>;
}

/// The secrets a store uses: shared, so a reopened store finds them again.
pub type Secrets = Arc<dyn SecretStore>;

/// The OS keyring's service name for every RightsDesk secret.
pub const KEYRING_SERVICE: &str = "rightsdesk";

/// The OS keyring, service `rightsdesk`.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsKeyring;

impl OsKeyring {
    pub fn shared() -> Secrets {
        Arc::new(Self)
    }
}

fn unavailable(e: keyring::Error) -> Error {
    // keyring errors describe the backend, never the secret.
    Error::new(ErrorCode::KeyringUnavailable, format!("the OS keyring cannot be used: {e}"))
}

fn entry(account: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(KEYRING_SERVICE, account).map_err(unavailable)
}

impl SecretStore for OsKeyring {
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>> {
        match entry(account)?.get_password() {
            Ok(s) => Ok(Some(Zeroizing::new(s))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<()> {
        entry(account)?.set_password(secret).map_err(unavailable)
    }

    fn delete(&self, account: &str) -> Result<()> {
        match entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// Secrets held in memory by this process (tests; a library user with its
/// own secret handling). `unavailable()` makes one that refuses everything,
/// as a machine without a keyring does.
#[derive(Debug, Default)]
pub struct MemorySecrets {
    entries: Mutex<HashMap<String, Zeroizing<String>>>,
    refuse: bool,
}

impl MemorySecrets {
    pub fn shared() -> Secrets {
        Arc::new(Self::default())
    }

    /// A secret store that is not there (no keyring on this machine).
    pub fn unavailable() -> Secrets {
        Arc::new(Self { entries: Mutex::default(), refuse: true })
    }

    fn entries(&self) -> Result<std::sync::MutexGuard<'_, HashMap<String, Zeroizing<String>>>> {
        if self.refuse {
            return Err(Error::new(ErrorCode::KeyringUnavailable, "the OS keyring cannot be used: none here"));
        }
        Ok(self.entries.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl SecretStore for MemorySecrets {
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>> {
        Ok(self.entries()?.get(account).cloned())
    }

    fn set(&self, account: &str, secret: &str) -> Result<()> {
        self.entries()?.insert(account.to_owned(), Zeroizing::new(secret.to_owned()));
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<()> {
        self.entries()?.remove(account);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_secrets_keep_replace_and_forget() {
        let s = MemorySecrets::shared();
        assert!(s.get("a").unwrap().is_none());
        s.set("a", "one").unwrap();
        s.set("a", "two").unwrap();
        assert_eq!(s.get("a").unwrap().as_deref().map(String::as_str), Some("two"));
        s.delete("a").unwrap();
        s.delete("a").unwrap();
        assert!(s.get("a").unwrap().is_none());
        let none = MemorySecrets::unavailable();
        assert_eq!(none.set("a", "x").unwrap_err().code, ErrorCode::KeyringUnavailable);
    }
}
