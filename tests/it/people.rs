//! A person's file as an advocate must handle it: exported whole (their data,
//! letters, mail, a manifest of SHA-256 sums) and erased whole — a test reads
//! the decrypted database afterwards, every table and every page including
//! freed ones, and finds neither the name nor an address of theirs.

use std::io::Read;

use rightsdesk_domain::letter::LetterRequest;
use rightsdesk_domain::{LetterOptions, PersonDraft, RequestKind};
use rightsdesk_store::Store;
use rightsdesk_tests::Sandbox;
use sha2::{Digest, Sha256};

const NAME: &str = "Quintessa Erasable";
const EMAIL: &str = "quintessa.erasable@example.org";
const EMAIL2: &str = "q.e@example.net";

fn mail(from: &str, to: &str, id: &str, subject: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\n\
         Date: Tue, 3 Feb 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDear {to}, here.\r\n"
    )
    .into_bytes()
}

/// Quintessa with two requests, a reply filed to one, and a mail of hers filed
/// nowhere; Kim, who stays.
fn case_file(sb: &Sandbox) -> (Store, i64, i64) {
    let mut s = sb.create_store("correct horse battery");
    rightsdesk_usecases::ready(&mut s).unwrap();
    let person = |name: &str, emails: &[&str]| PersonDraft {
        display_name: name.into(),
        emails: emails.iter().map(|e| e.to_string()).collect(),
        ..Default::default()
    };
    let q = s.create_person(person(NAME, &[EMAIL, EMAIL2])).unwrap().id;
    let kim = s.create_person(person("Kim Stays", &["kim@example.org"])).unwrap().id;
    let req = |p, kind| LetterRequest { person_id: p, kind, language: "en".into(), options: LetterOptions::default() };
    let access = s.create_request(&req(q, RequestKind::Access), "tiktok").unwrap();
    s.create_request(&req(q, RequestKind::Erasure), "spotify").unwrap();
    s.create_request(&req(kim, RequestKind::Access), "tiktok").unwrap();
    let reference = s.request_detail(access.id).unwrap().summary.reference;
    let reply = mail("privacy@tiktok.example", EMAIL, "r1@tiktok.example", &format!("Re: {reference}"));
    s.import_mail(&rightsdesk_mail::parse::parse(&reply).unwrap(), &reply).unwrap();
    let hers = mail(&format!("{NAME} <{EMAIL2}>"), "advocate@example.org", "q1@example.net", "my case");
    s.import_mail(&rightsdesk_mail::parse::parse(&hers).unwrap(), &hers).unwrap();
    // Her letter of authority and its signed scan, which carries her name.
    let m = s
        .add_mandate(rightsdesk_domain::MandateDraft {
            person_id: q,
            kind: Some(rightsdesk_domain::MandateKind::Authority),
            signed_on: "2026-01-10".into(),
            language: "en".into(),
            ..Default::default()
        })
        .unwrap();
    s.attach_mandate_document(m.id, "signed.pdf", format!("%PDF-1.4\n% signed: {NAME}\n").as_bytes()).unwrap();
    (s, q, kim)
}

/// Every place in the decrypted database that holds `needle`: table cells
/// (text or blob) and raw pages (`sqlite_dbpage`: live, free and overflow pages alike).
fn places(s: &mut Store, needle: &str) -> Vec<String> {
    let conn = s.raw_connection();
    let mut found = Vec::new();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let low = needle.to_lowercase();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for c in 0..columns {
                let bytes: Vec<u8> = match r.get_ref(c).unwrap() {
                    rusqlite::types::ValueRef::Text(b) | rusqlite::types::ValueRef::Blob(b) => b.to_vec(),
                    _ => continue,
                };
                if String::from_utf8_lossy(&bytes).to_lowercase().contains(&low) {
                    found.push(format!("table {t}"));
                }
            }
        }
    }
    let mut stmt = conn.prepare("SELECT pgno, data FROM sqlite_dbpage").unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let data: Vec<u8> = r.get(1).unwrap();
        if data.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes())) {
            found.push(format!("page {}", r.get::<_, i64>(0).unwrap()));
        }
    }
    found
}

#[test]
fn a_person_is_exported_whole_with_a_manifest_of_sha256_sums() {
    let sb = Sandbox::new();
    let (s, q, _) = case_file(&sb);
    let path = sb.tmp.path().join("quintessa.zip");
    let written = rightsdesk_usecases::people::export(&s, q, &path, s.now()).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    assert_eq!(names.len(), written.count);
    let read = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| {
        let mut bytes = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
        bytes
    };
    let json: serde_json::Value = serde_json::from_slice(&read(&mut zip, "person.json")).unwrap();
    assert_eq!(json["person"]["display_name"], NAME);
    assert_eq!(json["requests"].as_array().unwrap().len(), 2, "hers, not Kim's");
    assert_eq!(names.iter().filter(|n| n.ends_with("/letter.pdf")).count(), 2, "{names:?}");
    assert_eq!(names.iter().filter(|n| n.contains("/replies/")).count(), 1, "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("mail/")), "her own mail, filed nowhere: {names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("mandates/") && n.ends_with("/signed.pdf")),
        "her signed scan: {names:?}"
    );
    assert_eq!(json["mandates"].as_array().unwrap().len(), 1);
    assert!(read(&mut zip, names.iter().find(|n| n.starts_with("mail/")).unwrap()).starts_with(b"From: "));
    let sums = String::from_utf8(read(&mut zip, "SHA256SUMS")).unwrap();
    for line in sums.lines() {
        let (sum, name) = line.split_once("  ").unwrap();
        assert_eq!(hex::encode(Sha256::digest(read(&mut zip, name))), sum, "{name}");
    }
    assert_eq!(sums.lines().count(), names.len() - 2, "every file but the manifest and the sums");
}

#[test]
fn an_erased_person_is_nowhere_in_the_decrypted_database_not_even_in_freed_pages() {
    let sb = Sandbox::new();
    let (mut s, q, kim) = case_file(&sb);
    for needle in [NAME, EMAIL, EMAIL2] {
        assert!(!places(&mut s, needle).is_empty(), "the search finds {needle} before the erasure");
    }
    let before = rightsdesk_usecases::people::erasure(&s, q).unwrap();
    assert_eq!((before.requests, before.letters, before.mail_in, before.mandates), (2, 2, 2, 1), "{before:?}");
    assert!(before.said().contains(NAME) && before.said().contains("2 request(s)"), "{}", before.said());

    let erased = rightsdesk_usecases::people::erase(&mut s, q).unwrap();
    assert_eq!(erased, before);
    for needle in [NAME, EMAIL, EMAIL2] {
        assert_eq!(places(&mut s, needle), Vec::<String>::new(), "{needle} is left");
    }
    assert_eq!(s.get_person(q).unwrap_err().code, rightsdesk_domain::ErrorCode::NotFound);
    assert_eq!(s.get_person(kim).unwrap().display_name, "Kim Stays", "the others stay");
    assert_eq!(s.list_requests(&Default::default()).unwrap().len(), 1, "Kim's request stays");
    assert!(!places(&mut s, "kim@example.org").is_empty());
    assert_eq!(s.erasures_recorded().unwrap(), 1, "the record that it happened");
    let wal = sb.data_dir().join("rightsdesk.db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0, "checkpointed: the log is empty");
    drop(s);
    // Open again: the store is sound and still without her.
    let mut s = sb.open_store("correct horse battery");
    assert!(places(&mut s, EMAIL).is_empty());
}
