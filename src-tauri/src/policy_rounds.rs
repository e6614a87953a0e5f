//! The policy watch on its schedule: once an hour, if the user's schedule
//! says a fetch is due (default weekly; 0 days = only on demand), new
//! versions are pulled from the versions repository. The downloads run
//! without holding the store; what they bring is judged and stored by the
//! use-case layer, and a basis-related change then reaches the user through
//! the attention view and the notification round (`notify.rs`).

use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::session::Session;
use rightsdesk_usecases::policies;

const EVERY: Duration = Duration::from_secs(60 * 60);

pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        // After start-up and the first notification round.
        std::thread::sleep(Duration::from_secs(30));
        loop {
            round(&app);
            std::thread::sleep(EVERY);
        }
    });
}

fn round(app: &AppHandle) {
    let session = app.state::<Session>();
    let today = chrono::Local::now().date_naive();
    let plan = session.with_store(|s| {
        if !policies::fetch_due(s, today)? {
            return Ok(None);
        }
        let targets = policies::fetch_targets(None)?;
        let newest = policies::newest_stored(s, &targets)?;
        Ok(Some((policies::settings(s)?.base_url, targets, newest)))
    });
    // Locked, or not due: the next round asks again.
    let Ok(Some((base, targets, newest))) = plan else { return };
    let lookup = |slug: &str| newest.iter().find(|(s, _)| s == slug).and_then(|(_, d)| d.clone());
    let downloads = policies::download(&base, &targets, &lookup);
    match session.with_store(|s| policies::store_downloads(s, downloads, today)) {
        Ok(outcomes) => {
            let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
            let added: usize = outcomes.iter().map(|o| o.added.len()).sum();
            log::info!("policy watch: {added} new version(s), {failed} platform(s) not fetched");
        }
        Err(e) => log::warn!("policy watch: {}", e.message),
    }
}
