//! The app's mail rounds, once a minute while it runs: settle what a crash
//! left half-sent (first round), send what is due in the outbox (retries
//! after a temporary failure wait for their backoff), and fetch each account
//! on its own schedule. All of it is the mail crate's; this only keeps time.
//! Each round takes its turn (`MailRun`) and holds the store only between
//! network steps.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use rightsdesk_domain::Id;
use rightsdesk_domain::mail::OutboxState;
use tauri::{AppHandle, Manager};

use rightsdesk_mail::StoreAccess;

use crate::session::{MailRun, Session};

const ROUND: Duration = Duration::from_secs(60);

pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(10));
        let mut reconciled = false;
        let mut last_attempt: HashMap<Id, Instant> = HashMap::new();
        loop {
            round(&app, &mut reconciled, &mut last_attempt);
            std::thread::sleep(ROUND);
        }
    });
}

fn round(app: &AppHandle, reconciled: &mut bool, last_attempt: &mut HashMap<Id, Instant>) {
    let session = app.state::<Session>();
    let session: &Session = &session;
    // Takes turns with the user's own sends and fetches.
    let run = app.state::<MailRun>();
    let _turn = run.take();
    // A locked store: nothing to do until the user unlocks it.
    if !*reconciled {
        match rightsdesk_mail::reconcile_shared(session) {
            Ok(_) => *reconciled = true,
            Err(_) => return,
        }
    }
    let due = session.with(|s| Ok(!s.outbox_in_state(OutboxState::Queued)?.is_empty())).unwrap_or(false);
    if due && let Err(e) = rightsdesk_mail::send_queued_shared(session, &Default::default()) {
        eprintln!("RightsDesk: the outbox round failed: {}", e.message);
    }
    let Ok((accounts, folders)) = session.with(|s| Ok((s.mail_accounts()?, s.imap_folder_states()?))) else {
        return;
    };
    let now = chrono::Utc::now();
    for a in accounts.iter().filter(|a| a.draft.has_imap() && a.draft.fetch_every_minutes > 0) {
        let every = Duration::from_secs(u64::from(a.draft.fetch_every_minutes) * 60);
        // Due when the last good fetch (by the schedule or by the user) is that old, counting
        // half a round early so a 1-minute schedule is not stretched to 2; a failing server
        // is tried again only after the same interval (an attempt also counts).
        let fetched = folders
            .iter()
            .filter(|f| f.account_id == a.id)
            .map(|f| f.fetched_at.as_deref().and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok()))
            .min()
            .flatten();
        let since_fetch = fetched.map(|at| (now - at.with_timezone(&chrono::Utc)).to_std().unwrap_or_default());
        let due = |elapsed: Duration| elapsed + ROUND / 2 >= every;
        if !since_fetch.is_none_or(due) || last_attempt.get(&a.id).is_some_and(|at| !due(at.elapsed())) {
            continue;
        }
        last_attempt.insert(a.id, Instant::now());
        // Failures are recorded on the account's folders, where the Inbox shows them.
        let _ = rightsdesk_mail::imap::fetch_all_shared(session, Some(a.id));
    }
}
