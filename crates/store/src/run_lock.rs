//! Who is sending: the identity of a process (so a message in `sending` names
//! its owner and a later process can tell whether that owner still runs), and
//! one lock per data directory that a mail run holds (so two processes never
//! run the outbox at once: the second waits, and is told why).
//!
//! Both are advisory: the outbox's atomic claim is what makes a message go out
//! at most once; the owner keeps reconcile off live messages; the lock keeps
//! batches (and their rate limits) from interleaving.

use std::fs::{File, OpenOptions, TryLockError};
use std::sync::OnceLock;

use crate::{DataDir, Error, Result};
use rightsdesk_domain::ErrorCode;

/// The file next to the database that mail runs lock.
pub const MAIL_LOCK_FILE: &str = "mail.lock";

/// This process, as `pid:<pid>@<start>` where `<start>` tells it apart from a
/// later process given the same pid (the kernel's start time in ticks and the
/// boot id on Linux; the moment this process first asked, elsewhere).
pub fn process_owner() -> &'static str {
    static OWNER: OnceLock<String> = OnceLock::new();
    OWNER.get_or_init(|| {
        let pid = std::process::id();
        let start = linux_start(pid)
            .unwrap_or_else(|| format!("t{}", chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()));
        format!("pid:{pid}@{start}")
    })
}

/// Whether the process an `owner` string names is still running. An owner
/// this machine cannot check (another OS's form, an empty one from before
/// owners were recorded) counts as gone: only the mail lock (held by whoever
/// reconciles) then keeps a live sender safe.
pub fn owner_alive(owner: &str) -> bool {
    if owner == process_owner() {
        return true;
    }
    let Some((pid, start)) = owner.strip_prefix("pid:").and_then(|o| o.split_once('@')) else { return false };
    let Ok(pid) = pid.parse::<u32>() else { return false };
    match linux_start(pid) {
        Some(now) => now == start,
        None => false,
    }
}

/// `<start ticks>.<boot id>` of a running process, from /proc (Linux only).
fn linux_start(pid: u32) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    let after = stat.rsplit_once(')')?.1;
    // Fields from 3 on; starttime is field 22.
    let start = after.split_whitespace().nth(19)?;
    let boot = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").unwrap_or_default();
    Some(format!("{start}.{}", boot.trim()))
}

/// The data directory's mail lock, held for one mail run and released on drop
/// (also when the process dies: the OS drops the lock with the file).
#[derive(Debug)]
pub struct MailLock {
    _file: File,
}

impl DataDir {
    /// The lock file (made if missing; its contents are never read or written).
    fn mail_lock_file(&self) -> Result<(std::path::PathBuf, File)> {
        let path = self.root().join(MAIL_LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::new(ErrorCode::Io, format!("cannot open the mail lock {}: {e}", path.display())))?;
        Ok((path, file))
    }

    /// Takes the mail lock; if another process holds it, calls `waiting` once
    /// (to say so) and waits for it.
    pub fn lock_mail(&self, waiting: impl FnOnce()) -> Result<MailLock> {
        let (path, file) = self.mail_lock_file()?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting();
                file.lock().map_err(|e| Error::new(ErrorCode::Io, format!("cannot lock {}: {e}", path.display())))?;
            }
            Err(TryLockError::Error(e)) => {
                return Err(Error::new(ErrorCode::Io, format!("cannot lock {}: {e}", path.display())));
            }
        }
        Ok(MailLock { _file: file })
    }

    /// Takes the mail lock only if nobody holds it (`None`: another run is going).
    pub fn try_lock_mail(&self) -> Result<Option<MailLock>> {
        let (path, file) = self.mail_lock_file()?;
        match file.try_lock() {
            Ok(()) => Ok(Some(MailLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => {
                Err(Error::new(ErrorCode::Io, format!("cannot lock {}: {e}", path.display())))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_made_up_one_is_not() {
        let me = process_owner();
        assert!(owner_alive(me));
        assert!(!owner_alive(""));
        assert!(!owner_alive("pid:1@not-its-start"));
        assert!(!owner_alive("pid:4294967295@1.x"));
        if cfg!(target_os = "linux") {
            // The same pid with the right start time is recognised from /proc.
            let pid = std::process::id();
            assert!(owner_alive(&format!("pid:{pid}@{}", linux_start(pid).unwrap_or_default())));
        }
    }

    #[test]
    fn a_second_holder_of_the_mail_lock_waits() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path());
        let first = dir.lock_mail(|| panic!("nobody holds it yet")).unwrap();
        assert!(dir.try_lock_mail().unwrap().is_none(), "held by the first");
        drop(first);
        assert!(dir.try_lock_mail().unwrap().is_some(), "free again");
    }
}
