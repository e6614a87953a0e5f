//! The evidence bundle: one ZIP an editor or a lawyer checks — per request its
//! letter as PDF, the exact .eml that was sent, every reply as received, every
//! kept attachment, the timeline as PDF — and a manifest with the SHA-256 of
//! every file (`manifest.json`, and `SHA256SUMS` for `sha256sum -c`). A request
//! under an embargo is in it (this is not a publication), marked so in the
//! manifest and on its timeline.

use std::io::Write;
use std::path::Path;

use rightsdesk_domain::letter::LetterFormat;
use rightsdesk_domain::mail::OutboxState;
use rightsdesk_domain::{ErrorCode, Id};
use rightsdesk_store::{Error, Result, Store};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::exports::Written;

#[derive(Debug, Serialize)]
struct FileEntry {
    path: String,
    bytes: usize,
    sha256: String,
}

#[derive(Debug, Serialize)]
struct RequestEntry {
    reference: String,
    controller: String,
    kind: String,
    status: String,
    embargo_until: Option<String>,
}

#[derive(Debug, Serialize)]
struct Manifest {
    made_by: String,
    made_at: String,
    requests: Vec<RequestEntry>,
    files: Vec<FileEntry>,
}

/// A name safe inside a ZIP on every system: no folders, no control characters.
fn safe_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let cleaned = cleaned.trim_matches(['.', ' ']).to_owned();
    if cleaned.is_empty() { "file".into() } else { cleaned }
}

struct Bundle {
    zip: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    files: Vec<FileEntry>,
}

impl Bundle {
    fn add(&mut self, path: String, bytes: &[u8]) -> Result<()> {
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        self.zip.start_file(path.as_str(), options).map_err(zip_error)?;
        self.zip.write_all(bytes)?;
        self.files.push(FileEntry { path, bytes: bytes.len(), sha256: hex::encode(Sha256::digest(bytes)) });
        Ok(())
    }
}

fn zip_error(e: zip::result::ZipError) -> Error {
    Error::new(ErrorCode::Io, format!("cannot write the bundle: {e}"))
}

/// The bundle of `requests` as ZIP bytes; returns them and the number of files.
pub fn bundle(store: &Store, requests: &[Id], now: chrono::DateTime<chrono::Utc>) -> Result<(Vec<u8>, usize)> {
    if requests.is_empty() {
        return Err(Error::new(ErrorCode::Invalid, "choose at least one request for the bundle"));
    }
    let mut b = Bundle { zip: zip::ZipWriter::new(std::io::Cursor::new(Vec::new())), files: Vec::new() };
    let outbox = store.outbox()?;
    let mut entries = Vec::new();
    for &id in requests {
        let detail = store.request_detail(id)?;
        let s = &detail.summary;
        let dir = safe_name(&s.reference);
        let embargo = store.filing(id)?.embargo_until;
        entries.push(RequestEntry {
            reference: s.reference.clone(),
            controller: s.controller.clone(),
            kind: s.kind.as_str().into(),
            status: s.status.as_str().into(),
            embargo_until: embargo.clone(),
        });
        b.add(format!("{dir}/letter.pdf"), &crate::letters::bytes(store, id, LetterFormat::Pdf, None, now)?)?;
        for (n, item) in outbox.iter().filter(|o| o.request_id == id && o.state == OutboxState::Sent).enumerate() {
            b.add(format!("{dir}/sent-{}.eml", n + 1), &store.outbox_eml(item.id)?)?;
        }
        for (n, mail) in store.mail_for_request(id)?.iter().enumerate() {
            let day = mail.date.as_deref().and_then(|d| d.get(..10)).unwrap_or("undated");
            b.add(format!("{dir}/replies/{:02}-{}.eml", n + 1, safe_name(day)), &store.mail_raw(mail.id)?)?;
        }
        for a in &detail.attachments {
            let (name, bytes) = store.attachment(a.id)?;
            b.add(format!("{dir}/attachments/{}-{}", a.id, safe_name(&name)), &bytes)?;
        }
        b.add(format!("{dir}/timeline.pdf"), &timeline_pdf(store, id, &detail, embargo.as_deref())?)?;
    }
    let manifest = Manifest {
        made_by: format!("RightsDesk {}", env!("CARGO_PKG_VERSION")),
        made_at: now.to_rfc3339(),
        requests: entries,
        files: std::mem::take(&mut b.files),
    };
    let sums: String = manifest.files.iter().map(|f| format!("{}  {}\n", f.sha256, f.path)).collect();
    let json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| Error::new(ErrorCode::Internal, format!("cannot encode the manifest: {e}")))?;
    let count = manifest.files.len() + 2;
    b.add("manifest.json".into(), &json)?;
    b.add("SHA256SUMS".into(), sums.as_bytes())?;
    let bytes = b.zip.finish().map_err(zip_error)?.into_inner();
    Ok((bytes, count))
}

/// The timeline as a PDF: the request's letter's parties and reference, one
/// line per event (day, what, by whom), an embargo said first.
fn timeline_pdf(
    store: &Store,
    id: Id,
    detail: &rightsdesk_domain::RequestDetail,
    embargo: Option<&str>,
) -> Result<Vec<u8>> {
    let mut letter = store.letter(id)?.letter;
    letter.subject = format!(
        "Timeline of {} ({} to {})",
        detail.summary.reference,
        detail.summary.kind.label(),
        detail.summary.controller
    );
    let mut body = String::new();
    if let Some(until) = embargo {
        body.push_str(&format!("EMBARGOED until {until}: not for publication before that day.\n\n"));
    }
    for e in &detail.events {
        let day = serde_json::from_str::<serde_json::Value>(&e.detail)
            .ok()
            .and_then(|v| v.get("date").and_then(|d| d.as_str()).map(str::to_owned))
            .unwrap_or_else(|| e.at.get(..10).unwrap_or(&e.at).to_owned());
        body.push_str(&format!("{day}  {} ({}; recorded {})\n", e.kind.label(), e.cause.label(), e.at));
    }
    letter.body = body;
    letter.enclosures.clear();
    letter.notice = None;
    rightsdesk_letters::pdf(&letter, None).map_err(|e| Error::new(ErrorCode::Internal, e.to_string()))
}

/// Writes the bundle of `requests` to `path`; `count` is the number of files in it.
pub fn save(store: &Store, requests: &[Id], path: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<Written> {
    let (bytes, count) = bundle(store, requests, now)?;
    let path = rightsdesk_store::export_path(path, "rightsdesk-evidence.zip")?;
    rightsdesk_store::write_file_atomically(&path, &bytes)?;
    Ok(Written { path, count })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_inside_the_bundle_cannot_leave_their_folder() {
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name("scan: 1.pdf"), "scan_ 1.pdf");
        assert_eq!(safe_name(".."), "file");
    }
}
