//! A request's life, from draft to outcome: which marks are allowed in which
//! state, and which deadline is running now and why.
//!
//! draft → sent → (acknowledged | extended | identity requested) →
//! answered (complete | partial) | refused | overdue → admonished →
//! complained → closed with an outcome.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::deadline::{self, DEFAULT_ADMONITION_DAYS, Deadline};
use crate::event::EventKind;
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

    pub fn label(self) -> &'static str {
        match self {
            Self::Fulfilled => "Fulfilled",
            Self::PartiallyFulfilled => "Partly fulfilled",
            Self::Refused => "Refused",
            Self::Ignored => "Ignored",
            Self::Withdrawn => "Withdrawn",
        }
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

    /// The event recorded for this mark.
    pub fn event_kind(&self) -> EventKind {
        match self {
            Self::Sent { .. } => EventKind::Sent,
            Self::Received { .. } => EventKind::Received,
            Self::Acknowledged { .. } => EventKind::Acknowledged,
            Self::Extended { .. } => EventKind::Extended,
            Self::IdentityRequested { .. } => EventKind::IdentityRequested,
            Self::IdentityProvided { .. } => EventKind::IdentityProvided,
            Self::Answered { complete: true, .. } => EventKind::AnsweredComplete,
            Self::Answered { complete: false, .. } => EventKind::AnsweredPartial,
            Self::Refused { .. } => EventKind::Refused,
            Self::Admonished { .. } => EventKind::Admonished,
            Self::Complained { .. } => EventKind::Complained,
            Self::Closed { .. } => EventKind::Closed,
        }
    }

    /// The event's word (`answered_partial`, …), as messages name the mark.
    pub fn kind(&self) -> &'static str {
        self.event_kind().as_str()
    }
}

/// The kind of a mark without its data: what the request page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    Sent,
    Received,
    Acknowledged,
    Extended,
    IdentityRequested,
    IdentityProvided,
    Answered,
    Refused,
    Admonished,
    Complained,
    Closed,
}

impl MarkKind {
    pub const ALL: [MarkKind; 11] = [
        Self::Sent,
        Self::Received,
        Self::Acknowledged,
        Self::Extended,
        Self::IdentityRequested,
        Self::IdentityProvided,
        Self::Answered,
        Self::Refused,
        Self::Admonished,
        Self::Complained,
        Self::Closed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Sent => "Sent",
            Self::Received => "Received by the controller",
            Self::Acknowledged => "Acknowledged",
            Self::Extended => "Extended (+2 months)",
            Self::IdentityRequested => "Identity requested",
            Self::IdentityProvided => "Identity provided",
            Self::Answered => "Answered",
            Self::Refused => "Refused",
            Self::Admonished => "Reminder sent",
            Self::Complained => "Complaint lodged",
            Self::Closed => "Closed",
        }
    }
}

impl Mark {
    pub fn mark_kind(&self) -> MarkKind {
        match self {
            Self::Sent { .. } => MarkKind::Sent,
            Self::Received { .. } => MarkKind::Received,
            Self::Acknowledged { .. } => MarkKind::Acknowledged,
            Self::Extended { .. } => MarkKind::Extended,
            Self::IdentityRequested { .. } => MarkKind::IdentityRequested,
            Self::IdentityProvided { .. } => MarkKind::IdentityProvided,
            Self::Answered { .. } => MarkKind::Answered,
            Self::Refused { .. } => MarkKind::Refused,
            Self::Admonished { .. } => MarkKind::Admonished,
            Self::Complained { .. } => MarkKind::Complained,
            Self::Closed { .. } => MarkKind::Closed,
        }
    }
}

/// The status a mark of `kind` leads to from `status` (for an answer,
/// `complete` decides which), or `None` where it does not fit. The one table
/// of the lifecycle: `apply` and `allowed_marks` both read it.
pub fn transition(status: RequestStatus, kind: MarkKind, complete: bool) -> Option<RequestStatus> {
    use MarkKind as K;
    use RequestStatus as S;
    if status == S::Closed {
        return None;
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
    let follow_up = matches!(status, S::Overdue | S::AnsweredPartial | S::Refused | S::Admonished);
    Some(match kind {
        K::Sent if status == S::Draft => S::Sent,
        K::Received if status != S::Draft => status,
        K::Acknowledged if matches!(status, S::Sent | S::Overdue) => S::Acknowledged,
        K::Extended if matches!(status, S::Sent | S::Acknowledged | S::IdentityRequested | S::Overdue) => S::Extended,
        K::IdentityRequested if matches!(status, S::Sent | S::Acknowledged | S::Extended) => S::IdentityRequested,
        K::IdentityProvided if status == S::IdentityRequested => S::Sent,
        K::Answered if open_for_answer => {
            if complete {
                S::AnsweredComplete
            } else {
                S::AnsweredPartial
            }
        }
        K::Refused if open_for_answer => S::Refused,
        K::Admonished if follow_up => S::Admonished,
        K::Complained if follow_up => S::Complained,
        K::Closed if status != S::Draft => S::Closed,
        _ => return None,
    })
}

/// The marks that fit a request in `status`, in the order of a request's life.
pub fn allowed_marks(status: RequestStatus) -> Vec<MarkKind> {
    MarkKind::ALL.into_iter().filter(|k| transition(status, *k, false).is_some()).collect()
}

/// The follow-up letters a request in `status` allows: a reminder where an
/// answer is overdue or incomplete (or a reminder went unanswered), a
/// complaint to the supervisory authority where it is also refused.
pub fn escalations(status: RequestStatus) -> Vec<crate::RequestKind> {
    use RequestStatus as S;
    let mut out = Vec::new();
    if matches!(status, S::Overdue | S::AnsweredPartial | S::Admonished) {
        out.push(crate::RequestKind::Reminder);
    }
    if matches!(status, S::Overdue | S::AnsweredPartial | S::Refused | S::Admonished) {
        out.push(crate::RequestKind::Complaint);
    }
    out
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
    if status == S::Closed {
        return Err(invalid("the request is closed; reopen it by recording a new request".into()));
    }
    let complete = matches!(mark, Mark::Answered { complete: true, .. });
    let Some(next) = transition(status, mark.mark_kind(), complete) else {
        return Err(invalid(format!(
            "a request that is {} cannot be marked {}",
            status.as_str().replace('_', " "),
            mark.kind().replace('_', " ")
        )));
    };
    let mut d = dates.clone();
    let date = Some(mark.date().to_owned());
    match mark {
        Mark::Sent { .. } => d.sent = date,
        Mark::Received { .. } => d.received = date,
        Mark::Acknowledged { .. } => d.acknowledged = date,
        Mark::Extended { .. } => d.extended = date,
        Mark::IdentityRequested { .. } => d.identity_requested = date,
        Mark::IdentityProvided { .. } => d.identity_provided = date,
        Mark::Answered { .. } => d.answered = date,
        Mark::Refused { .. } => d.refused = date,
        Mark::Admonished { .. } => d.admonished = date,
        Mark::Complained { .. } => d.complained = date,
        Mark::Closed { .. } => d.closed = date,
    }
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
    /// Which reading "overdue" follows, in words, when there are two.
    pub overdue_reading: Option<String>,
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
            overdue_reading: None,
        }),
        S::Admonished => day(&d.admonished).map(|a| RunningDeadline {
            kind: "admonition".into(),
            deadline: deadline::days_from(
                a,
                if admonition_days == 0 { DEFAULT_ADMONITION_DAYS } else { admonition_days },
                country,
            ),
            from_identity: None,
            overdue_reading: None,
        }),
        S::AnsweredPartial | S::Refused => None,
        _ => {
            let start: NaiveDate = day(&d.received).or_else(|| day(&d.sent))?;
            let months = if d.extended.is_some() { 3 } else { 1 };
            let readings = deadline::identity_pause(start, day(&d.identity_provided), months, country);
            let overdue_reading = readings.from_identity.as_ref().map(|paused| {
                format!(
                    "RightsDesk turns the request overdue after {} (the strict reading: the clock was not paused); \
                     if the clock ran only from the day the identity information arrived, the answer is due {}. \
                     Which applies is open in EU law.",
                    readings.strict.due, paused.due
                )
            });
            Some(RunningDeadline {
                kind: if months == 3 { "answer_extended".into() } else { "answer".into() },
                deadline: readings.strict,
                from_identity: readings.from_identity,
                overdue_reading,
            })
        }
    }
}

/// Whether a request in `status` whose clock is `running` is overdue on
/// `today`: it still awaits an answer and the day to act has passed. With an
/// identity demand this follows the strict reading (the earlier day, which
/// never lets a person wait past a deadline that may apply); the other
/// reading is shown beside it (`overdue_reading`), not silently dropped.
///
/// The store's `mark_overdue` query is this rule over the cached `due_on`
/// (a test runs both over the same requests).
pub fn is_overdue(status: RequestStatus, running: &RunningDeadline, today: NaiveDate) -> bool {
    status.awaits_answer() && deadline::parse_date("due", &running.deadline.due).map(|due| today > due).unwrap_or(false)
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
        let day = |d| NaiveDate::from_ymd_opt(2026, 2, d).unwrap();
        assert!(!is_overdue(s, &r, day(5)), "due today is not overdue");
        assert!(is_overdue(s, &r, day(6)), "overdue by the strict reading");
        let reading = r.overdue_reading.as_deref().unwrap();
        assert!(
            reading.contains("2026-02-05") && reading.contains("2026-02-20") && reading.contains("open"),
            "{reading}"
        );
        assert!(!is_overdue(S::AnsweredPartial, &r, day(21)), "an answer stops the clock");
    }

    #[test]
    fn the_marks_offered_are_exactly_those_apply_accepts() {
        for status in S::ALL {
            let offered = allowed_marks(status);
            for kind in MarkKind::ALL {
                let date = "2026-06-01".to_owned();
                let mark = match kind {
                    MarkKind::Sent => Mark::Sent { date },
                    MarkKind::Received => Mark::Received { date },
                    MarkKind::Acknowledged => Mark::Acknowledged { date },
                    MarkKind::Extended => Mark::Extended { date },
                    MarkKind::IdentityRequested => Mark::IdentityRequested { date },
                    MarkKind::IdentityProvided => Mark::IdentityProvided { date },
                    MarkKind::Answered => Mark::Answered { date, complete: false },
                    MarkKind::Refused => Mark::Refused { date },
                    MarkKind::Admonished => Mark::Admonished { date },
                    MarkKind::Complained => Mark::Complained { date },
                    MarkKind::Closed => Mark::Closed { date, outcome: Outcome::Fulfilled },
                };
                assert_eq!(mark.mark_kind(), kind);
                let accepted = apply(status, &RequestDates::default(), &mark).is_ok();
                assert_eq!(offered.contains(&kind), accepted, "{status:?} + {kind:?}");
            }
        }
        assert_eq!(allowed_marks(S::Draft), [MarkKind::Sent]);
        assert!(allowed_marks(S::Closed).is_empty());
        assert!(!allowed_marks(S::Sent).contains(&MarkKind::Complained));
        assert!(allowed_marks(S::Overdue).contains(&MarkKind::Complained));
    }

    #[test]
    fn follow_ups_fit_overdue_incomplete_and_refused_answers() {
        use crate::RequestKind as K;
        assert!(escalations(S::Sent).is_empty());
        assert_eq!(escalations(S::Overdue), [K::Reminder, K::Complaint]);
        assert_eq!(escalations(S::AnsweredPartial), [K::Reminder, K::Complaint]);
        assert_eq!(escalations(S::Refused), [K::Complaint]);
        assert!(escalations(S::Closed).is_empty());
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
