//! IPC commands: each a few lines that hand over to the store and convert the
//! error. No logic lives here. Every command is `async` so the work runs off
//! the main (UI) thread; each must also be listed in build.rs and granted in
//! a permission set (permissions/app.toml).

use rightsdesk_domain::deadline::{self, Deadline};
use rightsdesk_domain::import::ImportReport;
use rightsdesk_domain::lifecycle::Mark;
use rightsdesk_domain::{
    Attention, Claim, Controller, ControllerDetail, ControllerDraft, ControllerHit, Id, LiVendor, Person, PersonDraft,
    RequestDetail, RequestKind, RequestStatus, RequestSummary, StoredClaim, SupervisoryAuthority,
};
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

/// Controllers whose name, slug, web address or services contain `query`.
#[tauri::command]
#[specta::specta]
pub async fn search_controllers(
    session: State<'_, Session>,
    query: String,
    limit: u32,
) -> Result<Vec<ControllerHit>, AppError> {
    session.with_store(|s| s.search_controllers(&query, limit.min(500) as usize))
}

#[tauri::command]
#[specta::specta]
pub async fn controller_detail(session: State<'_, Session>, slug: String) -> Result<ControllerDetail, AppError> {
    session.with_store(|s| s.controller_detail(&slug))
}

#[tauri::command]
#[specta::specta]
pub async fn create_controller(session: State<'_, Session>, draft: ControllerDraft) -> Result<Controller, AppError> {
    session.with_store(|s| s.create_controller(draft))
}

#[tauri::command]
#[specta::specta]
pub async fn update_controller(
    session: State<'_, Session>,
    slug: String,
    draft: ControllerDraft,
) -> Result<Controller, AppError> {
    session.with_store(|s| s.update_controller(&slug, draft))
}

#[tauri::command]
#[specta::specta]
pub async fn add_claim(session: State<'_, Session>, slug: String, claim: Claim) -> Result<StoredClaim, AppError> {
    session.with_store(|s| s.add_claim(&slug, claim))
}

/// Ad-tech vendors claiming legitimate interest, optionally for one TCF purpose.
#[tauri::command]
#[specta::specta]
pub async fn li_vendors(session: State<'_, Session>, purpose: Option<u32>) -> Result<Vec<LiVendor>, AppError> {
    session.with_store(|s| s.li_vendors(purpose))
}

/// Imports from a folder, file or URL. `source` is `datenanfragen` or `tcf`;
/// an empty `location` for `tcf` means the official list. Parsing and
/// downloading run on a blocking thread, off the async runtime.
#[tauri::command]
#[specta::specta]
pub async fn import_controllers(
    session: State<'_, Session>,
    source: String,
    location: String,
) -> Result<ImportReport, AppError> {
    let batch = tauri::async_runtime::spawn_blocking(move || match source.as_str() {
        "datenanfragen" => rightsdesk_import::datenanfragen::load(location.trim()),
        "tcf" if location.trim().is_empty() => rightsdesk_import::tcf::load(rightsdesk_import::tcf::OFFICIAL_URL),
        "tcf" => rightsdesk_import::tcf::load(location.trim()),
        other => Err(rightsdesk_import::ImportError::new(
            rightsdesk_domain::ErrorCode::Invalid,
            format!("unknown import source “{other}”"),
        )),
    })
    .await
    .map_err(|e| AppError::internal(format!("the import stopped: {e}")))??;
    session.with_store(|s| s.apply_import(&batch))
}

/// Requests, newest change first; optionally by status and deadline.
#[tauri::command]
#[specta::specta]
pub async fn list_requests(
    session: State<'_, Session>,
    status: Option<RequestStatus>,
    due_before: Option<String>,
) -> Result<Vec<RequestSummary>, AppError> {
    let due_before =
        due_before.filter(|d| !d.trim().is_empty()).map(|d| deadline::parse_date("due_before", &d)).transpose()?;
    session.with_store(|s| {
        s.list_requests(&rightsdesk_store::RequestFilter {
            status,
            due_before: due_before.map(|d| d.to_string()),
            person_id: None,
            limit: Some(1000),
        })
    })
}

#[tauri::command]
#[specta::specta]
pub async fn request_detail(session: State<'_, Session>, id: Id) -> Result<RequestDetail, AppError> {
    session.with_store(|s| s.request_detail(id))
}

#[tauri::command]
#[specta::specta]
pub async fn create_request(
    session: State<'_, Session>,
    person_id: Id,
    controller: String,
    kind: RequestKind,
) -> Result<RequestDetail, AppError> {
    session.with_store(|s| {
        let r = s.create_request(person_id, &controller, kind)?;
        s.request_detail(r.id)
    })
}

/// Records what happened to a request.
#[tauri::command]
#[specta::specta]
pub async fn mark_request(session: State<'_, Session>, id: Id, mark: Mark) -> Result<RequestDetail, AppError> {
    session.with_store(|s| s.mark_request(id, &mark, rightsdesk_domain::EventCause::User))
}

/// What needs the user today; passed deadlines turn overdue first.
#[tauri::command]
#[specta::specta]
pub async fn attention(session: State<'_, Session>, soon_days: u32) -> Result<Attention, AppError> {
    let today = chrono::Local::now().date_naive();
    session.with_store(|s| {
        s.mark_overdue(today)?;
        s.attention(today, soon_days)
    })
}

/// Writes every running deadline as an iCalendar file at `path`; returns how many.
#[tauri::command]
#[specta::specta]
pub async fn export_ics(session: State<'_, Session>, path: String) -> Result<u32, AppError> {
    let ics = session.with_store(|s| s.deadlines_ics())?;
    rightsdesk_store::write_file_atomically(std::path::Path::new(path.trim()), ics.as_bytes())?;
    Ok(ics.matches("BEGIN:VEVENT").count() as u32)
}

/// The supervisory authority a person complains to (country, German Land).
#[tauri::command]
#[specta::specta]
pub async fn person_authorities(session: State<'_, Session>, id: Id) -> Result<Vec<SupervisoryAuthority>, AppError> {
    session.with_store(|s| s.authorities_for_person(id))
}
