//! The error that crosses IPC: a stable code the UI branches on, a message safe
//! to show (the store never puts secrets in messages), and field errors for forms.

use rightsdesk_domain::{ErrorCode, FieldError};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<rightsdesk_store::Error> for AppError {
    fn from(e: rightsdesk_store::Error) -> Self {
        // Every error the window sees is in the log too (redacted there);
        // a form's validation is the user's typing, not a fault.
        if e.code == ErrorCode::Invalid {
            log::info!("{}: {}", e.code.as_str(), e.message);
        } else {
            log::warn!("{}: {}", e.code.as_str(), e.message);
        }
        Self { code: e.code, message: e.message, fields: e.fields }
    }
}

impl From<rightsdesk_domain::Invalid> for AppError {
    fn from(invalid: rightsdesk_domain::Invalid) -> Self {
        rightsdesk_store::Error::from(invalid).into()
    }
}

impl AppError {
    pub fn internal(message: impl Into<String>) -> Self {
        Self { code: ErrorCode::Internal, message: message.into(), fields: Vec::new() }
    }

    pub fn io(message: impl Into<String>) -> Self {
        Self { code: ErrorCode::Io, message: message.into(), fields: Vec::new() }
    }
}
