//! Desktop notifications for what needs the user: overdue answers, deadlines
//! within a week, answers to decide on. The store decides what is due and
//! remembers what was shown, so each event notifies at most once; this only
//! shows them, at start and then every hour.

use std::time::Duration;

use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::session::Session;

const EVERY: Duration = Duration::from_secs(60 * 60);
const SOON_DAYS: u32 = 7;

pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        // Give the window (and a passphrase unlock) a moment before the first round.
        std::thread::sleep(Duration::from_secs(5));
        loop {
            notify_once(&app);
            std::thread::sleep(EVERY);
        }
    });
}

fn notify_once(app: &AppHandle) {
    let session = app.state::<Session>();
    let today = chrono::Local::now().date_naive();
    // A locked store has nothing to say yet; the next round tries again.
    let Ok(notices) = session.with_store(|s| rightsdesk_usecases::requests::pending_notices(s, today, SOON_DAYS))
    else {
        return;
    };
    let mut shown = Vec::new();
    for n in notices {
        match app.notification().builder().title(&n.title).body(&n.body).show() {
            Ok(()) => shown.push(n.key),
            // No notification service (e.g. a bare X server): keep it pending, say why once.
            Err(e) => {
                log::warn!("cannot show a notification: {e}");
                break;
            }
        }
    }
    if !shown.is_empty() {
        let _ = session.with_store(|s| s.mark_notified(&shown));
    }
}
