//! Mail runs: sending letters, fetching replies, the scheduled round. Each
//! run takes the data directory's mail lock (a second process waits, and is
//! told so), settles what a process that is gone left half-sent (once per
//! process), and holds the store only between network steps (`StoreAccess`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use rightsdesk_domain::mail::{FetchSummary, OutboxItem, OutboxState};
use rightsdesk_domain::{ErrorCode, Id};
use rightsdesk_mail::{Reconciled, SendOptions, SendReport, StoreAccess};
use rightsdesk_store::{DataDir, Error, MailLock, Result, Store};

/// What to send.
#[derive(Debug, Clone, Default)]
pub struct SendPlan {
    /// Drafts to queue first (all in one transaction, or none); empty: send what waits.
    pub requests: Vec<Id>,
    /// The account they go from (`None`: the only one there is).
    pub account: Option<Id>,
    /// Queue without sending.
    pub queue_only: bool,
    /// The pause between messages (`None`: each account's own rate limit).
    pub pause: Option<Duration>,
}

/// What a send did.
#[derive(Debug, Clone, Default)]
pub struct SendOutcome {
    /// What the start-up reconcile found (`None`: this process had done it already).
    pub reconciled: Option<Reconciled>,
    /// The messages queued by this call.
    pub queued: Vec<OutboxItem>,
    /// `None` when only queued.
    pub report: Option<SendReport>,
    /// Messages that may or may not have arrived, waiting for the user.
    pub uncertain: usize,
}

/// Where mail runs happen: the data directory (for its lock) and the store.
#[derive(Debug)]
pub struct Mailroom<'a, A: StoreAccess> {
    pub dir: &'a DataDir,
    pub access: &'a A,
}

impl<'a, A: StoreAccess> Mailroom<'a, A> {
    pub fn new(dir: &'a DataDir, access: &'a A) -> Self {
        Self { dir, access }
    }

    /// Takes the mail lock for one run; `waiting` is called if another
    /// process holds it (the run then waits for it).
    pub fn lock(&self, waiting: impl FnOnce()) -> Result<MailLock> {
        self.dir.lock_mail(waiting)
    }

    /// Settles, once per process and data directory, what a process that
    /// is gone left `sending`; later calls return `None`. Call under the lock.
    pub fn reconcile_once(&self) -> Result<Option<Reconciled>> {
        static DONE: Mutex<Vec<std::path::PathBuf>> = Mutex::new(Vec::new());
        let root = self.dir.root().canonicalize().unwrap_or_else(|_| self.dir.root().to_path_buf());
        let mut done = DONE.lock().unwrap_or_else(|p| p.into_inner());
        if done.contains(&root) {
            return Ok(None);
        }
        let found = rightsdesk_mail::reconcile_shared(self.access)?;
        done.push(root);
        Ok(Some(found))
    }

    /// Queues `plan.requests` (all or none) and sends everything due.
    pub fn send(&self, plan: &SendPlan, waiting: impl FnOnce()) -> Result<SendOutcome> {
        let mut outcome = SendOutcome::default();
        if !plan.requests.is_empty() {
            let account = self.access.with(|s| choose_account(s, plan.account))?;
            outcome.queued = self.access.with(|s| s.queue_letters(&plan.requests, account))?;
        }
        if plan.queue_only {
            outcome.uncertain = self.uncertain()?;
            return Ok(outcome);
        }
        let _lock = self.lock(waiting)?;
        outcome.reconciled = self.reconcile_once()?;
        let options = SendOptions { pause: plan.pause, ..SendOptions::default() };
        outcome.report = Some(rightsdesk_mail::send_queued_shared(self.access, &options)?);
        outcome.uncertain = self.uncertain()?;
        Ok(outcome)
    }

    /// The user decides an uncertain or failed message: it arrived, or it
    /// goes out again now.
    pub fn settle(&self, message: Id, arrived: bool, waiting: impl FnOnce()) -> Result<Option<SendReport>> {
        let _lock = self.lock(waiting)?;
        self.access.with(|s| s.settle_outbox(message, arrived))?;
        if arrived {
            return Ok(None);
        }
        Ok(Some(rightsdesk_mail::send_queued_shared(self.access, &SendOptions::default())?))
    }

    /// Fetches new mail now: one account, or every account with an incoming server.
    pub fn fetch(&self, account: Option<Id>, waiting: impl FnOnce()) -> Result<FetchSummary> {
        if account.is_none() && !self.access.with(|s| Ok(s.mail_accounts()?.iter().any(|a| a.draft.has_imap())))? {
            return Err(Error::new(
                ErrorCode::Invalid,
                "no account has an incoming (IMAP) server: add one in the account's settings",
            ));
        }
        let _lock = self.lock(waiting)?;
        rightsdesk_mail::imap::fetch_all_shared(self.access, account)
    }

    /// One mail round, as the app runs it every `round`: reconcile (once),
    /// send what is due (retries wait for their backoff), fetch each account
    /// whose schedule says so. Skipped (`None`) while another process holds
    /// the mail lock: the next round tries again.
    pub fn round(&self, state: &mut Rounds, now: chrono::DateTime<chrono::Utc>) -> Result<Option<RoundReport>> {
        let Some(_lock) = self.dir.try_lock_mail()? else { return Ok(None) };
        let mut report = RoundReport { reconciled: self.reconcile_once()?, ..RoundReport::default() };
        let due = self.access.with(|s| Ok(!s.outbox_in_state(OutboxState::Queued)?.is_empty()))?;
        if due {
            report.sent = Some(rightsdesk_mail::send_queued_shared(self.access, &SendOptions::default())?);
        }
        let (accounts, folders) = self.access.with(|s| Ok((s.mail_accounts()?, s.imap_folder_states()?)))?;
        for a in &accounts {
            if !rightsdesk_domain::mail::fetch_due(
                a,
                &folders,
                state.last_attempt.get(&a.id).copied(),
                now,
                state.every,
            ) {
                continue;
            }
            state.last_attempt.insert(a.id, now);
            // Failures are recorded on the account's folders, where the Inbox shows them.
            report.fetched.push((a.id, rightsdesk_mail::imap::fetch_all_shared(self.access, Some(a.id))));
        }
        Ok(Some(report))
    }

    fn uncertain(&self) -> Result<usize> {
        self.access.with(|s| Ok(s.outbox_in_state(OutboxState::Uncertain)?.len()))
    }
}

/// What a process remembers between its mail rounds.
#[derive(Debug, Clone)]
pub struct Rounds {
    /// How often rounds run.
    pub every: Duration,
    /// When each account's fetch was last tried (a failing server waits its interval).
    pub last_attempt: HashMap<Id, chrono::DateTime<chrono::Utc>>,
}

impl Rounds {
    pub fn every(every: Duration) -> Self {
        Self { every, last_attempt: HashMap::new() }
    }
}

/// What one round did.
#[derive(Debug, Default)]
pub struct RoundReport {
    pub reconciled: Option<Reconciled>,
    pub sent: Option<SendReport>,
    pub fetched: Vec<(Id, Result<FetchSummary>)>,
}

/// The account letters go from: the one asked for, else the only one there is.
pub fn choose_account(store: &Store, account: Option<Id>) -> Result<Id> {
    if let Some(a) = account {
        return Ok(store.mail_account(a)?.id);
    }
    match store.mail_accounts()?.as_slice() {
        [only] => Ok(only.id),
        [] => Err(Error::new(ErrorCode::Invalid, "no mail account: add one first")),
        _ => Err(Error::new(ErrorCode::Invalid, "several mail accounts: choose the one to send from")),
    }
}
