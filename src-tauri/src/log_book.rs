//! The app's log: one file in the OS log directory (Tauri's log plugin;
//! on Linux `~/.local/share/org.rightsdesk.desktop/logs/RightsDesk.log`),
//! rotated at 1 MB keeping five, plus standard error. Every line — from Rust,
//! from the window (the UI's failed calls), from the plugins — passes through
//! `format`, which replaces every secret the app was handed (registered with
//! `secret`) and everything shaped like one (`rightsdesk_domain::redact`).
//! The last warnings and errors are kept, redacted, for "Copy diagnostics".

use std::collections::VecDeque;
use std::sync::Mutex;

use tauri_plugin_log::{RotationStrategy, Target, TargetKind};
use zeroize::Zeroizing;

static KNOWN: Mutex<Vec<Zeroizing<String>>> = Mutex::new(Vec::new());
static RECENT: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new());
const RECENT_KEPT: usize = 20;

/// A secret the app was handed (a passphrase typed, a password set): from now
/// on it never appears in the log, whatever line it turns up in.
pub fn secret(value: &str) {
    if value.chars().count() < 4 {
        return;
    }
    let mut known = KNOWN.lock().unwrap_or_else(|p| p.into_inner());
    if !known.iter().any(|k| k.as_str() == value) {
        known.push(Zeroizing::new(value.to_owned()));
    }
}

/// A line as it goes into the log.
pub fn redacted(line: &str) -> String {
    let known = KNOWN.lock().unwrap_or_else(|p| p.into_inner());
    let known: Vec<&str> = known.iter().map(|k| k.as_str()).collect();
    rightsdesk_domain::redact::redact(line, &known)
}

/// The last warnings and errors, oldest first, already redacted.
pub fn recent() -> Vec<String> {
    RECENT.lock().unwrap_or_else(|p| p.into_inner()).iter().cloned().collect()
}

pub fn plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets([
            Target::new(TargetKind::LogDir { file_name: Some("RightsDesk".into()) }),
            Target::new(TargetKind::Stderr),
        ])
        .level(log::LevelFilter::Info)
        // The HTTP, TLS and mail libraries say too much at info.
        .level_for("rustls", log::LevelFilter::Warn)
        .level_for("ureq", log::LevelFilter::Warn)
        .level_for("tao", log::LevelFilter::Warn)
        .max_file_size(1_000_000)
        .rotation_strategy(RotationStrategy::KeepSome(5))
        .format(|out, message, record| {
            let line = redacted(&message.to_string());
            if record.level() <= log::Level::Warn {
                let mut recent = RECENT.lock().unwrap_or_else(|p| p.into_inner());
                if recent.len() == RECENT_KEPT {
                    recent.pop_front();
                }
                recent.push_back(format!(
                    "{} {}: {line}",
                    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
                    record.level()
                ));
            }
            out.finish(format_args!(
                "{} {:<5} {} {line}",
                chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ"),
                record.level(),
                record.target()
            ))
        })
        .build()
}
