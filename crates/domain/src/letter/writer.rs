//! What a letter is made from (`LetterInput`, assembled by the store from a
//! request) and the seam through which it is written (`LetterWriter`: the
//! templates of `rightsdesk-letters` in the app and the CLI). The store holds
//! a writer it is given; it does not render letters itself. Also the two
//! pure forms of a letter that need no templates: its Message-ID and its
//! `mailto:` link.

use chrono::{DateTime, NaiveDate, Utc};

use super::{LanguageChoice, Letter, LetterOptions, Party, TimelineEntry};
use crate::{AccountId, ErrorCode, Invalid, RequestKind};

/// What a letter is made from; the store assembles it from a request.
#[derive(Debug, Clone)]
pub struct LetterInput {
    pub kind: RequestKind,
    pub language: LanguageChoice,
    pub reference: String,
    pub today: NaiveDate,
    /// The person, as they sign.
    pub sender: Party,
    /// The gender of the person's first-person forms.
    pub voice: crate::Voice,
    /// How the person wants to be addressed (may be empty).
    pub form_of_address: String,
    /// The controller (or, for a complaint, the supervisory authority).
    pub recipient: Party,
    /// The person's accounts with this controller, to identify them.
    pub accounts: Vec<AccountId>,
    pub options: LetterOptions,
    /// Complaint: the controller complained about.
    pub controller: Option<Party>,
    /// Complaint: what happened so far.
    pub timeline: Vec<TimelineEntry>,
    /// Listed under the signature (complaints: the correspondence).
    pub enclosures: Vec<String>,
}

/// Why a letter could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The input lacks something (an option, an address): field errors.
    Invalid(Invalid),
    /// Anything else, with its stable code (a template bug is `internal`).
    Failed { code: ErrorCode, message: String },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Invalid(i) => write!(f, "{i}"),
            Self::Failed { message, .. } => f.write_str(message),
        }
    }
}

/// Writes letters: the templates → a `Letter`, a `Letter` → an `.eml`.
pub trait LetterWriter: std::fmt::Debug + Send + Sync {
    fn render(&self, input: &LetterInput) -> Result<Letter, WriteError>;
    /// The letter as a complete e-mail with the given Message-ID and date.
    fn eml(&self, letter: &Letter, message_id: &str, date: DateTime<Utc>) -> Result<Vec<u8>, WriteError>;
}

/// A Message-ID for a letter: `<reference.nonce@domain of the sender>`.
pub fn message_id(reference: &str, sender_email: &str, nonce: u64) -> String {
    let domain =
        sender_email.rsplit_once('@').map(|(_, d)| d.trim()).filter(|d| !d.is_empty()).unwrap_or("rightsdesk.invalid");
    let safe: String = reference.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    crate::mail::MessageId::new(&format!("{safe}.{nonce:x}"), domain).into_string()
}

/// Longest link handed to a mail program; longer letters are copied or exported instead.
pub const MAILTO_MAX: usize = 2000;

/// `mailto:` with subject and body, when the recipient has an address and the
/// link stays under `MAILTO_MAX` characters.
pub fn mailto(letter: &Letter) -> Option<String> {
    let to = letter.recipient.email.trim();
    if to.is_empty() || to.contains(['\r', '\n', '?', '&']) {
        return None;
    }
    let body = letter.body.replace('\n', "\r\n");
    let link = format!("mailto:{}?subject={}&body={}", encode(to), encode(&letter.subject), encode(&body));
    (link.len() <= MAILTO_MAX).then_some(link)
}

/// Percent-encoding of everything but RFC 3986 unreserved characters (and `@` in addresses).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_well_formed() {
        assert_eq!(message_id("RD-2026-1Z", "ana@example.org", 255), "<RD-2026-1Z.ff@example.org>");
        assert_eq!(message_id("RD x\r\n", "", 1), "<RDx.1@rightsdesk.invalid>");
    }

    #[test]
    fn encode_escapes_reserved_characters() {
        assert_eq!(encode("a b&c=d\r\n"), "a%20b%26c%3Dd%0D%0A");
        assert_eq!(encode("ż"), "%C5%BC");
    }
}
