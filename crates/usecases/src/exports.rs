//! Files written for the user: the deadlines calendar, kept attachments.
//! Each export says what it wrote (where, how many).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rightsdesk_domain::RequestSummary;
use rightsdesk_domain::{ErrorCode, Id};
use rightsdesk_store::{Error, Result, Store};

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// Events, files or bytes, as the export counts.
    pub count: usize,
}

/// Every running deadline as an iCalendar file at `path`; `count` is the number of events.
pub fn deadlines_ics(store: &Store, path: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<Written> {
    if path.as_os_str().is_empty() {
        return Err(Error::new(ErrorCode::Invalid, "choose where to save the calendar"));
    }
    let (ics, count) = ics(&store.running_deadlines()?, now);
    rightsdesk_store::write_file_atomically(path, ics.as_bytes())?;
    Ok(Written { path: path.to_path_buf(), count })
}

/// A kept file (a scan, a receipt) written to `path`, or without one to
/// `Documents/RightsDesk/<its name>`.
pub fn attachment(store: &Store, attachment: Id, path: &Path) -> Result<Written> {
    let (name, bytes) = store.attachment(attachment)?;
    let path = rightsdesk_store::export_path(path, &name)?;
    rightsdesk_store::write_file_atomically(&path, &bytes)?;
    Ok(Written { path, count: bytes.len() })
}

/// The calendar (RFC 5545): one all-day event per running deadline. Returns it and its number of events.
pub fn ics(deadlines: &[RequestSummary], now: chrono::DateTime<chrono::Utc>) -> (String, usize) {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let mut out =
        String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//RightsDesk//Deadlines//EN\r\nCALSCALE:GREGORIAN\r\n");
    let mut count = 0;
    for r in deadlines {
        let Some(due) = &r.due else { continue };
        let Ok(day) = NaiveDate::parse_from_str(due, "%Y-%m-%d") else { continue };
        let next = day.succ_opt().unwrap_or(day);
        let what = match r.due_kind.as_str() {
            "admonition" => "reminder period ends",
            "authority" => "authority must report (Art. 78(2))",
            _ => "answer due",
        };
        out.push_str("BEGIN:VEVENT\r\n");
        out.push_str(&format!("UID:{}-{}@rightsdesk\r\n", r.reference, r.due_kind));
        out.push_str(&format!("DTSTAMP:{stamp}\r\n"));
        out.push_str(&format!("DTSTART;VALUE=DATE:{}\r\n", day.format("%Y%m%d")));
        out.push_str(&format!("DTEND;VALUE=DATE:{}\r\n", next.format("%Y%m%d")));
        out.push_str(&fold(&format!(
            "SUMMARY:{}",
            text(&format!("{} {what}: {} ({})", r.reference, r.controller, r.person))
        )));
        out.push_str("END:VEVENT\r\n");
        count += 1;
    }
    out.push_str("END:VCALENDAR\r\n");
    (out, count)
}

/// Escapes text for an iCalendar value.
fn text(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace(['\r', '\n'], " ")
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), ending it with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for ch in line.chars() {
        let w = ch.len_utf8();
        if len + w > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(ch);
        len += w;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_within_75_octets() {
        let folded = fold(&format!("SUMMARY:{}", "ä".repeat(100)));
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").trim_end(), format!("SUMMARY:{}", "ä".repeat(100)));
    }

    #[test]
    fn a_calendar_counts_its_events_and_skips_rows_without_a_day() {
        let row = |reference: &str, due: Option<&str>| RequestSummary {
            reference: reference.into(),
            due: due.map(str::to_owned),
            due_kind: "answer".into(),
            controller: "TikTok; Ireland, Ltd.".into(),
            person: "Ada".into(),
            id: 1,
            kind: rightsdesk_domain::RequestKind::Access,
            status: rightsdesk_domain::RequestStatus::Sent,
            person_id: 1,
            controller_slug: "tiktok".into(),
            updated_at: String::new(),
        };
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z").unwrap().to_utc();
        let (ics, count) = ics(&[row("RD-2026-1", Some("2027-01-04")), row("RD-2026-2", None)], now);
        assert_eq!(count, 1);
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        assert!(ics.contains("DTSTART;VALUE=DATE:20270104\r\nDTEND;VALUE=DATE:20270105"), "{ics}");
        assert!(ics.contains("DTSTAMP:20261201T100000Z"));
        assert!(ics.contains("TikTok\\; Ireland\\, Ltd."), "escaped: {ics}");
    }
}
