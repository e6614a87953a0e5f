//! People in bulk: a people file (CSV) into the store, previewed first.
//! Reading the file's rows is the domain's (`people_file`); who is already
//! held and the one transaction are the store's; this orders them, the same
//! for the app (preview, then import) and `rightsdesk person import`.

use std::path::Path;

use rightsdesk_domain::people_file::{self, PeopleImport};
use rightsdesk_domain::{Erasure, ErrorCode, Id};
use rightsdesk_store::{Error, RequestFilter, Result, Store};

/// Larger than any membership list; a bigger file is most likely not one.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;

/// Reads `path` and imports everyone in it not already held, or, with
/// `commit` false, says what that would do and writes nothing. Rows that
/// cannot be used are in the report with their lines; a file that cannot be
/// read at all is an error and nothing is imported.
pub fn import_file(store: &mut Store, path: &Path, commit: bool) -> Result<PeopleImport> {
    let bytes = read(path)?;
    import_bytes(store, &bytes, commit)
}

pub fn import_bytes(store: &mut Store, bytes: &[u8], commit: bool) -> Result<PeopleImport> {
    let file = people_file::read(bytes).map_err(|e| Error::new(ErrorCode::Invalid, e.to_string()))?;
    store.import_people(&file, commit)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::new(ErrorCode::Invalid, format!("there is no file at {shown}")),
        _ => Error::from(e),
    })?;
    if meta.is_dir() {
        return Err(Error::new(ErrorCode::Invalid, format!("{shown} is a folder; choose the CSV file")));
    }
    if meta.len() > MAX_FILE {
        return Err(Error::new(
            ErrorCode::Invalid,
            format!("{shown} is {} MiB; a people file is at most {} MiB", meta.len() >> 20, MAX_FILE >> 20),
        ));
    }
    Ok(std::fs::read(path)?)
}

/// Writes everything held about a person to one ZIP at `path`: `person.json`
/// (their details and each request with its timeline), per request the
/// letter as PDF, each sent e-mail and reply as `.eml`, attachments and the
/// timeline (the evidence bundle's layout), received mail of theirs filed
/// elsewhere under `mail/`, the signed scans of their mandates under
/// `mandates/<id>/`, and the manifest with the SHA-256 of each file.
pub fn export(
    store: &Store,
    id: Id,
    path: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<crate::exports::Written> {
    let person = store.get_person(id)?;
    let summaries = store.list_requests(&RequestFilter { person_id: Some(id), ..Default::default() })?;
    let ids: Vec<Id> = summaries.iter().map(|r| r.id).collect();
    let details = ids.iter().map(|&r| store.request_detail(r)).collect::<Result<Vec<_>>>()?;
    let mandates = store.mandates(Some(id))?;
    let json = serde_json::to_vec_pretty(&serde_json::json!({
        "person": person,
        "mandates": mandates,
        "requests": details,
        "exported_at": now.to_rfc3339(),
    }))
    .map_err(|e| Error::new(ErrorCode::Internal, format!("cannot encode the person's data: {e}")))?;
    let mut extra = vec![("person.json".to_owned(), json)];
    for m in mandates.iter().filter(|m| m.document.is_some()) {
        let (doc, bytes) = store.mandate_document(m.id)?;
        extra.push((format!("mandates/{}/{}", m.id, doc.file_name), bytes));
    }
    for mail in store.person_mail_elsewhere(id)? {
        extra.push((format!("mail/{mail}.eml"), store.mail_raw(mail)?));
    }
    let (bytes, count) = crate::evidence::bundle_with(store, &ids, extra, now)?;
    let path = rightsdesk_store::export_path(path, &format!("rightsdesk-person-{id}.zip"))?;
    rightsdesk_store::write_file_atomically(&path, &bytes)?;
    Ok(crate::exports::Written { path, count })
}

/// What erasing the person removes, for the confirmation (nothing changes).
pub fn erasure(store: &Store, id: Id) -> Result<Erasure> {
    store.erasure_inventory(id)
}

/// Erases the person and everything held about them (see `Store::erase_person`).
pub fn erase(store: &mut Store, id: Id) -> Result<Erasure> {
    store.erase_person(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_or_a_folder_is_the_users_to_fix() {
        let e = read(Path::new("/nonexistent/people.csv")).unwrap_err();
        assert_eq!(e.code, ErrorCode::Invalid, "{e:?}");
        let e = read(Path::new("/")).unwrap_err();
        assert!(e.message.contains("folder"), "{e:?}");
    }
}
