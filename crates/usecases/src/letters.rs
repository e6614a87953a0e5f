//! A request's letter as bytes, in the format the user chose, and saved.

use std::path::{Path, PathBuf};

use rightsdesk_domain::Id;
use rightsdesk_domain::letter::LetterFormat;
use rightsdesk_store::{Result, Signature, Store};

/// The letter's bytes: text (`subject`, blank line, body — the form the
/// clipboard and a `.txt` file get), an A4 PDF (a complaint's is the bundle
/// with its correspondence), or an RFC 5322 `.eml`.
pub fn bytes(store: &Store, request: Id, format: LetterFormat, signature: Option<&Signature>) -> Result<Vec<u8>> {
    Ok(match format {
        LetterFormat::Text => store.letter(request)?.letter.plain_text().into_bytes(),
        LetterFormat::Pdf => store.letter_pdf(request, signature)?,
        LetterFormat::Eml => store.letter_eml(request)?,
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
) -> Result<PathBuf> {
    let bytes = bytes(store, request, format, signature)?;
    let path = rightsdesk_store::export_path(path, &file_name(store, request, format)?)?;
    rightsdesk_store::write_file_atomically(&path, &bytes)?;
    Ok(path)
}
