//! IPC commands: each a few lines that hand over to the store and convert the
//! error. No logic lives here. Every command is `async` so the work runs off
//! the main (UI) thread; each must also be listed in build.rs and granted in
//! a permission set (permissions/app.toml).

use rightsdesk_domain::deadline::{self, Deadline};
use rightsdesk_domain::{Id, Person, PersonDraft};
use tauri::State;

use crate::error::AppError;
use crate::session::{AppStatus, Session};

#[tauri::command]
#[specta::specta]
pub async fn app_status(session: State<'_, Session>) -> Result<AppStatus, AppError> {
    Ok(session.status())
}

#[tauri::command]
#[specta::specta]
pub async fn create_store(session: State<'_, Session>, passphrase: String) -> Result<AppStatus, AppError> {
    session.create_with_passphrase(&passphrase)
}

#[tauri::command]
#[specta::specta]
pub async fn unlock(session: State<'_, Session>, passphrase: String) -> Result<AppStatus, AppError> {
    session.unlock(&passphrase)
}

#[tauri::command]
#[specta::specta]
pub async fn list_people(session: State<'_, Session>) -> Result<Vec<Person>, AppError> {
    session.with_store(|s| s.list_people())
}

#[tauri::command]
#[specta::specta]
pub async fn get_person(session: State<'_, Session>, id: Id) -> Result<Person, AppError> {
    session.with_store(|s| s.get_person(id))
}

#[tauri::command]
#[specta::specta]
pub async fn create_person(session: State<'_, Session>, draft: PersonDraft) -> Result<Person, AppError> {
    session.with_store(|s| s.create_person(draft))
}

#[tauri::command]
#[specta::specta]
pub async fn update_person(session: State<'_, Session>, id: Id, draft: PersonDraft) -> Result<Person, AppError> {
    session.with_store(|s| s.update_person(id, draft))
}

#[tauri::command]
#[specta::specta]
pub async fn delete_person(session: State<'_, Session>, id: Id) -> Result<(), AppError> {
    session.with_store(|s| s.delete_person(id))
}

/// When an answer is due: `months` from `received`, rolled over the weekends
/// and public holidays of `country` (empty: weekends only).
#[tauri::command]
#[specta::specta]
pub async fn compute_deadline(received: String, country: String, months: u32) -> Result<Deadline, AppError> {
    let received = deadline::parse_date("received", &received)?;
    let country = deadline::parse_country("country", &country)?;
    Ok(deadline::months_from(received, months.clamp(1, 12), &country))
}
