//! Policy-watch benchmarks and evaluation (figures, no assertions).
//!   cargo bench -p rightsdesk-tests --bench policy
//! Targets (issue "Know when a platform changes its legal basis"): importing a
//! policy version and computing its changes < 200 ms for the largest policy
//! in the corpus; replaying a platform's full recorded history < 5 s.
//! Also printed: precision and recall of basis-change detection over TikTok's
//! and Facebook's recorded histories (against tests/fixtures/
//! policy-basis-changes.json), and the claim extractor's agreement with the
//! curated registry over every current policy.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rightsdesk_domain::policy::{self, EXTRACTED_PURPOSES, VersionOrigin};
use rightsdesk_domain::{ClaimStatus, ControllerDraft};
use rightsdesk_store::{DataDir, KeyChoice, Store};
use rightsdesk_usecases::policies;

fn fresh_store(dir: &tempfile::TempDir, name: &str) -> Store {
    let mut s = Store::create(&DataDir::new(dir.path().join(name)), KeyChoice::Passphrase("benchmark passphrase"))
        .unwrap_or_else(|e| panic!("{e}"));
    rightsdesk_usecases::ready(&mut s).unwrap_or_else(|e| panic!("{e}"));
    s
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/policies");
    if !dir.join("manifest.json").exists() {
        eprintln!("SKIPPED: {} not found; the policy benchmarks need the shared corpora", dir.display());
        return;
    }
    let read = |f: &str| std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&read("manifest.json")).unwrap_or_else(|e| panic!("manifest: {e}"));
    let history = manifest["history"].as_array().cloned().unwrap_or_default();
    let current = manifest["current"].as_array().cloned().unwrap_or_default();
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));

    // 1. Import + changes of the largest policy, against the version before it.
    let largest =
        current.iter().max_by_key(|v| read(v["file"].as_str().unwrap_or_default()).len()).cloned().unwrap_or_default();
    let largest_file = largest["file"].as_str().unwrap_or_default();
    let platform = largest["platform"].as_str().unwrap_or_default();
    let previous = history
        .iter()
        .rev()
        .find(|v| v["platform"] == platform && read(v["file"].as_str().unwrap_or_default()) != read(largest_file))
        .map(|v| v["file"].as_str().unwrap_or_default().to_owned());
    let bytes = read(largest_file);
    let mut times = Vec::new();
    for i in 0..10 {
        let mut s = fresh_store(&tmp, &format!("big{i}"));
        s.create_controller(ControllerDraft { slug: "big".into(), name: platform.into(), ..Default::default() })
            .unwrap_or_else(|e| panic!("{e}"));
        if let Some(prev) = &previous {
            policies::import(&mut s, "big", "2026-01-01", &read(prev), VersionOrigin::Import, prev, "")
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let t = Instant::now();
        let r = policies::import(&mut s, "big", "2026-08-22", &bytes, VersionOrigin::Import, largest_file, "")
            .unwrap_or_else(|e| panic!("{e}"));
        times.push(t.elapsed());
        assert!(r.added);
    }
    println!(
        "import + changes, largest policy ({platform}, {} kB, against {}): median {}, p95 {}  (target < 200 ms)",
        bytes.len() / 1024,
        previous.as_deref().unwrap_or("nothing"),
        ms(pct(&mut times, 0.5)),
        ms(pct(&mut times, 0.95)),
    );

    // 2. Replay: every recorded version imported in order, then the changes
    //    of the whole history recomputed from the store.
    let truth: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/policy-basis-changes.json")).unwrap_or_else(|e| panic!("{e}"));
    let (mut tp_all, mut flagged_all, mut real_all) = (0, 0, 0);
    for (name, slug) in [("TikTok", "tiktok"), ("Facebook", "facebook")] {
        let mut s = fresh_store(&tmp, slug);
        let versions: Vec<_> = history.iter().filter(|v| v["platform"] == name).collect();
        let t = Instant::now();
        let mut flagged = Vec::new();
        let (mut suspect, mut variant) = (0, 0);
        for v in &versions {
            let file = v["file"].as_str().unwrap_or_default();
            let r = policies::import(
                &mut s,
                slug,
                v["recorded"].as_str().unwrap_or_default(),
                &read(file),
                VersionOrigin::Import,
                file,
                v["ota_commit"].as_str().unwrap_or_default(),
            )
            .unwrap_or_else(|e| panic!("{file}: {e}"));
            match r.change.version.standing {
                policy::Standing::Suspect => suspect += 1,
                policy::Standing::Variant => variant += 1,
                policy::Standing::Good => {}
            }
            if r.added && r.change.comparison.basis_related {
                flagged.push(file.rsplit('/').next().unwrap_or_default().trim_end_matches(".md").to_owned());
            }
        }
        let imported = t.elapsed();
        let t = Instant::now();
        let replay = policies::changes(&s, slug).unwrap_or_else(|e| panic!("{e}"));
        let replayed = t.elapsed();
        let real: Vec<String> = truth[name]
            .as_array()
            .map(|a| a.iter().filter_map(|t| t["version"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        let tp = flagged.iter().filter(|f| real.contains(f)).count();
        println!(
            "{name}: {} versions ({} stored: {suspect} suspect captures, {variant} variants); import one by one {}, \
             replay of the stored history {}  (target < 5 s)",
            versions.len(),
            replay.len(),
            ms(imported),
            ms(replayed)
        );
        println!(
            "  basis changes: flagged {}, real {}, true positives {tp}: precision {:.2}, recall {:.2}",
            flagged.len(),
            real.len(),
            tp as f64 / flagged.len().max(1) as f64,
            tp as f64 / real.len().max(1) as f64
        );
        println!("  flagged: {}", flagged.join(", "));
        tp_all += tp;
        flagged_all += flagged.len();
        real_all += real.len();
    }
    println!(
        "both histories: precision {:.2} ({tp_all}/{flagged_all}), recall {:.2} ({tp_all}/{real_all})",
        tp_all as f64 / flagged_all.max(1) as f64,
        tp_all as f64 / real_all.max(1) as f64
    );

    // 3. The extractor against the curated registry, current policies.
    let registry = rightsdesk_import::registry::batch();
    let (mut both, mut in_registry, mut extracted_n) = (0, 0, 0);
    let mut rows = Vec::new();
    for v in &current {
        let name = v["platform"].as_str().unwrap_or_default();
        let Some((slug, _)) = rightsdesk_import::ota::SERVICES.iter().find(|(_, s)| *s == name) else {
            rows.push(format!("  {name}: not in the watch list"));
            continue;
        };
        let Some(entry) = registry.controllers.iter().find(|c| c.draft.slug == *slug) else { continue };
        let curated: BTreeSet<_> = entry
            .claims
            .iter()
            .map(|(c, _)| c)
            .filter(|c| c.status == ClaimStatus::InForce && c.valid_to.is_none())
            .filter(|c| EXTRACTED_PURPOSES.contains(&c.purpose) && c.basis != rightsdesk_domain::LegalBasis::Unknown)
            .map(|c| (c.purpose, c.basis))
            .collect();
        let text = String::from_utf8_lossy(&read(v["file"].as_str().unwrap_or_default())).into_owned();
        let found: BTreeSet<_> = policy::extract(&text).into_iter().map(|s| (s.purpose, s.basis)).collect();
        let agree = curated.intersection(&found).count();
        both += agree;
        in_registry += curated.len();
        extracted_n += found.len();
        rows.push(format!("  {name}: registry {}, extracted {}, agree {agree}", curated.len(), found.len()));
    }
    println!(
        "extractor vs curated registry, {} current policies: {both} of {in_registry} registry (purpose, basis) pairs \
         found (recall {:.2}); {both} of {extracted_n} extracted pairs in the registry (precision {:.2})",
        current.len(),
        both as f64 / in_registry.max(1) as f64,
        both as f64 / extracted_n.max(1) as f64
    );
    for r in rows {
        println!("{r}");
    }
}
