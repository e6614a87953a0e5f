//! The time the store writes into its rows (created, updated, sent) and the
//! day letters are dated: it comes in from outside, as a `Clock` the store
//! is given (the system's by default, a fixed one in tests), never read by a
//! store method on its own.

use chrono::{DateTime, NaiveDate, Utc};

/// Where the store gets "now" from.
pub trait Clock: std::fmt::Debug + Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Today where the user is (letters are dated by it).
    fn today(&self) -> NaiveDate;

    /// `now` as stored: RFC 3339 in UTC with milliseconds.
    fn stamp(&self) -> String {
        self.now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}

/// The computer's clock and time zone.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }
}

/// A clock that stands still (tests, reproducible runs): `today` is its UTC day.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }

    fn today(&self) -> NaiveDate {
        self.0.date_naive()
    }
}
