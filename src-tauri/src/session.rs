//! The app's hold on the store: which data directory, whether the database is
//! open, and if not, why (needs a passphrase, needs creating, cannot open).

use std::sync::Mutex;

use rightsdesk_domain::ErrorCode;
use rightsdesk_store::{DataDir, KeyChoice, KeyMode, Store};
use serde::Serialize;

use crate::error::AppError;

/// What the window should show before it can show data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The database is open.
    Ready,
    /// A passphrase-protected database exists; ask for the passphrase.
    Locked,
    /// No database yet and no usable keyring: ask the user to choose a passphrase.
    NeedsPassphraseSetup,
    /// The database's key is in the OS keyring, which cannot be reached
    /// (locked, not running, or the entry gone): say so, offer to try again
    /// once it is unlocked, and the passphrase route (a backup restored under
    /// a passphrase). The database is not touched.
    KeyringUnreachable,
    /// The database cannot be opened (see `error`); nothing was changed.
    Failed,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppStatus {
    pub phase: Phase,
    /// `keyring` or `passphrase`, once known.
    pub key_mode: Option<String>,
    pub data_dir: String,
    pub db_path: String,
    pub error: Option<AppError>,
}

#[derive(Debug)]
pub struct Session {
    dir: DataDir,
    store: Mutex<Option<Store>>,
    last_error: Mutex<Option<AppError>>,
    /// The last Reports view, kept until the store changes (locked after `store`).
    reports: Mutex<rightsdesk_usecases::reports::Views>,
}

impl Session {
    /// Opens the store if it can without asking anything: creates it with a
    /// keyring key on first start, opens it when the key is in the keyring.
    pub fn start(dir: DataDir) -> Self {
        let session = Session {
            dir,
            store: Mutex::new(None),
            last_error: Mutex::new(None),
            reports: Mutex::new(Default::default()),
        };
        let opened = match Store::key_mode(&session.dir) {
            Ok(None) => Store::create(&session.dir, KeyChoice::PreferKeyring { fallback_passphrase: None }),
            Ok(Some(KeyMode::Keyring)) => Store::open(&session.dir, None),
            Ok(Some(KeyMode::Passphrase)) => return session,
            Err(e) => Err(e),
        };
        session.settle(opened);
        session
    }

    fn settle(&self, opened: rightsdesk_store::Result<Store>) {
        match opened {
            Ok(mut store) => {
                // The built-in registry comes up to date with every new version of the app.
                if let Err(e) = rightsdesk_usecases::ready(&mut store) {
                    *lock(&self.last_error) = Some(e.into());
                    return;
                }
                // The mail passwords the rounds will use never reach the log.
                for account in store.mail_accounts().unwrap_or_default() {
                    if let Ok(password) = store.mail_password(account.id) {
                        crate::log_book::secret(&password);
                    }
                    if let Ok(password) = store.mail_imap_password(account.id) {
                        crate::log_book::secret(&password);
                    }
                }
                *lock(&self.store) = Some(store);
                *lock(&self.last_error) = None;
            }
            Err(e) => *lock(&self.last_error) = Some(e.into()),
        }
    }

    /// The data directory this session works in.
    pub fn dir(&self) -> &DataDir {
        &self.dir
    }

    pub fn status(&self) -> AppStatus {
        let key_mode = Store::key_mode(&self.dir).ok().flatten();
        let error = lock(&self.last_error).clone();
        let phase = if lock(&self.store).is_some() {
            Phase::Ready
        } else {
            match (key_mode, error.as_ref().map(|e| e.code)) {
                (None, Some(ErrorCode::KeyringUnavailable)) => Phase::NeedsPassphraseSetup,
                (
                    Some(KeyMode::Passphrase),
                    None | Some(ErrorCode::WrongPassphrase | ErrorCode::PassphraseRequired),
                ) => Phase::Locked,
                (Some(KeyMode::Keyring), Some(ErrorCode::KeyringUnavailable | ErrorCode::KeyMissing)) => {
                    Phase::KeyringUnreachable
                }
                _ => Phase::Failed,
            }
        };
        AppStatus {
            phase,
            key_mode: key_mode.map(|m| m.as_str().to_owned()),
            data_dir: self.dir.root().display().to_string(),
            db_path: self.dir.db_path().display().to_string(),
            error,
        }
    }

    /// First start without a keyring: create the database under a passphrase.
    pub fn create_with_passphrase(&self, passphrase: &str) -> Result<AppStatus, AppError> {
        let store = Store::create(&self.dir, KeyChoice::Passphrase(passphrase))?;
        self.settle(Ok(store));
        Ok(self.status())
    }

    /// "Try again" once the keyring is unlocked (or running again).
    pub fn retry(&self) -> AppStatus {
        if lock(&self.store).is_none() && matches!(Store::key_mode(&self.dir), Ok(Some(KeyMode::Keyring))) {
            self.settle(Store::open(&self.dir, None));
        }
        self.status()
    }

    /// Opens a passphrase-protected database. A wrong passphrase is an error
    /// for the form, and the window stays on the unlock screen.
    pub fn unlock(&self, passphrase: &str) -> Result<AppStatus, AppError> {
        let store = Store::open(&self.dir, Some(passphrase))?;
        self.settle(Ok(store));
        Ok(self.status())
    }

    /// Settings › Backup › Restore: the backup takes the place of this
    /// session's store while that holds nothing of the user's (the use case
    /// checks; see `rightsdesk_usecases::backup::restore_in_place`). On any
    /// failure the session's own store is opened again, unchanged.
    pub fn restore_in_place(
        &self,
        path: &std::path::Path,
        passphrase: &str,
        db_passphrase: Option<&str>,
    ) -> Result<rightsdesk_usecases::backup::InPlace, AppError> {
        let mut guard = lock(&self.store);
        let current = guard.take().ok_or_else(locked)?;
        let secrets = rightsdesk_store::OsKeyring::shared();
        match rightsdesk_usecases::backup::restore_in_place(
            current,
            &self.dir,
            path,
            passphrase,
            db_passphrase,
            secrets,
        ) {
            Ok((store, done)) => {
                *guard = Some(store);
                Ok(done)
            }
            Err(e) => {
                drop(guard);
                self.settle(Store::open(&self.dir, db_passphrase));
                Err(e.into())
            }
        }
    }

    /// "Copy diagnostics": works locked too (then without the database's facts).
    pub fn diagnostics(&self, last_errors: Vec<String>) -> rightsdesk_usecases::diagnostics::Diagnostics {
        let guard = lock(&self.store);
        rightsdesk_usecases::diagnostics::collect(guard.as_ref(), &self.dir, env!("CARGO_PKG_VERSION"), last_errors)
    }

    /// Runs `f` on the open store.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> rightsdesk_store::Result<T>) -> Result<T, AppError> {
        let mut guard = lock(&self.store);
        let store = guard.as_mut().ok_or_else(locked)?;
        Ok(f(store)?)
    }

    /// The report view for `filter` and `by`, kept until the store changes.
    pub fn report_view(
        &self,
        filter: &rightsdesk_domain::report::ReportFilter,
        by: rightsdesk_domain::report::GroupBy,
    ) -> Result<rightsdesk_domain::report::ReportView, AppError> {
        self.with_store(|s| lock(&self.reports).view(s, filter, by))
    }

    /// Makes the Reports screen's first view ahead (the whole store, by
    /// controller: what it opens on), unless it is kept already. Run off the
    /// UI's path after start-up; it holds the store for one reading.
    pub fn prepare_reports(&self) -> Result<bool, AppError> {
        let (filter, by) = (Default::default(), Default::default());
        self.with_store(|s| {
            let mut views = lock(&self.reports);
            if views.holds(s, &filter, by) {
                return Ok(false);
            }
            views.view(s, &filter, by).map(|_| true)
        })
    }
}

/// Mail runs (sending, fetching) wait on the network most of the time: they
/// hold the store only for each step, so the window stays usable meanwhile.
impl rightsdesk_mail::StoreAccess for Session {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> rightsdesk_store::Result<T>) -> rightsdesk_store::Result<T> {
        let mut guard = lock(&self.store);
        let store = guard
            .as_mut()
            .ok_or_else(|| rightsdesk_store::Error::new(ErrorCode::PassphraseRequired, "the database is locked"))?;
        f(store)
    }
}

/// One mail run at a time (the user's "send" or "fetch", the background
/// round): runs take turns, so a batch keeps its rate limit and two runs
/// never read the same folder at once.
#[derive(Debug, Default)]
pub struct MailRun(Mutex<()>);

impl MailRun {
    pub fn take(&self) -> std::sync::MutexGuard<'_, ()> {
        lock(&self.0)
    }
}

/// What a command gets while there is no open store.
fn locked() -> AppError {
    AppError { code: ErrorCode::PassphraseRequired, message: "the database is locked".into(), fields: Vec::new() }
}

/// A poisoned lock means a command panicked mid-way; the data it guards (an
/// open connection, an error) is still consistent because SQLite transactions
/// roll back on drop, so carry on with it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
