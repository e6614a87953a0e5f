//! IPC commands: each a few lines that hand over to the use-case layer
//! (`rightsdesk-usecases`, or the store for a plain read or write) and convert
//! the error. No logic lives here. Every command is `async` so the work runs off
//! the main (UI) thread; each must also be listed in build.rs and granted in
//! a permission set (permissions/app.toml).

use rightsdesk_domain::backup::{AutomaticBackups, BackupState};
use rightsdesk_domain::deadline::{self, Deadline};
use rightsdesk_domain::guide::{Concern, GuideLetter, GuidePerson, GuidePlan, GuideStart};
use rightsdesk_domain::import::{ImportReport, RegistryDiff, SnapshotState};
use rightsdesk_domain::letter::{
    self, AccessItem, Batch, KindInfo, LetterFormat, LetterRequest, SituationPrompt, StoredLetter,
};
use rightsdesk_domain::lifecycle::Mark;
use rightsdesk_domain::mail::{
    ConnectionCheck, FetchSummary, FolderState, InboxMail, MailAccount, MailAccountDraft, MailFileReport, OutboxItem,
};
use rightsdesk_domain::policy::{
    FetchOutcome, ImportedVersion, PolicyVersion, VersionChange, VersionOrigin, WatchSettings,
};
use rightsdesk_domain::project::{Filing, Project};
use rightsdesk_domain::report::{GroupBy, ReportFilter, ReportView};
use rightsdesk_domain::vocabulary::Vocabulary;
use rightsdesk_domain::words::UiLanguage;
use rightsdesk_domain::{
    Attention, BasisOnDay, Claim, Controller, ControllerDetail, ControllerDraft, ControllerHit, Id, Letter,
    LetterOptions, LiVendor, Person, PersonDraft, Postal, RequestDetail, RequestKind, RequestStatus, RequestSummary,
    StoredClaim, SupervisoryAuthority, Voice,
};
use rightsdesk_domain::{LegalBasis, Purpose};
use rightsdesk_mail::StoreAccess;
use rightsdesk_usecases::outbox::{Mailroom, SendPlan};
use rightsdesk_usecases::{backup, guide, imports, policies};
use tauri::{AppHandle, State};

use crate::error::AppError;
use crate::session::{AppStatus, MailRun, Session};

#[tauri::command]
#[specta::specta]
pub async fn app_status(session: State<'_, Session>) -> Result<AppStatus, AppError> {
    Ok(session.status())
}

#[tauri::command]
#[specta::specta]
pub async fn create_store(session: State<'_, Session>, passphrase: String) -> Result<AppStatus, AppError> {
    crate::log_book::secret(&passphrase);
    session.create_with_passphrase(&passphrase)
}

#[tauri::command]
#[specta::specta]
pub async fn unlock(session: State<'_, Session>, passphrase: String) -> Result<AppStatus, AppError> {
    crate::log_book::secret(&passphrase);
    session.unlock(&passphrase)
}

/// Opens the database again once the OS keyring can be reached.
#[tauri::command]
#[specta::specta]
pub async fn retry_open(session: State<'_, Session>) -> Result<AppStatus, AppError> {
    Ok(session.retry())
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

/// People from a CSV file the user chose (the system's open dialog): with
/// `commit` false a preview of who would be added, who is already here and
/// which rows are refused; with `commit` true the same, done, in one
/// transaction.
#[tauri::command]
#[specta::specta]
pub async fn import_people(
    session: State<'_, Session>,
    path: String,
    commit: bool,
) -> Result<rightsdesk_domain::people_file::PeopleImport, AppError> {
    session.with_store(|s| rightsdesk_usecases::people::import_file(s, std::path::Path::new(&path), commit))
}

/// Everything held about a person into one ZIP at `path` (the save
/// dialog's): their data, letters, e-mails, attachments, timelines and a
/// SHA-256 manifest. Returns the number of files.
#[tauri::command]
#[specta::specta]
pub async fn export_person(session: State<'_, Session>, id: Id, path: String) -> Result<u32, AppError> {
    let path = std::path::PathBuf::from(path.trim());
    let written = session.with_store(|s| rightsdesk_usecases::people::export(s, id, &path, chrono::Utc::now()))?;
    Ok(written.count as u32)
}

/// What erasing a person removes, counted (the window words the
/// confirmation in its language); nothing changes.
#[tauri::command]
#[specta::specta]
pub async fn person_erasure(session: State<'_, Session>, id: Id) -> Result<PersonErasure, AppError> {
    session.with_store(|s| {
        let e = rightsdesk_usecases::people::erasure(s, id)?;
        Ok(PersonErasure { refusal: e.refusal(), counts: e })
    })
}

/// Erases a person and everything held about them, after the window's
/// confirmation named what goes.
#[tauri::command]
#[specta::specta]
pub async fn erase_person(session: State<'_, Session>, id: Id) -> Result<rightsdesk_domain::Erasure, AppError> {
    session.with_store(|s| rightsdesk_usecases::people::erase(s, id))
}

/// The organisation's profile; none in individual mode.
#[tauri::command]
#[specta::specta]
pub async fn organisation(session: State<'_, Session>) -> Result<Option<rightsdesk_domain::Organisation>, AppError> {
    session.with_store(|s| rightsdesk_usecases::mandates::organisation(s))
}

#[tauri::command]
#[specta::specta]
pub async fn set_organisation(
    session: State<'_, Session>,
    organisation: rightsdesk_domain::Organisation,
) -> Result<rightsdesk_domain::Organisation, AppError> {
    session.with_store(|s| rightsdesk_usecases::mandates::set_organisation(s, organisation))
}

/// A person's mandates, newest first, each with where it stands today.
#[tauri::command]
#[specta::specta]
pub async fn person_mandates(
    session: State<'_, Session>,
    person: Id,
) -> Result<Vec<rightsdesk_domain::MandateEntry>, AppError> {
    session.with_store(|s| rightsdesk_usecases::mandates::list(s, Some(person), today()))
}

#[tauri::command]
#[specta::specta]
pub async fn add_mandate(
    session: State<'_, Session>,
    draft: rightsdesk_domain::MandateDraft,
) -> Result<rightsdesk_domain::MandateEntry, AppError> {
    session.with_store(|s| rightsdesk_usecases::mandates::add(s, draft, today()))
}

/// Records the day the person signed (YYYY-MM-DD).
#[tauri::command]
#[specta::specta]
pub async fn sign_mandate(
    session: State<'_, Session>,
    id: Id,
    signed_on: String,
) -> Result<rightsdesk_domain::MandateEntry, AppError> {
    session.with_store(|s| rightsdesk_usecases::mandates::sign(s, id, &signed_on, today()))
}

/// Keeps the signed scan the user chose in the open dialog (PDF, PNG or JPEG, ≤ 20 MiB).
#[tauri::command]
#[specta::specta]
pub async fn attach_mandate_document(
    session: State<'_, Session>,
    id: Id,
    path: String,
) -> Result<rightsdesk_domain::MandateEntry, AppError> {
    let path = std::path::PathBuf::from(path.trim());
    session.with_store(|s| rightsdesk_usecases::mandates::attach(s, id, &path, today()))
}

/// Writes the document to sign as a PDF where the user said; returns where.
#[tauri::command]
#[specta::specta]
pub async fn save_mandate_pdf(
    session: State<'_, Session>,
    id: Id,
    language: String,
    path: String,
) -> Result<String, AppError> {
    let path = std::path::PathBuf::from(path.trim());
    let written = session.with_store(|s| rightsdesk_usecases::mandates::save_pdf(s, id, &language, &path, today()))?;
    Ok(written.display().to_string())
}

/// Ends a mandate: it covers nothing from now on and stays on record.
#[tauri::command]
#[specta::specta]
pub async fn revoke_mandate(session: State<'_, Session>, id: Id) -> Result<rightsdesk_domain::MandateEntry, AppError> {
    session.with_store(|s| rightsdesk_usecases::mandates::revoke(s, id, today()))
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A person's erasure as the window asks about it.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct PersonErasure {
    pub counts: rightsdesk_domain::Erasure,
    /// Why it cannot happen now (an e-mail of theirs being sent), if so.
    pub refusal: Option<String>,
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
pub async fn controller_detail(
    session: State<'_, Session>,
    slug: String,
    language: UiLanguage,
) -> Result<ControllerDetail, AppError> {
    session.with_store(|s| rightsdesk_usecases::controllers::detail(s, &slug, language))
}

/// The basis a controller claimed on `on` (YYYY-MM-DD; empty: today) for
/// every purpose, with the claim in force and the changes announced around it.
#[tauri::command]
#[specta::specta]
pub async fn controller_basis(session: State<'_, Session>, slug: String, on: String) -> Result<BasisOnDay, AppError> {
    let day = match on.trim() {
        "" => None,
        d => Some(deadline::parse_date("on", d)?),
    };
    session.with_store(|s| rightsdesk_usecases::controllers::basis(s, &slug, None, day))
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
    let source = imports::Source::parse(&source)?;
    let batch = tauri::async_runtime::spawn_blocking(move || imports::load(source, &location))
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

/// A new draft request with its letter.
#[tauri::command]
#[specta::specta]
pub async fn create_request(
    session: State<'_, Session>,
    request: LetterRequest,
    controller: String,
) -> Result<RequestDetail, AppError> {
    session.with_store(|s| {
        let r = s.create_request(&request, &controller)?;
        s.request_detail(r.id)
    })
}

/// The user's language as the system says it (LC_ALL, LC_MESSAGES, LANG on Linux), e.g.
/// `de-DE`; empty when it says none. The window's own `navigator.language` does not follow a
/// desktop's language where the C library lacks that locale.
#[tauri::command]
#[specta::specta]
pub async fn system_language() -> Result<String, AppError> {
    Ok(sys_locale::get_locale().unwrap_or_default())
}

/// The words the app shows for statuses, marks, outcomes, Art. 15 items, purposes, bases and
/// languages, in the app's language.
#[tauri::command]
#[specta::specta]
pub async fn vocabulary(language: UiLanguage) -> Result<Vocabulary, AppError> {
    Ok(rightsdesk_domain::vocabulary::vocabulary_in(language))
}

/// The kinds of letter with their articles and options.
#[tauri::command]
#[specta::specta]
pub async fn letter_kinds() -> Result<Vec<KindInfo>, AppError> {
    Ok(letter::kinds())
}

/// The letter as it would be written; stores nothing (the composer's live preview).
#[tauri::command]
#[specta::specta]
pub async fn preview_letter(
    session: State<'_, Session>,
    request: LetterRequest,
    controller: String,
) -> Result<Letter, AppError> {
    session.with_store(|s| s.preview_letter(&request, &controller))
}

#[tauri::command]
#[specta::specta]
pub async fn request_letter(session: State<'_, Session>, id: Id) -> Result<StoredLetter, AppError> {
    session.with_store(|s| s.letter(id))
}

/// Renders a draft's letter again; refused over hand edits unless `discard_edits`.
#[tauri::command]
#[specta::specta]
pub async fn redraft_letter(
    session: State<'_, Session>,
    id: Id,
    language: String,
    options: LetterOptions,
    discard_edits: bool,
) -> Result<StoredLetter, AppError> {
    session.with_store(|s| s.redraft_letter(id, &language, &options, discard_edits))
}

/// The user's own text for a draft letter.
#[tauri::command]
#[specta::specta]
pub async fn edit_letter(
    session: State<'_, Session>,
    id: Id,
    subject: String,
    body: String,
) -> Result<StoredLetter, AppError> {
    session.with_store(|s| s.edit_letter(id, &subject, &body))
}

/// Saves the letter as text, PDF or .eml (empty path: Documents/RightsDesk);
/// returns the file written. `signature`: PNG or JPEG bytes for the PDF.
#[tauri::command]
#[specta::specta]
pub async fn save_letter(
    session: State<'_, Session>,
    id: Id,
    format: LetterFormat,
    path: String,
    signature: Option<Vec<u8>>,
) -> Result<String, AppError> {
    let signature = signature.map(rightsdesk_usecases::signature).transpose()?;
    let path = std::path::PathBuf::from(path.trim());
    let written = session.with_store(|s| {
        rightsdesk_usecases::letters::save(s, id, format, &path, signature.as_ref(), chrono::Utc::now())
    })?;
    Ok(written.display().to_string())
}

/// The letter book of a language and voice, for review (every kind, every
/// option on, the table of what each cites), as a PDF at `path` (empty:
/// Documents/RightsDesk); returns the file written. Needs no store.
#[tauri::command]
#[specta::specta]
pub async fn save_letter_book(language: String, voice: Voice, path: String) -> Result<String, AppError> {
    let path = std::path::PathBuf::from(path.trim());
    let written = rightsdesk_usecases::letters::save_book(&language, voice, chrono::Local::now().date_naive(), &path)?;
    Ok(written.display().to_string())
}

/// One letter per controller, rendered, nothing stored.
#[tauri::command]
#[specta::specta]
pub async fn preview_batch(
    session: State<'_, Session>,
    request: LetterRequest,
    controllers: Vec<String>,
) -> Result<Batch, AppError> {
    session.with_store(|s| s.preview_batch(&request, &controllers))
}

/// One draft request per controller that can be written; the others say why not.
#[tauri::command]
#[specta::specta]
pub async fn create_batch(
    session: State<'_, Session>,
    request: LetterRequest,
    controllers: Vec<String>,
) -> Result<Batch, AppError> {
    session.with_store(|s| s.create_batch(&request, &controllers))
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
    session.with_store(|s| rightsdesk_usecases::requests::attention(s, today, soon_days))
}

/// Writes every running deadline as an iCalendar file at `path`; returns how many.
#[tauri::command]
#[specta::specta]
pub async fn export_ics(session: State<'_, Session>, path: String) -> Result<u32, AppError> {
    let path = std::path::PathBuf::from(path.trim());
    let written = session.with_store(|s| rightsdesk_usecases::exports::deadlines_ics(s, &path, chrono::Utc::now()))?;
    Ok(written.count as u32)
}

/// The supervisory authority a person complains to (country, German Land).
#[tauri::command]
#[specta::specta]
pub async fn person_authorities(session: State<'_, Session>, id: Id) -> Result<Vec<SupervisoryAuthority>, AppError> {
    session.with_store(|s| s.authorities_for_person(id))
}

/// Ticks the Art. 15 items an access answer contained.
#[tauri::command]
#[specta::specta]
pub async fn set_checklist(
    session: State<'_, Session>,
    id: Id,
    received: Vec<AccessItem>,
) -> Result<RequestDetail, AppError> {
    session.with_store(|s| {
        s.set_checklist(id, &received)?;
        s.request_detail(id)
    })
}

/// Writes the reminder or the complaint for an overdue or incomplete request.
#[tauri::command]
#[specta::specta]
pub async fn escalate(session: State<'_, Session>, id: Id, to: RequestKind) -> Result<RequestDetail, AppError> {
    session.with_store(|s| {
        let r = s.escalate(id, to)?;
        s.request_detail(r.id)
    })
}

/// Post: registered-mail number and return-receipt day.
#[tauri::command]
#[specta::specta]
pub async fn set_postal(session: State<'_, Session>, id: Id, postal: Postal) -> Result<RequestDetail, AppError> {
    session.with_store(|s| {
        s.set_postal(id, &postal)?;
        s.request_detail(id)
    })
}

/// Keeps a file (scan, receipt) with a request.
#[tauri::command]
#[specta::specta]
pub async fn add_attachment(
    session: State<'_, Session>,
    id: Id,
    name: String,
    bytes: Vec<u8>,
) -> Result<RequestDetail, AppError> {
    session.with_store(|s| {
        s.add_attachment(id, &name, &bytes)?;
        s.request_detail(id)
    })
}

/// Writes a kept file to `path` (empty: Documents/RightsDesk/<name>); returns where.
#[tauri::command]
#[specta::specta]
pub async fn save_attachment(session: State<'_, Session>, attachment: Id, path: String) -> Result<String, AppError> {
    let path = std::path::PathBuf::from(path.trim());
    let written = session.with_store(|s| rightsdesk_usecases::exports::attachment(s, attachment, &path))?;
    Ok(written.path.display().to_string())
}

/// Shows the letter's PDF in the system's PDF viewer: written to the app's
/// cache folder (replaced on each preview), then opened there.
#[tauri::command]
#[specta::specta]
pub async fn open_letter_pdf(
    app: tauri::AppHandle,
    session: State<'_, Session>,
    id: Id,
    signature: Option<Vec<u8>>,
) -> Result<String, AppError> {
    use tauri::Manager;
    use tauri_plugin_opener::OpenerExt;
    let signature = signature.map(rightsdesk_usecases::signature).transpose()?;
    let dir = app.path().app_cache_dir().map_err(|e| AppError::io(format!("no cache folder: {e}")))?.join("previews");
    std::fs::create_dir_all(&dir).map_err(|e| AppError::io(format!("cannot create {}: {e}", dir.display())))?;
    let (reference, bytes) = session.with_store(|s| {
        Ok((
            rightsdesk_usecases::letters::file_name(s, id, LetterFormat::Pdf)?,
            rightsdesk_usecases::letters::bytes(s, id, LetterFormat::Pdf, signature.as_ref(), chrono::Utc::now())?,
        ))
    })?;
    let path = dir.join(reference);
    rightsdesk_store::write_file_atomically(&path, &bytes)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| AppError::io(format!("the PDF was written to {} but no viewer opened it: {e}", path.display())))?;
    Ok(path.display().to_string())
}

#[tauri::command]
#[specta::specta]
pub async fn mail_accounts(session: State<'_, Session>) -> Result<Vec<MailAccount>, AppError> {
    session.with_store(|s| s.mail_accounts())
}

/// Adds the user's mailbox; the password goes to the OS keyring only.
#[tauri::command]
#[specta::specta]
pub async fn add_mail_account(
    session: State<'_, Session>,
    draft: MailAccountDraft,
    password: String,
    imap_password: Option<String>,
) -> Result<MailAccount, AppError> {
    crate::log_book::secret(&password);
    imap_password.iter().for_each(|p| crate::log_book::secret(p));
    session.with_store(|s| rightsdesk_usecases::mailbox::add_account(s, draft, &password, imap_password.as_deref()))
}

/// Tests both servers of an account the wizard has not added yet.
#[tauri::command]
#[specta::specta]
pub async fn check_mail_draft(
    draft: MailAccountDraft,
    password: String,
    imap_password: Option<String>,
) -> Result<Vec<ConnectionCheck>, AppError> {
    crate::log_book::secret(&password);
    imap_password.iter().for_each(|p| crate::log_book::secret(p));
    tauri::async_runtime::spawn_blocking(move || {
        rightsdesk_usecases::mailbox::check_draft(draft, &password, imap_password.as_deref())
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))?
    .map_err(AppError::from)
}

/// Gives the IMAP server its own password, or (`None`) the SMTP one again.
#[tauri::command]
#[specta::specta]
pub async fn set_mail_imap_password(
    session: State<'_, Session>,
    id: Id,
    password: Option<String>,
) -> Result<MailAccount, AppError> {
    password.iter().for_each(|p| crate::log_book::secret(p));
    session.with_store(|s| {
        s.set_mail_imap_password(id, password.as_deref())?;
        s.mail_account(id)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn remove_mail_account(session: State<'_, Session>, id: Id) -> Result<(), AppError> {
    session.with_store(|s| s.remove_mail_account(id))
}

/// Changes an account's settings; the password stays in the keyring.
#[tauri::command]
#[specta::specta]
pub async fn update_mail_account(
    session: State<'_, Session>,
    id: Id,
    draft: MailAccountDraft,
) -> Result<MailAccount, AppError> {
    session.with_store(|s| s.update_mail_account(id, draft))
}

/// Replaces an account's password in the OS keyring.
#[tauri::command]
#[specta::specta]
pub async fn set_mail_password(session: State<'_, Session>, id: Id, password: String) -> Result<(), AppError> {
    crate::log_book::secret(&password);
    session.with_store(|s| s.set_mail_password(id, &password))
}

/// Connects and logs in to both servers; each one's own words on failure.
#[tauri::command]
#[specta::specta]
pub async fn test_mail_account(app: AppHandle, id: Id) -> Result<Vec<ConnectionCheck>, AppError> {
    use tauri::Manager;
    // The passwords (or the access token, refreshed if due) are read without holding the store.
    tauri::async_runtime::spawn_blocking(move || rightsdesk_mail::check_stored(&*app.state::<Session>(), id))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(AppError::from)
}

/// The OAuth2 client id sign-ins use, and where it comes from.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct OAuthClientId {
    pub value: Option<String>,
    /// "settings", "environment", "build" or "none".
    pub from: String,
}

impl From<rightsdesk_usecases::mailbox::ClientId> for OAuthClientId {
    fn from(c: rightsdesk_usecases::mailbox::ClientId) -> Self {
        Self { value: c.value, from: c.from.into() }
    }
}

#[tauri::command]
#[specta::specta]
pub async fn oauth_client_id(session: State<'_, Session>) -> Result<OAuthClientId, AppError> {
    session.with_store(|s| Ok(rightsdesk_usecases::mailbox::configured_client_id(Some(s)).into()))
}

/// Sets the client id of the app registration sign-ins use (empty: back to the build's).
#[tauri::command]
#[specta::specta]
pub async fn set_oauth_client_id(session: State<'_, Session>, value: String) -> Result<OAuthClientId, AppError> {
    session.with_store(|s| Ok(rightsdesk_usecases::mailbox::set_client_id(s, &value)?.into()))
}

/// Signs an OAuth2 account in: the provider's page opens in the system
/// browser, and the answer comes back to a loopback address (up to five
/// minutes). The tokens go to the OS keyring only.
#[tauri::command]
#[specta::specta]
pub async fn sign_in_mail_account(app: AppHandle, id: Id) -> Result<MailAccount, AppError> {
    use tauri::Manager;
    use tauri_plugin_opener::OpenerExt;
    tauri::async_runtime::spawn_blocking(move || {
        let opener = app.clone();
        rightsdesk_mail::oauth::sign_in(&*app.state::<Session>(), id, rightsdesk_mail::oauth::SIGN_IN_WAIT, |url| {
            if let Err(e) = opener.opener().open_url(url, None::<&str>) {
                log::warn!("could not open the browser for the sign-in: {e}");
            }
        })
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))?
    .map_err(AppError::from)
}

/// One server of a mailbox proposal, as the account form takes it.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct ProposedServer {
    pub host: String,
    pub port: u16,
    pub tls: rightsdesk_domain::mail::TlsMode,
    /// Only where the login is not the address (the form's blank means the address).
    pub login: Option<String>,
    /// The provider offers an OAuth2 sign-in for it.
    pub oauth2: bool,
    /// The provider takes a password for it.
    pub password: bool,
}

/// The servers proposed for an address and where they come from
/// (`usecases::mailbox::discover`).
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct MailboxProposal {
    /// "preset", "builtin" (the table from Thunderbird's ISPDB), "autoconfig"
    /// (the provider's own file), "mx" (recognised by the MX host) or "guess".
    pub source: String,
    /// The autoconfig URL or the MX host, where the source has one.
    pub source_detail: Option<String>,
    /// False only for an autoconfig file fetched over plain HTTP.
    pub source_secure: bool,
    pub provider: Option<String>,
    pub smtp: Option<ProposedServer>,
    pub imap: Option<ProposedServer>,
    pub enable_imap_url: Option<String>,
    /// What the provider requires first, with its own page.
    pub guidance: Vec<rightsdesk_domain::mailbox::Guidance>,
    /// Each place asked, and what it answered.
    pub tried: Vec<ProposalAttempt>,
    pub sentence: String,
    /// The provider's sign-in (OAuth2), for an account that signs in instead of a password.
    pub oauth: Option<rightsdesk_domain::oauth::OAuthSettings>,
    /// Why that sign-in cannot start yet (no client id configured), if so.
    pub oauth_problem: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct ProposalAttempt {
    pub place: String,
    pub outcome: String,
}

/// Proposes the servers for an e-mail address (the form stays editable).
/// Asks the network (autoconfig, DNS), so it runs off the async runtime.
#[tauri::command]
#[specta::specta]
pub async fn discover_mailbox(session: State<'_, Session>, address: String) -> Result<MailboxProposal, AppError> {
    // The user's client id where the store is open, else the environment's or the build's.
    let client_id = session
        .with_store(|s| Ok(rightsdesk_usecases::mailbox::configured_client_id(Some(s))))
        .unwrap_or_else(|_| rightsdesk_usecases::mailbox::configured_client_id(None))
        .value;
    use rightsdesk_usecases::mailbox::Source;
    let lookup = rightsdesk_mail::setup::Lookup::from_env()
        .map_err(|e| AppError::from(rightsdesk_store::Error::new(rightsdesk_domain::ErrorCode::Invalid, e)))?;
    let p = tauri::async_runtime::spawn_blocking(move || rightsdesk_usecases::mailbox::discover(&address, &lookup))
        .await
        .map_err(|e| AppError::internal(e.to_string()))??;
    let server = |s: &Option<rightsdesk_domain::mailbox::Server>, login: &Option<String>| {
        s.as_ref().map(|s| ProposedServer {
            host: s.host.clone(),
            port: s.port,
            tls: s.tls,
            login: login.clone(),
            oauth2: s.auth.contains(&rightsdesk_domain::mailbox::Auth::OAuth2),
            password: s.auth.contains(&rightsdesk_domain::mailbox::Auth::Password),
        })
    };
    let (source, source_detail, source_secure) = match &p.source {
        Source::Preset => ("preset", None, true),
        Source::Builtin { .. } => ("builtin", None, true),
        Source::Autoconfig { url, secure } => ("autoconfig", Some(url.clone()), *secure),
        Source::Mx { host, .. } => ("mx", Some(host.clone()), true),
        Source::Guess => ("guess", None, true),
    };
    let oauth = rightsdesk_usecases::mailbox::sign_in_settings(&p, client_id.as_deref());
    let oauth_problem = oauth.as_ref().and_then(|o| o.problem()).map(str::to_owned);
    Ok(MailboxProposal {
        oauth,
        oauth_problem,
        source: source.into(),
        source_detail,
        source_secure,
        provider: p.provider.clone(),
        smtp: server(&p.smtp, &p.smtp_login),
        imap: server(&p.imap, &p.imap_login),
        enable_imap_url: p.enable_imap_url.clone(),
        guidance: p.guidance.clone(),
        tried: p.tried.iter().map(|t| ProposalAttempt { place: t.place.clone(), outcome: t.outcome.clone() }).collect(),
        sentence: p.sentence.clone(),
    })
}

/// Queues a draft's letter from `account` and sends what is due (after
/// settling what an earlier crash left half-sent).
#[tauri::command]
#[specta::specta]
pub async fn send_request(app: AppHandle, id: Id, account: Id) -> Result<Vec<OutboxItem>, AppError> {
    mail_run(app, move |session| {
        let plan = SendPlan { requests: vec![id], account: Some(account), ..SendPlan::default() };
        Mailroom::new(session.dir(), session).send(&plan, || ())?;
        session.with(|s| s.outbox())
    })
    .await
}

/// Runs mail work off the async runtime, one mail run at a time, holding the
/// store only between network steps (see `rightsdesk_mail::StoreAccess`).
async fn mail_run<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&Session) -> rightsdesk_store::Result<T> + Send + 'static,
) -> Result<T, AppError> {
    use tauri::Manager;
    tauri::async_runtime::spawn_blocking(move || {
        let run = app.state::<MailRun>();
        let _turn = run.take();
        f(&app.state::<Session>())
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))?
    .map_err(AppError::from)
}

/// Fetches new mail now (one account, or every account with an IMAP server).
#[tauri::command]
#[specta::specta]
pub async fn fetch_mail(app: AppHandle, account: Option<Id>) -> Result<FetchSummary, AppError> {
    mail_run(app, move |session| Mailroom::new(session.dir(), session).fetch(account, || ())).await
}

/// How far each IMAP folder has been read, and its last error.
#[tauri::command]
#[specta::specta]
pub async fn mail_folders(session: State<'_, Session>) -> Result<Vec<FolderState>, AppError> {
    session.with_store(|s| s.imap_folder_states())
}

/// A message's HTML, sanitised into an inert document for a sandboxed frame.
#[tauri::command]
#[specta::specta]
pub async fn mail_html(session: State<'_, Session>, mail: Id) -> Result<Option<String>, AppError> {
    session.with_store(|s| Ok(s.mail_html(mail)?.map(|h| rightsdesk_mail::html::inert_document(&h))))
}

#[tauri::command]
#[specta::specta]
pub async fn outbox(session: State<'_, Session>) -> Result<Vec<OutboxItem>, AppError> {
    session.with_store(|s| s.outbox())
}

/// The user decides an uncertain or failed message: it arrived, or send it again.
#[tauri::command]
#[specta::specta]
pub async fn settle_outbox(app: AppHandle, id: Id, arrived: bool) -> Result<Vec<OutboxItem>, AppError> {
    mail_run(app, move |session| {
        Mailroom::new(session.dir(), session).settle(id, arrived, || ())?;
        session.with(|s| s.outbox())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn inbox(session: State<'_, Session>, all: bool) -> Result<Vec<InboxMail>, AppError> {
    session.with_store(|s| s.inbox(all))
}

#[tauri::command]
#[specta::specta]
pub async fn request_mail(session: State<'_, Session>, id: Id) -> Result<Vec<InboxMail>, AppError> {
    session.with_store(|s| s.mail_for_request(id))
}

/// Imports a dropped or picked .eml / mbox file.
#[tauri::command]
#[specta::specta]
pub async fn import_mail_file(session: State<'_, Session>, bytes: Vec<u8>) -> Result<MailFileReport, AppError> {
    session.with_store(|s| rightsdesk_mail::import_file(s, &bytes))
}

#[tauri::command]
#[specta::specta]
pub async fn file_mail(session: State<'_, Session>, mail: Id, request: String) -> Result<InboxMail, AppError> {
    session.with_store(|s| {
        let id = s.resolve_request(&request)?;
        s.file_mail(mail, id)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn ignore_mail(session: State<'_, Session>, mail: Id) -> Result<InboxMail, AppError> {
    session.with_store(|s| s.ignore_mail(mail))
}

// The policy watch.

/// A platform's stored policy versions with what changed in each, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn policy_changes(session: State<'_, Session>, slug: String) -> Result<Vec<VersionChange>, AppError> {
    session.with_store(|s| policies::changes(s, &slug))
}

/// Stores one version from a file the user picked (its bytes), recorded on `recorded`.
#[tauri::command]
#[specta::specta]
pub async fn policy_import(
    session: State<'_, Session>,
    slug: String,
    recorded: String,
    file_name: String,
    bytes: Vec<u8>,
) -> Result<ImportedVersion, AppError> {
    session.with_store(|s| policies::import(s, &slug, &recorded, &bytes, VersionOrigin::Import, &file_name, ""))
}

/// Pulls new versions from the versions repository, for one platform or all;
/// the downloads run without holding the store.
#[tauri::command]
#[specta::specta]
pub async fn policy_fetch(
    session: State<'_, Session>,
    platform: Option<String>,
) -> Result<Vec<FetchOutcome>, AppError> {
    let targets = policies::fetch_targets(platform.as_deref())?;
    let (base, newest) =
        session.with_store(|s| Ok((policies::settings(s)?.base_url, policies::newest_stored(s, &targets)?)))?;
    let downloads = tauri::async_runtime::spawn_blocking(move || {
        let lookup = |slug: &str| newest.iter().find(|(s, _)| s == slug).and_then(|(_, d)| d.clone());
        policies::download(&base, &targets, &lookup)
    })
    .await
    .map_err(|e| AppError::internal(format!("the fetch stopped: {e}")))?;
    session.with_store(|s| policies::store_downloads(s, downloads, chrono::Local::now().date_naive()))
}

/// Settles a basis-related change: accept a claim (as suggested or edited) or dismiss.
#[tauri::command]
#[specta::specta]
pub async fn policy_review(
    session: State<'_, Session>,
    version: Id,
    decision: ReviewDecision,
) -> Result<PolicyVersion, AppError> {
    let decision = match decision {
        ReviewDecision::Dismiss => policies::Decision::Dismiss,
        ReviewDecision::Accept { purpose, basis, quote, scope } => {
            policies::Decision::Accept { purpose, basis, quote, scope }
        }
    };
    session.with_store(|s| policies::review(s, version, decision))
}

/// How the user settles a basis-related change, as the window sends it.
#[derive(Debug, Clone, serde::Deserialize, specta::Type)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum ReviewDecision {
    Accept { purpose: Purpose, basis: LegalBasis, quote: String, scope: String },
    Dismiss,
}

#[tauri::command]
#[specta::specta]
pub async fn watch_settings(session: State<'_, Session>) -> Result<WatchSettings, AppError> {
    session.with_store(|s| policies::settings(s))
}

#[tauri::command]
#[specta::specta]
pub async fn set_watch_settings(
    session: State<'_, Session>,
    every_days: u32,
    base_url: String,
) -> Result<WatchSettings, AppError> {
    session.with_store(|s| policies::set_settings(s, every_days, &base_url))
}

// Registry updates between releases.

/// Where registry updates come from, if set.
#[tauri::command]
#[specta::specta]
pub async fn registry_update_url(session: State<'_, Session>) -> Result<Option<String>, AppError> {
    session.with_store(|s| rightsdesk_usecases::registry::bundle_url(s))
}

#[tauri::command]
#[specta::specta]
pub async fn set_registry_update_url(session: State<'_, Session>, url: String) -> Result<(), AppError> {
    session.with_store(|s| rightsdesk_usecases::registry::set_bundle_url(s, &url))
}

/// Downloads the signed bundle (outside the store lock), checks its
/// signature against the built-in key and says what it would change.
#[tauri::command]
#[specta::specta]
pub async fn registry_update_preview(session: State<'_, Session>) -> Result<RegistryDiff, AppError> {
    let batch = download_bundle(&session).await?;
    session.with_store(|s| rightsdesk_usecases::registry::diff(s, &batch))
}

/// Applies the bundle if it is still the version the preview showed.
#[tauri::command]
#[specta::specta]
pub async fn registry_update_apply(session: State<'_, Session>, expected: String) -> Result<ImportReport, AppError> {
    let batch = download_bundle(&session).await?;
    session.with_store(|s| rightsdesk_usecases::registry::apply(s, &batch, Some(&expected)))
}

async fn download_bundle(session: &State<'_, Session>) -> Result<rightsdesk_domain::import::ImportBatch, AppError> {
    let url = session.with_store(|s| {
        rightsdesk_usecases::registry::bundle_url(s)?.ok_or_else(|| {
            rightsdesk_store::Error::new(rightsdesk_domain::ErrorCode::Invalid, "set the registry update address first")
        })
    })?;
    let batch = tauri::async_runtime::spawn_blocking(move || rightsdesk_usecases::registry::download(&url))
        .await
        .map_err(|e| AppError::internal(format!("the download stopped: {e}")))??;
    Ok(batch)
}

/// The guided first start: whether it opens at start, and its first choices.
#[tauri::command]
#[specta::specta]
pub async fn guide_start(session: State<'_, Session>) -> Result<GuideStart, AppError> {
    session.with_store(|s| guide::start(s))
}

/// The guide's answer for a concern at a platform: claims, sentence, letter, ways to send, what it needs.
#[tauri::command]
#[specta::specta]
pub async fn guide_plan(
    session: State<'_, Session>,
    concern: Concern,
    slug: String,
    language: UiLanguage,
) -> Result<GuidePlan, AppError> {
    session.with_store(|s| guide::plan(s, concern, &slug, language))
}

/// Writes the guide's letter for a person on record or a new one.
#[tauri::command]
#[specta::specta]
pub async fn guide_write(
    session: State<'_, Session>,
    concern: Concern,
    slug: String,
    person: GuidePerson,
    situation_prompts: Vec<SituationPrompt>,
    situation: String,
) -> Result<GuideLetter, AppError> {
    session.with_store(|s| guide::write(s, concern, &slug, person, situation_prompts, situation))
}

/// The guide no longer opens at start.
#[tauri::command]
#[specta::specta]
pub async fn guide_skip(session: State<'_, Session>) -> Result<(), AppError> {
    session.with_store(guide::skip)
}

/// The user submitted the letter through the recipient's web form today, with
/// the form's confirmation if they kept one.
#[tauri::command]
#[specta::specta]
pub async fn sent_by_form(
    session: State<'_, Session>,
    id: Id,
    confirmation_name: Option<String>,
    confirmation: Option<Vec<u8>>,
) -> Result<RequestDetail, AppError> {
    session.with_store(|s| {
        let file = match (&confirmation_name, &confirmation) {
            (Some(name), Some(bytes)) => Some((name.as_str(), bytes.as_slice())),
            _ => None,
        };
        let today = s.today();
        s.sent_by_form(id, today, file)
    })
}

// Backups.

/// A backup file as the window shows it (the per-table digests stay in the CLI's `--json`).
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct BackupReport {
    pub path: String,
    pub bytes: u64,
    pub created_at: String,
    pub schema_version: u32,
    pub requests: i64,
    pub messages: i64,
    pub people: i64,
    pub tables: u32,
}

impl From<&rightsdesk_store::BackupSummary> for BackupReport {
    fn from(s: &rightsdesk_store::BackupSummary) -> Self {
        Self {
            path: s.path.display().to_string(),
            bytes: s.bytes,
            created_at: s.created_at.clone(),
            schema_version: s.schema_version,
            requests: s.requests,
            messages: s.messages,
            people: s.people,
            tables: s.tables.len() as u32,
        }
    }
}

/// What a restore in the app did: the backup, and where the fresh store it replaced was moved.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct RestoreReport {
    pub backup: BackupReport,
    pub kept: String,
}

/// Settings › Backup: the last backup, the reminder, automatic backups.
#[tauri::command]
#[specta::specta]
pub async fn backup_state(session: State<'_, Session>) -> Result<BackupState, AppError> {
    session.with_store(|s| backup::state(s))
}

/// Writes a backup to the path the user chose in the save dialog.
#[tauri::command]
#[specta::specta]
pub async fn make_backup(
    session: State<'_, Session>,
    path: String,
    passphrase: String,
    repeated: String,
) -> Result<BackupReport, AppError> {
    let passphrase = zeroize::Zeroizing::new(passphrase);
    crate::log_book::secret(&passphrase);
    backup::confirm(&passphrase, &repeated)?;
    session.with_store(|s| backup::make(s, std::path::Path::new(&path), &passphrase)).map(|b| BackupReport::from(&b))
}

/// Checks a backup file completely; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn verify_backup(path: String, passphrase: String) -> Result<BackupReport, AppError> {
    let passphrase = zeroize::Zeroizing::new(passphrase);
    crate::log_book::secret(&passphrase);
    tauri::async_runtime::spawn_blocking(move || backup::verify(std::path::Path::new(&path), &passphrase))
        .await
        .map_err(|e| AppError::internal(format!("the check stopped: {e}")))?
        .map(|b| BackupReport::from(&b))
        .map_err(AppError::from)
}

/// Automatic backups on (a folder, how many to keep, the passphrase twice) or off (`folder` null).
#[tauri::command]
#[specta::specta]
pub async fn set_automatic_backups(
    session: State<'_, Session>,
    folder: Option<String>,
    keep: u32,
    passphrase: String,
    repeated: String,
) -> Result<BackupState, AppError> {
    let passphrase = zeroize::Zeroizing::new(passphrase);
    crate::log_book::secret(&passphrase);
    match folder {
        Some(folder) => {
            backup::confirm(&passphrase, &repeated)?;
            session.with_store(|s| backup::set_automatic(s, Some((AutomaticBackups { folder, keep }, &passphrase))))
        }
        None => session.with_store(|s| backup::set_automatic(s, None)),
    }
}

/// Restores a backup in place of this fresh store (refused once it holds anything of the user's).
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(
    session: State<'_, Session>,
    path: String,
    passphrase: String,
    db_passphrase: Option<String>,
) -> Result<RestoreReport, AppError> {
    let passphrase = zeroize::Zeroizing::new(passphrase);
    crate::log_book::secret(&passphrase);
    if let Some(p) = &db_passphrase {
        crate::log_book::secret(p);
    }
    let done = session.restore_in_place(std::path::Path::new(&path), &passphrase, db_passphrase.as_deref())?;
    Ok(RestoreReport { backup: BackupReport::from(&done.summary), kept: done.kept.display().to_string() })
}

/// Settings › "Copy diagnostics": the text for a bug report, no personal data.
#[tauri::command]
#[specta::specta]
pub async fn diagnostics(session: State<'_, Session>) -> Result<String, AppError> {
    Ok(session.diagnostics(crate::log_book::recent()).text())
}

/// The datarequests.org snapshot built into this release, and whether this store has it.
#[tauri::command]
#[specta::specta]
pub async fn snapshot_state(session: State<'_, Session>) -> Result<SnapshotState, AppError> {
    session.with_store(|s| rightsdesk_usecases::snapshot::state(s))
}

/// The report over what `filter` selects, grouped `by`, as of today, with its
/// charts (SVG drawn by the core; text in `currentColor`): one reading of the store.
#[tauri::command]
#[specta::specta]
pub async fn report(session: State<'_, Session>, filter: ReportFilter, by: GroupBy) -> Result<ReportView, AppError> {
    session.report_view(&filter, by)
}

/// The same report as CSV at `path` (the user chose it); returns the number of groups.
#[tauri::command]
#[specta::specta]
pub async fn save_report_csv(
    session: State<'_, Session>,
    filter: ReportFilter,
    by: GroupBy,
    path: String,
) -> Result<u32, AppError> {
    let path = std::path::PathBuf::from(path.trim());
    let written = session.with_store(|s| rightsdesk_usecases::reports::save_report_csv(s, &filter, by, &path))?;
    Ok(written.count as u32)
}

/// The same report as a PDF at `path` (methodology, tables, the charts,
/// caveats); returns the number of groups.
#[tauri::command]
#[specta::specta]
pub async fn save_report_pdf(
    session: State<'_, Session>,
    filter: ReportFilter,
    by: GroupBy,
    path: String,
) -> Result<u32, AppError> {
    let path = std::path::PathBuf::from(path.trim());
    // The view the screen shows is kept: printing it reads the store only if it changed.
    let view = session.report_view(&filter, by)?;
    let written = rightsdesk_usecases::reports::write_pdf(&view, &path)?;
    Ok(written.count as u32)
}

/// One row per request as CSV (or JSON) at `path`, pseudonymised for
/// publication on request; returns the number of requests.
#[tauri::command]
#[specta::specta]
pub async fn export_requests(
    session: State<'_, Session>,
    filter: ReportFilter,
    json: bool,
    pseudonymise: bool,
    path: String,
) -> Result<u32, AppError> {
    use rightsdesk_usecases::reports::Format;
    let path = std::path::PathBuf::from(path.trim());
    let format = if json { Format::Json } else { Format::Csv };
    let written = session
        .with_store(|s| rightsdesk_usecases::reports::export_requests(s, &filter, format, pseudonymise, &path))?;
    Ok(written.count as u32)
}

/// The evidence bundle (ZIP) of the requests `filter` selects, embargoed ones
/// included and marked, at `path`; returns the number of files in it.
#[tauri::command]
#[specta::specta]
pub async fn save_evidence(session: State<'_, Session>, filter: ReportFilter, path: String) -> Result<u32, AppError> {
    let path = std::path::PathBuf::from(path.trim());
    let filter = ReportFilter { include_embargoed: true, ..filter };
    let written = session.with_store(|s| {
        let ids: Vec<Id> = s.report_facts(&filter)?.iter().filter(|f| f.sent.is_some()).map(|f| f.id).collect();
        rightsdesk_usecases::evidence::save(s, &ids, &path, chrono::Utc::now())
    })?;
    Ok(written.count as u32)
}

/// Every project, by name.
#[tauri::command]
#[specta::specta]
pub async fn projects(session: State<'_, Session>) -> Result<Vec<Project>, AppError> {
    session.with_store(|s| s.projects())
}

#[tauri::command]
#[specta::specta]
pub async fn create_project(
    session: State<'_, Session>,
    name: String,
    description: String,
) -> Result<Project, AppError> {
    session.with_store(|s| s.create_project(&name, &description))
}

/// Deletes a project; its requests stay.
#[tauri::command]
#[specta::specta]
pub async fn delete_project(session: State<'_, Session>, id: Id) -> Result<(), AppError> {
    session.with_store(|s| s.delete_project(id))
}

/// A request's projects, tags and embargo.
#[tauri::command]
#[specta::specta]
pub async fn request_filing(session: State<'_, Session>, id: Id) -> Result<Filing, AppError> {
    session.with_store(|s| s.filing(id))
}

/// Puts a request into a project (`add`) or takes it out.
#[tauri::command]
#[specta::specta]
pub async fn file_request(session: State<'_, Session>, id: Id, project: Id, add: bool) -> Result<Filing, AppError> {
    session.with_store(|s| {
        s.file_requests(project, &[id], add)?;
        s.filing(id)
    })
}

/// Tags a request (`add`) or takes the tag off.
#[tauri::command]
#[specta::specta]
pub async fn tag_request(session: State<'_, Session>, id: Id, tag: String, add: bool) -> Result<Filing, AppError> {
    session.with_store(|s| {
        s.tag_requests(&[id], &tag, add)?;
        s.filing(id)
    })
}

/// Keeps a request out of publication exports until `until` (YYYY-MM-DD); none ends it.
#[tauri::command]
#[specta::specta]
pub async fn set_embargo(session: State<'_, Session>, id: Id, until: Option<String>) -> Result<Filing, AppError> {
    session.with_store(|s| s.set_embargo(id, until.as_deref().map(str::trim).filter(|u| !u.is_empty())))
}
