//! Where the user's data lives: one folder holding the encrypted database and
//! its key record (which says where the key is, never the key itself).

use std::path::{Path, PathBuf};

use rightsdesk_domain::ErrorCode;

use crate::{Error, Result};

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "RIGHTSDESK_DATA_DIR";
pub const DB_FILE: &str = "rightsdesk.db";
pub const KEY_RECORD_FILE: &str = "key.json";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// An explicit path (e.g. `--data-dir`) wins, then `RIGHTSDESK_DATA_DIR`,
    /// then the OS data directory (`~/.local/share/rightsdesk` on Linux).
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self> {
        if let Some(path) = explicit.filter(|p| !p.as_os_str().is_empty()) {
            return Ok(Self::new(path));
        }
        if let Some(path) = std::env::var_os(DATA_DIR_ENV).filter(|p| !p.is_empty()) {
            return Ok(Self::new(path));
        }
        directories::ProjectDirs::from("org", "RightsDesk", "rightsdesk")
            .map(|dirs| Self::new(dirs.data_dir()))
            .ok_or_else(|| {
                Error::new(ErrorCode::Io, format!("no home directory found; set {DATA_DIR_ENV} or pass --data-dir"))
            })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn db_path(&self) -> PathBuf {
        self.root.join(DB_FILE)
    }

    pub fn key_record_path(&self) -> PathBuf {
        self.root.join(KEY_RECORD_FILE)
    }
}
