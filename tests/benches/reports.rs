//! Report benchmarks (not tests: they print figures, assert nothing).
//!   cargo bench -p rightsdesk-tests --bench reports
//! Targets (issue "Outcomes for journalists"): a report over 100,000 requests
//! and 1,000,000 events < 1 s. Also printed: the same report for a project
//! (10,000 requests), grouped by month, as JSON (what crosses IPC to the
//! Reports screen), the report with its charts as the Reports screen asks for
//! it (and the store's part of that), and the pseudonymised export of every
//! request as CSV.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rightsdesk_domain::report::{GroupBy, ReportFilter};
use rightsdesk_store::{DataDir, KeyChoice, Store};
use rightsdesk_usecases::reports::{self, Format};
use rusqlite::params;

const REQUESTS: i64 = 100_000;
const EVENTS_PER_REQUEST: i64 = 10;

fn median(mut f: impl FnMut() -> Duration) -> Duration {
    let mut v: Vec<Duration> = (0..5).map(|_| f()).collect();
    v.sort();
    v[2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // bench/reports-screen.sh keeps the seeded store to open it in the app.
    let data = std::env::var_os("RIGHTSDESK_BENCH_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("data"));
    let mut store = Store::create(&DataDir::new(data), KeyChoice::Passphrase("benchmark passphrase"))
        .unwrap_or_else(|e| panic!("{e}"));
    rightsdesk_usecases::ready(&mut store).unwrap_or_else(|e| panic!("{e}"));
    let project = store.create_project("Bench study", "").unwrap_or_else(|e| panic!("{e}")).id;

    // Seed: 1,000 people, the registry's controllers, 100,000 sent requests
    // over 2024–2026, each with 10 events of which up to two are answers
    // (with their day), one in ten in the project and tagged.
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
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        let mut req = tx
            .prepare(
                "INSERT INTO requests (person_id, controller_id, kind, status, reference, created_at, updated_at, sent_on,
                                       received_on, extended_on, identity_requested_on)
                 VALUES (?1, ?2, 'access', 'sent', ?3, ?4, ?4, ?4, ?4, ?5, ?6)",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        let mut ev = tx
            .prepare("INSERT INTO events (request_id, at, kind, cause, detail) VALUES (?1, ?2, ?3, 'user', ?4)")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut member = tx
            .prepare("INSERT INTO project_requests (project_id, request_id) VALUES (?1, ?2)")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut tag = tx
            .prepare("INSERT INTO request_tags (request_id, tag) VALUES (?1, 'round 1')")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut seed = 42u64;
        for i in 0..REQUESTS {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let sent = start + chrono::Duration::days(((seed >> 20) % 1000) as i64);
            let answer_after = ((seed >> 40) % 90) as i64;
            let answered = !(seed >> 12).is_multiple_of(4);
            let extended = (seed >> 8).is_multiple_of(10).then(|| (sent + chrono::Duration::days(20)).to_string());
            let id_demand = (seed >> 5).is_multiple_of(12).then(|| (sent + chrono::Duration::days(5)).to_string());
            let person = 1 + (seed >> 45) as i64 % 1000;
            let controller = controllers[(seed >> 50) as usize % controllers.len()];
            req.execute(params![person, controller, format!("RD-{i:06}"), sent.to_string(), extended, id_demand])
                .unwrap_or_else(|e| panic!("{e}"));
            let id = tx.last_insert_rowid();
            for e in 0..EVENTS_PER_REQUEST {
                let day = sent + chrono::Duration::days(e);
                let (kind, detail) = match e {
                    8 if answered => {
                        let d = sent + chrono::Duration::days(answer_after);
                        ("answered_partial", format!("{{\"date\":\"{d}\"}}"))
                    }
                    9 if answered && answer_after % 2 == 0 => {
                        let d = sent + chrono::Duration::days(answer_after + 10);
                        ("answered_complete", format!("{{\"date\":\"{d}\"}}"))
                    }
                    _ => ("note", String::new()),
                };
                ev.execute(params![id, format!("{day}T12:00:00Z"), kind, detail]).unwrap_or_else(|e| panic!("{e}"));
            }
            if i % 10 == 0 {
                member.execute(params![project, id]).unwrap_or_else(|e| panic!("{e}"));
                tag.execute([id]).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        drop((req, ev, member, tag));
        tx.commit().unwrap_or_else(|e| panic!("{e}"));
    }
    println!(
        "seeded {REQUESTS} requests, {} events in {:.1} s",
        REQUESTS * EVENTS_PER_REQUEST,
        t.elapsed().as_secs_f64()
    );

    let run = |filter: &ReportFilter, by: GroupBy| {
        median(|| {
            let t = Instant::now();
            let r = reports::report(&store, filter, by).unwrap_or_else(|e| panic!("{e}"));
            std::hint::black_box(r);
            t.elapsed()
        })
    };
    let all = ReportFilter::default();
    let r = reports::report(&store, &all, GroupBy::Controller).unwrap_or_else(|e| panic!("{e}"));
    println!("report: {} counted, {} groups", r.total.sent, r.groups.len());
    println!("report, every request, by controller (target < 1 s): {}", ms(run(&all, GroupBy::Controller)));
    println!("report, every request, by month:                     {}", ms(run(&all, GroupBy::Month)));
    let in_project = ReportFilter { project: Some(project), ..Default::default() };
    println!("report, one project (10,000 requests):              {}", ms(run(&in_project, GroupBy::Controller)));
    let tagged = ReportFilter { tag: Some("round 1".into()), ..Default::default() };
    println!("report, one tag (10,000 requests):                  {}", ms(run(&tagged, GroupBy::Kind)));
    let view = median(|| {
        let t = Instant::now();
        std::hint::black_box(reports::view(&store, &all, GroupBy::Controller).unwrap_or_else(|e| panic!("{e}")));
        t.elapsed()
    });
    println!("the Reports screen's reading: report + four charts:  {}", ms(view));
    let facts = median(|| {
        let t = Instant::now();
        std::hint::black_box(store.report_facts(&all).unwrap_or_else(|e| panic!("{e}")));
        t.elapsed()
    });
    println!("  of which the store's reading of the facts:        {}", ms(facts));
    let json = median(|| {
        let t = Instant::now();
        let s = serde_json::to_string(&r).unwrap_or_else(|e| panic!("{e}"));
        std::hint::black_box(s);
        t.elapsed()
    });
    let size = serde_json::to_string(&r).map(|s| s.len()).unwrap_or(0);
    println!("the report as JSON (what crosses IPC): {} for {} kB", ms(json), size / 1000);
    let out = tmp.path().join("requests.csv");
    let export = median(|| {
        let t = Instant::now();
        reports::export_requests(&store, &all, Format::Csv, true, &out).unwrap_or_else(|e| panic!("{e}"));
        t.elapsed()
    });
    println!("export requests, pseudonymised CSV of every request: {}", ms(export));
}
