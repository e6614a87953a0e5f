//! The RightsDesk desktop shell. The only crate that depends on Tauri.
//!
//! Invariant: no domain or storage logic here. Commands adapt IPC calls to the
//! Tauri-free crates — the use-case layer (`rightsdesk-usecases`) for every
//! sequence of steps, the store for a plain read or write; anything a command
//! needs that the CLI would need too belongs in those crates.

mod backup_rounds;
mod commands;
mod error;
mod log_book;
mod mail_rounds;
mod notify;
mod policy_rounds;
mod session;

pub use error::AppError;
pub use session::{AppStatus, MailRun, Phase, Session};

/// The command list, shared by the app and by the bindings export.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            commands::app_status,
            commands::create_store,
            commands::unlock,
            commands::retry_open,
            commands::list_people,
            commands::get_person,
            commands::create_person,
            commands::update_person,
            commands::delete_person,
            commands::person_authorities,
            commands::import_people,
            commands::export_person,
            commands::person_erasure,
            commands::erase_person,
            commands::organisation,
            commands::set_organisation,
            commands::person_mandates,
            commands::add_mandate,
            commands::sign_mandate,
            commands::attach_mandate_document,
            commands::save_mandate_pdf,
            commands::revoke_mandate,
            commands::compute_deadline,
            commands::search_controllers,
            commands::controller_detail,
            commands::controller_basis,
            commands::create_controller,
            commands::update_controller,
            commands::add_claim,
            commands::li_vendors,
            commands::import_controllers,
            commands::list_requests,
            commands::request_detail,
            commands::create_request,
            commands::letter_kinds,
            commands::vocabulary,
            commands::system_language,
            commands::preview_letter,
            commands::request_letter,
            commands::redraft_letter,
            commands::edit_letter,
            commands::save_letter,
            commands::save_letter_book,
            commands::open_letter_pdf,
            commands::preview_batch,
            commands::create_batch,
            commands::mark_request,
            commands::set_checklist,
            commands::escalate,
            commands::set_postal,
            commands::add_attachment,
            commands::save_attachment,
            commands::attention,
            commands::export_ics,
            commands::report,
            commands::save_evidence,
            commands::save_report_csv,
            commands::save_report_pdf,
            commands::export_requests,
            commands::projects,
            commands::create_project,
            commands::delete_project,
            commands::request_filing,
            commands::file_request,
            commands::tag_request,
            commands::set_embargo,
            commands::mail_accounts,
            commands::add_mail_account,
            commands::remove_mail_account,
            commands::update_mail_account,
            commands::set_mail_password,
            commands::set_mail_imap_password,
            commands::check_mail_draft,
            commands::sign_in_mail_account,
            commands::oauth_client_id,
            commands::set_oauth_client_id,
            commands::test_mail_account,
            commands::discover_mailbox,
            commands::fetch_mail,
            commands::mail_folders,
            commands::mail_html,
            commands::send_request,
            commands::outbox,
            commands::settle_outbox,
            commands::inbox,
            commands::request_mail,
            commands::import_mail_file,
            commands::file_mail,
            commands::ignore_mail,
            commands::policy_changes,
            commands::policy_import,
            commands::policy_fetch,
            commands::policy_review,
            commands::watch_settings,
            commands::set_watch_settings,
            commands::registry_update_url,
            commands::set_registry_update_url,
            commands::registry_update_preview,
            commands::registry_update_apply,
            commands::guide_start,
            commands::guide_plan,
            commands::guide_write,
            commands::guide_skip,
            commands::sent_by_form,
            commands::backup_state,
            commands::make_backup,
            commands::verify_backup,
            commands::set_automatic_backups,
            commands::restore_backup,
            commands::diagnostics,
            commands::snapshot_state,
        ])
        // Ids are SQLite rowids, far below 2^53: safe as JS numbers.
        .dangerously_cast_bigints_to_number()
        // One TS type per Rust type (no separate _Serialize/_Deserialize shapes).
        .disable_serde_phases()
}

/// Where the generated TypeScript bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/bindings.ts";

/// Writes the TypeScript bindings for the app's commands and types to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from Rust by tauri-specta. Do not edit: run `make bindings`.\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

/// `--data-dir DIR` (or `--data-dir=DIR`), as the CLI takes it: a second,
/// separate store (an advocate's, a restore to check). Otherwise
/// `RIGHTSDESK_DATA_DIR`, otherwise the OS data directory.
fn data_dir_argument(mut args: impl Iterator<Item = String>) -> Option<std::path::PathBuf> {
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(Into::into);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(dir.into());
        }
    }
    None
}

pub fn run() {
    let builder = specta_builder();
    let data_dir = match rightsdesk_store::DataDir::resolve(data_dir_argument(std::env::args().skip(1))) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("RightsDesk cannot start: {e}");
            std::process::exit(2);
        }
    };
    let result = tauri::Builder::default()
        // First, so a second start only brings the running window forward: two app
        // processes would run two mail rounds on one data directory.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            use tauri::Manager;
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        // Next, so everything after it (plugins, setup, the rounds) is logged.
        .plugin(log_book::plugin())
        // The window comes back where the user left it (size, place, maximised).
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(builder.invoke_handler())
        // The marker bench/startup.py times (same as the bare-window benchmark floor).
        .on_page_load(|_, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished
                && std::env::var_os("RIGHTSDESK_BENCH").is_some()
            {
                eprintln!("bench: page-loaded");
            }
        })
        .setup(move |app| {
            use tauri::Manager;
            log::info!("RightsDesk {} starting", env!("CARGO_PKG_VERSION"));
            if let Some(probe) = std::env::var_os("RIGHTSDESK_LOG_PROBE") {
                // For the log test: the given text through every level; it must come out redacted.
                let probe = probe.to_string_lossy();
                log::info!("log probe (info): {probe}");
                log::warn!("log probe (warn): {probe}");
                log::error!("log probe (error): {probe}");
            }
            app.manage(Session::start(data_dir));
            app.manage(MailRun::default());
            notify::start(app.handle().clone());
            policy_rounds::start(app.handle().clone());
            mail_rounds::start(app.handle().clone());
            backup_rounds::start(app.handle().clone());
            backup_rounds::apply_snapshot(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("RightsDesk stopped with an error: {e}");
        std::process::exit(2);
    }
}
