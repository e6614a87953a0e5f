//! Error vocabulary shared by every face: stable codes the UI and scripts can
//! branch on, and field-level validation errors.

use serde::{Deserialize, Serialize};

/// Stable error codes. The string form (snake_case) is part of the public
/// interface of the CLI's `--json` output and of the app's IPC: never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Input failed validation; see the field errors.
    Invalid,
    /// The record asked for does not exist.
    NotFound,
    /// No database has been created in this data directory yet.
    NotInitialised,
    /// A database (or its key record) already exists where one was to be created.
    AlreadyInitialised,
    /// The passphrase does not open this database.
    WrongPassphrase,
    /// The database key is missing from the OS keyring.
    KeyMissing,
    /// The database needs a passphrase (no keyring is in use) and none was given.
    PassphraseRequired,
    /// The file at the database path is not a RightsDesk database or is damaged.
    NotADatabase,
    /// The database was written by a newer RightsDesk.
    NewerSchema,
    /// The OS keyring could not be used.
    KeyringUnavailable,
    /// Reading or writing a file failed (disk full, permissions, …).
    Io,
    /// The file given as a backup is not one (or from a newer format).
    NotABackup,
    /// A backup whose content does not check out: truncated, altered or damaged.
    BackupDamaged,
    /// The target (a data directory to restore into) is not empty.
    NotEmpty,
    /// The data directory cannot be written (a read-only disk or folder).
    ReadOnly,
    /// A bug or an unexpected state; details are in the log.
    Internal,
}

impl ErrorCode {
    /// The stable code as text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invalid => "invalid",
            Self::NotFound => "not_found",
            Self::NotInitialised => "not_initialised",
            Self::AlreadyInitialised => "already_initialised",
            Self::WrongPassphrase => "wrong_passphrase",
            Self::KeyMissing => "key_missing",
            Self::PassphraseRequired => "passphrase_required",
            Self::NotADatabase => "not_a_database",
            Self::NewerSchema => "newer_schema",
            Self::KeyringUnavailable => "keyring_unavailable",
            Self::Io => "io",
            Self::NotABackup => "not_a_backup",
            Self::BackupDamaged => "backup_damaged",
            Self::NotEmpty => "not_empty",
            Self::ReadOnly => "read_only",
            Self::Internal => "internal",
        }
    }

    /// Whether the error is the user's to fix (CLI exit code 1) rather than a
    /// fault of the program or the machine (exit code 2).
    pub fn is_user_error(self) -> bool {
        !matches!(self, Self::Internal | Self::Io)
    }
}

/// One problem with one input field. `field` uses the names of the input
/// struct (`display_name`, `emails[1]`, …) so a form can put the message
/// next to the right control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// Validation failed on one or more fields.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", summary(.0))]
pub struct Invalid(pub Vec<FieldError>);

fn summary(errors: &[FieldError]) -> String {
    errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ")
}
