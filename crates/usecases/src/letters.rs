//! A request's letter as bytes, in the format the user chose, and saved.

use std::path::{Path, PathBuf};

use rightsdesk_domain::letter::{LetterFormat, WriteError};
use rightsdesk_domain::{Id, Language, Voice};
use rightsdesk_store::{Result, Store};

use crate::Signature;

/// The letter's bytes: text (`subject`, blank line, body — the form the
/// clipboard and a `.txt` file get), an A4 PDF (a complaint's is one bundle
/// with the correspondence it encloses, numbered through), or an RFC 5322
/// `.eml` with a Message-ID derived from the reference, dated `now`.
pub fn bytes(
    store: &Store,
    request: Id,
    format: LetterFormat,
    signature: Option<&Signature>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<u8>> {
    Ok(match format {
        LetterFormat::Text => store.letter(request)?.letter.plain_text().into_bytes(),
        LetterFormat::Pdf => {
            rightsdesk_letters::pdf_bundle(&store.letters_to_print(request)?, signature).map_err(WriteError::from)?
        }
        LetterFormat::Eml => {
            let l = store.letter(request)?.letter;
            let id = rightsdesk_letters::message_id(&l.reference, &l.sender.email, request as u64);
            rightsdesk_letters::eml(&l, &id, now).map_err(WriteError::from)?
        }
    })
}

/// The file name a saved letter gets: `<reference>.<ext>`.
pub fn file_name(store: &Store, request: Id, format: LetterFormat) -> Result<String> {
    Ok(format!("{}.{}", store.get_request(request)?.reference, format.extension()))
}

/// Writes the letter to `path`, or without one to `Documents/RightsDesk/<reference>.<ext>`; returns where.
pub fn save(
    store: &Store,
    request: Id,
    format: LetterFormat,
    path: &Path,
    signature: Option<&Signature>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PathBuf> {
    let bytes = bytes(store, request, format, signature, now)?;
    let path = rightsdesk_store::export_path(path, &file_name(store, request, format)?)?;
    rightsdesk_store::write_file_atomically(&path, &bytes)?;
    Ok(path)
}

/// The letter book of a language and voice (every kind with every option on,
/// and the table of what each cites), written to `path` — or without one to
/// `Documents/RightsDesk/letter-book-<lang>-<voice>.pdf`; returns where. Needs
/// no store: it is made from the templates alone.
pub fn save_book(language: &str, voice: Voice, today: chrono::NaiveDate, path: &Path) -> Result<PathBuf> {
    let language = Language::parse(language.trim()).ok_or_else(|| {
        let all: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
        rightsdesk_domain::Invalid(vec![rightsdesk_domain::FieldError::new(
            "language",
            format!("no letters in “{}”: they exist in {}", language.trim(), all.join(", ")),
        )])
    })?;
    let bytes = rightsdesk_letters::book::pdf(language, voice, today).map_err(WriteError::from)?;
    let name = format!("letter-book-{}-{}.pdf", language.code(), voice.as_str());
    let path = rightsdesk_store::export_path(path, &name)?;
    rightsdesk_store::write_file_atomically(&path, &bytes)?;
    Ok(path)
}
