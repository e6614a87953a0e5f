//! Legal deadlines, exactly per the team's legal sheet (docs/legal.md §3):
//! GDPR Art. 12(3) periods counted with Reg. (EEC, Euratom) 1182/71.
//!
//! 1. The day of receipt is day 0; a period of months ends on the same date
//!    number that many months later (CJEU C-171/03).
//! 2. If that date does not exist, the last day of that month.
//! 3. If the last day is a Saturday, Sunday or public holiday of the chosen
//!    calendar, the next working day.
//! 4. Weekends and holidays inside the period count; a weekend receipt starts it.
//!
//! Not "+31 days", not counted from the day after receipt, never "first day of
//! the next month".

mod calendar;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

pub use calendar::{COVERED, Calendar, easter_sunday};

/// A day the period could not end on, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RolledOver {
    /// YYYY-MM-DD.
    pub date: String,
    pub reason: String,
}

/// A computed deadline with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Deadline {
    /// The day the period started (YYYY-MM-DD).
    pub start: String,
    /// Length of the period: months, or days for day periods.
    pub months: u32,
    pub days: u32,
    /// Country whose holidays were skipped (empty: weekends only).
    pub country: String,
    /// Whether that country's holidays are known; false → only weekends were skipped.
    pub holidays_covered: bool,
    /// What the calendar covers, in words.
    pub calendar_notes: String,
    /// The end of the period before rolling over non-working days.
    pub nominal: String,
    /// The nominal date was clamped to the month's last day (rule 2).
    pub month_end: bool,
    /// The last day to act (YYYY-MM-DD).
    pub due: String,
    /// The days skipped between `nominal` and `due`, in order.
    pub rolled_over: Vec<RolledOver>,
    /// The deadline in words, e.g. "due Mon 2 Mar 2026: one month from receipt
    /// on Sat 31 Jan 2026; 28 Feb is a Saturday".
    pub explanation: String,
}

/// Reads a YYYY-MM-DD date typed by a user; the error names `field`.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate, crate::Invalid> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        crate::Invalid(vec![crate::FieldError::new(field, format!("“{}” is not a date like 2026-01-31", text.trim()))])
    })
}

/// Reads an optional two-letter country code; empty means "weekends only".
pub fn parse_country(field: &str, text: &str) -> Result<String, crate::Invalid> {
    let c = text.trim().to_ascii_uppercase();
    if c.is_empty() || (c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic())) {
        Ok(c)
    } else {
        Err(crate::Invalid(vec![crate::FieldError::new(field, "must be a two-letter country code like IE or DE")]))
    }
}

/// `date` plus `months` calendar months, clamped to the month's last day (rules 1–2).
pub fn add_months(date: NaiveDate, months: u32) -> (NaiveDate, bool) {
    let total = date.year() * 12 + date.month0() as i32 + months as i32;
    let (year, month) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let last = calendar::days_in_month(year, month);
    let day = date.day().min(last);
    let clamped = date.day() > last;
    (NaiveDate::from_ymd_opt(year, month, day).unwrap_or(date), clamped)
}

/// Moves `nominal` forward to the first working day of `calendar` (rule 3).
fn roll(nominal: NaiveDate, calendar: &Calendar) -> (NaiveDate, Vec<(NaiveDate, String)>) {
    let mut due = nominal;
    let mut skipped = Vec::new();
    while let Some(reason) = calendar.non_working_reason(due) {
        skipped.push((due, reason));
        due += Duration::days(1);
    }
    (due, skipped)
}

/// The answer to a request received on `received` is due `months` months
/// later (1 for Art. 12(3); 3 with an extension), rolled over the non-working
/// days of `country` (empty or unknown: weekends only).
pub fn months_from(received: NaiveDate, months: u32, country: &str) -> Deadline {
    let calendar = Calendar::for_country(country);
    let (nominal, month_end) = add_months(received, months);
    build(received, months, 0, nominal, month_end, &calendar, &period_words_months(months))
}

/// The day `months_from` makes due, without the words: for reports over many requests.
pub fn months_due_day(received: NaiveDate, months: u32, country: &str) -> NaiveDate {
    let calendar = Calendar::for_country(country);
    roll(add_months(received, months).0, &calendar).0
}

/// A period of `days` calendar days (e.g. the 14-day admonition period).
pub fn days_from(start: NaiveDate, days: u32, country: &str) -> Deadline {
    let calendar = Calendar::for_country(country);
    let nominal = start + Duration::days(days.into());
    let words = if days == 1 { "one day".to_owned() } else { format!("{days} days") };
    build(start, 0, days, nominal, false, &calendar, &words)
}

fn period_words_months(months: u32) -> String {
    match months {
        1 => "one month".into(),
        2 => "two months".into(),
        3 => "three months".into(),
        n => format!("{n} months"),
    }
}

fn build(
    start: NaiveDate,
    months: u32,
    days: u32,
    nominal: NaiveDate,
    month_end: bool,
    calendar: &Calendar,
    period: &str,
) -> Deadline {
    let (due, skipped) = roll(nominal, calendar);
    let mut explanation = format!("due {}: {period} from receipt on {}", long(due), long(start));
    if month_end {
        explanation.push_str(&format!(
            "; {} has no {}, so its last day, {}",
            month_name(nominal),
            ordinal(start.day()),
            short(nominal)
        ));
    }
    for (day, reason) in &skipped {
        explanation.push_str(&format!("; {} is a {reason}", short(*day)));
    }
    if !calendar.covered && !calendar.country.is_empty() {
        explanation.push_str(&format!("; holidays of {} are not known, only weekends were skipped", calendar.country));
    }
    Deadline {
        start: start.to_string(),
        months,
        days,
        country: calendar.country.clone(),
        holidays_covered: calendar.covered,
        calendar_notes: calendar.notes(),
        nominal: nominal.to_string(),
        month_end,
        due: due.to_string(),
        rolled_over: skipped.into_iter().map(|(d, reason)| RolledOver { date: d.to_string(), reason }).collect(),
        explanation,
    }
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn long(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn short(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

fn month_name(d: NaiveDate) -> String {
    d.format("%B").to_string()
}

/// The answer deadline with an extension under Art. 12(3): two further
/// months, read as three months from receipt (the legal sheet's reading; some
/// read it as chained from the end of month one — shown as `reading`). The
/// extension notice (with reasons) was due by the one-month deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Extension {
    pub notice_due: Deadline,
    pub extended_due: Deadline,
    pub reading: String,
}

pub fn extension(received: NaiveDate, country: &str) -> Extension {
    Extension {
        notice_due: months_from(received, 1, country),
        extended_due: months_from(received, 3, country),
        reading: "three months from receipt (Art. 12(3)); some read the two further months as running from the end of the first month".into(),
    }
}

/// When the controller asked for identity information: the strict deadline
/// (from receipt) and the one counted from the day the information arrived,
/// as several regulators read it. Both are shown; which applies is open in EU law.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IdentityPause {
    pub strict: Deadline,
    /// `None` while the identity information has not been provided.
    pub from_identity: Option<Deadline>,
}

/// Both readings of a period of `months` that an identity demand interrupted.
pub fn identity_pause(
    received: NaiveDate,
    identity_provided: Option<NaiveDate>,
    months: u32,
    country: &str,
) -> IdentityPause {
    IdentityPause {
        strict: months_from(received, months, country),
        from_identity: identity_provided.map(|d| months_from(d, months, country)),
    }
}

/// Default admonition (reminder) period: 14 days is common practice.
pub const DEFAULT_ADMONITION_DAYS: u32 = 14;

/// The supervisory authority must inform the complainant within three months
/// (Art. 78(2)), counted from the complaint's receipt.
pub fn sa_complaint(lodged: NaiveDate, sa_country: &str) -> Deadline {
    months_from(lodged, 3, sa_country)
}

#[cfg(test)]
mod tests;
