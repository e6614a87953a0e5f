//! One row per request for `export requests` (CSV or JSON): what a journalist
//! hands to an editor or publishes next to the story (Kröger et al. 2020
//! published one such row per request and round).
//!
//! Pseudonymised, a row names no one: no name, address or e-mail, each person
//! a stable pseudonym within the export (`P1`, `P2` … in the order met), and no
//! free text (projects and tags are the journalist's words and may name
//! people). Requests under an embargo never go into a publication export.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Answer, Pseudonyms, RequestFacts, answer, outcome_class};
use crate::letter::AccessItem;

/// One request as exported. Days are `YYYY-MM-DD`, empty where unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRow {
    pub reference: String,
    /// The person's name, or their pseudonym (`P1` …) in a pseudonymised export.
    pub person: String,
    pub controller: String,
    pub controller_name: String,
    pub kind: String,
    pub language: String,
    pub sent: String,
    pub received: String,
    pub due: String,
    pub first_answer: String,
    pub complete_answer: String,
    pub closed: String,
    /// in_time, late, never or pending.
    pub answer: String,
    pub days_to_first_answer: Option<u32>,
    /// complied, partial, refused, id_demanded, no_answer, withdrawn, open.
    pub outcome: String,
    pub extended: bool,
    pub id_demanded: bool,
    /// Whether the answer was checked item by item against Art. 15.
    pub checked: bool,
    /// The Art. 15 items the checked answer held, by code (`confirmation;purposes;…`).
    pub items: Vec<String>,
    pub reminders: u32,
    pub complaints: u32,
    pub answered_after_reminder: bool,
    /// The request's projects and tags: dropped when pseudonymised (free text).
    pub projects: Vec<String>,
    pub tags: Vec<String>,
    pub embargo_until: String,
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// Whether a request goes into an export on `today`: sent requests only (not
/// drafts, not the reminders and complaints, which are columns of the request
/// they follow up); an embargoed one only when asked for and never when
/// pseudonymised for publication.
pub fn exported(f: &RequestFacts, today: NaiveDate, include_embargoed: bool, pseudonymise: bool) -> bool {
    f.counted() && (!f.embargoed(today) || (include_embargoed && !pseudonymise))
}

/// The row of `f`; `person` is the person's name, used unless `pseudonyms` is given.
pub fn row(f: &RequestFacts, today: NaiveDate, person: &str, pseudonyms: Option<&mut Pseudonyms>) -> RequestRow {
    let pseudonymise = pseudonyms.is_some();
    let answered = match answer(f, today) {
        Answer::InTime => "in_time",
        Answer::Late => "late",
        Answer::Never => "never",
        Answer::Pending => "pending",
    };
    let first_reminder = f.reminders.first().copied();
    RequestRow {
        reference: f.reference.clone(),
        person: match pseudonyms {
            Some(p) => p.of(f.person_id),
            None => person.to_owned(),
        },
        controller: f.controller_slug.clone(),
        controller_name: f.controller.clone(),
        kind: f.kind.as_str().to_owned(),
        language: f.language.clone(),
        sent: day(f.sent),
        received: day(f.received),
        due: day(f.due()),
        first_answer: day(f.first_answer),
        complete_answer: day(f.complete_answer),
        closed: day(f.closed),
        answer: answered.to_owned(),
        days_to_first_answer: super::days_from_start(f, f.first_answer),
        outcome: outcome_class(f, today).as_str().to_owned(),
        extended: f.extended,
        id_demanded: f.identity_requested,
        checked: f.checklist.is_some(),
        items: f.checklist.iter().flatten().map(|i: &AccessItem| i.as_str().to_owned()).collect(),
        reminders: f.reminders.len() as u32,
        complaints: f.complaints.len() as u32,
        answered_after_reminder: matches!((first_reminder, f.first_answer), (Some(r), Some(a)) if a >= r),
        projects: if pseudonymise { Vec::new() } else { f.projects.clone() },
        tags: if pseudonymise { Vec::new() } else { f.tags.clone() },
        embargo_until: day(f.embargo_until),
    }
}

/// The CSV columns, in order.
pub const COLUMNS: [&str; 26] = [
    "reference",
    "person",
    "controller",
    "controller_name",
    "kind",
    "language",
    "sent",
    "received",
    "due",
    "first_answer",
    "complete_answer",
    "closed",
    "answer",
    "days_to_first_answer",
    "outcome",
    "extended",
    "id_demanded",
    "checked",
    "items",
    "reminders",
    "complaints",
    "answered_after_reminder",
    "projects",
    "tags",
    "embargo_until",
    "pseudonymised",
];

impl RequestRow {
    /// The row's cells in `COLUMNS` order.
    pub fn cells(&self, pseudonymised: bool) -> Vec<String> {
        let yes = |b: bool| if b { "yes" } else { "no" }.to_owned();
        vec![
            self.reference.clone(),
            self.person.clone(),
            self.controller.clone(),
            self.controller_name.clone(),
            self.kind.clone(),
            self.language.clone(),
            self.sent.clone(),
            self.received.clone(),
            self.due.clone(),
            self.first_answer.clone(),
            self.complete_answer.clone(),
            self.closed.clone(),
            self.answer.clone(),
            self.days_to_first_answer.map(|d| d.to_string()).unwrap_or_default(),
            self.outcome.clone(),
            yes(self.extended),
            yes(self.id_demanded),
            yes(self.checked),
            self.items.join(";"),
            self.reminders.to_string(),
            self.complaints.to_string(),
            yes(self.answered_after_reminder),
            self.projects.join(";"),
            self.tags.join(";"),
            self.embargo_until.clone(),
            yes(pseudonymised),
        ]
    }
}
