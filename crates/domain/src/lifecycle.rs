//! A request's life, from draft to outcome: which marks are allowed in which
//! state, and which deadline is running now and why.
//!
//! draft → sent → (acknowledged | extended | identity requested) →
//! answered (complete | partial) | refused | overdue → admonished →
//! complained → closed with an outcome.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::deadline::{self, DEFAULT_ADMONITION_DAYS, Deadline};
use crate::request::RequestStatus;
use crate::{FieldError, Invalid};

/// How a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Fulfilled,
    PartiallyFulfilled,
    Refused,
    Ignored,
    Withdrawn,
}

impl Outcome {
    pub const ALL: [Outcome; 5] =
        [Self::Fulfilled, Self::PartiallyFulfilled, Self::Refused, Self::Ignored, Self::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fulfilled => "fulfilled",
            Self::PartiallyFulfilled => "partially_fulfilled",
            Self::Refused => "refused",
            Self::Ignored => "ignored",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// Something that happened to a request, with the day it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "mark", rename_all = "snake_case")]
pub enum Mark {
    /// Sent by the user (for post: dispatched).
    Sent {
        date: String,
    },
    /// Received by the controller: the day the clock starts (Art. 12(3)).
    Received {
        date: String,
    },
    Acknowledged {
        date: String,
    },
    /// The controller extended by two months (Art. 12(3)).
    Extended {
        date: String,
    },
    /// The controller asked for identity information (Art. 12(6)).
    IdentityRequested {
        date: String,
    },
    /// The user provided it.
    IdentityProvided {
        date: String,
    },
    Answered {
        date: String,
        complete: bool,
    },
    Refused {
        date: String,
    },
    /// A reminder with a fresh period was sent.
    Admonished {
        date: String,
    },
    /// A complaint was lodged with a supervisory authority (Art. 77).
    Complained {
        date: String,
    },
    Closed {
        date: String,
        outcome: Outcome,
    },
}

impl Mark {
    pub fn date(&self) -> &str {
        match self {
            Self::Sent { date }
            | Self::Received { date }
            | Self::Acknowledged { date }
            | Self::Extended { date }
            | Self::IdentityRequested { date }
            | Self::IdentityProvided { date }
            | Self::Answered { date, .. }
            | Self::Refused { date }
            | Self::Admonished { date }
            | Self::Complained { date }
            | Self::Closed { date, .. } => date,
        }
    }

    /// The event kind recorded for this mark.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Sent { .. } => "sent",
            Self::Received { .. } => "received",
            Self::Acknowledged { .. } => "acknowledged",
            Self::Extended { .. } => "extended",
            Self::IdentityRequested { .. } => "identity_requested",
            Self::IdentityProvided { .. } => "identity_provided",
            Self::Answered { complete: true, .. } => "answered_complete",
            Self::Answered { complete: false, .. } => "answered_partial",
            Self::Refused { .. } => "refused",
            Self::Admonished { .. } => "admonished",
            Self::Complained { .. } => "complained",
            Self::Closed { .. } => "closed",
        }
    }
}

/// The dates a request has collected so far (YYYY-MM-DD).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RequestDates {
    pub sent: Option<String>,
    pub received: Option<String>,
    pub acknowledged: Option<String>,
    pub extended: Option<String>,
    pub identity_requested: Option<String>,
    pub identity_provided: Option<String>,
    pub answered: Option<String>,
    pub refused: Option<String>,
    pub admonished: Option<String>,
    pub complained: Option<String>,
    pub closed: Option<String>,
}

fn invalid(message: String) -> Invalid {
    Invalid(vec![FieldError::new("mark", message)])
}

/// Applies `mark` to a request in `status`: the new status and dates, or why
/// the mark does not fit (e.g. answering a draft).
pub fn apply(
    status: RequestStatus,
    dates: &RequestDates,
    mark: &Mark,
) -> Result<(RequestStatus, RequestDates), Invalid> {
    use RequestStatus as S;
    deadline::parse_date("date", mark.date())?;
    let mut d = dates.clone();
    let date = Some(mark.date().to_owned());
    if status == S::Closed {
        return Err(invalid("the request is closed; reopen it by recording a new request".into()));
    }
    let open_for_answer = matches!(
        status,
        S::Sent
            | S::Acknowledged
            | S::Extended
            | S::IdentityRequested
            | S::Overdue
            | S::Admonished
            | S::Complained
            | S::AnsweredPartial
    );
    let next = match mark {
        Mark::Sent { .. } if status == S::Draft => {
            d.sent = date;
            S::Sent
        }
        Mark::Received { .. } if status != S::Draft => {
            d.received = date;
            status
        }
        Mark::Acknowledged { .. } if matches!(status, S::Sent | S::Overdue) => {
            d.acknowledged = date;
            S::Acknowledged
        }
        Mark::Extended { .. } if matches!(status, S::Sent | S::Acknowledged | S::IdentityRequested | S::Overdue) => {
            d.extended = date;
            S::Extended
        }
        Mark::IdentityRequested { .. } if matches!(status, S::Sent | S::Acknowledged | S::Extended) => {
            d.identity_requested = date;
            S::IdentityRequested
        }
        Mark::IdentityProvided { .. } if status == S::IdentityRequested => {
            d.identity_provided = date;
            S::Sent
        }
        Mark::Answered { complete, .. } if open_for_answer => {
            d.answered = date;
            if *complete { S::AnsweredComplete } else { S::AnsweredPartial }
        }
        Mark::Refused { .. } if open_for_answer => {
            d.refused = date;
            S::Refused
        }
        Mark::Admonished { .. } if matches!(status, S::Overdue | S::AnsweredPartial | S::Refused | S::Admonished) => {
            d.admonished = date;
            S::Admonished
        }
        Mark::Complained { .. } if matches!(status, S::Overdue | S::AnsweredPartial | S::Refused | S::Admonished) => {
            d.complained = date;
            S::Complained
        }
        Mark::Closed { .. } if status != S::Draft => {
            d.closed = date;
            S::Closed
        }
        other => {
            return Err(invalid(format!(
                "a request that is {} cannot be marked {}",
                status.as_str().replace('_', " "),
                other.kind().replace('_', " ")
            )));
        }
    };
    if let (Some(sent), Some(received)) = (&d.sent, &d.received)
        && received < sent
    {
        return Err(invalid("the controller cannot have received the request before it was sent".into()));
    }
    Ok((next, d))
}

/// Which clock is running for a request, and when it runs out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RunningDeadline {
    /// What is due: `answer`, `answer_extended`, `admonition`, `authority`.
    pub kind: String,
    pub deadline: Deadline,
    /// With an identity demand: the deadline counted from the day the identity
    /// information arrived, shown beside the strict one (open in EU law).
    pub from_identity: Option<Deadline>,
}

/// The deadline running now, or `None` (draft, answered, closed, or no date yet).
/// `country` decides the holidays (default: the controller's country).
pub fn running_deadline(
    status: RequestStatus,
    d: &RequestDates,
    country: &str,
    admonition_days: u32,
) -> Option<RunningDeadline> {
    use RequestStatus as S;
    let day = |s: &Option<String>| s.as_deref().and_then(|s| deadline::parse_date("date", s).ok());
    match status {
        S::Draft | S::AnsweredComplete | S::Closed => None,
        S::Complained => day(&d.complained).map(|c| RunningDeadline {
            kind: "authority".into(),
            deadline: deadline::sa_complaint(c, country),
            from_identity: None,
        }),
        S::Admonished => day(&d.admonished).map(|a| RunningDeadline {
            kind: "admonition".into(),
            deadline: deadline::days_from(
                a,
                if admonition_days == 0 { DEFAULT_ADMONITION_DAYS } else { admonition_days },
                country,
            ),
            from_identity: None,
        }),
        S::AnsweredPartial | S::Refused => None,
        _ => {
            let start: NaiveDate = day(&d.received).or_else(|| day(&d.sent))?;
            let months = if d.extended.is_some() { 3 } else { 1 };
            Some(RunningDeadline {
                kind: if months == 3 { "answer_extended".into() } else { "answer".into() },
                deadline: deadline::months_from(start, months, country),
                from_identity: day(&d.identity_provided).map(|p| deadline::months_from(p, months, country)),
            })
        }
    }
}

/// Whether a request whose clock is `running` is overdue on `today`.
pub fn is_overdue(running: &RunningDeadline, today: NaiveDate) -> bool {
    let due = running.from_identity.as_ref().map(|d| &d.due).unwrap_or(&running.deadline.due);
    deadline::parse_date("due", due).map(|due| today > due).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestStatus as S;

    fn step(s: S, d: &RequestDates, m: Mark) -> (S, RequestDates) {
        apply(s, d, &m).unwrap_or_else(|e| panic!("{s:?} + {m:?}: {e}"))
    }

    #[test]
    fn a_full_life_with_extension_and_a_partial_answer() {
        let d0 = RequestDates::default();
        let (s, d) = step(S::Draft, &d0, Mark::Sent { date: "2026-01-30".into() });
        let (s, d) = step(s, &d, Mark::Received { date: "2026-01-31".into() });
        assert_eq!(s, S::Sent);
        assert_eq!(running_deadline(s, &d, "", 0).unwrap().deadline.due, "2026-03-02");
        let (s, d) = step(s, &d, Mark::Extended { date: "2026-02-20".into() });
        let r = running_deadline(s, &d, "", 0).unwrap();
        assert_eq!((r.kind.as_str(), r.deadline.due.as_str()), ("answer_extended", "2026-04-30"));
        let (s, d) = step(s, &d, Mark::Answered { date: "2026-04-10".into(), complete: false });
        assert_eq!(s, S::AnsweredPartial);
        let (s, d) = step(s, &d, Mark::Admonished { date: "2026-04-13".into() });
        assert_eq!(running_deadline(s, &d, "", 0).unwrap().deadline.due, "2026-04-27");
        let (s, d) = step(s, &d, Mark::Complained { date: "2026-05-01".into() });
        assert_eq!(running_deadline(s, &d, "IE", 0).unwrap().deadline.due, "2026-08-04");
        let (s, _) = step(s, &d, Mark::Closed { date: "2026-08-10".into(), outcome: Outcome::PartiallyFulfilled });
        assert_eq!(s, S::Closed);
    }

    #[test]
    fn identity_demands_show_both_deadlines() {
        let (s, d) = step(S::Draft, &RequestDates::default(), Mark::Sent { date: "2026-01-05".into() });
        let (s, d) = step(s, &d, Mark::IdentityRequested { date: "2026-01-10".into() });
        let (s, d) = step(s, &d, Mark::IdentityProvided { date: "2026-01-20".into() });
        let r = running_deadline(s, &d, "DE", 0).unwrap();
        assert_eq!(r.deadline.due, "2026-02-05");
        assert_eq!(r.from_identity.as_ref().unwrap().due, "2026-02-20");
        assert!(
            !is_overdue(&r, NaiveDate::from_ymd_opt(2026, 2, 10).unwrap()),
            "the later reading is shown as what counts for overdue"
        );
        assert!(is_overdue(&r, NaiveDate::from_ymd_opt(2026, 2, 21).unwrap()));
    }

    #[test]
    fn marks_that_do_not_fit_are_refused_with_a_reason() {
        let d = RequestDates::default();
        let e = apply(S::Draft, &d, &Mark::Answered { date: "2026-01-01".into(), complete: true }).unwrap_err();
        assert!(e.to_string().contains("cannot be marked answered complete"), "{e}");
        assert!(apply(S::Closed, &d, &Mark::Sent { date: "2026-01-01".into() }).is_err());
        assert!(apply(S::Draft, &d, &Mark::Sent { date: "2026-13-01".into() }).is_err());
        let (s, d) = step(S::Draft, &d, Mark::Sent { date: "2026-02-01".into() });
        assert!(
            apply(s, &d, &Mark::Received { date: "2026-01-01".into() })
                .unwrap_err()
                .to_string()
                .contains("before it was sent")
        );
    }
}
