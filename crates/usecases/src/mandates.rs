//! Acting for people: the organisation's profile and the mandates people
//! give it — recorded, signed, their scans attached, their documents written
//! ready to sign, revoked, and those ending soon in the attention view. The
//! rules (what covers what, when a mandate is in force) are the domain's
//! (`domain::mandate`); drafting for a represented person is refused by the
//! store where the letter is made.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rightsdesk_domain::mandate::MAX_DOCUMENT_BYTES;
use rightsdesk_domain::{
    ErrorCode, FieldError, Id, Invalid, Language, Letter, MandateDocument, MandateDraft, MandateEntry, Organisation,
    Party,
};
use rightsdesk_letters::{MandateInput, render_mandate};
use rightsdesk_store::{Error, Result, Store};

fn entry(store: &Store, m: rightsdesk_domain::Mandate, today: NaiveDate) -> Result<MandateEntry> {
    let person = store.get_person(m.person_id)?.display_name;
    Ok(MandateEntry::of(m, person, today))
}

pub fn organisation(store: &Store) -> Result<Option<Organisation>> {
    store.organisation()
}

pub fn set_organisation(store: &mut Store, org: Organisation) -> Result<Organisation> {
    store.set_organisation(org)
}

pub fn add(store: &mut Store, draft: MandateDraft, today: NaiveDate) -> Result<MandateEntry> {
    let m = store.add_mandate(draft)?;
    entry(store, m, today)
}

pub fn show(store: &Store, id: Id, today: NaiveDate) -> Result<MandateEntry> {
    entry(store, store.mandate(id)?, today)
}

/// A person's mandates (everyone's with `None`), newest first.
pub fn list(store: &Store, person: Option<Id>, today: NaiveDate) -> Result<Vec<MandateEntry>> {
    if let Some(id) = person {
        store.get_person(id)?;
    }
    store.mandates(person)?.into_iter().map(|m| entry(store, m, today)).collect()
}

/// Mandates in force that end within 30 days, soonest first.
pub fn expiring(store: &Store, today: NaiveDate) -> Result<Vec<MandateEntry>> {
    store.mandates_expiring(today)?.into_iter().map(|m| entry(store, m, today)).collect()
}

pub fn sign(store: &mut Store, id: Id, signed_on: &str, today: NaiveDate) -> Result<MandateEntry> {
    let m = store.sign_mandate(id, signed_on)?;
    entry(store, m, today)
}

pub fn revoke(store: &mut Store, id: Id, today: NaiveDate) -> Result<MandateEntry> {
    let m = store.revoke_mandate(id)?;
    entry(store, m, today)
}

/// Keeps the signed scan at `path` with the mandate. A file over 20 MiB is
/// refused before it is read; one that is not a PDF, PNG or JPEG after.
pub fn attach(store: &mut Store, id: Id, path: &Path, today: NaiveDate) -> Result<MandateEntry> {
    let too_big = |size: u64| {
        Error::from(Invalid(vec![FieldError::new(
            "document",
            format!(
                "{} is {:.1} MiB; a signed scan is kept up to {} MiB (scan at a lower resolution, or as a PDF)",
                path.display(),
                size as f64 / 1024.0 / 1024.0,
                MAX_DOCUMENT_BYTES / 1024 / 1024
            ),
        )]))
    };
    let io = |e: std::io::Error| Error::new(ErrorCode::Io, format!("cannot read {}: {e}", path.display()));
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_DOCUMENT_BYTES as u64 {
        return Err(too_big(size));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("mandate");
    let m = store.attach_mandate_document(id, name, &bytes)?;
    entry(store, m, today)
}

/// Writes the signed scan back out to `path` (or `Documents/RightsDesk/<its name>`).
pub fn save_document(store: &Store, id: Id, path: &Path) -> Result<(PathBuf, MandateDocument)> {
    let (doc, bytes) = store.mandate_document(id)?;
    let path = rightsdesk_store::export_path(path, &doc.file_name)?;
    rightsdesk_store::write_file_atomically(&path, &bytes)?;
    Ok((path, doc))
}

/// The mandate's document, ready to sign, in `language` (empty: the
/// mandate's own). Needs the organisation's profile: it names who is
/// authorised.
pub fn document(store: &Store, id: Id, language: &str, today: NaiveDate) -> Result<Letter> {
    let m = store.mandate(id)?;
    let language = match language.trim() {
        "" => m.language,
        code => Language::parse(&code.to_lowercase()).ok_or_else(|| {
            Invalid(vec![FieldError::new(
                "language",
                format!(
                    "“{code}” is not one of the letter languages ({})",
                    Language::ALL.map(Language::code).join(", ")
                ),
            )])
        })?,
    };
    let org = store.organisation()?.ok_or_else(|| {
        Error::new(ErrorCode::Invalid, "fill in the organisation's profile first: the document names who is authorised")
    })?;
    let person = store.get_person(m.person_id)?;
    let a = &person.address;
    let person_lines: Vec<String> = [a.street.clone(), format!("{} {}", a.postal_code, a.city).trim().to_owned()]
        .into_iter()
        .chain((!a.country.is_empty()).then(|| a.country.clone()))
        .filter(|l| !l.trim().is_empty())
        .collect();
    let o = &org.address;
    let org_lines: Vec<String> = [o.street.clone(), format!("{} {}", o.postal_code, o.city).trim().to_owned()]
        .into_iter()
        .chain((!o.country.is_empty()).then(|| o.country.clone()))
        .filter(|l| !l.trim().is_empty())
        .collect();
    // Controllers by their name where the registry knows the slug.
    let controllers = m
        .controllers
        .iter()
        .map(|slug| store.get_controller(slug).map(|c| c.draft.name).unwrap_or_else(|_| slug.clone()))
        .collect();
    let input = MandateInput {
        kind: m.kind,
        language,
        reference: format!("M-{}", m.id),
        today,
        person: Party {
            name: person.display_name.clone(),
            address: person_lines,
            email: person.emails.first().cloned().unwrap_or_default(),
            web_form: String::new(),
        },
        organisation: Party {
            name: org.name.clone(),
            address: org_lines,
            email: org.email.clone(),
            web_form: String::new(),
        },
        evidence: org.evidence.clone(),
        rights: m.rights.clone(),
        controllers,
        expires_on: m.expires_on,
    };
    render_mandate(&input).map_err(|e| Error::new(e.code(), e.to_string()))
}

/// The document as a PDF at `path` (or `Documents/RightsDesk/mandate-<id>-<lang>.pdf`).
pub fn save_pdf(store: &Store, id: Id, language: &str, path: &Path, today: NaiveDate) -> Result<PathBuf> {
    let letter = document(store, id, language, today)?;
    let bytes = rightsdesk_letters::pdf(&letter, None).map_err(|e| Error::new(e.code(), e.to_string()))?;
    let name = format!("mandate-{id}-{}.pdf", letter.language.code());
    let path = rightsdesk_store::export_path(path, &name)?;
    rightsdesk_store::write_file_atomically(&path, &bytes)?;
    Ok(path)
}
