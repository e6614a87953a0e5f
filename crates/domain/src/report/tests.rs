//! The report against numbers worked out by hand on a small set of requests
//! with known dates, and the counts adding up for any selection.

use chrono::NaiveDate;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn facts(id: Id, controller: &str, kind: RequestKind) -> RequestFacts {
    RequestFacts {
        id,
        reference: format!("RD-2026-{id}"),
        kind,
        status: RequestStatus::Sent,
        person_id: 1 + id % 2,
        controller_slug: controller.into(),
        controller: controller.to_uppercase(),
        language: "en".into(),
        // No holidays: weekends only, so the due days below are plain to check.
        country: String::new(),
        sent: Some(d("2026-03-02")),
        received: None,
        extended: false,
        identity_requested: false,
        first_answer: None,
        complete_answer: None,
        refused: false,
        closed: None,
        outcome: None,
        checklist: None,
        reminders: Vec::new(),
        complaints: Vec::new(),
        embargo_until: None,
        projects: Vec::new(),
        tags: Vec::new(),
    }
}

/// Sent Mon 2 March 2026: due Thu 2 April; extended: Tue 2 June. Today: 30 June.
fn fixture() -> Vec<RequestFacts> {
    use AccessItem as I;
    let mut a = facts(1, "acme", RequestKind::Access); // answered on the deadline day
    a.first_answer = Some(d("2026-04-02"));
    a.complete_answer = a.first_answer;
    a.checklist = Some(vec![I::Confirmation, I::Purposes, I::Copy]);
    let mut b = facts(2, "acme", RequestKind::Access); // extended, answered within the extension
    b.extended = true;
    b.first_answer = Some(d("2026-05-20"));
    b.complete_answer = b.first_answer;
    b.checklist = Some(vec![I::Confirmation]);
    let mut c = facts(3, "acme", RequestKind::Erasure); // an ID demand, then nothing
    c.identity_requested = true;
    let d_ = facts(4, "beta", RequestKind::Objection); // never answered
    let mut e = facts(5, "beta", RequestKind::Access); // answered late, after a reminder
    e.reminders = vec![d("2026-04-10")];
    e.first_answer = Some(d("2026-04-20"));
    e.checklist = Some(vec![I::Confirmation, I::Purposes]);
    let mut f = facts(6, "beta", RequestKind::Access); // still within its period
    f.sent = Some(d("2026-06-15"));
    let mut g = facts(7, "beta", RequestKind::Access); // a draft
    g.sent = None;
    let h = facts(8, "beta", RequestKind::Reminder); // the reminder itself
    let mut i = facts(9, "beta", RequestKind::Erasure); // refused quickly
    i.first_answer = Some(d("2026-03-10"));
    i.refused = true;
    vec![a, b, c, d_, e, f, g, h, i]
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 5e-4)
}

#[test]
fn the_fixture_by_hand() {
    let today = d("2026-06-30");
    let r = report(&fixture(), &ReportFilter::default(), GroupBy::Controller, today, &FilterWords::default());
    let t = &r.total;
    assert_eq!((r.drafts, r.follow_ups, r.embargoed), (1, 1, 0));
    assert_eq!(t.sent, 7);
    assert_eq!((t.answered, t.answered_in_time, t.answered_late), (4, 3, 1));
    assert_eq!((t.never_answered, t.pending), (2, 1));
    // 4 of the 6 that were due or answered; Wilson 95 %: 0.300–0.903.
    assert_eq!((t.response_rate.successes, t.response_rate.trials), (4, 6));
    assert!(close(t.response_rate.value, 4.0 / 6.0));
    assert!(close(t.response_rate.ci_low, 0.3000), "{:?}", t.response_rate);
    assert!(close(t.response_rate.ci_high, 0.9032), "{:?}", t.response_rate);
    assert_eq!((t.in_time_rate.successes, t.in_time_rate.trials), (3, 6));
    // Days to the first answer: 8, 31, 49, 79.
    let first = &t.days_to_first_answer;
    assert_eq!((first.n, first.min, first.max), (4, Some(8), Some(79)));
    assert!(close(first.median, 40.0) && close(first.q1, 25.25) && close(first.q3, 56.5), "{first:?}");
    assert_eq!(t.median_days_to_first_answer, Some(40.0));
    let bins: Vec<u32> = first.histogram.iter().map(|b| b.count).collect();
    assert_eq!(bins, [0, 1, 0, 0, 1, 1, 1, 0]);
    // To a complete answer: 31 and 79.
    assert!(close(t.days_to_complete_answer.median, 55.0));
    assert_eq!((t.extended, t.id_demanded), (1, 1));
    let o = &t.outcomes;
    assert_eq!((o.complied, o.partial, o.refused, o.id_demanded, o.no_answer, o.open), (2, 1, 1, 1, 1, 1));
    // Art. 15: three checked answers (a, b, e).
    assert_eq!(t.checked, 3);
    let item = |i: AccessItem| t.completeness.iter().find(|c| c.item == i).unwrap().present;
    assert_eq!((item(AccessItem::Confirmation).successes, item(AccessItem::Confirmation).trials), (3, 3));
    assert_eq!(item(AccessItem::Purposes).successes, 2);
    assert_eq!(item(AccessItem::Copy).successes, 1);
    assert_eq!(item(AccessItem::Recipients).successes, 0);
    assert_eq!((t.escalations.reminded, t.escalations.answered_after_reminder), (1, 1));
    // Groups in key order, each too small to compare.
    let keys: Vec<&str> = r.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["acme", "beta"]);
    let acme = &r.groups[0];
    assert_eq!((acme.sent, acme.answered, acme.never_answered, acme.pending), (3, 2, 1, 0));
    assert!(acme.too_small && t.too_small);
    assert!(r.caveats.iter().any(|c| c.starts_with("1 request is still within its period")), "{:?}", r.caveats);
}

#[test]
fn the_deadline_day_is_in_time_and_the_day_after_is_late() {
    let mut f = facts(1, "acme", RequestKind::Access);
    f.first_answer = Some(d("2026-04-02"));
    assert_eq!(answer(&f, d("2026-06-30")), Answer::InTime);
    f.first_answer = Some(d("2026-04-03"));
    assert_eq!(answer(&f, d("2026-06-30")), Answer::Late);
    // Receipt, where recorded, starts the clock: received Fri 3 April → due Mon 4 May (3 May is a Sunday).
    f.received = Some(d("2026-04-03"));
    f.first_answer = Some(d("2026-05-04"));
    assert_eq!(answer(&f, d("2026-06-30")), Answer::InTime);
    // Unanswered: pending through the due day, never the day after.
    let g = facts(2, "acme", RequestKind::Access);
    assert_eq!(answer(&g, d("2026-04-02")), Answer::Pending);
    assert_eq!(answer(&g, d("2026-04-03")), Answer::Never);
}

#[test]
fn a_closed_requests_recorded_outcome_wins() {
    let mut f = facts(1, "acme", RequestKind::Access);
    f.first_answer = Some(d("2026-03-20"));
    f.closed = Some(d("2026-04-20"));
    f.outcome = Some(Outcome::Refused);
    assert_eq!(outcome_class(&f, d("2026-06-30")), OutcomeClass::Refused);
    // Closed without an answer: never answered, even before the due day.
    let mut g = facts(2, "acme", RequestKind::Access);
    g.closed = Some(d("2026-03-05"));
    g.outcome = Some(Outcome::Withdrawn);
    assert_eq!(answer(&g, d("2026-03-06")), Answer::Never);
    assert_eq!(outcome_class(&g, d("2026-03-06")), OutcomeClass::Withdrawn);
}

#[test]
fn wilson_intervals_match_published_values() {
    // Newcombe (1998), table I: 81/263 → 0.2553–0.3662; 0/10 → 0–0.2775.
    let p = wilson(81, 263);
    assert!(close(p.ci_low, 0.2553) && close(p.ci_high, 0.3662), "{p:?}");
    let p = wilson(0, 10);
    assert!(close(p.ci_low, 0.0) && close(p.ci_high, 0.2775), "{p:?}");
    let p = wilson(10, 10);
    assert!(close(p.ci_low, 0.7225) && close(p.ci_high, 1.0), "{p:?}");
    assert_eq!(wilson(0, 0).value, None);
}

#[test]
fn embargoed_requests_are_left_out_until_their_day() {
    let mut fs = fixture();
    fs[0].embargo_until = Some(d("2026-07-01"));
    let filter = ReportFilter::default();
    let before = report(&fs, &filter, GroupBy::Kind, d("2026-06-30"), &FilterWords::default());
    assert_eq!((before.total.sent, before.embargoed), (6, 1));
    assert!(before.methodology.contains("left out until the embargo ends"));
    let on_the_day = report(&fs, &filter, GroupBy::Kind, d("2026-07-01"), &FilterWords::default());
    assert_eq!((on_the_day.total.sent, on_the_day.embargoed), (7, 0));
    let with = ReportFilter { include_embargoed: true, ..Default::default() };
    assert_eq!(report(&fs, &with, GroupBy::Kind, d("2026-06-30"), &FilterWords::default()).total.sent, 7);
}

#[test]
fn the_methodology_says_what_the_filter_chose() {
    let filter = ReportFilter {
        tag: Some("wave-1".into()),
        kind: Some(RequestKind::Access),
        from: Some("2026-01-01".into()),
        to: Some("2026-03-31".into()),
        ..Default::default()
    };
    let words = FilterWords { project: Some("Adtech study".into()), ..Default::default() };
    let m = methodology(&filter, GroupBy::Month, d("2026-06-30"), &words);
    for part in [
        "“Adtech study”",
        "tagged “wave-1”",
        "Access",
        "sent from 2026-01-01 to 2026-03-31",
        "as of 2026-06-30",
        "per month",
    ] {
        assert!(m.contains(part), "{part} missing from: {m}");
    }
    assert!(m.contains("Wilson") && m.contains("fewer than 10"));
    let bad = ReportFilter { from: Some("2026-04-01".into()), to: Some("2026-03-01".into()), ..Default::default() };
    assert!(bad.period().is_err());
}

#[test]
fn pseudonyms_are_stable_within_one_export() {
    let mut p = Pseudonyms::default();
    assert_eq!([p.of(42), p.of(7), p.of(42), p.of(9)], ["P1", "P2", "P1", "P3"]);
}

/// A small deterministic generator, so the property below runs over many
/// random sets of requests without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn day(&mut self) -> NaiveDate {
        d("2025-01-01") + chrono::Duration::days(self.below(600) as i64)
    }
    fn maybe_day_after(&mut self, start: NaiveDate) -> Option<NaiveDate> {
        (self.below(3) > 0).then(|| start + chrono::Duration::days(self.below(150) as i64))
    }
}

fn random_facts(rng: &mut Rng, n: usize) -> Vec<RequestFacts> {
    let kinds = [RequestKind::Access, RequestKind::Erasure, RequestKind::Objection, RequestKind::Reminder];
    let controllers = ["acme", "beta", "gamma", "delta"];
    (0..n)
        .map(|i| {
            let mut f = facts(i as Id, controllers[rng.below(4) as usize], kinds[rng.below(4) as usize]);
            f.sent = (rng.below(8) > 0).then(|| rng.day());
            let start = f.sent.unwrap_or(d("2025-01-01"));
            f.received = (rng.below(3) == 0).then(|| start + chrono::Duration::days(rng.below(5) as i64));
            f.extended = rng.below(5) == 0;
            f.identity_requested = rng.below(5) == 0;
            f.first_answer = rng.maybe_day_after(start);
            f.complete_answer = f.first_answer.filter(|_| rng.below(2) == 0);
            f.refused = f.first_answer.is_some() && f.complete_answer.is_none() && rng.below(3) == 0;
            f.closed = (rng.below(6) == 0).then(|| start + chrono::Duration::days(60));
            f.outcome = f.closed.map(|_| Outcome::ALL[rng.below(5) as usize]);
            f.checklist = (f.kind == RequestKind::Access && rng.below(2) == 0)
                .then(|| AccessItem::ALL.into_iter().filter(|_| rng.below(2) == 0).collect());
            f.reminders = (rng.below(4) == 0).then(|| start + chrono::Duration::days(40)).into_iter().collect();
            f.embargo_until = (rng.below(10) == 0).then(|| rng.day());
            f.country = ["", "DE", "FR", "IE"][rng.below(4) as usize].into();
            f
        })
        .collect()
}

#[test]
fn the_counts_add_up_for_any_selection() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..300 {
        let n = rng.below(60) as usize;
        let all = random_facts(&mut rng, n);
        // Any selection: a random subset, as a filter would make it.
        let chosen: Vec<RequestFacts> = all.into_iter().filter(|_| rng.below(3) > 0).collect();
        let today = rng.day();
        let by = GroupBy::ALL[round % 3];
        let filter = ReportFilter { include_embargoed: round % 2 == 0, ..Default::default() };
        let r = report(&chosen, &filter, by, today, &FilterWords::default());
        let t = &r.total;
        assert_eq!(r.drafts + r.follow_ups + r.embargoed + t.sent, chosen.len() as u32, "round {round}");
        for g in std::iter::once(t).chain(&r.groups) {
            assert_eq!(g.answered_in_time + g.answered_late + g.never_answered + g.pending, g.sent, "round {round}");
            assert_eq!(g.answered, g.answered_in_time + g.answered_late);
            assert_eq!(g.outcomes.total(), g.sent, "round {round}");
            assert_eq!(g.days_to_first_answer.n, g.answered, "round {round}");
            assert_eq!(g.days_to_first_answer.histogram.iter().map(|b| b.count).sum::<u32>(), g.answered);
            assert_eq!(g.response_rate.trials, g.sent - g.pending);
            assert!(g.days_to_complete_answer.n <= g.days_to_first_answer.n);
            assert!(g.escalations.answered_after_reminder <= g.escalations.reminded);
            assert_eq!(g.too_small, g.sent < SMALL_CELL);
            if let (Some(lo), Some(v), Some(hi)) =
                (g.response_rate.ci_low, g.response_rate.value, g.response_rate.ci_high)
            {
                assert!((0.0..=v).contains(&lo) && (v..=1.0).contains(&hi), "round {round}: {lo} {v} {hi}");
            }
            if let (Some(q1), Some(m), Some(q3)) =
                (g.days_to_first_answer.q1, g.days_to_first_answer.median, g.days_to_first_answer.q3)
            {
                assert!(q1 <= m && m <= q3);
            }
        }
        // The groups partition the total.
        let sum = |f: fn(&Group) -> u32| r.groups.iter().map(f).sum::<u32>();
        assert_eq!(sum(|g| g.sent), t.sent);
        assert_eq!(sum(|g| g.answered_in_time), t.answered_in_time);
        assert_eq!(sum(|g| g.never_answered), t.never_answered);
        assert_eq!(sum(|g| g.pending), t.pending);
        assert_eq!(sum(|g| g.outcomes.complied), t.outcomes.complied);
        assert_eq!(sum(|g| g.checked), t.checked);
        let mut keys: Vec<&str> = r.groups.iter().map(|g| g.key.as_str()).collect();
        let unsorted = keys.clone();
        keys.sort_unstable();
        assert_eq!(keys, unsorted, "groups in key order, never ranked");
    }
}

#[test]
fn a_pseudonymised_row_names_no_one_and_keeps_the_numbers() {
    let today = d("2026-06-30");
    let mut all = fixture();
    all[0].tags = vec!["ada's case".into()];
    all[0].projects = vec!["Study".into()];
    all[3].embargo_until = Some(d("2026-09-01"));
    let mut p = Pseudonyms::default();
    let rows: Vec<rows::RequestRow> = all
        .iter()
        .filter(|f| rows::exported(f, today, true, true))
        .map(|f| rows::row(f, today, "Ada Lovelace", Some(&mut p)))
        .collect();
    // Not the draft, the reminder or the embargoed objection (never in a publication export).
    assert_eq!(
        rows.iter().map(|r| r.reference.as_str()).collect::<Vec<_>>(),
        ["RD-2026-1", "RD-2026-2", "RD-2026-3", "RD-2026-5", "RD-2026-6", "RD-2026-9"]
    );
    assert!(rows.iter().all(|r| r.person.starts_with('P') && r.tags.is_empty() && r.projects.is_empty()));
    // Persons 2, 1, 2, 2, 1, 2 (1 + id % 2): the first met is P1.
    assert_eq!(rows.iter().map(|r| r.person.as_str()).collect::<Vec<_>>(), ["P1", "P2", "P1", "P1", "P2", "P1"]);
    let text = format!("{rows:?}");
    assert!(!text.contains("Ada") && !text.contains("Study"), "{text}");
    assert_eq!(
        (rows[0].answer.as_str(), rows[0].days_to_first_answer, rows[0].due.as_str()),
        ("in_time", Some(31), "2026-04-02")
    );
    assert_eq!(rows[0].items, ["confirmation", "purposes", "copy"]);
    assert!(rows[3].answered_after_reminder && rows[3].reminders == 1 && rows[3].answer == "late");
    assert_eq!(rows[2].outcome, "id_demanded");
    assert_eq!(rows[0].cells(true).len(), rows::COLUMNS.len());
    // Not pseudonymised, asked for: the embargoed one is there, with its day; names and tags kept.
    let named = all.iter().filter(|f| rows::exported(f, today, true, false)).count();
    assert_eq!(named, 7);
    let r = rows::row(&all[0], today, "Ada Lovelace", None);
    assert_eq!((r.person.as_str(), r.tags.len()), ("Ada Lovelace", 1));
}
