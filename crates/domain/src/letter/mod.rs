//! Letters: what a request says, in which language, with which options.
//!
//! The domain names the parts (languages, options, the Art. 15 checklist, the
//! rendered Letter); the `rightsdesk-letters` crate turns them into text, PDF
//! and e-mail. Which options a kind takes is listed here, once, for the CLI
//! (`request kinds`), the composer and validation.

mod language;
mod options;
mod writer;

pub use language::{Language, LanguageChoice, choose_language};
pub use options::{
    AccessItem, KindInfo, LetterOptions, OptionInfo, OptionType, SituationPrompt, kind_info, kinds, validate_options,
};
pub use writer::{LetterInput, LetterWriter, MAILTO_MAX, WriteError, mailto, message_id};

use serde::{Deserialize, Serialize};

use crate::RequestKind;

/// A value for identity data a controller requires (customer number, date of birth…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IdentityValue {
    pub label: String,
    pub value: String,
}

/// One entry of a request's history, as a complaint lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TimelineEntry {
    /// YYYY-MM-DD.
    pub date: String,
    /// What happened, as the templates word it: `sent`, `received`,
    /// `acknowledged`, `extended`, `identity_requested`, `identity_provided`,
    /// `answered`, `refused`, `admonished`.
    pub step: String,
}

impl TimelineEntry {
    pub const STEPS: [&str; 9] = [
        "sent",
        "received",
        "acknowledged",
        "extended",
        "identity_requested",
        "identity_provided",
        "answered",
        "refused",
        "admonished",
    ];
}

/// Who a letter is from or to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Party {
    pub name: String,
    /// Postal address lines.
    pub address: Vec<String>,
    pub email: String,
    /// The privacy web form of the recipient, where it has one (TikTok's, an
    /// authority's complaint form); empty otherwise. Not written in the letter:
    /// it is one of the ways to send it (`sending::ways_to_send`).
    #[serde(default)]
    pub web_form: String,
}

/// A rendered letter: everything the text, PDF and e-mail outputs need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Letter {
    pub kind: RequestKind,
    pub language: Language,
    /// Shown when the wanted language was not available.
    pub notice: Option<String>,
    pub reference: String,
    /// "Our reference" in the letter's language.
    pub reference_label: String,
    /// YYYY-MM-DD, and as written in the letter.
    pub date: String,
    pub date_text: String,
    pub sender: Party,
    pub recipient: Party,
    /// One line; carries the reference.
    pub subject: String,
    /// Salutation to signature, paragraphs separated by blank lines.
    pub body: String,
    /// `letters-<hash>`: which templates wrote it.
    pub template_version: String,
    /// Enclosures listed at the end (complaints: the correspondence).
    pub enclosures: Vec<String>,
    /// "Page" in the letter's language, for the PDF footer.
    pub page_label: String,
}

impl Letter {
    /// The letter as plain text: the subject, a blank line, the body. The one
    /// form copied to the clipboard and saved as `.txt`.
    pub fn plain_text(&self) -> String {
        format!("{}\n\n{}\n", self.subject, self.body)
    }
}

/// A request's letter as stored: the rendered letter, what it was made
/// from, and whether the user edited the text by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoredLetter {
    pub request_id: crate::Id,
    pub letter: Letter,
    pub options: LetterOptions,
    /// The text was edited by hand: re-rendering would overwrite it, so it is refused.
    pub edited: bool,
    pub updated_at: String,
    /// A `mailto:` link, when the recipient has an address and the letter fits in one.
    pub mailto: Option<String>,
    /// The letter as plain text (`Letter::plain_text`): what "Copy" puts on the clipboard.
    pub text: String,
    /// How it can be sent, most direct first (`sending::ways_to_send`).
    pub ways: Vec<crate::sending::WayToSend>,
}

/// A file a letter can be saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LetterFormat {
    Text,
    Pdf,
    Eml,
}

impl LetterFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Text => "txt",
            Self::Pdf => "pdf",
            Self::Eml => "eml",
        }
    }
}

/// What to write: one kind to one or more controllers, for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LetterRequest {
    pub person_id: crate::Id,
    pub kind: RequestKind,
    /// ISO 639-1; empty: the controller's request language, else the person's.
    pub language: String,
    pub options: LetterOptions,
}

/// One controller of a batch, previewed or created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BatchItem {
    pub controller_slug: String,
    pub controller: String,
    /// The letter (preview) — absent when it cannot be written.
    pub letter: Option<Letter>,
    /// The request created (create) — absent in a preview or on failure.
    pub request_id: Option<crate::Id>,
    pub reference: Option<String>,
    /// Why this controller's letter cannot be written (missing identity data…).
    pub error: Option<String>,
}

/// A batch: one request per controller, sharing a batch id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Batch {
    /// Empty for a preview.
    pub batch: String,
    pub items: Vec<BatchItem>,
}
