//! Turning outside data into an `ImportBatch` the store can apply.
//!
//! Invariants: parsing never stops at a bad record — each is reported with
//! its reason and the rest go through; nothing here touches the store; a
//! download is bounded in time and size and must be JSON.

pub mod bundle;
pub mod country;
pub mod datenanfragen;
pub mod fetch;
pub mod ota;
pub mod registry;
pub mod snapshot;
pub mod tcf;

use rightsdesk_domain::ErrorCode;

/// Why an import could not even start (as opposed to a single bad record).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ImportError {
    pub code: ErrorCode,
    pub message: String,
}

impl ImportError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}

/// Where to read from: a local path or an http(s) URL.
pub fn is_url(location: &str) -> bool {
    location.starts_with("https://") || location.starts_with("http://")
}

/// A file that cannot be read: missing is the user's to fix, anything else is I/O.
pub(crate) fn read_error(path: &str, e: &std::io::Error) -> ImportError {
    let code = if e.kind() == std::io::ErrorKind::NotFound { ErrorCode::NotFound } else { ErrorCode::Io };
    ImportError::new(code, format!("cannot read {path}: {e}"))
}
