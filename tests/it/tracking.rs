//! Following requests up in a real store: the Art. 15 checklist, escalation
//! to a reminder and a complaint that carry the history, post, notices once.

use chrono::NaiveDate;
use rightsdesk_domain::import::ImportBatch;
use rightsdesk_domain::letter::LetterFormat;
use rightsdesk_domain::letter::{AccessItem, LetterRequest};
use rightsdesk_domain::lifecycle::Mark;
use rightsdesk_domain::{
    ErrorCode, EventCause, LetterOptions, Origin, PersonDraft, Postal, PostalAddress, RequestKind, RequestStatus,
    SupervisoryAuthority,
};
use rightsdesk_store::{DataDir, KeyChoice, Store};
use rightsdesk_tests::Sandbox;

fn setup(sb: &Sandbox) -> (Store, i64) {
    let mut s = Store::create(&DataDir::new(sb.data_dir()), KeyChoice::Passphrase("correct horse battery")).unwrap();
    rightsdesk_usecases::ready(&mut s).unwrap();
    let p = s
        .create_person(PersonDraft {
            display_name: "Ada Lovelace".into(),
            emails: vec!["ada@example.org".into()],
            address: PostalAddress { city: "Dublin".into(), country: "IE".into(), ..Default::default() },
            ..Default::default()
        })
        .unwrap();
    s.apply_import(&ImportBatch {
        origin: Origin::Datenanfragen,
        location: "test".into(),
        version: String::new(),
        controllers: vec![],
        authorities: vec![SupervisoryAuthority {
            slug: "iedpc".into(),
            name: "Data Protection Commission".into(),
            country: "IE".into(),
            region: String::new(),
            address: "21 Fitzwilliam Square South\nDublin 2".into(),
            email: "info@dataprotection.ie".into(),
            phone: String::new(),
            web_form: String::new(),
            web: String::new(),
            complaint_language: "en".into(),
            sources: vec![],
        }],
        redirects: vec![],
        rejected: vec![],
        complete: false,
    })
    .unwrap();
    (s, p.id)
}

fn access(s: &mut Store, person: i64) -> i64 {
    let req = LetterRequest {
        person_id: person,
        kind: RequestKind::Access,
        language: String::new(),
        options: LetterOptions::default(),
    };
    s.create_request(&req, "tiktok").unwrap().id
}

fn mark(s: &mut Store, id: i64, m: Mark) {
    s.mark_request(id, &m, EventCause::User).unwrap();
}

#[test]
fn an_incomplete_access_answer_becomes_a_reminder_then_a_complaint_with_the_correspondence() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let id = access(&mut s, person);
    let err = s.escalate(id, RequestKind::Reminder).unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid, "a draft cannot be escalated");
    mark(&mut s, id, Mark::Sent { date: "2026-01-30".into() });
    mark(&mut s, id, Mark::Received { date: "2026-01-31".into() });
    mark(&mut s, id, Mark::Answered { date: "2026-02-20".into(), complete: false });
    let err = s.escalate(id, RequestKind::Reminder).unwrap_err();
    assert_eq!(err.fields[0].field, "checklist", "the checklist comes first: {err:?}");

    let received = [AccessItem::Confirmation, AccessItem::Purposes, AccessItem::Categories, AccessItem::Copy];
    s.set_checklist(id, &received).unwrap();
    assert_eq!(s.request_detail(id).unwrap().checklist.unwrap(), received);
    let reminder = s.escalate(id, RequestKind::Reminder).unwrap();
    let letter = s.letter(reminder.id).unwrap();
    assert_eq!(letter.options.missing.len(), AccessItem::ALL.len() - received.len());
    assert!(letter.letter.body.contains("Article 15(1)(c) GDPR"), "recipients are missing:\n{}", letter.letter.body);
    assert!(!letter.letter.body.contains("Article 15(3) GDPR"), "the copy arrived");
    assert!(letter.letter.body.contains("30 January 2026"));
    let detail = s.request_detail(id).unwrap();
    assert_eq!(detail.follow_ups.len(), 1);
    assert_eq!(s.request_detail(reminder.id).unwrap().regarding.as_deref(), Some(detail.summary.reference.as_str()));

    // Sending the reminder admonishes the original on the same day; its period then runs.
    mark(&mut s, reminder.id, Mark::Sent { date: "2026-02-23".into() });
    let original = s.request_detail(id).unwrap();
    assert_eq!(original.summary.status, RequestStatus::Admonished);
    assert_eq!(original.dates.admonished.as_deref(), Some("2026-02-23"));

    let complaint = s.escalate(id, RequestKind::Complaint).unwrap();
    let c = s.letter(complaint.id).unwrap().letter;
    assert_eq!(c.recipient.name, "Data Protection Commission");
    assert!(c.body.contains("TikTok"));
    for day in ["30 January 2026", "31 January 2026", "20 February 2026", "23 February 2026"] {
        assert!(c.body.contains(day), "timeline lacks {day}:\n{}", c.body);
    }
    assert_eq!(c.enclosures.len(), 2, "the access request and the reminder");
    let bundle =
        rightsdesk_usecases::letters::bytes(&s, complaint.id, LetterFormat::Pdf, None, chrono::Utc::now()).unwrap();
    let text = String::from_utf8_lossy(&bundle);
    let pages = text.matches("/Type /Page\n").count() + text.matches("/Type /Page ").count();
    let single =
        rightsdesk_usecases::letters::bytes(&s, reminder.id, LetterFormat::Pdf, None, chrono::Utc::now()).unwrap();
    let single_text = String::from_utf8_lossy(&single);
    let single_pages = single_text.matches("/Type /Page\n").count() + single_text.matches("/Type /Page ").count();
    assert!(pages >= 3 && pages > single_pages, "the bundle holds the complaint and both letters ({pages} pages)");

    mark(&mut s, complaint.id, Mark::Sent { date: "2026-03-20".into() });
    let original = s.request_detail(id).unwrap();
    assert_eq!(original.summary.status, RequestStatus::Complained);
    assert_eq!(original.running.unwrap().kind, "authority", "Art. 78(2): three months for the authority");
}

#[test]
fn post_a_return_receipt_starts_the_clock_and_scans_are_kept() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let id = access(&mut s, person);
    let early = Postal { tracking_number: "RR123456789DE".into(), return_receipt_on: Some("2026-02-02".into()) };
    assert_eq!(s.set_postal(id, &early).unwrap_err().fields[0].field, "return_receipt_on");
    mark(&mut s, id, Mark::Sent { date: "2026-01-29".into() });
    s.set_postal(id, &early).unwrap();
    let d = s.request_detail(id).unwrap();
    assert_eq!(d.postal, early);
    assert_eq!(d.dates.received.as_deref(), Some("2026-02-02"), "the receipt day is the day of receipt");
    assert_eq!(d.running.unwrap().deadline.due, "2026-03-02");
    let bad = Postal { tracking_number: "a\nb".into(), return_receipt_on: None };
    assert_eq!(s.set_postal(id, &bad).unwrap_err().fields[0].field, "tracking_number");

    let scan = b"%PDF-1.4 scanned letter".to_vec();
    let a = s.add_attachment(id, "/home/ada/scans/letter.pdf", &scan).unwrap();
    assert_eq!((a.name.as_str(), a.mime.as_str()), ("letter.pdf", "application/pdf"));
    assert_eq!(s.attachment(a.id).unwrap().1, scan);
    assert_eq!(s.request_detail(id).unwrap().attachments.len(), 1);
    assert!(s.add_attachment(id, "empty.png", b"").is_err());
    let huge = vec![0u8; rightsdesk_store::MAX_ATTACHMENT + 1];
    assert!(s.add_attachment(id, "huge.bin", &huge).unwrap_err().message.contains("20 MiB"));
}

#[test]
fn notices_are_due_once_per_event() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let id = access(&mut s, person);
    mark(&mut s, id, Mark::Sent { date: "2026-01-30".into() });
    mark(&mut s, id, Mark::Received { date: "2026-01-31".into() });
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let soon = s.pending_notices(day("2026-02-27"), 7).unwrap();
    assert_eq!(soon.len(), 1);
    assert!(soon[0].key.starts_with("due_soon:") && soon[0].title.contains("2026-03-02"), "{:?}", soon[0]);
    s.mark_notified(&soon.iter().map(|n| n.key.clone()).collect::<Vec<_>>()).unwrap();
    assert!(s.pending_notices(day("2026-02-28"), 7).unwrap().is_empty(), "shown once");
    s.mark_overdue(day("2026-03-03")).unwrap();
    let overdue = s.pending_notices(day("2026-03-03"), 7).unwrap();
    assert_eq!(overdue.len(), 1);
    assert!(overdue[0].key.starts_with("overdue:"));
    s.mark_notified(&[overdue[0].key.clone()]).unwrap();
    assert!(s.pending_notices(day("2026-03-04"), 7).unwrap().is_empty());
}
