//! Request-tracking benchmarks (not tests: they print figures, assert nothing).
//!   cargo bench -p rightsdesk-tests --bench requests
//! Targets (issue "Track every request to its outcome"): with 100,000
//! requests and 1,000,000 events, the attention view and a filtered request
//! list < 20 ms p95; recomputing every deadline < 1 s.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rightsdesk_domain::RequestStatus;
use rightsdesk_store::{DataDir, KeyChoice, RequestFilter, Store};
use rusqlite::params;

const REQUESTS: i64 = 100_000;
const EVENTS_PER_REQUEST: i64 = 10;

fn p95(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[v.len() * 95 / 100])
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store =
        Store::create(&DataDir::new(tmp.path().join("data")), KeyChoice::Passphrase("benchmark passphrase"))
            .unwrap_or_else(|e| panic!("{e}"));
    rightsdesk_usecases::ready(&mut store).unwrap_or_else(|e| panic!("{e}"));

    // Seed: 1,000 people, the registry's controllers, 100,000 requests in
    // realistic states with dates over 2024–2026, and 10 events each.
    let t = Instant::now();
    {
        let conn = store.raw_connection();
        let tx = conn.transaction().unwrap_or_else(|e| panic!("{e}"));
        let controllers: Vec<i64> = {
            let mut s = tx.prepare("SELECT id FROM controllers").unwrap_or_else(|e| panic!("{e}"));
            s.query_map([], |r| r.get(0)).unwrap_or_else(|e| panic!("{e}")).filter_map(Result::ok).collect()
        };
        for p in 0..1000 {
            tx.execute(
                "INSERT INTO people (display_name, created_at, updated_at) VALUES (?1, '2026-01-01', '2026-01-01')",
                [format!("Person {p}")],
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        let statuses = [
            "sent",
            "sent",
            "acknowledged",
            "extended",
            "answered_complete",
            "answered_partial",
            "refused",
            "closed",
            "draft",
            "admonished",
        ];
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        let mut req = tx
            .prepare(
                "INSERT INTO requests (person_id, controller_id, kind, status, reference, created_at, updated_at, sent_on,
                                       received_on, extended_on, admonished_on)
                 VALUES (?1, ?2, 'access', ?3, ?4, ?5, ?5, ?6, ?6, ?7, ?8)",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        let mut ev = tx
            .prepare("INSERT INTO events (request_id, at, kind, cause, detail) VALUES (?1, ?2, 'note', 'user', '')")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut seed = 42u64;
        for i in 0..REQUESTS {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let status = statuses[(seed >> 33) as usize % statuses.len()];
            let sent = start + chrono::Duration::days(((seed >> 20) % 1000) as i64);
            let sent_s = (status != "draft").then(|| sent.to_string());
            let extended = (status == "extended").then(|| (sent + chrono::Duration::days(20)).to_string());
            let admonished = (status == "admonished").then(|| (sent + chrono::Duration::days(40)).to_string());
            req.execute(params![
                1 + (i % 1000),
                controllers[i as usize % controllers.len()],
                status,
                format!("RD-B-{i}"),
                format!("{sent}T12:00:00.000Z"),
                sent_s,
                extended,
                admonished
            ])
            .unwrap_or_else(|e| panic!("{e}"));
            let id = tx.last_insert_rowid();
            for k in 0..EVENTS_PER_REQUEST {
                ev.execute(params![id, format!("{sent}T12:{k:02}:00.000Z")]).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        drop(req);
        drop(ev);
        tx.commit().unwrap_or_else(|e| panic!("{e}"));
    }
    println!(
        "seeded {REQUESTS} requests and {} events in {:.1} s",
        REQUESTS * EVENTS_PER_REQUEST,
        t.elapsed().as_secs_f64()
    );

    let runs = 3;
    let mut recompute = Vec::new();
    for i in 0..runs {
        let t = Instant::now();
        let changed = store.recompute_deadlines().unwrap_or_else(|e| panic!("{e}"));
        recompute.push(t.elapsed());
        if i == 0 {
            println!("  (first recompute set {changed} deadlines)");
        }
    }
    recompute.sort();
    println!("recompute every deadline ({REQUESTS} requests): {}  (target < 1 s)", ms(recompute[runs / 2]));

    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default();
    let t = Instant::now();
    let n = store.mark_overdue(today).unwrap_or_else(|e| panic!("{e}"));
    println!("mark overdue on {today}: {n} requests in {}", ms(t.elapsed()));

    {
        let conn = store.raw_connection();
        for (name, sql) in [
            (
                "overdue",
                "SELECT r.id FROM requests r JOIN people p ON p.id = r.person_id JOIN controllers c ON c.id = r.controller_id WHERE r.due_on IS NOT NULL AND r.due_on < '2026-06-15' AND r.status NOT IN ('draft', 'answered_complete', 'closed') ORDER BY r.due_on LIMIT 200",
            ),
            (
                "decisions",
                "SELECT r.id FROM requests r JOIN people p ON p.id = r.person_id JOIN controllers c ON c.id = r.controller_id WHERE r.status IN ('answered_partial', 'refused') ORDER BY r.status, r.updated_at LIMIT 200",
            ),
        ] {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap_or_else(|e| panic!("{e}"));
            let plan: Vec<String> = stmt
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap_or_else(|e| panic!("{e}"))
                .filter_map(Result::ok)
                .collect();
            println!("  plan {name}: {}", plan.join(" | "));
        }
    }
    let mut att = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        std::hint::black_box(store.attention(today, 7).unwrap_or_else(|e| panic!("{e}")));
        att.push(t.elapsed());
    }
    let (a50, a95) = p95(att);
    println!("attention view: p50 {}, p95 {}  (target p95 < 20 ms)", ms(a50), ms(a95));

    let mut list = Vec::new();
    for i in 0..100 {
        let filter = RequestFilter {
            status: Some(if i % 2 == 0 { RequestStatus::Sent } else { RequestStatus::Overdue }),
            due_before: Some(format!("2025-{:02}-28", 1 + i % 12)),
            person_id: None,
            limit: Some(100),
        };
        let t = Instant::now();
        std::hint::black_box(store.list_requests(&filter).unwrap_or_else(|e| panic!("{e}")));
        list.push(t.elapsed());
    }
    let (l50, l95) = p95(list);
    println!(
        "filtered request list (status + due before, 100 rows): p50 {}, p95 {}  (target p95 < 20 ms)",
        ms(l50),
        ms(l95)
    );
}
