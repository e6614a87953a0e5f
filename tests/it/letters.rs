//! Letters in a real store: drafted with their request, in the right
//! language, refused without the identity data a controller requires, edits
//! kept, batches, escalation letters that carry the earlier request's history.

use rightsdesk_domain::import::ImportBatch;
use rightsdesk_domain::letter::LetterFormat;
use rightsdesk_domain::letter::{IdentityValue, LetterRequest};
use rightsdesk_domain::lifecycle::Mark;
use rightsdesk_domain::{
    ControllerDraft, ErrorCode, EventCause, IdentityField, IdentityKind, Language, LetterOptions, Origin, PersonDraft,
    PostalAddress, RequestKind, SupervisoryAuthority,
};
use rightsdesk_store::{DataDir, KeyChoice, RequestFilter, Store};
use rightsdesk_tests::Sandbox;

fn setup(sb: &Sandbox) -> (Store, i64) {
    let mut s = Store::create(&DataDir::new(sb.data_dir()), KeyChoice::Passphrase("correct horse battery")).unwrap();
    rightsdesk_usecases::ready(&mut s).unwrap();
    let p = s
        .create_person(PersonDraft {
            display_name: "Ana Nowak".into(),
            emails: vec!["ana@example.org".into()],
            address: PostalAddress {
                street: "ul. Długa 5".into(),
                postal_code: "00-001".into(),
                city: "Warszawa".into(),
                region: String::new(),
                country: "PL".into(),
            },
            ..Default::default()
        })
        .unwrap();
    (s, p.id)
}

fn req(person: i64, kind: RequestKind, options: LetterOptions) -> LetterRequest {
    LetterRequest { person_id: person, kind, language: String::new(), options }
}

fn count(s: &Store) -> usize {
    s.list_requests(&RequestFilter::default()).unwrap().len()
}

#[test]
fn a_request_is_created_with_its_letter_in_the_persons_language() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let r = s.create_request(&req(person, RequestKind::Access, LetterOptions::default()), "tiktok").unwrap();
    let l = s.letter(r.id).unwrap();
    // TikTok's registry record names no request language, so the person's (Poland) decides.
    assert_eq!(l.letter.language, Language::Pl);
    assert!(l.letter.subject.contains(&r.reference) && l.letter.body.contains(&r.reference));
    assert!(l.letter.body.contains("art. 15 ust. 3 RODO"));
    assert!(l.letter.recipient.name.contains("TikTok"));
    assert_eq!(l.letter.sender.address, ["ul. Długa 5", "00-001 Warszawa", "PL"]);
    assert!(l.letter.template_version.starts_with("letters-"));
    assert!(!l.edited);
    // The user's choice wins; an unknown language falls back with a notice.
    let en = LetterRequest { language: "en".into(), ..req(person, RequestKind::Access, LetterOptions::default()) };
    assert_eq!(s.preview_letter(&en, "tiktok").unwrap().language, Language::En);
    let sv = LetterRequest { language: "sv".into(), ..en };
    let preview = s.preview_letter(&sv, "tiktok").unwrap();
    assert_eq!(preview.language, Language::Pl);
    assert!(preview.notice.unwrap().contains("“sv”"));
}

#[test]
fn bad_options_and_missing_identity_data_store_nothing_and_name_the_field() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    s.create_controller(ControllerDraft {
        slug: "shop".into(),
        name: "Shop GmbH".into(),
        country: "DE".into(),
        required_identity: vec![
            IdentityField { kind: IdentityKind::Name, label: "Name".into() },
            IdentityField { kind: IdentityKind::Other, label: "Customer number".into() },
        ],
        ..Default::default()
    })
    .unwrap();
    let before = count(&s);
    let err = s.create_request(&req(person, RequestKind::Access, LetterOptions::default()), "shop").unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert_eq!(err.fields[0].field, "identity.Customer number", "{err:?}");
    assert!(err.message.contains("Shop GmbH requires “Customer number”"));
    let err =
        s.create_request(&req(person, RequestKind::Rectification, LetterOptions::default()), "tiktok").unwrap_err();
    assert_eq!(err.fields[0].field, "options.corrections");
    assert_eq!(count(&s), before, "a failed draft leaves no request behind");
    let with_number = LetterOptions {
        identity: vec![IdentityValue { label: "customer number".into(), value: "C-991".into() }],
        ..Default::default()
    };
    let r = s.create_request(&req(person, RequestKind::Access, with_number), "shop").unwrap();
    assert!(s.letter(r.id).unwrap().letter.body.contains("C-991"));
    // German controller with a request language of its own? None here: the person's language stays.
    assert_eq!(s.letter(r.id).unwrap().letter.language, Language::Pl);
}

#[test]
fn edits_are_kept_and_sent_letters_never_change() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let r = s.create_request(&req(person, RequestKind::Access, LetterOptions::default()), "tiktok").unwrap();
    let mine = "Szanowni Państwo,\n\nmoja własna treść.\n\nAna Nowak";
    let l = s.edit_letter(r.id, "Mój temat RD", mine).unwrap();
    assert!(l.edited);
    assert_eq!(l.letter.body, mine);
    let on = LetterOptions { portability: true, ..Default::default() };
    let err = s.redraft_letter(r.id, "pl", &on, false).unwrap_err();
    assert!(err.message.contains("edited by hand"));
    assert_eq!(s.letter(r.id).unwrap().letter.body, mine, "refused redraft kept the edit");
    let again = s.redraft_letter(r.id, "de", &on, true).unwrap();
    assert!(!again.edited && again.letter.body.contains("Art. 20 Abs. 1 DSGVO"));
    assert!(s.edit_letter(r.id, "two\nlines", "x").unwrap_err().fields.iter().any(|f| f.field == "subject"));
    s.mark_request(r.id, &Mark::Sent { date: "2026-03-02".into() }, EventCause::User).unwrap();
    let err = s.edit_letter(r.id, "late change", "text").unwrap_err();
    assert!(err.message.contains("stays as it was"), "{}", err.message);
    let events = s.request_detail(r.id).unwrap().events;
    assert!(
        events.iter().any(|e| e.kind.as_str() == "letter_edited")
            && events.iter().any(|e| e.kind.as_str() == "letter_rendered")
    );
}

#[test]
fn pdf_and_eml_come_from_the_stored_letter() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let r = s
        .create_request(&req(person, RequestKind::ObjectionDirectMarketing, LetterOptions::default()), "tiktok")
        .unwrap();
    let pdf = rightsdesk_usecases::letters::bytes(&s, r.id, LetterFormat::Pdf, None, chrono::Utc::now()).unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() < 200_000);
    // TikTok's privacy channel is a web form: no e-mail address, so no .eml, and the error says what to do.
    match rightsdesk_usecases::letters::bytes(&s, r.id, LetterFormat::Eml, None, chrono::Utc::now()) {
        Ok(eml) => assert!(String::from_utf8_lossy(&eml).contains(&r.reference)),
        Err(e) => assert!(e.message.contains("post"), "{}", e.message),
    }
}

#[test]
fn a_batch_writes_one_request_per_controller_and_previews_store_nothing() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let controllers = vec!["tiktok".to_owned(), "spotify".to_owned(), "linkedin".to_owned()];
    let situated =
        LetterOptions { restriction: true, situation: "My profile reveals my health.".into(), ..Default::default() };
    let r = req(person, RequestKind::AdTargetingObjection, situated);
    let before = count(&s);
    // Its Art. 21(1) limb needs a particular situation: without one, no letter and a field error.
    let bare = req(person, RequestKind::AdTargetingObjection, LetterOptions::default());
    let refused = s.create_request(&bare, "tiktok").unwrap_err();
    assert_eq!(refused.fields[0].field, "options.situation", "{refused:?}");
    assert_eq!(count(&s), before, "nothing stored");
    let preview = s.preview_batch(&r, &controllers).unwrap();
    assert_eq!(preview.items.len(), 3);
    assert!(preview.items.iter().all(|i| i.letter.is_some() && i.error.is_none()));
    assert_eq!(count(&s), before, "a preview creates nothing");
    let batch = s.create_batch(&r, &controllers).unwrap();
    assert!(batch.batch.starts_with("B-"));
    let refs: Vec<_> = batch.items.iter().filter_map(|i| i.reference.clone()).collect();
    assert_eq!(refs.len(), 3);
    assert_eq!(count(&s), before + 3);
    let mut unique = refs.clone();
    unique.dedup();
    assert_eq!(unique.len(), 3, "one request per controller, each its own reference");
    assert!(s.create_batch(&r, &["no-such".to_owned()]).is_err());
}

#[test]
fn a_complaint_goes_to_the_persons_authority_with_the_request_history() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let first = s.create_request(&req(person, RequestKind::Access, LetterOptions::default()), "tiktok").unwrap();
    s.mark_request(first.id, &Mark::Sent { date: "2026-01-30".into() }, EventCause::User).unwrap();
    s.mark_request(first.id, &Mark::Received { date: "2026-01-31".into() }, EventCause::User).unwrap();
    let reminder = LetterOptions { regarding: first.reference.clone(), ..Default::default() };
    let r = s.create_request(&req(person, RequestKind::Reminder, reminder), "tiktok").unwrap();
    let body = s.letter(r.id).unwrap().letter.body;
    assert!(body.contains("30 stycznia 2026"), "{body}");
    // No supervisory authorities imported yet: the complaint says what is missing, and stores nothing.
    let complaint = LetterOptions { regarding: first.reference.clone(), ..Default::default() };
    let err = s.create_request(&req(person, RequestKind::Complaint, complaint.clone()), "tiktok").unwrap_err();
    assert!(err.message.contains("supervisory authority"), "{}", err.message);
    s.apply_import(&ImportBatch {
        origin: Origin::Datenanfragen,
        location: "test".into(),
        version: String::new(),
        controllers: vec![],
        authorities: vec![SupervisoryAuthority {
            slug: "pluodo".into(),
            name: "Prezes Urzędu Ochrony Danych Osobowych".into(),
            country: "PL".into(),
            region: String::new(),
            address: "ul. Stawki 2\n00-193 Warszawa".into(),
            email: "kancelaria@uodo.gov.pl".into(),
            phone: String::new(),
            web_form: String::new(),
            web: String::new(),
            complaint_language: "pl".into(),
            sources: vec![],
        }],
        redirects: vec![],
        rejected: vec![],
        complete: false,
    })
    .unwrap();
    let c = s.create_request(&req(person, RequestKind::Complaint, complaint), "tiktok").unwrap();
    let l = s.letter(c.id).unwrap().letter;
    assert_eq!(l.recipient.name, "Prezes Urzędu Ochrony Danych Osobowych", "the person's own authority (Art. 77)");
    assert!(l.body.contains("TikTok"), "names the controller complained about");
    assert!(l.body.contains("30 stycznia 2026") && l.body.contains("31 stycznia 2026"), "{}", l.body);
    assert_eq!(l.enclosures.len(), 1, "the earlier letter is enclosed");
}

/// The store does not read the clock itself: given a clock, its letters are
/// dated by it, its references carry its year and its rows its time.
#[test]
fn the_store_dates_what_it_writes_by_the_clock_it_is_given() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let then = chrono::DateTime::parse_from_rfc3339("2031-03-02T09:30:00Z").unwrap().to_utc();
    s.set_clock(std::sync::Arc::new(rightsdesk_store::FixedClock(then)));
    let r = s.create_request(&req(person, RequestKind::Access, LetterOptions::default()), "spotify").unwrap();
    assert!(r.reference.starts_with("RD-2031-"), "{}", r.reference);
    assert!(r.created_at.starts_with("2031-03-02T09:30:00"), "{}", r.created_at);
    let letter = s.letter(r.id).unwrap().letter;
    assert_eq!(letter.date, "2031-03-02");
    let preview = s.preview_letter(&req(person, RequestKind::Access, LetterOptions::default()), "spotify").unwrap();
    assert_eq!(preview.reference, "RD-2031-NEW");
}
