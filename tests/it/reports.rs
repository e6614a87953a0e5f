//! Reports over a real store: requests marked as a user marks them, with known
//! days, give the numbers worked out by hand; projects, tags and embargoes
//! narrow them and leave events; every filter narrows what the store reads.

use rightsdesk_domain::letter::{AccessItem, LetterRequest};
use rightsdesk_domain::lifecycle::{Mark, Outcome};
use rightsdesk_domain::report::{self, FilterWords, GroupBy, ReportFilter};
use rightsdesk_domain::{ErrorCode, EventCause, EventKind, LetterOptions, PersonDraft, PostalAddress, RequestKind};
use rightsdesk_store::{DataDir, KeyChoice, Store};
use rightsdesk_tests::Sandbox;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
}

fn store(sb: &Sandbox) -> Store {
    let mut s = Store::create(&DataDir::new(sb.data_dir()), KeyChoice::Passphrase("correct horse battery")).unwrap();
    let noon = today().and_hms_opt(12, 0, 0).unwrap().and_utc();
    s.set_clock(std::sync::Arc::new(rightsdesk_store::FixedClock(noon)));
    rightsdesk_usecases::ready(&mut s).unwrap();
    s
}

fn person(s: &mut Store, name: &str) -> i64 {
    s.create_person(PersonDraft {
        display_name: name.into(),
        emails: vec![format!("{}@example.org", name.to_lowercase())],
        address: PostalAddress { city: "Dublin".into(), country: "IE".into(), ..Default::default() },
        ..Default::default()
    })
    .unwrap()
    .id
}

fn request(s: &mut Store, person: i64, kind: RequestKind, controller: &str, marks: &[Mark]) -> i64 {
    let options = LetterOptions {
        situation: if kind == RequestKind::Objection { "I am a journalist.".into() } else { String::new() },
        ..Default::default()
    };
    let req = LetterRequest { person_id: person, kind, language: String::new(), options };
    let id = s.create_request(&req, controller).unwrap().id;
    for m in marks {
        s.mark_request(id, m, EventCause::User).unwrap_or_else(|e| panic!("{m:?}: {e:?}"));
    }
    id
}

fn sent(day: &str) -> Mark {
    Mark::Sent { date: day.into() }
}

fn answered(day: &str, complete: bool) -> Mark {
    Mark::Answered { date: day.into(), complete }
}

/// Tiktok and Facebook (both Ireland: Thursday 2 April 2026 is no holiday).
/// Sent Mon 2 March: due Thu 2 April; extended: Tue 2 June.
struct Fixture {
    on_deadline: i64,
    extended: i64,
    id_demand: i64,
    never: i64,
    after_reminder: i64,
    pending: i64,
    draft: i64,
}

fn fixture(s: &mut Store) -> Fixture {
    use AccessItem as I;
    let ada = person(s, "Ada");
    let grace = person(s, "Grace");
    let on_deadline =
        request(s, ada, RequestKind::Access, "tiktok", &[sent("2026-03-02"), answered("2026-04-02", true)]);
    s.set_checklist(on_deadline, &[I::Confirmation, I::Purposes, I::Copy]).unwrap();
    let extended = request(
        s,
        grace,
        RequestKind::Access,
        "tiktok",
        &[sent("2026-03-02"), Mark::Extended { date: "2026-03-25".into() }, answered("2026-05-20", true)],
    );
    s.set_checklist(extended, &[I::Confirmation]).unwrap();
    let id_demand = request(
        s,
        ada,
        RequestKind::Erasure,
        "tiktok",
        &[sent("2026-03-02"), Mark::IdentityRequested { date: "2026-03-06".into() }],
    );
    let never = request(s, grace, RequestKind::Objection, "facebook", &[sent("2026-03-02")]);
    let after_reminder = request(s, ada, RequestKind::Access, "facebook", &[sent("2026-03-02")]);
    // The reminder is written in RightsDesk and sent on 10 April; the answer follows on the 20th.
    s.mark_overdue(today()).unwrap();
    let reminder = s.escalate(after_reminder, RequestKind::Reminder).unwrap().id;
    s.mark_request(reminder, &sent("2026-04-10"), EventCause::User).unwrap();
    s.mark_request(after_reminder, &answered("2026-04-20", false), EventCause::User).unwrap();
    s.set_checklist(after_reminder, &[I::Confirmation, I::Purposes]).unwrap();
    let pending = request(s, grace, RequestKind::Access, "facebook", &[sent("2026-06-15")]);
    let draft = request(s, ada, RequestKind::Access, "facebook", &[]);
    let refused = request(
        s,
        grace,
        RequestKind::Erasure,
        "facebook",
        &[sent("2026-03-02"), Mark::Refused { date: "2026-03-10".into() }],
    );
    let _ = refused;
    Fixture { on_deadline, extended, id_demand, never, after_reminder, pending, draft }
}

fn run(s: &Store, filter: &ReportFilter, by: GroupBy) -> report::Report {
    let facts = s.report_facts(filter).unwrap();
    report::report(&facts, filter, by, today(), &FilterWords::default())
}

#[test]
fn a_real_store_gives_the_numbers_worked_out_by_hand() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let f = fixture(&mut s);
    let r = run(&s, &ReportFilter::default(), GroupBy::Controller);
    let t = &r.total;
    // Counted: on_deadline, extended, id_demand, never, after_reminder, pending, refused = 7.
    assert_eq!((t.sent, r.drafts, r.follow_ups), (7, 1, 1), "{r:#?}");
    assert_eq!((t.answered, t.answered_in_time, t.answered_late), (4, 3, 1));
    assert_eq!((t.never_answered, t.pending), (2, 1));
    // 4 answered of 6 due: Wilson 95 % 0.3000–0.9032.
    let rate = t.response_rate;
    assert_eq!((rate.successes, rate.trials), (4, 6));
    assert!((rate.ci_low.unwrap() - 0.3000).abs() < 5e-4 && (rate.ci_high.unwrap() - 0.9032).abs() < 5e-4, "{rate:?}");
    // First answers after 8 (refused), 31 (deadline day), 49 (late), 79 (extended) days.
    assert_eq!(t.median_days_to_first_answer, Some(40.0));
    assert_eq!((t.days_to_first_answer.q1, t.days_to_first_answer.q3), (Some(25.25), Some(56.5)));
    assert_eq!((t.extended, t.id_demanded), (1, 1));
    assert_eq!(t.escalations.reminded, 1, "the reminder counts for the request it follows up");
    assert_eq!(t.escalations.answered_after_reminder, 1);
    use report::OutcomeClass as O;
    let o = &t.outcomes;
    assert_eq!(
        (o.get(O::Complied), o.get(O::Partial), o.get(O::Refused), o.get(O::IdDemanded), o.get(O::NoAnswer)),
        (2, 1, 1, 1, 1)
    );
    assert_eq!(o.get(O::Open), 1);
    // Three access answers checked: confirmation in all three, a copy in one.
    assert_eq!(t.checked, 3);
    let item = |code: &str| t.completeness.iter().find(|c| c.item.as_str() == code).unwrap().present;
    assert_eq!((item("confirmation").successes, item("confirmation").trials), (3, 3));
    assert_eq!(item("copy").successes, 1);
    // Groups in key order, each too small to compare.
    let keys: Vec<&str> = r.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["facebook", "tiktok"]);
    assert!(r.groups.iter().all(|g| g.too_small));
    assert_eq!(r.groups[1].sent, 3);
    assert_eq!(r.groups[1].answered_in_time, 2);
    let _ = (f.on_deadline, f.extended, f.id_demand, f.never, f.pending, f.draft);
}

#[test]
fn a_closed_request_counts_with_its_recorded_outcome() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let f = fixture(&mut s);
    s.mark_request(f.never, &Mark::Closed { date: "2026-06-01".into(), outcome: Outcome::Withdrawn }, EventCause::User)
        .unwrap();
    let r = run(&s, &ReportFilter { kind: Some(RequestKind::Objection), ..Default::default() }, GroupBy::Kind);
    assert_eq!(r.total.sent, 1);
    assert_eq!(r.total.outcomes.get(report::OutcomeClass::Withdrawn), 1);
    assert_eq!(r.total.never_answered, 1, "closed without an answer: never answered");
}

#[test]
fn projects_tags_and_embargoes_narrow_the_report_and_leave_events() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let f = fixture(&mut s);
    let study = s.create_project("Ad targeting study 2026", "Access requests to the big platforms").unwrap();
    assert_eq!(s.create_project("ad targeting study 2026", "").unwrap_err().code, ErrorCode::Invalid);
    assert_eq!(s.file_requests(study.id, &[f.on_deadline, f.extended, f.never], true).unwrap(), 3);
    assert_eq!(s.file_requests(study.id, &[f.on_deadline], true).unwrap(), 0, "already in it");
    assert_eq!(s.tag_requests(&[f.on_deadline, f.after_reminder], "  Round 1 ", true).unwrap(), 2);
    assert_eq!(s.tags().unwrap(), ["round 1"]);

    let by_project = run(&s, &ReportFilter { project: Some(study.id), ..Default::default() }, GroupBy::Controller);
    assert_eq!(by_project.total.sent, 3);
    let by_tag = run(&s, &ReportFilter { tag: Some("ROUND 1".into()), ..Default::default() }, GroupBy::Controller);
    assert_eq!(by_tag.total.sent, 2);
    let by_controller =
        run(&s, &ReportFilter { controller: Some("tiktok".into()), ..Default::default() }, GroupBy::Controller);
    assert_eq!(by_controller.total.sent, 3);
    let june = run(&s, &ReportFilter { from: Some("2026-06-01".into()), ..Default::default() }, GroupBy::Month);
    assert_eq!((june.total.sent, june.groups[0].key.as_str()), (1, "2026-06"));
    let sector =
        run(&s, &ReportFilter { sector: Some("no such sector".into()), ..Default::default() }, GroupBy::Controller);
    assert_eq!(sector.total.sent, 0);

    // An embargo keeps the request out until its day, unless asked for.
    let filing = s.set_embargo(f.on_deadline, Some("2026-09-01")).unwrap();
    assert_eq!(filing.embargo_until.as_deref(), Some("2026-09-01"));
    assert_eq!(filing.projects, [(study.id, "Ad targeting study 2026".to_string())]);
    assert_eq!(filing.tags, ["round 1"]);
    let r = run(&s, &ReportFilter { project: Some(study.id), ..Default::default() }, GroupBy::Controller);
    assert_eq!((r.total.sent, r.embargoed), (2, 1));
    let all = ReportFilter { project: Some(study.id), include_embargoed: true, ..Default::default() };
    assert_eq!(run(&s, &all, GroupBy::Controller).total.sent, 3);
    assert_eq!(s.set_embargo(f.on_deadline, Some("1 September")).unwrap_err().code, ErrorCode::Invalid);

    let kinds: Vec<EventKind> = s.request_detail(f.on_deadline).unwrap().events.iter().map(|e| e.kind).collect();
    assert!(kinds.iter().filter(|k| **k == EventKind::Filed).count() >= 2, "{kinds:?}");
    assert!(kinds.contains(&EventKind::Embargo), "{kinds:?}");

    // Removing the project keeps its requests and their tags.
    s.delete_project(study.id).unwrap();
    assert_eq!(s.resolve_project("Ad targeting study 2026").unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(s.filing(f.on_deadline).unwrap().tags, ["round 1"]);
    assert_eq!(run(&s, &ReportFilter::default(), GroupBy::Controller).total.sent, 6);
}

#[test]
fn the_evidence_bundle_holds_every_file_with_its_sha256_and_marks_an_embargo() {
    use sha2::Digest;
    use std::io::Read;
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let f = fixture(&mut s);
    let reference = s.get_request(f.on_deadline).unwrap().reference;
    s.add_attachment(f.on_deadline, "../scan: answer.pdf", b"%PDF-1.4 the answer").unwrap();
    let reply = format!(
        "From: privacy@tiktok.example\r\nTo: ada@example.org\r\nSubject: Re: {reference}\r\nDate: Thu, 02 Apr 2026 10:00:00 +0000\r\nMessage-ID: <reply-1@tiktok.example>\r\n\r\nYour data is attached.\r\n"
    );
    let mail = rightsdesk_mail::parse::parse(reply.as_bytes()).unwrap();
    s.import_mail(&mail, reply.as_bytes()).unwrap();
    s.set_embargo(f.on_deadline, Some("2026-09-01")).unwrap();

    let path = sb.tmp.path().join("evidence.zip");
    let written = rightsdesk_usecases::evidence::save(&s, &[f.on_deadline, f.never], &path, s.now()).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(zip.len(), written.count);
    let mut read = |name: &str| {
        let mut out = Vec::new();
        zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_end(&mut out).unwrap();
        out
    };
    let manifest: serde_json::Value = serde_json::from_slice(&read("manifest.json")).unwrap();
    let files = manifest["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(names.contains(&format!("{reference}/letter.pdf").as_str()), "{names:?}");
    assert!(names.contains(&format!("{reference}/timeline.pdf").as_str()), "{names:?}");
    assert!(names.contains(&format!("{reference}/replies/01-2026-04-02.eml").as_str()), "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with(&format!("{reference}/attachments/")) && n.ends_with("-scan_ answer.pdf")),
        "{names:?}"
    );
    assert!(names.iter().all(|n| !n.contains("..")), "{names:?}");
    // Every file's digest is the digest of what is in the ZIP.
    for file in files {
        let bytes = read(file["path"].as_str().unwrap());
        assert_eq!(file["sha256"].as_str().unwrap(), hex::encode(sha2::Sha256::digest(&bytes)));
        assert_eq!(file["bytes"].as_u64().unwrap() as usize, bytes.len());
    }
    assert_eq!(read(&format!("{reference}/replies/01-2026-04-02.eml")), reply.as_bytes(), "the reply as received");
    assert!(read(&format!("{reference}/letter.pdf")).starts_with(b"%PDF"));
    let sums = String::from_utf8(read("SHA256SUMS")).unwrap();
    assert_eq!(sums.lines().count(), files.len());
    let marked =
        manifest["requests"].as_array().unwrap().iter().find(|r| r["reference"] == reference.as_str()).unwrap();
    assert_eq!(marked["embargo_until"], "2026-09-01");

    assert_eq!(
        rightsdesk_usecases::evidence::save(&s, &[], &path, s.now()).unwrap_err().code,
        ErrorCode::Invalid,
        "no request: a clear error, the earlier bundle left alone"
    );
    assert!(zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).is_ok());
}

/// The text of a PDF as poppler's `pdftotext` reads it (installed by
/// `scripts/deps.sh --test`): what a reader copying from the PDF gets.
fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils, scripts/deps.sh --test) is needed: {e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_report_pdf_has_the_methodology_the_numbers_the_charts_and_the_caveats() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    fixture(&mut s);
    let filter = ReportFilter::default();
    let path = sb.tmp.path().join("report.pdf");
    let written = rightsdesk_usecases::reports::save_pdf(&s, &filter, GroupBy::Controller, &path).unwrap();
    assert_eq!(written.count, 2, "two controllers");
    let view = rightsdesk_usecases::reports::view(&s, &filter, GroupBy::Controller).unwrap();
    let text = pdf_text(&path);
    // Lines are re-joined: a paragraph wraps, the text layer keeps its words.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let methodology = view.report.methodology.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&methodology), "the methodology, whole:\n{text}");
    for caveat in &view.report.caveats {
        let caveat = caveat.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&caveat), "caveat {caveat:?}:\n{text}");
    }
    let line = |label: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("{label}:\n{text}"))
            .to_owned()
    };
    assert!(line("Requests sent").trim_end().ends_with(" 7"), "{}", line("Requests sent"));
    assert!(line("Answered").contains("4 · response rate 67 % (95 % CI 30–90 %)"), "{}", line("Answered"));
    // The groups' table: TikTok sent 3, 2 in time; both cells marked too small.
    let tiktok_line = line("TikTok");
    let tiktok: Vec<&str> = tiktok_line.split_whitespace().collect();
    assert_eq!(tiktok.iter().filter(|w| **w == "*").count(), 1, "{tiktok:?}");
    assert_eq!(&tiktok[tiktok.iter().position(|w| *w == "*").unwrap() + 1..][..1], ["3"], "{tiktok:?}");
    assert!(flat.contains("Fewer than 10 requests"), "{text}");
    // The charts are drawings with their text, and their legends are there.
    for words in ["Days to the first answer", "Outcomes by controller", "Answers by month sent", "2026-03"] {
        assert!(flat.contains(words), "{words}:\n{text}");
    }
    for legend in ["Complied", "Partly complied", "ID demanded", "Answered in time", "Never answered"] {
        assert!(flat.contains(legend), "{legend}:\n{text}");
    }
    assert!(flat.contains("Art. 15(1)(a)"), "the completeness chart's labels:\n{text}");
}

#[test]
fn a_kept_report_view_is_used_until_the_store_changes_through_any_connection() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let f = fixture(&mut s);
    let all = ReportFilter::default();
    let mut views = rightsdesk_usecases::reports::Views::default();
    assert!(!views.holds(&s, &all, GroupBy::Controller));
    let first = views.view(&s, &all, GroupBy::Controller).unwrap();
    assert_eq!(first.report.total.answered, 4);
    assert!(views.holds(&s, &all, GroupBy::Controller), "kept");
    assert!(!views.holds(&s, &all, GroupBy::Month), "for its grouping only");
    assert!(!views.holds(&s, &ReportFilter { tag: Some("x".into()), ..Default::default() }, GroupBy::Controller));
    assert_eq!(views.view(&s, &all, GroupBy::Controller).unwrap(), first);

    // A write through this connection: read again, and the change shows.
    s.mark_request(f.never, &answered("2026-04-01", false), EventCause::User).unwrap();
    assert!(!views.holds(&s, &all, GroupBy::Controller), "a write here");
    assert_eq!(views.view(&s, &all, GroupBy::Controller).unwrap().report.total.answered, 5);

    // A write by another process (another connection on the same file).
    let mut other = sb.open_store("correct horse battery");
    rightsdesk_usecases::ready(&mut other).unwrap();
    other.mark_request(f.pending, &answered("2026-06-20", true), EventCause::User).unwrap();
    drop(other);
    assert!(!views.holds(&s, &all, GroupBy::Controller), "a write elsewhere");
    assert_eq!(views.view(&s, &all, GroupBy::Controller).unwrap().report.total.answered, 6);
}
