//! Registry benchmarks (not tests: they print figures, assert nothing).
//!   cargo bench -p rightsdesk-tests --bench registry
//! Targets (issue "Know who processes my data"): full datarequests.org import
//! < 1 s, a vendor list < 0.5 s, search over 5,000 controllers < 10 ms p95.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rightsdesk_domain::ControllerDraft;
use rightsdesk_domain::import::{ImportBatch, ImportedController};
use rightsdesk_import::{datenanfragen, tcf};
use rightsdesk_store::{DataDir, KeyChoice, Store};

fn fresh_store(dir: &tempfile::TempDir, name: &str) -> Store {
    let mut s = Store::create(&DataDir::new(dir.path().join(name)), KeyChoice::Passphrase("benchmark passphrase"))
        .unwrap_or_else(|e| panic!("{e}"));
    rightsdesk_usecases::ready(&mut s).unwrap_or_else(|e| panic!("{e}"));
    s
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
    if !shared.join("datenanfragen").exists() {
        eprintln!("SKIPPED: {} not found; the registry benchmarks need the shared corpora", shared.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let folder = shared.join("datenanfragen");
    let runs = 5;

    // datarequests.org: parse + apply into an empty store (the registry already in it).
    let (mut parse, mut apply) = (Vec::new(), Vec::new());
    for i in 0..runs {
        let mut s = fresh_store(&tmp, &format!("dn{i}"));
        let t = Instant::now();
        let batch = datenanfragen::load(folder.to_str().unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
        parse.push(t.elapsed());
        let t = Instant::now();
        let r = s.apply_import(&batch).unwrap_or_else(|e| panic!("{e}"));
        apply.push(t.elapsed());
        assert!(r.added > 3000);
    }
    let (p, a) = (median(parse), median(apply));
    println!(
        "datarequests.org corpus (3,069 companies, 57 authorities): parse {} + store {} = {}  (target < 1 s)",
        ms(p),
        ms(a),
        ms(p + a)
    );

    for file in ["gvl-v2-2023-11-16.json", "gvl-v3-2024-03-21-vendors-only.json"] {
        let path = shared.join("tcf").join(file);
        let mut total = Vec::new();
        for i in 0..runs {
            let mut s = fresh_store(&tmp, &format!("{file}{i}"));
            let t = Instant::now();
            let batch = tcf::load(path.to_str().unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
            s.apply_import(&batch).unwrap_or_else(|e| panic!("{e}"));
            total.push(t.elapsed());
        }
        println!("vendor list {file}: {}  (target < 0.5 s)", ms(median(total)));
    }

    // Search over ≥ 5,000 controllers: registry + datarequests.org + GVL v2, topped up with synthetic ones.
    let mut s = fresh_store(&tmp, "search");
    s.apply_import(&datenanfragen::load(folder.to_str().unwrap_or_default()).unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    s.apply_import(
        &tcf::load(shared.join("tcf/gvl-v2-2023-11-16.json").to_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let have = s.count_controllers().unwrap_or_default();
    let extra: Vec<ImportedController> = (0..(5000 - have).max(0))
        .map(|i| ImportedController {
            draft: ControllerDraft {
                slug: format!("synthetic-{i}"),
                name: format!("Synthetic Controller {i} GmbH"),
                ..Default::default()
            },
            tcf_vendor_id: None,
            claims: Vec::new(),
            events: Vec::new(),
        })
        .collect();
    s.apply_import(&ImportBatch {
        origin: rightsdesk_domain::Origin::User,
        location: "synthetic".into(),
        version: String::new(),
        controllers: extra,
        authorities: Vec::new(),
        redirects: Vec::new(),
        rejected: Vec::new(),
        complete: false,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let total = s.count_controllers().unwrap_or_default();
    let names: Vec<String> =
        s.search_controllers("a", 5000).unwrap_or_default().into_iter().map(|h| h.name.to_lowercase()).collect();
    let mut queries: Vec<String> =
        vec!["tiktok".into(), "meta".into(), "goo".into(), "x".into(), "amazon eu".into(), "zzzz-none".into()];
    let mut seed = 12345u64;
    for _ in 0..994 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let name = &names[(seed >> 33) as usize % names.len()];
        let chars: Vec<char> = name.chars().collect();
        let len = 2 + (seed >> 20) as usize % 6;
        let start = (seed >> 40) as usize % chars.len().saturating_sub(len).max(1);
        queries.push(chars[start..(start + len).min(chars.len())].iter().collect());
    }
    let mut times = Vec::with_capacity(queries.len());
    for q in &queries {
        let t = Instant::now();
        let hits = s.search_controllers(q, 50).unwrap_or_default();
        times.push(t.elapsed());
        std::hint::black_box(hits);
    }
    times.sort();
    let p50 = times[times.len() / 2];
    let p95 = times[times.len() * 95 / 100];
    let max = times[times.len() - 1];
    println!(
        "search over {total} controllers, {} queries (limit 50): p50 {}, p95 {}, max {}  (target p95 < 10 ms)",
        queries.len(),
        ms(p50),
        ms(p95),
        ms(max)
    );
}
