//! Backup and restore of a lifetime of requests (prints figures, asserts nothing).
//!   cargo bench -p rightsdesk-tests --bench backup
//! Targets (issue 15): with 10,000 requests and 50,000 messages, a backup
//! < 5 s and a restore < 10 s (each includes one Argon2id derivation); the
//! built-in datarequests.org snapshot applied on a new store < 1 s.

use std::time::Instant;

use rightsdesk_store::{DataDir, KeyChoice, MemorySecrets, Store};

const REQUESTS: i64 = 10_000;
const MESSAGES_PER_REQUEST: i64 = 5;
const PASS: &str = "benchmark backup passphrase";

/// The built-in datarequests.org snapshot on a new store (target < 1 s):
/// unpacking and parsing, then applying; and a second start (nothing to do).
fn snapshot() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store =
        Store::create(&DataDir::new(tmp.path().join("data")), KeyChoice::Passphrase("benchmark passphrase"))
            .unwrap_or_else(|e| panic!("{e}"));
    rightsdesk_usecases::ready(&mut store).unwrap_or_else(|e| panic!("{e}"));
    let t = Instant::now();
    let batch = rightsdesk_import::snapshot::batch().unwrap_or_else(|e| panic!("{e}"));
    let unpack = t.elapsed();
    drop(batch);
    let t = Instant::now();
    let report = rightsdesk_usecases::snapshot::ensure_applied(&mut store).unwrap_or_else(|e| panic!("{e}"));
    let apply = t.elapsed();
    let t = Instant::now();
    let again = rightsdesk_usecases::snapshot::ensure_applied(&mut store).unwrap_or_else(|e| panic!("{e}"));
    let second = t.elapsed();
    let report = report.unwrap_or_else(|| panic!("a new store gets the snapshot"));
    assert!(again.is_none());
    println!(
        "snapshot {}: {} KiB compressed, unpack+parse {:.0} ms, first start (unpack, parse, apply {} controllers, {} authorities) {:.0} ms, next start {:.1} ms",
        rightsdesk_import::snapshot::version(),
        include_bytes!("../../crates/import/data/datenanfragen.json.z").len() / 1024,
        unpack.as_secs_f64() * 1000.0,
        report.added,
        report.authorities,
        apply.as_secs_f64() * 1000.0,
        second.as_secs_f64() * 1000.0
    );
}

fn main() {
    snapshot();
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store =
        Store::create(&DataDir::new(tmp.path().join("data")), KeyChoice::Passphrase("benchmark passphrase"))
            .unwrap_or_else(|e| panic!("{e}"));
    rightsdesk_usecases::ready(&mut store).unwrap_or_else(|e| panic!("{e}"));
    {
        let conn = store.raw_connection();
        let tx = conn.transaction().unwrap_or_else(|e| panic!("{e}"));
        let controller: i64 =
            tx.query_row("SELECT min(id) FROM controllers", [], |r| r.get(0)).unwrap_or_else(|e| panic!("{e}"));
        tx.execute(
            "INSERT INTO people (display_name, created_at, updated_at) VALUES ('Ada', '2026-01-01', '2026-01-01')",
            [],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let person = tx.last_insert_rowid();
        // A reply of realistic size: ~3 kB of text and its ~6 kB raw message.
        let body = "Thank you for your request under Article 15 GDPR. We enclose the information. ".repeat(40);
        let raw = format!("From: dpo@example.com\r\nSubject: Re: request\r\n\r\n{body}{body}");
        for i in 0..REQUESTS {
            tx.execute(
                "INSERT INTO requests (person_id, controller_id, kind, status, reference, created_at, updated_at, sent_on, received_on)
                 VALUES (?1, ?2, 'access', 'answered_complete', ?3, '2026-01-01', '2026-01-01', '2026-01-02', '2026-01-02')",
                rusqlite::params![person, controller, format!("RD-2026-{i:06}")],
            )
            .unwrap_or_else(|e| panic!("{e}"));
            let request = tx.last_insert_rowid();
            for m in 0..MESSAGES_PER_REQUEST {
                tx.execute(
                    "INSERT INTO messages (request_id, direction, channel, subject, body, message_id, at, raw)
                     VALUES (?1, 'incoming', 'email', 'Re: your request', ?2, ?3, '2026-01-10', ?4)",
                    rusqlite::params![request, body, format!("<{i}.{m}@example.com>"), raw.as_bytes()],
                )
                .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        tx.commit().unwrap_or_else(|e| panic!("{e}"));
    }
    let db_bytes = std::fs::metadata(tmp.path().join("data/rightsdesk.db")).map(|m| m.len()).unwrap_or(0);
    println!(
        "store: {REQUESTS} requests, {} messages, database {:.1} MB",
        REQUESTS * MESSAGES_PER_REQUEST,
        db_bytes as f64 / 1e6
    );

    let file = tmp.path().join("bench.rdbackup");
    // The median of three: this machine's figures vary by a second run to run.
    let mut runs: Vec<(f64, u64)> = (0..3)
        .map(|_| {
            let t = Instant::now();
            let summary = store.backup_to(&file, PASS).unwrap_or_else(|e| panic!("{e}"));
            (t.elapsed().as_secs_f64(), summary.bytes)
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!(
        "backup:  {:.2} s (median of 3; {:.2}–{:.2} s), file {:.1} MB (target < 5 s)",
        runs[1].0,
        runs[0].0,
        runs[2].0,
        runs[1].1 as f64 / 1e6
    );

    let t = Instant::now();
    rightsdesk_store::verify_backup(&file, PASS).unwrap_or_else(|e| panic!("{e}"));
    println!("verify:  {:.2} s", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let (restored, _) = rightsdesk_store::restore_backup(
        &DataDir::new(tmp.path().join("restored")),
        &file,
        PASS,
        KeyChoice::PreferKeyring { fallback_passphrase: None },
        MemorySecrets::shared(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "restore: {:.2} s (target < 10 s), {} requests",
        t.elapsed().as_secs_f64(),
        restored.request_count().unwrap_or(0)
    );
}
