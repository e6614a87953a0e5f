//! Reports: what happened to a set of requests, in numbers a journalist can
//! publish — counts, proportions with their 95 % Wilson intervals, the time to
//! an answer as a distribution (never only a mean), outcomes, Art. 15
//! completeness and escalations — per controller, kind or month, with a
//! methodology paragraph that says what was counted.
//!
//! Pure: the store gathers one `RequestFacts` per request, the caller passes
//! "today"; everything else is decided here, so the app, the CLI and every
//! export show the same numbers.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Id;
use crate::deadline;
use crate::letter::AccessItem;
use crate::lifecycle::Outcome;
use crate::request::{RequestKind, RequestStatus};

/// Cells with fewer requests than this are marked too small to compare.
pub const SMALL_CELL: u32 = 10;

/// z for a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// Which requests a report or export covers. Every field narrows; empty = all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ReportFilter {
    /// A project's id.
    pub project: Option<Id>,
    pub tag: Option<String>,
    pub person: Option<Id>,
    pub kind: Option<RequestKind>,
    /// A controller's slug.
    pub controller: Option<String>,
    /// One of the controllers' categories (datarequests.org's sectors).
    pub sector: Option<String>,
    /// Sent on or after this day (YYYY-MM-DD).
    pub from: Option<String>,
    /// Sent on or before this day (YYYY-MM-DD).
    pub to: Option<String>,
    /// Count requests whose embargo has not ended (never in a publication export).
    pub include_embargoed: bool,
}

impl ReportFilter {
    /// Checks the period's days; returns them parsed.
    pub fn period(&self) -> Result<(Option<NaiveDate>, Option<NaiveDate>), crate::Invalid> {
        let day = |field: &str, v: &Option<String>| match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => deadline::parse_date(field, s).map(Some),
            None => Ok(None),
        };
        let (from, to) = (day("from", &self.from)?, day("to", &self.to)?);
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            return Err(crate::Invalid(vec![crate::FieldError::new("to", "the period ends before it starts")]));
        }
        Ok((from, to))
    }
}

/// How the groups of a report are formed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    #[default]
    Controller,
    Kind,
    Month,
}

impl GroupBy {
    pub const ALL: [GroupBy; 3] = [Self::Controller, Self::Kind, Self::Month];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Controller => "controller",
            Self::Kind => "kind",
            Self::Month => "month",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// What the store knows about one request, as a report needs it. Dates are days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFacts {
    pub id: Id,
    pub reference: String,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub person_id: Id,
    pub controller_slug: String,
    pub controller: String,
    /// The letter's language code.
    pub language: String,
    /// Whose holidays the deadline counts (the request's, else the controller's country).
    pub country: String,
    pub sent: Option<NaiveDate>,
    pub received: Option<NaiveDate>,
    pub extended: bool,
    pub identity_requested: bool,
    /// The first answer of any kind: complete, partial, or a refusal.
    pub first_answer: Option<NaiveDate>,
    /// The first complete answer.
    pub complete_answer: Option<NaiveDate>,
    pub refused: bool,
    pub closed: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    /// The Art. 15 items the answer held; `None`: not checked.
    pub checklist: Option<Vec<AccessItem>>,
    /// The days the reminders about this request went out.
    pub reminders: Vec<NaiveDate>,
    /// The days complaints about it were lodged.
    pub complaints: Vec<NaiveDate>,
    pub embargo_until: Option<NaiveDate>,
    /// The projects it is in, by name.
    pub projects: Vec<String>,
    pub tags: Vec<String>,
}

impl RequestFacts {
    /// The day the Art. 12(3) clock started: receipt, else the day sent.
    pub fn start(&self) -> Option<NaiveDate> {
        self.received.or(self.sent)
    }

    /// The day the answer was due: one month from the start, three when extended
    /// (strict reading: an identity demand does not pause the clock, as the overdue rule).
    pub fn due(&self) -> Option<NaiveDate> {
        let start = self.start()?;
        let months = if self.extended { 3 } else { 1 };
        Some(deadline::months_due_day(start, months, &self.country))
    }

    /// Whether the embargo keeps this request out of publication on `today`.
    pub fn embargoed(&self, today: NaiveDate) -> bool {
        self.embargo_until.is_some_and(|d| d > today)
    }

    /// Reminders and complaints are counted as escalations of the request they
    /// follow up, not as requests; drafts are not counted.
    pub fn counted(&self) -> bool {
        self.sent.is_some() && !matches!(self.kind, RequestKind::Reminder | RequestKind::Complaint)
    }
}

/// Whether and when a request was answered, on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Answered on or before the day it was due.
    InTime,
    Late,
    /// No answer and the day it was due has passed (or closed without one).
    Never,
    /// No answer yet, still within its period.
    Pending,
}

/// How a request ended, in the categories the access-request studies use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OutcomeClass {
    Complied,
    Partial,
    Refused,
    /// The controller asked for identity and gave no answer (yet).
    IdDemanded,
    NoAnswer,
    Withdrawn,
    /// Still within its period, no answer yet.
    Open,
}

impl OutcomeClass {
    pub const ALL: [OutcomeClass; 7] =
        [Self::Complied, Self::Partial, Self::Refused, Self::IdDemanded, Self::NoAnswer, Self::Withdrawn, Self::Open];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Complied => "complied",
            Self::Partial => "partial",
            Self::Refused => "refused",
            Self::IdDemanded => "id_demanded",
            Self::NoAnswer => "no_answer",
            Self::Withdrawn => "withdrawn",
            Self::Open => "open",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Complied => "Complied",
            Self::Partial => "Partly complied",
            Self::Refused => "Refused",
            Self::IdDemanded => "ID demanded",
            Self::NoAnswer => "No answer",
            Self::Withdrawn => "Withdrawn",
            Self::Open => "Open",
        }
    }
}

/// The answer on `today`.
pub fn answer(f: &RequestFacts, today: NaiveDate) -> Answer {
    match (f.first_answer, f.due()) {
        (Some(a), Some(due)) if a <= due => Answer::InTime,
        (Some(_), _) => Answer::Late,
        (None, _) if f.closed.is_some() => Answer::Never,
        (None, Some(due)) if today > due => Answer::Never,
        (None, _) => Answer::Pending,
    }
}

/// The outcome on `today`: the recorded one where the request was closed, else
/// what the answers say (a complete answer › a refusal › a partial answer), else
/// an identity demand, else no answer or still open.
pub fn outcome_class(f: &RequestFacts, today: NaiveDate) -> OutcomeClass {
    if let Some(o) = f.outcome {
        return match o {
            Outcome::Fulfilled => OutcomeClass::Complied,
            Outcome::PartiallyFulfilled => OutcomeClass::Partial,
            Outcome::Refused => OutcomeClass::Refused,
            Outcome::Ignored => OutcomeClass::NoAnswer,
            Outcome::Withdrawn => OutcomeClass::Withdrawn,
        };
    }
    if f.complete_answer.is_some() {
        OutcomeClass::Complied
    } else if f.refused {
        OutcomeClass::Refused
    } else if f.first_answer.is_some() {
        OutcomeClass::Partial
    } else if f.identity_requested {
        OutcomeClass::IdDemanded
    } else if answer(f, today) == Answer::Never {
        OutcomeClass::NoAnswer
    } else {
        OutcomeClass::Open
    }
}

/// Days from the clock's start to `day` (an answer recorded before the recorded
/// receipt counts as the same day, so no answer drops out of the distribution).
fn days_from_start(f: &RequestFacts, day: Option<NaiveDate>) -> Option<u32> {
    let (start, day) = (f.start()?, day?);
    Some(u32::try_from((day - start).num_days()).unwrap_or(0))
}

/// A proportion with its 95 % Wilson score interval; `value` is `None` with no trials.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Proportion {
    pub successes: u32,
    pub trials: u32,
    pub value: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

/// `successes` of `trials` with the Wilson interval (Wilson 1927), which stays
/// inside [0, 1] and is honest for small and extreme counts.
pub fn wilson(successes: u32, trials: u32) -> Proportion {
    if trials == 0 {
        return Proportion { successes, trials, value: None, ci_low: None, ci_high: None };
    }
    let n = f64::from(trials);
    let p = f64::from(successes) / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Proportion {
        successes,
        trials,
        value: Some(p),
        // Rounding must not put the bound past the estimate (at 0 or n successes it is exact).
        ci_low: Some((centre - half).clamp(0.0, p)),
        ci_high: Some((centre + half).clamp(p, 1.0)),
    }
}

/// One bar of a histogram of days: `from..=to` (`to` `None`: and more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Bin {
    pub from: u32,
    pub to: Option<u32>,
    pub count: u32,
}

/// The histogram's edges in days: a week, two, three, the month (~30), then
/// the extension's months.
pub const BIN_STARTS: [u32; 8] = [0, 8, 15, 22, 31, 46, 61, 91];

/// A distribution of whole days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Distribution {
    pub n: u32,
    pub min: Option<u32>,
    /// Quartiles by linear interpolation between order statistics (Hyndman & Fan type 7).
    pub q1: Option<f64>,
    pub median: Option<f64>,
    pub q3: Option<f64>,
    pub max: Option<u32>,
    pub histogram: Vec<Bin>,
}

pub fn distribution(mut days: Vec<u32>) -> Distribution {
    days.sort_unstable();
    let quantile = |q: f64| -> Option<f64> {
        if days.is_empty() {
            return None;
        }
        let h = q * (days.len() - 1) as f64;
        let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
        Some(f64::from(days[lo]) + (h - lo as f64) * (f64::from(days[hi]) - f64::from(days[lo])))
    };
    let histogram = BIN_STARTS
        .iter()
        .enumerate()
        .map(|(i, &from)| {
            let to = BIN_STARTS.get(i + 1).map(|next| next - 1);
            let count = days.iter().filter(|&&d| d >= from && to.is_none_or(|t| d <= t)).count() as u32;
            Bin { from, to, count }
        })
        .collect();
    Distribution {
        n: days.len() as u32,
        min: days.first().copied(),
        q1: quantile(0.25),
        median: quantile(0.5),
        q3: quantile(0.75),
        max: days.last().copied(),
        histogram,
    }
}

/// How many requests ended in each outcome class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Outcomes {
    pub complied: u32,
    pub partial: u32,
    pub refused: u32,
    pub id_demanded: u32,
    pub no_answer: u32,
    pub withdrawn: u32,
    pub open: u32,
}

impl Outcomes {
    fn add(&mut self, c: OutcomeClass) {
        *match c {
            OutcomeClass::Complied => &mut self.complied,
            OutcomeClass::Partial => &mut self.partial,
            OutcomeClass::Refused => &mut self.refused,
            OutcomeClass::IdDemanded => &mut self.id_demanded,
            OutcomeClass::NoAnswer => &mut self.no_answer,
            OutcomeClass::Withdrawn => &mut self.withdrawn,
            OutcomeClass::Open => &mut self.open,
        } += 1;
    }

    pub fn get(&self, c: OutcomeClass) -> u32 {
        match c {
            OutcomeClass::Complied => self.complied,
            OutcomeClass::Partial => self.partial,
            OutcomeClass::Refused => self.refused,
            OutcomeClass::IdDemanded => self.id_demanded,
            OutcomeClass::NoAnswer => self.no_answer,
            OutcomeClass::Withdrawn => self.withdrawn,
            OutcomeClass::Open => self.open,
        }
    }

    pub fn total(&self) -> u32 {
        OutcomeClass::ALL.iter().map(|c| self.get(*c)).sum()
    }
}

/// One Art. 15 item: in how many checked answers it was there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemCompleteness {
    pub item: AccessItem,
    /// The provision (`15(1)(a)` …).
    pub article: String,
    pub present: Proportion,
}

/// Reminders and complaints, and what followed them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Escalations {
    /// Requests that got at least one reminder.
    pub reminded: u32,
    /// … of which an answer came on or after the (first) reminder's day.
    pub answered_after_reminder: u32,
    /// Requests taken to a supervisory authority.
    pub complained: u32,
    pub answered_after_complaint: u32,
}

/// The numbers of one group (or of all counted requests: the report's `total`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Group {
    /// The controller's slug, the kind's word, `YYYY-MM`, or `total`.
    pub key: String,
    pub label: String,
    /// Requests counted: sent, not a reminder or complaint.
    pub sent: u32,
    /// Answered (complete, partial or refused), in time or late.
    pub answered: u32,
    pub answered_in_time: u32,
    pub answered_late: u32,
    /// Due and never answered.
    pub never_answered: u32,
    /// Not answered yet and still within the period: left out of the rates.
    pub pending: u32,
    /// `answered` of the requests that were due or answered (`sent − pending`).
    pub response_rate: Proportion,
    /// `answered_in_time` of the same.
    pub in_time_rate: Proportion,
    pub median_days_to_first_answer: Option<f64>,
    pub days_to_first_answer: Distribution,
    pub days_to_complete_answer: Distribution,
    /// The controller extended the period (Art. 12(3)).
    pub extended: u32,
    /// The controller asked for identity information (Art. 12(6)).
    pub id_demanded: u32,
    pub outcomes: Outcomes,
    /// Access requests whose answer was checked item by item.
    pub checked: u32,
    pub completeness: Vec<ItemCompleteness>,
    pub escalations: Escalations,
    /// Fewer than `SMALL_CELL` requests: shown, but not to be compared.
    pub too_small: bool,
}

/// A whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Report {
    /// The day the report was made: what "due", "pending" and embargoes are measured on.
    pub on: String,
    pub filter: ReportFilter,
    pub by: GroupBy,
    pub total: Group,
    /// In key order: a ranking is the reader's choice, not the report's.
    pub groups: Vec<Group>,
    /// Drafts in the filter, not counted.
    pub drafts: u32,
    /// Requests under an embargo on `on`, left out (unless the filter includes them).
    pub embargoed: u32,
    /// Reminders and complaints in the filter, counted with the request they follow up.
    pub follow_ups: u32,
    /// What was counted and how, in words, generated from the filter.
    pub methodology: String,
    /// What a reader must keep in mind, in words.
    pub caveats: Vec<String>,
}

/// A report's charts, each an SVG document drawn by the letters crate (text
/// and axes in `currentColor`; the legend is the face's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Charts {
    /// Days to the first answer, in the report's bins.
    pub histogram: String,
    /// Outcomes per controller, stacked in the order of `OutcomeClass::ALL`.
    pub outcomes: String,
    /// Per month sent: answered in time, late, never, pending, stacked.
    pub over_time: String,
    /// The share of checked answers holding each Art. 15 item.
    pub completeness: String,
    /// The legend of `outcomes`: each outcome class's code and colour, bottom to top.
    pub outcome_colours: Vec<(String, String)>,
    /// The legend of `over_time`: each series' field (`answered_in_time` …) and colour.
    pub answer_colours: Vec<(String, String)>,
}

/// A report with its charts, from one reading of the store (what the Reports screen shows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReportView {
    pub report: Report,
    pub charts: Charts,
}

/// Names the report's filter needs in words (a project's name, a person's pseudonym …).
#[derive(Debug, Clone, Default)]
pub struct FilterWords {
    pub project: Option<String>,
    pub person: Option<String>,
    pub controller: Option<String>,
}

/// The report over `facts` (the store's, already narrowed by the filter) on `today`.
pub fn report(
    facts: &[RequestFacts],
    filter: &ReportFilter,
    by: GroupBy,
    today: NaiveDate,
    words: &FilterWords,
) -> Report {
    let mut drafts = 0;
    let mut embargoed = 0;
    let mut follow_ups = 0;
    let mut counted: Vec<&RequestFacts> = Vec::with_capacity(facts.len());
    for f in facts {
        if matches!(f.kind, RequestKind::Reminder | RequestKind::Complaint) {
            follow_ups += 1;
        } else if f.sent.is_none() {
            drafts += 1;
        } else if f.embargoed(today) && !filter.include_embargoed {
            embargoed += 1;
        } else {
            counted.push(f);
        }
    }
    let mut buckets: BTreeMap<String, (String, Vec<&RequestFacts>)> = BTreeMap::new();
    for f in &counted {
        let (key, label) = match by {
            GroupBy::Controller => (f.controller_slug.clone(), f.controller.clone()),
            GroupBy::Kind => (f.kind.as_str().to_owned(), f.kind.label().to_owned()),
            GroupBy::Month => {
                let d = f.sent.unwrap_or(today);
                let key = format!("{:04}-{:02}", d.year(), d.month());
                (key.clone(), key)
            }
        };
        buckets.entry(key).or_insert_with(|| (label, Vec::new())).1.push(f);
    }
    let groups = buckets.into_iter().map(|(key, (label, fs))| group(key, label, &fs, today)).collect();
    let total = group("total".into(), "All requests".into(), &counted, today);
    let caveats = caveats(&total, drafts, embargoed, filter);
    Report {
        on: today.format("%Y-%m-%d").to_string(),
        methodology: methodology(filter, by, today, words),
        filter: filter.clone(),
        by,
        total,
        groups,
        drafts,
        embargoed,
        follow_ups,
        caveats,
    }
}

/// The numbers of one set of counted requests.
pub fn group(key: String, label: String, facts: &[&RequestFacts], today: NaiveDate) -> Group {
    let mut g = Group {
        key,
        label,
        sent: facts.len() as u32,
        answered: 0,
        answered_in_time: 0,
        answered_late: 0,
        never_answered: 0,
        pending: 0,
        response_rate: wilson(0, 0),
        in_time_rate: wilson(0, 0),
        median_days_to_first_answer: None,
        days_to_first_answer: distribution(Vec::new()),
        days_to_complete_answer: distribution(Vec::new()),
        extended: 0,
        id_demanded: 0,
        outcomes: Outcomes::default(),
        checked: 0,
        completeness: Vec::new(),
        escalations: Escalations::default(),
        too_small: (facts.len() as u32) < SMALL_CELL,
    };
    let mut first = Vec::new();
    let mut complete = Vec::new();
    let mut items = [0u32; AccessItem::ALL.len()];
    for f in facts {
        match answer(f, today) {
            Answer::InTime => g.answered_in_time += 1,
            Answer::Late => g.answered_late += 1,
            Answer::Never => g.never_answered += 1,
            Answer::Pending => g.pending += 1,
        }
        first.extend(days_from_start(f, f.first_answer));
        complete.extend(days_from_start(f, f.complete_answer));
        g.extended += u32::from(f.extended);
        g.id_demanded += u32::from(f.identity_requested);
        g.outcomes.add(outcome_class(f, today));
        if f.kind == RequestKind::Access
            && let Some(list) = &f.checklist
        {
            g.checked += 1;
            for (i, item) in AccessItem::ALL.iter().enumerate() {
                items[i] += u32::from(list.contains(item));
            }
        }
        // An answer on or after the escalation's day (the first, or the complete one).
        let answered_after = |days: &[NaiveDate]| {
            days.iter()
                .min()
                .is_some_and(|d| f.first_answer.is_some_and(|a| a >= *d) || f.complete_answer.is_some_and(|a| a >= *d))
        };
        if !f.reminders.is_empty() {
            g.escalations.reminded += 1;
            g.escalations.answered_after_reminder += u32::from(answered_after(&f.reminders));
        }
        if !f.complaints.is_empty() {
            g.escalations.complained += 1;
            g.escalations.answered_after_complaint += u32::from(answered_after(&f.complaints));
        }
    }
    g.answered = g.answered_in_time + g.answered_late;
    let due = g.sent - g.pending;
    g.response_rate = wilson(g.answered, due);
    g.in_time_rate = wilson(g.answered_in_time, due);
    g.days_to_first_answer = distribution(first);
    g.days_to_complete_answer = distribution(complete);
    g.median_days_to_first_answer = g.days_to_first_answer.median;
    g.completeness = AccessItem::ALL
        .iter()
        .zip(items)
        .map(|(item, n)| ItemCompleteness {
            item: *item,
            article: format!("Art. {}", item.article()),
            present: wilson(n, g.checked),
        })
        .collect();
    g
}

/// The methodology paragraph: what is counted, on which day, how the
/// unclassified are treated — generated from the filter so it is always true.
pub fn methodology(filter: &ReportFilter, by: GroupBy, today: NaiveDate, words: &FilterWords) -> String {
    let mut scope = Vec::new();
    if let Some(p) = &words.project {
        scope.push(format!("in the project “{p}”"));
    } else if let Some(id) = filter.project {
        scope.push(format!("in project #{id}"));
    }
    if let Some(t) = filter.tag.as_deref().filter(|t| !t.is_empty()) {
        scope.push(format!("tagged “{t}”"));
    }
    if let Some(p) = &words.person {
        scope.push(format!("made for {p}"));
    } else if filter.person.is_some() {
        scope.push("made for one person".into());
    }
    if let Some(k) = filter.kind {
        scope.push(format!("of the kind “{}”", k.label()));
    }
    if let Some(c) = words.controller.as_ref().or(filter.controller.as_ref()) {
        scope.push(format!("to {c}"));
    }
    if let Some(s) = filter.sector.as_deref().filter(|s| !s.is_empty()) {
        scope.push(format!("to controllers in the sector “{s}”"));
    }
    match (filter.from.as_deref().filter(|s| !s.is_empty()), filter.to.as_deref().filter(|s| !s.is_empty())) {
        (Some(f), Some(t)) => scope.push(format!("sent from {f} to {t}")),
        (Some(f), None) => scope.push(format!("sent on or after {f}")),
        (None, Some(t)) => scope.push(format!("sent on or before {t}")),
        (None, None) => {}
    }
    let scope = if scope.is_empty() { String::new() } else { format!(" {}", scope.join(", ")) };
    let grouping = match by {
        GroupBy::Controller => "per controller",
        GroupBy::Kind => "per kind of request",
        GroupBy::Month => "per month in which the request was sent",
    };
    let embargo = if filter.include_embargoed {
        "Requests under an embargo are included."
    } else {
        "Requests under an embargo are left out until the embargo ends."
    };
    format!(
        "This report counts every request{scope} that was sent, as of {today}, {grouping}. Drafts are not counted; \
         reminders and complaints are counted as escalations of the request they follow up, not as requests. \
         A request is answered when the controller answered it completely, partly, or refused it; an acknowledgement \
         or an identity demand is not an answer (identity demands are counted apart). The answer is in time when it \
         came on or before the day it was due: one month from receipt (or from sending, where receipt was not \
         recorded), three months where the controller extended, by Art. 12(3) GDPR and Reg. 1182/71, counting \
         public holidays where they are known; an identity demand does not pause the clock in this count. \
         A request not yet answered whose period has not ended is pending and left out of the rates; one whose \
         period has ended is never answered. Time to an answer is counted in days from the start of the period \
         and given as a distribution (median and quartiles), never only as a mean. Proportions carry a 95 % Wilson \
         interval. Groups of fewer than {SMALL_CELL} requests are marked as too small to compare. Art. 15 \
         completeness is counted only over access requests whose answer was checked item by item; unchecked answers \
         are left out of it. Outcomes follow the outcome recorded when a request was closed, else its answers. \
         {embargo} Groups are listed in alphabetical order; the report ranks no one.",
        today = today.format("%Y-%m-%d"),
    )
}

/// "1 request", "2 requests" (and the verb that goes with it).
fn requests(n: u32, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

fn caveats(total: &Group, drafts: u32, embargoed: u32, filter: &ReportFilter) -> Vec<String> {
    let mut out = Vec::new();
    let are = |n: u32| if n == 1 { "is" } else { "are" };
    if total.too_small {
        out.push(format!(
            "Only {} {} counted: too few for the rates to say much (see the intervals).",
            requests(total.sent, "request"),
            are(total.sent)
        ));
    }
    if total.pending > 0 {
        out.push(format!(
            "{} {} still within {} period and {} left out of the rates.",
            requests(total.pending, "request"),
            are(total.pending),
            if total.pending == 1 { "its" } else { "their" },
            are(total.pending)
        ));
    }
    if drafts > 0 {
        out.push(format!(
            "{} in this selection {} never sent and {} not counted.",
            requests(drafts, "draft"),
            if drafts == 1 { "was" } else { "were" },
            are(drafts)
        ));
    }
    if embargoed > 0 && !filter.include_embargoed {
        out.push(format!("{} under an embargo {} left out.", requests(embargoed, "request"), are(embargoed)));
    }
    let unchecked = total.outcomes.complied + total.outcomes.partial;
    if total.checked < unchecked && total.checked > 0 {
        out.push(format!(
            "Art. 15 completeness rests on {} checked {}; the others were not checked.",
            total.checked,
            if total.checked == 1 { "answer" } else { "answers" }
        ));
    }
    out
}

/// Stable pseudonyms within one export: the n-th person met is `P<n>`.
#[derive(Debug, Default)]
pub struct Pseudonyms {
    seen: BTreeMap<Id, usize>,
}

impl Pseudonyms {
    pub fn of(&mut self, person: Id) -> String {
        let next = self.seen.len() + 1;
        format!("P{}", self.seen.entry(person).or_insert(next))
    }
}

pub mod rows;

#[cfg(test)]
mod tests;
