//! An Event is an audit row: every state change of a request leaves one.

use serde::{Deserialize, Serialize};

use crate::Id;

/// Who or what caused a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum EventCause {
    User,
    MailImport,
    Clock,
}

/// What happened to a request. Stored as its snake_case word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The request was made, with its letter.
    Created,
    LetterRendered,
    LetterEdited,
    /// Put in the outbox (the detail is its Message-ID).
    Queued,
    Sent,
    Received,
    Acknowledged,
    Extended,
    IdentityRequested,
    IdentityProvided,
    AnsweredComplete,
    AnsweredPartial,
    Refused,
    /// The clock ran out (cause: clock).
    Overdue,
    Admonished,
    Complained,
    Closed,
    /// The Art. 15 checklist was ticked.
    Checklist,
    /// Registered-mail number or return receipt.
    Postal,
    AttachmentAdded,
    /// A reply was filed to the request.
    MailReceived,
    /// Put in or taken out of a project, or its tags changed (reports).
    Filed,
    /// An embargo was set or lifted (publication exports).
    Embargo,
}

impl EventKind {
    pub const ALL: [EventKind; 23] = [
        Self::Created,
        Self::LetterRendered,
        Self::LetterEdited,
        Self::Queued,
        Self::Sent,
        Self::Received,
        Self::Acknowledged,
        Self::Extended,
        Self::IdentityRequested,
        Self::IdentityProvided,
        Self::AnsweredComplete,
        Self::AnsweredPartial,
        Self::Refused,
        Self::Overdue,
        Self::Admonished,
        Self::Complained,
        Self::Closed,
        Self::Checklist,
        Self::Postal,
        Self::AttachmentAdded,
        Self::MailReceived,
        Self::Filed,
        Self::Embargo,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::LetterRendered => "letter_rendered",
            Self::LetterEdited => "letter_edited",
            Self::Queued => "queued",
            Self::Sent => "sent",
            Self::Received => "received",
            Self::Acknowledged => "acknowledged",
            Self::Extended => "extended",
            Self::IdentityRequested => "identity_requested",
            Self::IdentityProvided => "identity_provided",
            Self::AnsweredComplete => "answered_complete",
            Self::AnsweredPartial => "answered_partial",
            Self::Refused => "refused",
            Self::Overdue => "overdue",
            Self::Admonished => "admonished",
            Self::Complained => "complained",
            Self::Closed => "closed",
            Self::Checklist => "checklist",
            Self::Postal => "postal",
            Self::AttachmentAdded => "attachment_added",
            Self::MailReceived => "mail_received",
            Self::Filed => "filed",
            Self::Embargo => "embargo",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// How a request's history names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Created => "Request created",
            Self::LetterRendered => "Letter written again",
            Self::LetterEdited => "Letter edited",
            Self::Queued => "Put in the outbox",
            Self::Sent => "Sent",
            Self::Received => "Received by the controller",
            Self::Acknowledged => "Acknowledged",
            Self::Extended => "Extended",
            Self::IdentityRequested => "Identity requested",
            Self::IdentityProvided => "Identity provided",
            Self::AnsweredComplete => "Answered (complete)",
            Self::AnsweredPartial => "Answered (partial)",
            Self::Refused => "Refused",
            Self::Overdue => "Overdue",
            Self::Admonished => "Reminder sent",
            Self::Complained => "Complaint lodged",
            Self::Closed => "Closed",
            Self::Checklist => "Answer checked (Art. 15)",
            Self::Postal => "Post",
            Self::AttachmentAdded => "File kept",
            Self::MailReceived => "Reply filed",
            Self::Filed => "Project or tags changed",
            Self::Embargo => "Embargo changed",
        }
    }
}

impl EventCause {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::MailImport => "mail_import",
            Self::Clock => "clock",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::User, Self::MailImport, Self::Clock].into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::User => "by you",
            Self::MailImport => "from mail",
            Self::Clock => "by the clock",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Event {
    pub id: Id,
    pub request_id: Id,
    pub at: String,
    /// What happened.
    pub kind: EventKind,
    pub cause: EventCause,
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_one_word_and_serialises_as_it() {
        let mut words: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), EventKind::ALL.len());
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }
}
