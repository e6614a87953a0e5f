//! The store's error: a stable code (shared with every face), a message safe to
//! show (never a key, passphrase or password), and field errors for forms.

use rightsdesk_domain::{ErrorCode, FieldError, Invalid};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), fields: Vec::new() }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<Invalid> for Error {
    fn from(invalid: Invalid) -> Self {
        Self { code: ErrorCode::Invalid, message: invalid.to_string(), fields: invalid.0 }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        let message = if e.raw_os_error() == Some(28) {
            "the disk is full; nothing was changed".to_owned()
        } else {
            format!("file error: {e}")
        };
        Self::new(ErrorCode::Io, message)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match &e {
            rusqlite::Error::QueryReturnedNoRows => Self::new(ErrorCode::NotFound, "no such record"),
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                C::DiskFull => Self::new(ErrorCode::Io, "the disk is full; nothing was saved"),
                C::ReadOnly | C::CannotOpen | C::PermissionDenied => {
                    Self::new(ErrorCode::Io, format!("the database cannot be written: {e}"))
                }
                C::NotADatabase => {
                    Self::new(ErrorCode::NotADatabase, "the database file is damaged or not a RightsDesk database")
                }
                C::DatabaseBusy | C::DatabaseLocked => {
                    Self::new(ErrorCode::Io, "the database is in use by another RightsDesk process; try again")
                }
                _ => Self::new(ErrorCode::Internal, format!("database error: {e}")),
            },
            _ => Self::new(ErrorCode::Internal, format!("database error: {e}")),
        }
    }
}
