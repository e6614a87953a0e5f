//! Backups as the faces offer them: make one (and remember when), check one,
//! restore one into a new data directory, the reminder, and automatic
//! backups to a folder keeping the newest N.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rightsdesk_domain::ErrorCode;
use rightsdesk_domain::backup::{self as rules, AutomaticBackups, BackupState};
use rightsdesk_store::{BackupSummary, DataDir, KeyChoice, Secrets, Store};

use crate::{Error, Result};

const LAST: &str = "backup.last";
const LAST_PATH: &str = "backup.last_path";
const FOLDER: &str = "backup.folder";
const KEEP: &str = "backup.keep";

/// Writes a backup of the whole store to `path` and remembers it.
pub fn make(store: &mut Store, path: &Path, passphrase: &str) -> Result<BackupSummary> {
    let summary = store.backup_to(path, passphrase)?;
    remember(store, &summary)?;
    Ok(summary)
}

fn remember(store: &mut Store, summary: &BackupSummary) -> Result<()> {
    store.set_setting(LAST, &summary.created_at)?;
    store.set_setting(LAST_PATH, &summary.path.display().to_string())
}

/// A new backup passphrase as the app's form takes it: twice, alike.
pub fn confirm(passphrase: &str, repeated: &str) -> Result<()> {
    rules::check_new_passphrase(passphrase, repeated).map_err(Error::from)
}

/// Checks a backup file completely; writes nothing.
pub fn verify(path: &Path, passphrase: &str) -> Result<BackupSummary> {
    rightsdesk_store::verify_backup(path, passphrase)
}

/// Restores `path` into the empty (or new) data directory `dir`, with a new
/// key in `secrets` (the OS keyring), or from `db_passphrase` where there is
/// none. The restored store is opened ready for use.
pub fn restore(
    dir: &DataDir,
    path: &Path,
    passphrase: &str,
    db_passphrase: Option<&str>,
    secrets: Secrets,
) -> Result<(Store, BackupSummary)> {
    let (mut store, summary) = rightsdesk_store::restore_backup(
        dir,
        path,
        passphrase,
        KeyChoice::PreferKeyring { fallback_passphrase: db_passphrase },
        secrets,
    )?;
    // The restored store's own record of its last backup is the backup itself.
    remember(&mut store, &summary)?;
    crate::ready(&mut store)?;
    Ok((store, summary))
}

/// What `restore_in_place` did: the backup it restored and where the fresh
/// store it replaced was put (kept, never deleted).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InPlace {
    pub summary: BackupSummary,
    pub kept: PathBuf,
}

/// The app's restore: the backup takes the place of the app's own store, but
/// only while that store holds nothing of the user's (`may_replace`). The
/// backup is checked completely first, then restored into a new folder beside
/// the data directory, and only then swapped in; the fresh store it replaces
/// is moved aside, not deleted. `current` is closed on the way: on success the
/// restored store comes back, on failure the caller reopens its own.
pub fn restore_in_place(
    current: Store,
    dir: &DataDir,
    path: &Path,
    passphrase: &str,
    db_passphrase: Option<&str>,
    secrets: Secrets,
) -> Result<(Store, InPlace)> {
    rules::may_replace(&current.holdings()?).map_err(|why| Error::new(ErrorCode::NotEmpty, why))?;
    verify(path, passphrase)?;
    let stamp = current.now().format("%Y%m%d-%H%M%S").to_string();
    drop(current);
    let root = dir.root();
    let sibling = |what: &str| {
        let mut name = root.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(format!(".{what}-{stamp}"));
        root.with_file_name(name)
    };
    let staging = DataDir::new(sibling("restoring"));
    let kept = sibling("replaced");
    let (restored, summary) = restore(&staging, path, passphrase, db_passphrase, secrets.clone())?;
    drop(restored);
    let swapped = std::fs::rename(root, &kept).and_then(|()| {
        std::fs::rename(staging.root(), root).inspect_err(|_| {
            // Put the original back where it was; the restored copy stays in staging.
            let _ = std::fs::rename(&kept, root);
        })
    });
    if let Err(e) = swapped {
        return Err(Error::new(
            ErrorCode::Io,
            format!(
                "the backup was restored into {} but could not take the place of {}: {e}. Your data folder is unchanged",
                staging.root().display(),
                root.display()
            ),
        ));
    }
    let mut store = Store::open_with(dir, db_passphrase, secrets)?;
    crate::ready(&mut store)?;
    Ok((store, InPlace { summary, kept }))
}

fn parse_time(text: Option<String>) -> Option<DateTime<Utc>> {
    text.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&Utc))
}

/// What Settings › Backup shows, and whether to remind.
pub fn state(store: &Store) -> Result<BackupState> {
    let last = store.setting(LAST)?;
    let first = parse_time(store.first_request_at()?);
    let remind = rules::reminder_due(parse_time(last.clone()), store.now(), first);
    let automatic = match store.setting(FOLDER)? {
        Some(folder) => Some(AutomaticBackups {
            folder,
            keep: store.setting(KEEP)?.and_then(|k| k.parse().ok()).unwrap_or(rules::DEFAULT_KEEP),
        }),
        None => None,
    };
    Ok(BackupState {
        last,
        last_path: store.setting(LAST_PATH)?,
        remind,
        automatic,
        reminder_days: rules::REMINDER_DAYS as u32,
        suggested_file: rules::file_name(store.now()),
    })
}

/// Turns automatic backups on (a folder, how many to keep, the passphrase —
/// kept in the OS keyring) or off (`None`: the passphrase is removed too).
pub fn set_automatic(store: &mut Store, automatic: Option<(AutomaticBackups, &str)>) -> Result<BackupState> {
    match automatic {
        Some((auto, passphrase)) => {
            let folder = Path::new(auto.folder.trim());
            if auto.folder.trim().is_empty() || !folder.is_dir() {
                return Err(Error::from(rightsdesk_domain::Invalid(vec![rightsdesk_domain::FieldError::new(
                    "folder",
                    "choose an existing folder for the backups",
                )])));
            }
            store.set_backup_passphrase(Some(passphrase))?;
            store.set_setting(FOLDER, auto.folder.trim())?;
            store.set_setting(KEEP, &auto.keep.max(1).to_string())?;
        }
        None => {
            store.set_backup_passphrase(None)?;
            store.delete_setting(FOLDER)?;
            store.delete_setting(KEEP)?;
        }
    }
    state(store)
}

/// What an automatic round did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AutomaticRun {
    pub written: BackupSummary,
    /// Older backups removed from the folder.
    pub removed: Vec<String>,
}

/// An automatic backup, if they are on and one is due: written to the folder
/// under a name that sorts by time, then the oldest beyond "keep" removed
/// (only files RightsDesk named; anything else in the folder stays).
pub fn automatic(store: &mut Store) -> Result<Option<AutomaticRun>> {
    let Some(auto) = state(store)?.automatic else { return Ok(None) };
    if !rules::automatic_due(parse_time(store.setting(LAST)?), store.now()) {
        return Ok(None);
    }
    let Some(passphrase) = store.backup_passphrase()? else {
        return Err(Error::new(
            ErrorCode::KeyMissing,
            "automatic backups are on but their passphrase is not in the OS keyring; set them up again in Settings › Backup",
        ));
    };
    let folder = Path::new(&auto.folder);
    let path = folder.join(rules::file_name(store.now()));
    let written = make(store, &path, &passphrase)?;
    let names: Vec<String> = std::fs::read_dir(folder)
        .map_err(Error::from)?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    let mut removed = Vec::new();
    for name in rules::to_prune(&names, auto.keep) {
        if std::fs::remove_file(folder.join(&name)).is_ok() {
            removed.push(name);
        }
    }
    Ok(Some(AutomaticRun { written, removed }))
}
