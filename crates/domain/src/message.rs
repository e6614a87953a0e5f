//! A Message is a letter or e-mail in or out of a request.

use serde::{Deserialize, Serialize};

use crate::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Outgoing,
    Incoming,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MessageChannel {
    Email,
    Post,
    WebForm,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Message {
    pub id: Id,
    pub request_id: Id,
    pub direction: Direction,
    pub channel: MessageChannel,
    pub subject: String,
    pub body: String,
    /// RFC 5322 Message-ID for e-mail, empty otherwise.
    pub message_id: String,
    pub at: String,
}
