use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The example vectors of docs/legal.md §3, verbatim.
#[test]
fn legal_sheet_vectors() {
    for (received, months, country, due) in [
        ("2025-09-03", 1, "", "2025-10-03"),
        ("2026-03-31", 1, "", "2026-04-30"),
        ("2028-01-31", 1, "", "2028-02-29"),
        ("2026-01-31", 1, "", "2026-03-02"),
        ("2026-02-28", 1, "", "2026-03-30"),
        ("2025-11-25", 1, "IE", "2025-12-29"),
        ("2026-04-01", 1, "DE", "2026-05-04"),
        ("2026-01-31", 3, "", "2026-04-30"),
    ] {
        let d = months_from(date(received), months, country);
        assert_eq!(d.due, due, "{received} + {months} month(s), holidays of {country:?}: {}", d.explanation);
    }
}

#[test]
fn explanation_names_the_rollover_like_the_issue_example() {
    let d = months_from(date("2026-01-31"), 1, "");
    assert_eq!(d.nominal, "2026-02-28");
    assert!(d.month_end);
    assert_eq!(
        d.rolled_over,
        vec![
            RolledOver { date: "2026-02-28".into(), reason: "Saturday".into() },
            RolledOver { date: "2026-03-01".into(), reason: "Sunday".into() },
        ]
    );
    assert!(
        d.explanation.starts_with("due Mon 2 Mar 2026: one month from receipt on Sat 31 Jan 2026"),
        "{}",
        d.explanation
    );
    assert!(d.explanation.contains("28 Feb is a Saturday"), "{}", d.explanation);
}

#[test]
fn irish_christmas_rolls_over_both_holidays_and_the_weekend() {
    let d = months_from(date("2025-11-25"), 1, "ie");
    let reasons: Vec<&str> = d.rolled_over.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(
        reasons,
        ["public holiday (IE): Christmas Day", "public holiday (IE): St Stephen's Day", "Saturday", "Sunday"]
    );
}

#[test]
fn an_unknown_country_says_only_weekends_were_skipped() {
    let d = months_from(date("2026-11-25"), 1, "PT");
    assert!(!d.holidays_covered);
    assert_eq!(d.due, "2026-12-25", "no Portuguese holidays are known, so Christmas is not skipped");
    assert!(d.explanation.contains("holidays of PT are not known"), "{}", d.explanation);
}

#[test]
fn extension_and_identity_pause_show_both_dates() {
    let e = extension(date("2026-01-31"), "");
    assert_eq!(e.notice_due.due, "2026-03-02");
    assert_eq!(e.extended_due.due, "2026-04-30");
    let p = identity_pause(date("2026-01-05"), Some(date("2026-01-20")), 1, "DE");
    assert_eq!(p.strict.due, "2026-02-05");
    assert_eq!(p.from_identity.unwrap().due, "2026-02-20");
    assert!(identity_pause(date("2026-01-05"), None, 1, "DE").from_identity.is_none());
    let extended = identity_pause(date("2026-01-05"), Some(date("2026-01-20")), 3, "DE");
    assert_eq!(extended.strict.due, "2026-04-07", "5 Apr 2026 is Easter Sunday, 6 Apr Easter Monday");
}

#[test]
fn admonition_and_sa_periods() {
    assert_eq!(days_from(date("2026-03-02"), DEFAULT_ADMONITION_DAYS, "").due, "2026-03-16");
    // 2026-12-10 + 14 days = Thu 24 Dec: a Swedish non-working day, then 25, 26 (Sat), 27 (Sun).
    assert_eq!(days_from(date("2026-12-10"), 14, "SE").due, "2026-12-28");
    assert_eq!(sa_complaint(date("2026-05-31"), "IE").due, "2026-08-31");
}

/// Properties over every receipt day of 2020–2040, every calendar, and
/// periods of 1–3 months: the due date is a working day, never before
/// receipt + 28 days, never before the nominal date, and every day between
/// the nominal and the due date is a non-working day.
#[test]
fn properties_hold_for_every_day_and_calendar() {
    let mut countries: Vec<&str> = COVERED.to_vec();
    countries.extend(["", "PT"]);
    let start = date("2020-01-01");
    for offset in 0..(21 * 366) {
        let received = start + Duration::days(offset);
        for &country in &countries {
            let cal = Calendar::for_country(country);
            for months in 1..=3 {
                let d = months_from(received, months, country);
                let due = date(&d.due);
                let nominal = date(&d.nominal);
                assert!(cal.non_working_reason(due).is_none(), "{received} {country}: due {due} is not a working day");
                assert!(!matches!(due.weekday(), Weekday::Sat | Weekday::Sun));
                assert!(
                    due >= received + Duration::days(28 * i64::from(months)),
                    "{received} {country}: {due} too early"
                );
                assert!(due >= nominal);
                assert_eq!((due - nominal).num_days() as usize, d.rolled_over.len());
                assert!((due - nominal).num_days() <= 5, "{received} {country}: rolled too far ({due})");
                // Rule 1/2: the nominal date is the same date number, or the month's last day.
                let same_day = nominal.day() == received.day();
                let month_end =
                    nominal.succ_opt().unwrap().month() != nominal.month() && nominal.day() < received.day();
                assert!(same_day || month_end, "{received} → nominal {nominal}");
            }
        }
    }
}
