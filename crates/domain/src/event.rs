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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Event {
    pub id: Id,
    pub request_id: Id,
    pub at: String,
    /// What happened, e.g. `created`, `status_changed`.
    pub kind: String,
    pub cause: EventCause,
    pub detail: String,
}
