//! "Copy diagnostics": what a bug report needs and nothing personal —
//! versions, the key mode, the schema, the integrity check, the last errors
//! (already redacted by the log) — as plain text for the clipboard.

use rightsdesk_store::{DataDir, Store};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostics {
    pub app_version: String,
    pub os: String,
    pub key_mode: String,
    pub keyring: String,
    pub schema_version: Option<u32>,
    pub latest_schema_version: u32,
    pub cipher_version: Option<String>,
    pub integrity: Option<String>,
    pub last_errors: Vec<String>,
}

/// Collects the facts; `store` is `None` while the database is locked or failed.
pub fn collect(store: Option<&Store>, dir: &DataDir, app_version: &str, last_errors: Vec<String>) -> Diagnostics {
    let key_mode = match Store::key_mode(dir) {
        Ok(Some(mode)) => mode.as_str().to_owned(),
        Ok(None) => "none yet".to_owned(),
        Err(e) => format!("unreadable ({})", e.code.as_str()),
    };
    let keyring = match rightsdesk_store::key::probe_keyring(&rightsdesk_store::OsKeyring) {
        Ok(()) => "usable".to_owned(),
        Err(e) => format!("unavailable ({})", e.code.as_str()),
    };
    let health = store.map(|s| s.health());
    let (schema_version, cipher_version, integrity) = match health {
        Some(Ok(h)) => (Some(h.schema_version), Some(h.cipher_version), Some(h.integrity)),
        Some(Err(e)) => (None, None, Some(format!("not checked ({})", e.code.as_str()))),
        None => (None, None, None),
    };
    Diagnostics {
        app_version: app_version.to_owned(),
        os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        key_mode,
        keyring,
        schema_version,
        latest_schema_version: rightsdesk_store::migrations::latest_version(),
        cipher_version,
        integrity,
        last_errors,
    }
}

impl Diagnostics {
    /// The text the user pastes into a bug report.
    pub fn text(&self) -> String {
        let or_locked = |v: Option<String>| v.unwrap_or_else(|| "database not open".to_owned());
        let mut out = format!(
            "RightsDesk {}\nOS: {}\nKey: {}\nOS keyring: {}\nSchema: {} (this build: {})\nSQLCipher: {}\nIntegrity: {}\n",
            self.app_version,
            self.os,
            self.key_mode,
            self.keyring,
            or_locked(self.schema_version.map(|v| v.to_string())),
            self.latest_schema_version,
            or_locked(self.cipher_version.clone()),
            or_locked(self.integrity.clone()),
        );
        if self.last_errors.is_empty() {
            out.push_str("Last errors: none\n");
        } else {
            out.push_str("Last errors:\n");
            for e in &self.last_errors {
                out.push_str("  ");
                out.push_str(e);
                out.push('\n');
            }
        }
        out
    }
}
