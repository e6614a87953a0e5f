//! The data rounds. The built-in snapshot and the Reports screen's first
//! view after start-up (`apply_snapshot`). Automatic backups on their schedule: once an hour the use-case layer is
//! asked whether one is due (on, and none for a day); if so it writes one to
//! the user's folder and removes the oldest beyond "keep". The store is held
//! for the snapshot only — a few hundred milliseconds for a large store.

use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::session::Session;
use rightsdesk_usecases::backup;

const EVERY: Duration = Duration::from_secs(60 * 60);

/// The built-in datarequests.org snapshot, applied once the first screen is
/// up (first start, or an upgrade bringing a newer one), off the UI's path:
/// the window's first calls never wait for it. A locked store gets it right
/// after it is unlocked.
pub fn apply_snapshot(app: AppHandle) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(2));
        snapshot(&app);
        prepare_reports(&app);
    });
}

/// The Reports screen's first view made ahead, once the snapshot is in (it
/// changes the store): over 100,000 requests the screen then opens at once
/// instead of after a second. Waits for a locked store to be unlocked.
fn prepare_reports(app: &AppHandle) {
    loop {
        let started = std::time::Instant::now();
        match app.state::<Session>().prepare_reports() {
            Ok(made) => {
                if made {
                    log::info!("the Reports screen's first view made ahead in {} ms", started.elapsed().as_millis());
                }
                return;
            }
            Err(e) if e.code == rightsdesk_domain::ErrorCode::PassphraseRequired => {
                std::thread::sleep(Duration::from_secs(3));
            }
            Err(e) => {
                log::warn!("the Reports screen's first view was not made ahead: {}", e.message);
                return;
            }
        }
    }
}

fn snapshot(app: &AppHandle) {
    {
        loop {
            let session = app.state::<Session>();
            let started = std::time::Instant::now();
            match session.with_store(rightsdesk_usecases::snapshot::ensure_applied) {
                Ok(Some(report)) => {
                    log::info!(
                        "datarequests.org snapshot {} applied in {} ms: {} added, {} updated, {} authorities",
                        rightsdesk_import::snapshot::version(),
                        started.elapsed().as_millis(),
                        report.added,
                        report.updated,
                        report.authorities
                    );
                    return;
                }
                Ok(None) => return,
                Err(e) if e.code == rightsdesk_domain::ErrorCode::PassphraseRequired => {
                    std::thread::sleep(Duration::from_secs(3));
                }
                Err(e) => {
                    log::warn!("the datarequests.org snapshot was not applied: {}", e.message);
                    return;
                }
            }
        }
    }
}

pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        // After start-up, the notification and policy rounds.
        std::thread::sleep(Duration::from_secs(90));
        loop {
            let session = app.state::<Session>();
            match session.with_store(backup::automatic) {
                Ok(Some(run)) => log::info!(
                    "automatic backup written to {} ({} bytes); {} older removed",
                    run.written.path.display(),
                    run.written.bytes,
                    run.removed.len()
                ),
                Ok(None) => {}
                // Locked: the next round asks again. Anything else is for the log.
                Err(e) if e.code == rightsdesk_domain::ErrorCode::PassphraseRequired => {}
                Err(e) => log::warn!("automatic backup failed: {}", e.message),
            }
            std::thread::sleep(EVERY);
        }
    });
}
