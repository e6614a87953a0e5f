//! Backups: when to remind, when an automatic backup is due, which old ones
//! go, what a backup file is called, and what a backup passphrase must be.
//! The file format itself is the store's (`rightsdesk_store::backup`).

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::FieldError;

/// With no backup for this long, the attention view reminds the user.
pub const REMINDER_DAYS: i64 = 30;
/// Automatic backups run at most this often.
pub const AUTOMATIC_EVERY_HOURS: i64 = 24;
/// How many automatic backups are kept when the user has not said.
pub const DEFAULT_KEEP: u32 = 7;
/// The extension of a backup file.
pub const EXTENSION: &str = "rdbackup";
const PREFIX: &str = "rightsdesk-";
const NAME_TIME: &str = "%Y-%m-%d-%H%M%S";

/// What the user chose for automatic backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AutomaticBackups {
    /// The folder the backups go to.
    pub folder: String,
    /// How many of the newest are kept; older ones are removed.
    pub keep: u32,
}

/// What Settings › Backup shows: the last backup, whether to remind, the automatic schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupState {
    /// When the last backup (by hand or automatic) was written, RFC 3339.
    pub last: Option<String>,
    /// Where it went.
    pub last_path: Option<String>,
    /// True when there is none for `REMINDER_DAYS` days (since the first request, if there never was one).
    pub remind: bool,
    pub automatic: Option<AutomaticBackups>,
    /// The reminder threshold, for the UI's sentence.
    pub reminder_days: u32,
    /// The name the save dialog proposes (`file_name` of now).
    pub suggested_file: String,
}

/// Whether to remind: there is something to lose (`first_request`: when the
/// oldest request was made) and no backup within `REMINDER_DAYS` — counted
/// from the first request when there has never been one, so a new user is
/// not told "30 days" on their first day.
pub fn reminder_due(last: Option<DateTime<Utc>>, now: DateTime<Utc>, first_request: Option<DateTime<Utc>>) -> bool {
    let Some(first) = first_request else { return false };
    let since = last.unwrap_or(first);
    now - since >= chrono::Duration::days(REMINDER_DAYS)
}

/// Whether an automatic backup is due now.
pub fn automatic_due(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match last {
        None => true,
        Some(last) => now - last >= chrono::Duration::hours(AUTOMATIC_EVERY_HOURS),
    }
}

/// The file name of a backup made at `at`: sorts by time.
pub fn file_name(at: DateTime<Utc>) -> String {
    format!("{PREFIX}{}.{EXTENSION}", at.format(NAME_TIME))
}

/// Of the files in a backup folder, those to remove so that the newest `keep`
/// automatic backups remain. Only names this module makes are ever chosen:
/// anything else in the folder is the user's and stays.
pub fn to_prune(names: &[String], keep: u32) -> Vec<String> {
    let mut ours: Vec<(NaiveDateTime, &String)> = names.iter().filter_map(|n| made_at(n).map(|t| (t, n))).collect();
    ours.sort();
    let keep = (keep.max(1)) as usize;
    let excess = ours.len().saturating_sub(keep);
    ours.into_iter().take(excess).map(|(_, n)| n.clone()).collect()
}

fn made_at(name: &str) -> Option<NaiveDateTime> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(&format!(".{EXTENSION}"))?;
    NaiveDateTime::parse_from_str(stem, NAME_TIME).ok()
}

/// A backup passphrase protects everything in the store wherever the file
/// goes, so it must be at least 10 characters (the database's own passphrase
/// never leaves the machine; this one may sit in a cloud folder).
pub fn check_passphrase(passphrase: &str) -> Result<(), FieldError> {
    if passphrase.chars().count() < 10 {
        return Err(FieldError::new("passphrase", "a backup passphrase has at least 10 characters"));
    }
    Ok(())
}

/// A new backup passphrase typed twice (the app's form): the same both times
/// and long enough. A typo here would make every backup unreadable.
pub fn check_new_passphrase(passphrase: &str, repeated: &str) -> Result<(), crate::Invalid> {
    let mut problems = Vec::new();
    if let Err(f) = check_passphrase(passphrase) {
        problems.push(f);
    }
    if passphrase != repeated {
        problems.push(FieldError::new("repeat", "the two passphrases differ"));
    }
    if problems.is_empty() { Ok(()) } else { Err(crate::Invalid(problems)) }
}

/// What a data directory holds of the user's own, for deciding whether the
/// app may put a restored backup in its place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Holdings {
    pub requests: i64,
    pub people: i64,
    pub messages: i64,
    pub mail_accounts: i64,
}

/// The app restores a backup in place of its own store only while that store
/// holds nothing of the user's (a fresh start: the built-in registry only);
/// anything else goes into a new data directory, so nothing is ever replaced.
pub fn may_replace(h: &Holdings) -> Result<(), String> {
    let mut held = Vec::new();
    let kinds = [
        (h.requests, "request", "requests"),
        (h.people, "person", "people"),
        (h.messages, "message", "messages"),
        (h.mail_accounts, "mail account", "mail accounts"),
    ];
    for (n, one, many) in kinds {
        if n > 0 {
            held.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    if held.is_empty() {
        return Ok(());
    }
    Err(format!(
        "this data folder already holds {}; a backup is restored here only while it holds nothing of yours. \
         Restore it into a new data folder (start RightsDesk with RIGHTSDESK_DATA_DIR set to an empty folder, or run `rightsdesk restore`). Nothing was changed",
        held.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn reminds_after_thirty_days_only_when_there_is_something_to_lose() {
        let now = at(2026, 12, 1);
        assert!(!reminder_due(None, now, None), "nothing to lose");
        assert!(!reminder_due(None, now, Some(at(2026, 11, 20))), "never, but the first request is 11 days old");
        assert!(reminder_due(None, now, Some(at(2026, 11, 1))), "never, for 30 days of requests");
        assert!(!reminder_due(Some(at(2026, 11, 2)), now, Some(at(2025, 1, 1))));
        assert!(reminder_due(Some(at(2026, 11, 1)), now, Some(at(2025, 1, 1))));
    }

    #[test]
    fn automatic_backups_daily() {
        let now = at(2026, 12, 1);
        assert!(automatic_due(None, now));
        assert!(!automatic_due(Some(now - chrono::Duration::hours(23)), now));
        assert!(automatic_due(Some(now - chrono::Duration::hours(24)), now));
    }

    #[test]
    fn prunes_only_our_oldest_files() {
        let names: Vec<String> = [
            file_name(at(2026, 11, 3)),
            file_name(at(2026, 11, 1)),
            "notes.txt".to_owned(),
            file_name(at(2026, 11, 2)),
            "rightsdesk-holiday.rdbackup".to_owned(),
        ]
        .into();
        assert_eq!(to_prune(&names, 2), vec![file_name(at(2026, 11, 1))]);
        assert_eq!(to_prune(&names, 3), Vec::<String>::new());
        // keep 0 would delete the backup just made: at least one stays.
        assert_eq!(to_prune(&names, 0).len(), 2);
    }

    #[test]
    fn passphrase_length() {
        assert!(check_passphrase("short").is_err());
        assert!(check_passphrase("ten chars!").is_ok());
    }

    #[test]
    fn a_fresh_store_may_be_replaced_and_one_holding_anything_may_not() {
        assert!(may_replace(&Holdings::default()).is_ok());
        let held = Holdings { requests: 1, people: 2, ..Holdings::default() };
        let why = may_replace(&held).unwrap_err();
        assert!(why.contains("1 request,") && !why.contains("2 persons") && why.contains("2 people"), "{why}");
        assert!(
            may_replace(&Holdings { mail_accounts: 1, ..Holdings::default() }).unwrap_err().contains("1 mail account")
        );
        assert!(may_replace(&Holdings { messages: 3, ..Holdings::default() }).unwrap_err().contains("3 messages"));
    }

    #[test]
    fn a_new_passphrase_is_typed_twice_alike() {
        assert!(check_new_passphrase("correct horse", "correct horse").is_ok());
        let both = check_new_passphrase("short", "shirt").unwrap_err();
        let fields: Vec<_> = both.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["passphrase", "repeat"]);
        assert_eq!(check_new_passphrase("correct horse", "correct hose").unwrap_err().0[0].field, "repeat");
    }
}
