//! Requests through their life in a real store: marks, events, the running
//! deadline, overdue by the clock, attention, the calendar export.

use chrono::NaiveDate;
use rightsdesk_domain::letter::LetterRequest;
use rightsdesk_domain::lifecycle::{Mark, Outcome};
use rightsdesk_domain::{ErrorCode, EventCause, LetterOptions, PersonDraft, Request, RequestKind, RequestStatus};
use rightsdesk_store::{DataDir, KeyChoice, RequestFilter, Store};
use rightsdesk_tests::Sandbox;

fn setup(sb: &Sandbox) -> (Store, i64) {
    let mut s = Store::create(&DataDir::new(sb.data_dir()), KeyChoice::Passphrase("correct horse battery")).unwrap();
    rightsdesk_usecases::ready(&mut s).unwrap();
    let p = s.create_person(PersonDraft { display_name: "Ada".into(), ..Default::default() }).unwrap();
    (s, p.id)
}

/// A draft request with its letter (an objection needs a particular situation).
fn new(s: &mut Store, person: i64, controller: &str, kind: RequestKind) -> rightsdesk_store::Result<Request> {
    let mut options = LetterOptions::default();
    if kind == RequestKind::Objection {
        options.situation = "I am a nurse.".into();
    }
    s.create_request(&LetterRequest { person_id: person, kind, language: String::new(), options }, controller)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn a_request_is_tracked_with_events_and_the_irish_deadline() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let r = new(&mut s, person, "tiktok", RequestKind::Access).unwrap();
    assert_eq!(r.status, RequestStatus::Draft);
    assert!(r.reference.starts_with("RD-"), "{}", r.reference);
    assert_eq!(s.resolve_request(&r.reference).unwrap(), r.id);

    let d = s.mark_request(r.id, &Mark::Sent { date: "2025-11-25".into() }, EventCause::User).unwrap();
    assert_eq!(d.summary.status, RequestStatus::Sent);
    assert_eq!(d.deadline_country, "IE", "the controller's country by default");
    let running = d.running.unwrap();
    assert_eq!(running.deadline.due, "2025-12-29", "Christmas, St Stephen's Day and a weekend rolled over");
    assert_eq!(d.summary.due.as_deref(), Some("2025-12-29"));

    let wrong = s.mark_request(r.id, &Mark::Sent { date: "2025-11-26".into() }, EventCause::User).unwrap_err();
    assert_eq!(wrong.code, ErrorCode::Invalid);

    assert_eq!(s.mark_overdue(day("2025-12-29")).unwrap(), 0, "due today is not overdue");
    assert_eq!(s.mark_overdue(day("2025-12-30")).unwrap(), 1);
    let d = s.request_detail(r.id).unwrap();
    assert_eq!(d.summary.status, RequestStatus::Overdue);
    let kinds: Vec<(&str, EventCause)> = d.events.iter().map(|e| (e.kind.as_str(), e.cause)).collect();
    assert_eq!(kinds, [("created", EventCause::User), ("sent", EventCause::User), ("overdue", EventCause::Clock)]);

    let d = s.mark_request(r.id, &Mark::Admonished { date: "2026-01-05".into() }, EventCause::User).unwrap();
    assert_eq!(d.running.as_ref().unwrap().kind, "admonition");
    assert_eq!(d.summary.due.as_deref(), Some("2026-01-19"));
    let d = s
        .mark_request(r.id, &Mark::Closed { date: "2026-01-20".into(), outcome: Outcome::Ignored }, EventCause::User)
        .unwrap();
    assert_eq!(d.outcome, Some(Outcome::Ignored));
    assert!(d.summary.due.is_none(), "a closed request has no running deadline");
}

#[test]
fn lists_attention_and_calendar() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let a = new(&mut s, person, "tiktok", RequestKind::Access).unwrap();
    let b = new(&mut s, person, "facebook", RequestKind::Objection).unwrap();
    let c = new(&mut s, person, "google", RequestKind::WithdrawConsent).unwrap();
    s.mark_request(a.id, &Mark::Sent { date: "2026-01-05".into() }, EventCause::User).unwrap();
    s.mark_request(b.id, &Mark::Sent { date: "2026-02-10".into() }, EventCause::User).unwrap();
    s.mark_request(b.id, &Mark::Answered { date: "2026-02-20".into(), complete: false }, EventCause::User).unwrap();

    let sent = s.list_requests(&RequestFilter { status: Some(RequestStatus::Sent), ..Default::default() }).unwrap();
    assert_eq!(sent.iter().map(|r| r.id).collect::<Vec<_>>(), [a.id]);
    let due = s.list_requests(&RequestFilter { due_before: Some("2026-02-28".into()), ..Default::default() }).unwrap();
    assert_eq!(due.len(), 1);

    let att = s.attention(day("2026-02-01"), 7).unwrap();
    assert_eq!(att.due_soon.iter().map(|r| r.id).collect::<Vec<_>>(), [a.id], "due Thu 5 Feb 2026");
    assert_eq!(att.decisions.iter().map(|r| r.id).collect::<Vec<_>>(), [b.id]);
    assert_eq!(att.drafts.iter().map(|r| r.id).collect::<Vec<_>>(), [c.id]);
    let later = s.attention(day("2026-02-06"), 7).unwrap();
    assert_eq!(later.overdue.len(), 1);

    assert_eq!(s.recompute_deadlines().unwrap(), 0, "cached deadlines match a fresh computation");

    let (ics, events) = rightsdesk_usecases::exports::ics(&s.running_deadlines().unwrap(), chrono::Utc::now());
    assert_eq!(events, 1);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20260205\r\n"), "{ics}");
    assert!(ics.contains(&a.reference));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "only requests with a running deadline");
}

#[test]
fn requests_keep_their_people() {
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    new(&mut s, person, "tiktok", RequestKind::Access).unwrap();
    let err = s.delete_person(person).unwrap_err();
    assert!(err.message.contains("1 request"), "{}", err.message);
    assert_eq!(new(&mut s, 999, "tiktok", RequestKind::Access).unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(new(&mut s, person, "no-such-co", RequestKind::Access).unwrap_err().code, ErrorCode::NotFound);
}

/// The overdue rule exists once, in the domain (`lifecycle::is_overdue`); the
/// store's `mark_overdue` runs it as a query over the cached deadline. Over
/// requests in every state the clock can meet — sent, received, extended,
/// identity asked and given, answered, refused, reminded — on each of a run
/// of days, both name the same requests.
#[test]
fn the_stores_overdue_query_follows_the_domains_rule() {
    use rightsdesk_domain::lifecycle;
    let sb = Sandbox::new();
    let (mut s, person) = setup(&sb);
    let lives: Vec<Vec<Mark>> = vec![
        vec![Mark::Sent { date: "2026-01-05".into() }],
        vec![Mark::Sent { date: "2026-01-05".into() }, Mark::Received { date: "2026-01-09".into() }],
        vec![Mark::Sent { date: "2026-01-05".into() }, Mark::Extended { date: "2026-01-20".into() }],
        vec![Mark::Sent { date: "2026-01-05".into() }, Mark::Acknowledged { date: "2026-01-06".into() }],
        vec![Mark::Sent { date: "2026-01-05".into() }, Mark::IdentityRequested { date: "2026-01-10".into() }],
        vec![
            Mark::Sent { date: "2026-01-05".into() },
            Mark::IdentityRequested { date: "2026-01-10".into() },
            Mark::IdentityProvided { date: "2026-01-28".into() },
        ],
        vec![Mark::Sent { date: "2026-01-05".into() }, Mark::Answered { date: "2026-01-30".into(), complete: false }],
        vec![Mark::Sent { date: "2026-01-05".into() }, Mark::Refused { date: "2026-01-12".into() }],
        vec![Mark::Sent { date: "2025-12-01".into() }, Mark::Admonished { date: "2026-01-20".into() }],
        vec![Mark::Sent { date: "2026-02-02".into() }],
        vec![],
    ];
    let mut ids = Vec::new();
    for marks in &lives {
        let r = new(&mut s, person, "spotify", RequestKind::Access).unwrap();
        for m in marks {
            // Admonishing needs an overdue request first: let the clock do that.
            if matches!(m, Mark::Admonished { .. }) {
                s.mark_overdue(day("2026-01-19")).unwrap();
            }
            s.mark_request(r.id, m, EventCause::User).unwrap();
        }
        ids.push(r.id);
    }
    let mut today = day("2026-01-25");
    let mut turned = 0;
    while today <= day("2026-05-10") {
        let expected: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|&id| {
                let d = s.request_detail(id).unwrap();
                d.running.as_ref().is_some_and(|r| lifecycle::is_overdue(d.summary.status, r, today))
            })
            .collect();
        let changed = s.mark_overdue(today).unwrap();
        assert_eq!(changed, expected.len(), "on {today}: the store turned {changed}, the rule says {expected:?}");
        for id in &expected {
            assert_eq!(s.get_request(*id).unwrap().status, RequestStatus::Overdue, "on {today}");
        }
        turned += changed;
        today += chrono::Duration::days(3);
    }
    assert!(turned >= 6, "the run crosses the deadlines of most requests ({turned})");
}
