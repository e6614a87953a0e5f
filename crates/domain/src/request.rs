//! A Request is one exercise of a right by one person against one controller.

use serde::{Deserialize, Serialize};

use crate::Id;

/// What is being asked for. Stored by its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Art. 15.
    Access,
    /// Art. 21(1), on grounds of the person's particular situation.
    Objection,
    /// Art. 21(2)–(3): direct marketing, incl. related profiling.
    ObjectionDirectMarketing,
    /// Art. 7(3).
    WithdrawConsent,
    /// Art. 17.
    Erasure,
    /// Art. 16.
    Rectification,
    /// Art. 18.
    Restriction,
    /// Art. 20.
    Portability,
    /// Art. 77, to a supervisory authority.
    Complaint,
    Custom,
}

impl RequestKind {
    pub const ALL: [RequestKind; 10] = [
        Self::Access,
        Self::Objection,
        Self::ObjectionDirectMarketing,
        Self::WithdrawConsent,
        Self::Erasure,
        Self::Rectification,
        Self::Restriction,
        Self::Portability,
        Self::Complaint,
        Self::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Access => "access",
            Self::Objection => "objection",
            Self::ObjectionDirectMarketing => "objection_direct_marketing",
            Self::WithdrawConsent => "withdraw_consent",
            Self::Erasure => "erasure",
            Self::Rectification => "rectification",
            Self::Restriction => "restriction",
            Self::Portability => "portability",
            Self::Complaint => "complaint",
            Self::Custom => "custom",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a request stands. First cut; the tracking work extends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Draft,
    Sent,
    Answered,
    Overdue,
    Closed,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 5] = [Self::Draft, Self::Sent, Self::Answered, Self::Overdue, Self::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Sent => "sent",
            Self::Answered => "answered",
            Self::Overdue => "overdue",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Request {
    pub id: Id,
    pub person_id: Id,
    pub controller_id: Id,
    pub kind: RequestKind,
    pub status: RequestStatus,
    /// Our reference, quoted in every letter so replies can be matched.
    pub reference: String,
    pub created_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_and_status_names_round_trip() {
        for k in RequestKind::ALL {
            assert_eq!(RequestKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }
}
