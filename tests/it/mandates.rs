//! Acting for people, through a real store: a represented person's letters
//! need a mandate that covers them (kind, controller, dates, route), a signed
//! scan is kept encrypted up to 20 MiB, a mandate ending within 30 days is in
//! the attention view, and the documents to sign name both sides.

use chrono::NaiveDate;
use rightsdesk_domain::letter::LetterRequest;
use rightsdesk_domain::{
    ErrorCode, Language, LetterOptions, MandateDraft, MandateKind, MandateState, Organisation, PersonDraft, RequestKind,
};
use rightsdesk_store::Store;
use rightsdesk_tests::Sandbox;
use rightsdesk_usecases::mandates;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn store(sb: &Sandbox) -> Store {
    let mut s = sb.create_store("correct horse battery");
    rightsdesk_usecases::ready(&mut s).unwrap();
    s
}

fn represented(s: &mut Store, name: &str) -> i64 {
    s.create_person(PersonDraft {
        display_name: name.into(),
        emails: vec![format!("{}@example.org", name.split(' ').next().unwrap().to_lowercase())],
        address: rightsdesk_domain::PostalAddress {
            street: "Hauptstraße 1".into(),
            postal_code: "10115".into(),
            city: "Berlin".into(),
            country: "DE".into(),
            ..Default::default()
        },
        represented: true,
        ..Default::default()
    })
    .unwrap()
    .id
}

fn authority(person: i64, rights: &[RequestKind], controllers: &[&str], signed: &str, expires: &str) -> MandateDraft {
    MandateDraft {
        person_id: person,
        kind: Some(MandateKind::Authority),
        rights: rights.to_vec(),
        controllers: controllers.iter().map(|c| c.to_string()).collect(),
        signed_on: signed.into(),
        expires_on: expires.into(),
        language: "de".into(),
    }
}

fn draft(s: &mut Store, person: i64, kind: RequestKind, controller: &str) -> rightsdesk_store::Result<i64> {
    let req = LetterRequest { person_id: person, kind, language: "en".into(), options: LetterOptions::default() };
    s.create_request(&req, controller).map(|r| r.id)
}

fn requests(s: &Store) -> usize {
    s.list_requests(&Default::default()).unwrap().len()
}

fn qualifying() -> Organisation {
    Organisation {
        name: "Digitale Rechte e.V.".into(),
        address: rightsdesk_domain::PostalAddress {
            street: "Marktplatz 2".into(),
            postal_code: "20095".into(),
            city: "Hamburg".into(),
            country: "de".into(),
            ..Default::default()
        },
        email: "office@rechte.example".into(),
        not_for_profit: true,
        public_interest: true,
        data_protection: true,
        evidence: "Satzung § 2; Vereinsregister VR 12345".into(),
        ..Default::default()
    }
}

#[test]
fn a_represented_persons_letters_need_a_mandate_that_covers_them() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let ada = represented(&mut s, "Ada Represented");
    let me = s.create_person(PersonDraft { display_name: "Me Myself".into(), ..Default::default() }).unwrap().id;

    // The user themself needs none.
    draft(&mut s, me, RequestKind::Access, "tiktok").unwrap();
    // Ada has none: refused with the reason, nothing stored.
    let e = draft(&mut s, ada, RequestKind::Access, "tiktok").unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    assert!(e.to_string().contains("needs a letter of authority") && e.to_string().contains("none is recorded"), "{e}");
    assert_eq!(requests(&s), 1, "nothing half-written");

    let far = (s.today() + chrono::Duration::days(400)).to_string();
    let m = s.add_mandate(authority(ada, &[RequestKind::Access], &["tiktok"], "2026-01-10", &far)).unwrap();
    assert_eq!(m.language, Language::De);
    draft(&mut s, ada, RequestKind::Access, "tiktok").unwrap();
    let e = draft(&mut s, ada, RequestKind::Erasure, "tiktok").unwrap_err();
    assert!(e.to_string().contains("covers access letters, not erasure"), "{e}");
    let e = draft(&mut s, ada, RequestKind::Access, "spotify").unwrap_err();
    assert!(e.to_string().contains("covers tiktok, not spotify"), "{e}");
    // A complaint goes through Art. 80(1): no profile, then one that qualifies but no mandate.
    let e = draft(&mut s, ada, RequestKind::Complaint, "tiktok").unwrap_err();
    assert!(e.to_string().contains("organisation's profile"), "{e}");
    s.set_organisation(qualifying()).unwrap();
    let e = draft(&mut s, ada, RequestKind::Complaint, "tiktok").unwrap_err();
    assert!(e.to_string().contains("art. 80(1) mandate"), "{e}");
    assert_eq!(requests(&s), 2);

    // Revoked, it covers nothing; the record stays.
    let revoked = s.revoke_mandate(m.id).unwrap();
    assert_eq!(revoked.state(s.today()), MandateState::Revoked);
    let e = draft(&mut s, ada, RequestKind::Access, "tiktok").unwrap_err();
    assert!(e.to_string().contains("was revoked"), "{e}");
    assert_eq!(s.mandates(Some(ada)).unwrap().len(), 1);
    assert!(s.revoke_mandate(m.id).is_err(), "revoked once");
}

#[test]
fn an_expired_or_unsigned_mandate_is_refused_with_its_date() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let ada = represented(&mut s, "Ada Expired");
    s.add_mandate(authority(ada, &[], &[], "2020-01-01", "2021-01-01")).unwrap();
    let e = draft(&mut s, ada, RequestKind::Access, "tiktok").unwrap_err();
    assert!(e.to_string().contains("expired on 2021-01-01"), "{e}");
    let unsigned = s.add_mandate(authority(ada, &[], &[], "", "")).unwrap();
    let e = draft(&mut s, ada, RequestKind::Access, "tiktok").unwrap_err();
    assert!(e.to_string().contains("not signed yet"), "{e}");
    s.sign_mandate(unsigned.id, &s.today().to_string()).unwrap();
    draft(&mut s, ada, RequestKind::Access, "tiktok").unwrap();
    // A bad draft is refused whole.
    let bad = MandateDraft { kind: None, language: "xx".into(), ..authority(ada, &[], &[], "soon", "") };
    let e = s.add_mandate(bad).unwrap_err();
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["kind", "signed_on", "language"], "{e}");
    assert_eq!(s.mandates(Some(ada)).unwrap().len(), 2, "nothing stored for it");
}

#[test]
fn the_signed_scan_is_kept_encrypted_and_a_file_over_20_mib_is_refused() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let ada = represented(&mut s, "Ada Scanned");
    let m = s.add_mandate(authority(ada, &[], &[], "2026-01-10", "")).unwrap();
    let today = s.today();

    let big = sb.tmp.path().join("huge.pdf");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(20 * 1024 * 1024 + 1).unwrap();
    let e = mandates::attach(&mut s, m.id, &big, today).unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    assert!(e.to_string().contains("up to 20 MiB"), "{e}");
    let word = sb.tmp.path().join("mandate.docx");
    std::fs::write(&word, b"PK\x03\x04 a word file").unwrap();
    let e = mandates::attach(&mut s, m.id, &word, today).unwrap_err();
    assert!(e.to_string().contains("PDF, PNG or JPEG"), "{e}");
    assert_eq!(s.mandate(m.id).unwrap().document, None, "nothing kept");

    let scan = sb.tmp.path().join("signed scan.pdf");
    let bytes = b"%PDF-1.4\n% signed by Ada Scanned, a canary for the raw file\n".repeat(50);
    std::fs::write(&scan, &bytes).unwrap();
    let e = mandates::attach(&mut s, m.id, &scan, today).unwrap();
    let doc = e.mandate.document.unwrap();
    assert_eq!(
        (doc.file_name.as_str(), doc.media_type.as_str(), doc.size as usize),
        ("signed scan.pdf", "application/pdf", bytes.len())
    );
    let (path, _) = mandates::save_document(&s, m.id, &sb.tmp.path().join("out.pdf")).unwrap();
    assert_eq!(std::fs::read(path).unwrap(), bytes, "the same bytes back");
    drop(s);
    let raw = std::fs::read(sb.data_dir().join("rightsdesk.db")).unwrap();
    assert!(!raw.windows(25).any(|w| w == b"a canary for the raw file"), "the database file is encrypted");
}

#[test]
fn a_mandate_ending_within_30_days_is_in_the_attention_view() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let ada = represented(&mut s, "Ada Ending");
    let bo = represented(&mut s, "Bo Later");
    s.add_mandate(authority(ada, &[], &[], "2026-01-10", "2027-01-10")).unwrap();
    s.add_mandate(authority(bo, &[], &[], "2026-01-10", "2027-03-01")).unwrap();
    let names = |s: &mut Store, today: &str| -> Vec<String> {
        rightsdesk_usecases::requests::attention(s, day(today), 7)
            .unwrap()
            .mandates_expiring
            .into_iter()
            .map(|e| e.person)
            .collect()
    };
    assert!(names(&mut s, "2026-12-10").is_empty(), "31 days ahead");
    assert_eq!(names(&mut s, "2026-12-11"), ["Ada Ending"]);
    assert_eq!(names(&mut s, "2027-01-31"), ["Bo Later"], "Ada's expired, Bo's 29 days left");
}

#[test]
fn the_documents_to_sign_name_the_person_the_organisation_and_the_scope() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let ada = represented(&mut s, "Ada Signing");
    let m = s.add_mandate(authority(ada, &[RequestKind::Access], &["tiktok"], "", "2027-06-30")).unwrap();
    let today = s.today();
    let e = mandates::document(&s, m.id, "", today).unwrap_err();
    assert!(e.to_string().contains("organisation's profile"), "{e}");
    s.set_organisation(qualifying()).unwrap();
    let doc = mandates::document(&s, m.id, "", today).unwrap();
    assert_eq!(doc.subject, "Vollmacht");
    for needle in
        ["Ada Signing", "Hauptstraße 1, 10115 Berlin", "Digitale Rechte e.V.", "Art. 15 DSGVO", "30. Juni 2027"]
    {
        assert!(doc.body.contains(needle), "{needle}: {}", doc.body);
    }
    assert!(doc.body.contains("TikTok"), "the controller by its registry name: {}", doc.body);
    let fr = mandates::document(&s, m.id, "fr", today).unwrap();
    assert_eq!(fr.subject, "Procuration");
    let art80 = s
        .add_mandate(MandateDraft {
            kind: Some(MandateKind::Art80),
            rights: vec![],
            ..authority(ada, &[], &[], "", "")
        })
        .unwrap();
    let pdf = mandates::save_pdf(&s, art80.id, "en", &sb.tmp.path().join("art80.pdf"), today).unwrap();
    assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF-"));
    let en = mandates::document(&s, art80.id, "en", today).unwrap();
    assert!(en.subject.contains("Article 80(1) GDPR") && en.body.contains("Vereinsregister VR 12345"), "{}", en.body);
    assert!(mandates::document(&s, art80.id, "xx", today).is_err());
}
