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
    /// Art. 21(1) and 21(2) together, for ad targeting (docs/legal.md §1).
    AdTargetingObjection,
    /// Art. 22: solely automated decisions.
    AutomatedDecision,
    /// Art. 12(6): contest a disproportionate identity demand.
    IdentityContest,
    /// A reminder (admonition) after a missed deadline or an incomplete answer.
    Reminder,
    /// Art. 77, to a supervisory authority.
    Complaint,
    Custom,
}

impl RequestKind {
    pub const ALL: [RequestKind; 14] = [
        Self::Access,
        Self::Objection,
        Self::ObjectionDirectMarketing,
        Self::AdTargetingObjection,
        Self::WithdrawConsent,
        Self::Erasure,
        Self::Rectification,
        Self::Restriction,
        Self::Portability,
        Self::AutomatedDecision,
        Self::IdentityContest,
        Self::Reminder,
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
            Self::AdTargetingObjection => "ad_targeting_objection",
            Self::AutomatedDecision => "automated_decision",
            Self::IdentityContest => "identity_contest",
            Self::Reminder => "reminder",
            Self::Complaint => "complaint",
            Self::Custom => "custom",
        }
    }

    /// Letters with an Art. 21(1) limb: they rest on grounds relating to the
    /// person's particular situation and are not written without one.
    pub fn needs_particular_situation(self) -> bool {
        matches!(self, Self::Objection | Self::AdTargetingObjection)
    }

    /// The letter's name in the user's words (English UI).
    pub fn label(self) -> &'static str {
        match self {
            Self::Access => "Access (Art. 15)",
            Self::Objection => "Objection, particular situation (Art. 21(1))",
            Self::ObjectionDirectMarketing => "Objection to direct marketing (Art. 21(2)–(3))",
            Self::AdTargetingObjection => "Objection to ad targeting (Art. 21(1) + 21(2))",
            Self::WithdrawConsent => "Withdrawal of consent (Art. 7(3))",
            Self::Erasure => "Erasure (Art. 17)",
            Self::Rectification => "Rectification (Art. 16)",
            Self::Restriction => "Restriction (Art. 18)",
            Self::Portability => "Data portability (Art. 20)",
            Self::AutomatedDecision => "Automated decision (Art. 22)",
            Self::IdentityContest => "Contest an identity demand (Art. 12(6))",
            Self::Reminder => "Reminder / admonition",
            Self::Complaint => "Complaint to a supervisory authority (Art. 77)",
            Self::Custom => "Custom letter",
        }
    }

    /// Addressed to a supervisory authority instead of the controller.
    pub fn goes_to_authority(self) -> bool {
        self == Self::Complaint
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a request stands (see `lifecycle` for the allowed steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Draft,
    Sent,
    Acknowledged,
    Extended,
    IdentityRequested,
    AnsweredComplete,
    AnsweredPartial,
    Refused,
    Overdue,
    Admonished,
    Complained,
    Closed,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 12] = [
        Self::Draft,
        Self::Sent,
        Self::Acknowledged,
        Self::Extended,
        Self::IdentityRequested,
        Self::AnsweredComplete,
        Self::AnsweredPartial,
        Self::Refused,
        Self::Overdue,
        Self::Admonished,
        Self::Complained,
        Self::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Sent => "sent",
            Self::Acknowledged => "acknowledged",
            Self::Extended => "extended",
            Self::IdentityRequested => "identity_requested",
            Self::AnsweredComplete => "answered_complete",
            Self::AnsweredPartial => "answered_partial",
            Self::Refused => "refused",
            Self::Overdue => "overdue",
            Self::Admonished => "admonished",
            Self::Complained => "complained",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// How the app and the CLI name the status.
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Sent => "Sent",
            Self::Acknowledged => "Acknowledged",
            Self::Extended => "Extended",
            Self::IdentityRequested => "Identity requested",
            Self::AnsweredComplete => "Answered (complete)",
            Self::AnsweredPartial => "Answered (partial)",
            Self::Refused => "Refused",
            Self::Overdue => "Overdue",
            Self::Admonished => "Reminded",
            Self::Complained => "Complaint lodged",
            Self::Closed => "Closed",
        }
    }

    /// Statuses whose answer clock can run out (and so turn overdue).
    pub fn awaits_answer(self) -> bool {
        matches!(self, Self::Sent | Self::Acknowledged | Self::Extended | Self::IdentityRequested)
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

/// One line in a request list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RequestSummary {
    pub id: Id,
    pub reference: String,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub person_id: Id,
    pub person: String,
    pub controller_slug: String,
    pub controller: String,
    /// The deadline running now (YYYY-MM-DD), if any.
    pub due: Option<String>,
    /// What is due: `answer`, `answer_extended`, `admonition`, `authority`.
    pub due_kind: String,
    pub updated_at: String,
}

/// Everything the request page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RequestDetail {
    pub summary: RequestSummary,
    pub dates: crate::lifecycle::RequestDates,
    pub outcome: Option<crate::lifecycle::Outcome>,
    /// Whose holidays the deadline uses.
    pub deadline_country: String,
    pub running: Option<crate::lifecycle::RunningDeadline>,
    pub events: Vec<crate::event::Event>,
    /// Access requests: the Art. 15 items the answer contained (`None`: not checked yet).
    pub checklist: Option<Vec<crate::letter::AccessItem>>,
    pub postal: Postal,
    pub attachments: Vec<Attachment>,
    /// Reminders and complaints written about this request.
    pub follow_ups: Vec<RequestSummary>,
    /// The request this one follows up (reminders, complaints), by reference.
    pub regarding: Option<String>,
    /// The marks that fit now (the lifecycle's table), for the request page to offer.
    pub allowed_marks: Vec<crate::lifecycle::MarkKind>,
    /// The follow-up letters that fit now (reminder, complaint).
    pub escalations: Vec<RequestKind>,
}

/// A request sent by post.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Postal {
    /// Registered-mail number.
    pub tracking_number: String,
    /// The day on the return receipt: the controller received it.
    pub return_receipt_on: Option<String>,
}

/// A file kept with a request (a scan, a receipt, an answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Attachment {
    pub id: Id,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub added_at: String,
}

/// A desktop notification due: shown once per key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Notice {
    pub key: String,
    pub request_id: Id,
    pub title: String,
    pub body: String,
}

/// What needs the user today.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Attention {
    pub today: String,
    pub overdue: Vec<RequestSummary>,
    pub due_soon: Vec<RequestSummary>,
    /// Partial answers and refusals: admonish, complain or close.
    pub decisions: Vec<RequestSummary>,
    /// Drafts not sent yet.
    pub drafts: Vec<RequestSummary>,
    /// Basis changes in the policies of platforms the people deal with,
    /// not reviewed yet (the policy watch).
    #[serde(default)]
    pub basis_changes: Vec<crate::watch::BasisAlert>,
    /// Mandates that end within 30 days: renew them or wind the case down.
    #[serde(default)]
    pub mandates_expiring: Vec<crate::mandate::MandateEntry>,
}
