//! RightsDesk letters: one template per kind and language (files under
//! `templates/`, embedded at build time), rendered to a `Letter`, then to
//! plain text, a PDF for post, an `.eml` or a `mailto:` link.
//!
//! Invariants: pure (no I/O: fonts and templates are compiled in); every
//! language carries the same legal content as English, line for line (tested
//! on the template sources); a template error is a bug, never a silent gap.

pub mod book;
pub mod charts;
mod eml;
pub mod lang;
mod mandate;
mod pdf;
mod render;

pub use eml::eml;
pub use mandate::{MandateInput, render_mandate};
pub use pdf::{Signature, pdf, pdf_bundle, report as report_pdf};
pub use render::{LetterInput, render, render_cited, template_version, templates};
pub use rightsdesk_domain::letter::{MAILTO_MAX, mailto, message_id};

use rightsdesk_domain::{ErrorCode, Invalid};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(Invalid),
    /// A template failed: a bug in RightsDesk, reported with the template's name.
    #[error("letter template {name} failed: {message}")]
    Template { name: String, message: String },
    #[error("{0}")]
    Pdf(String),
    #[error("{0}")]
    Mail(String),
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Invalid(_) | Self::Pdf(_) | Self::Mail(_) => ErrorCode::Invalid,
            Self::Template { .. } => ErrorCode::Internal,
        }
    }
}

impl From<Invalid> for Error {
    fn from(e: Invalid) -> Self {
        Self::Invalid(e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Error> for rightsdesk_domain::letter::WriteError {
    fn from(e: Error) -> Self {
        match e {
            Error::Invalid(invalid) => Self::Invalid(invalid),
            other => Self::Failed { code: other.code(), message: other.to_string() },
        }
    }
}

/// The letter writer of the app and the CLI: these templates, this e-mail builder.
#[derive(Debug, Clone, Copy, Default)]
pub struct Templates;

impl rightsdesk_domain::letter::LetterWriter for Templates {
    fn render(&self, input: &LetterInput) -> Result<rightsdesk_domain::Letter, rightsdesk_domain::letter::WriteError> {
        Ok(render(input)?)
    }

    fn eml(
        &self,
        letter: &rightsdesk_domain::Letter,
        message_id: &str,
        date: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<u8>, rightsdesk_domain::letter::WriteError> {
        Ok(eml(letter, message_id, date)?)
    }
}
