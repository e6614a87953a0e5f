//! The app's mail rounds, once a minute while it runs: settle what a process
//! that is gone left half-sent (first round), send what is due in the outbox
//! (retries after a temporary failure wait for their backoff), and fetch each
//! account on its own schedule. All of it is the use-case layer's
//! (`Mailroom::round`); this only keeps time. Each round takes its turn
//! (`MailRun`) with the user's own sends and fetches, and skips while another
//! process (the CLI) holds the data directory's mail lock.

use std::time::Duration;

use rightsdesk_usecases::outbox::{Mailroom, Rounds};
use tauri::{AppHandle, Manager};

use crate::session::{MailRun, Session};

const ROUND: Duration = Duration::from_secs(60);

pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(10));
        let mut rounds = Rounds::every(ROUND);
        loop {
            round(&app, &mut rounds);
            std::thread::sleep(ROUND);
        }
    });
}

fn round(app: &AppHandle, rounds: &mut Rounds) {
    let session = app.state::<Session>();
    let session: &Session = &session;
    let run = app.state::<MailRun>();
    let _turn = run.take();
    // A locked store fails here: nothing to do until the user unlocks it.
    if let Err(e) = Mailroom::new(session.dir(), session).round(rounds, chrono::Utc::now())
        && e.code != rightsdesk_domain::ErrorCode::PassphraseRequired
    {
        log::warn!("the mail round failed: {}", e.message);
    }
}
