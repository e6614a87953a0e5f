//! Controllers from the outside world: the curated registry, the
//! datarequests.org database and the IAB vendor list, into a real store.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;

use rightsdesk_domain::{ControllerDraft, ErrorCode, LegalBasis, Origin};
use rightsdesk_import::{datenanfragen, fetch, tcf};
use rightsdesk_store::{DataDir, KeyChoice, Store};
use rightsdesk_tests::Sandbox;
use serde_json::json;

fn store(sb: &Sandbox) -> Store {
    let mut s = Store::create(&DataDir::new(sb.data_dir()), KeyChoice::Passphrase("correct horse battery")).unwrap();
    rightsdesk_usecases::ready(&mut s).unwrap();
    s
}

/// `../shared/data`, or `None` after saying loudly that the test is skipped.
fn shared(what: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
    if dir.join(what).exists() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} not found; corpus tests need ../shared next to the repository",
            dir.join(what).display()
        );
        None
    }
}

#[test]
fn the_registry_is_applied_once_per_version_and_found_by_search() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    assert!(rightsdesk_usecases::registry::ensure_applied(&mut s).unwrap().is_none(), "same version: nothing to do");
    let hits = s.search_controllers("tik", 5).unwrap();
    assert_eq!(hits[0].slug, "tiktok");
    assert_eq!(hits[0].origin, Origin::Registry);
    assert_eq!(
        s.search_controllers("messenger", 5).unwrap()[0].slug,
        "facebook",
        "search covers the services a controller runs"
    );
    assert!(s.search_controllers("", 100).unwrap().len() >= 28, "an empty query lists the registry");
    let d = s.controller_detail("tiktok").unwrap();
    assert_eq!(d.lead_sa, None, "the authority comes with the datarequests.org import");
    assert_eq!(d.controller.draft.lead_sa, "iedpc");
    // Only what is in force gets actions; an announced change is history.
    assert!(d.claims.iter().all(|c| c.actions.is_empty() != c.in_force_now), "{:?}", d.claims);
}

/// TikTok, July 2022 (docs/legal.md §4): an announced change to legitimate
/// interests that never applied. Consent on every day; the announcement is
/// shown beside the days around it, with its quote and policy version.
#[test]
fn tiktok_never_had_legitimate_interests_in_force() {
    use rightsdesk_domain::{ClaimStatus, Purpose};
    let sb = Sandbox::new();
    let s = store(&sb);
    let day = |d: &str| Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    for on in ["2022-07-10", "2022-07-11", "2022-07-12", "2022-07-13", "2022-08-01", "2026-12-01"] {
        let b = rightsdesk_usecases::controllers::basis(&s, "tiktok", Some(Purpose::PersonalisedAds), day(on)).unwrap();
        assert_eq!(b.on, on);
        let bases: Vec<_> = b.purposes.iter().map(|p| p.basis).collect();
        assert_eq!(bases, [LegalBasis::Consent], "{on}");
        let claim = b.purposes[0].claim.as_ref().unwrap();
        assert!(!claim.source.quote.is_empty() && !claim.source.commit.is_empty(), "{claim:?}");
    }
    let july = rightsdesk_usecases::controllers::basis(&s, "tiktok", Some(Purpose::PersonalisedAds), day("2022-07-12"))
        .unwrap();
    let announced = &july.purposes[0].announced;
    assert_eq!(announced.len(), 1);
    assert_eq!((announced[0].basis, announced[0].status), (LegalBasis::LegitimateInterests, ClaimStatus::Announced));
    assert!(announced[0].source.quote.contains("13. Juli 2022"));
    let all = rightsdesk_usecases::controllers::basis(&s, "tiktok", None, day("2022-07-12")).unwrap();
    assert!(all.purposes.iter().any(|p| p.basis == LegalBasis::Unknown && p.claim.is_none()), "gaps say unknown");
}

/// The corrections of docs/legal.md §4 beyond TikTok: Meta's split of 2023
/// and its ad measurement on legitimate interests, LinkedIn's move to consent
/// and its flagged special-category claim, Pinterest's off-site ads.
#[test]
fn the_registry_states_meta_linkedin_and_pinterest_as_their_policies_do() {
    use rightsdesk_domain::Purpose;
    let sb = Sandbox::new();
    let s = store(&sb);
    let on = |slug: &str, purpose: Purpose, d: &str| -> Vec<LegalBasis> {
        let day = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        let mut b: Vec<LegalBasis> = rightsdesk_usecases::controllers::basis(&s, slug, Some(purpose), day)
            .unwrap()
            .purposes
            .iter()
            .map(|p| p.basis)
            .collect();
        b.sort();
        b
    };
    for meta in ["facebook", "instagram"] {
        assert_eq!(
            on(meta, Purpose::PersonalisedAds, "2023-06-01"),
            [LegalBasis::Contract, LegalBasis::LegitimateInterests],
            "{meta}"
        );
        assert_eq!(on(meta, Purpose::PersonalisedAds, "2023-11-03"), [LegalBasis::Consent], "{meta}");
        assert_eq!(on(meta, Purpose::AdMeasurement, "2024-01-01"), [LegalBasis::LegitimateInterests], "{meta}");
    }
    assert_eq!(on("linkedin", Purpose::PersonalisedAds, "2025-02-26"), [LegalBasis::LegitimateInterests]);
    assert_eq!(
        on("linkedin", Purpose::PersonalisedAds, "2025-02-27"),
        [LegalBasis::Consent, LegalBasis::LegitimateInterests]
    );
    assert!(
        on("linkedin", Purpose::SharingWithPartners, "2026-01-01") == [LegalBasis::Unknown],
        "not filed under sharing"
    );
    let linkedin = s.controller_detail("linkedin").unwrap();
    let special = linkedin.claims.iter().find(|c| c.claim.special_categories).expect("the special-category claim");
    assert_eq!(special.claim.basis, LegalBasis::LegitimateInterests);
    assert!(special.claim.note.contains("Art. 9(2) has no legitimate-interests exception"));
    assert!(
        special.actions.iter().any(|a| a.kind == rightsdesk_domain::ActionKind::Complaint),
        "the advice for it: {:?}",
        special.actions.iter().map(|a| a.kind).collect::<Vec<_>>()
    );
    assert_eq!(
        on("pinterest", Purpose::PersonalisedAds, "2026-01-01"),
        [LegalBasis::Consent, LegalBasis::LegitimateInterests]
    );
    assert_eq!(on("pinterest", Purpose::SharingWithPartners, "2026-01-01"), [LegalBasis::Unknown]);

    // The dated events that are not claims: their own entries, sourced, in order.
    let tiktok = s.controller_detail("tiktok").unwrap();
    let kinds: Vec<(&str, &str)> = tiktok.events.iter().map(|e| (e.day.as_str(), e.kind.as_str())).collect();
    assert_eq!(kinds, [("2022-07-07", "warning"), ("2022-07-11", "announcement"), ("2022-07-12", "pause")]);
    let meta = s.controller_detail("facebook").unwrap();
    assert!(
        meta.events.iter().any(|e| e.kind == rightsdesk_domain::BasisEventKind::Ruling && e.title.contains("C-252/21"))
    );
    assert!(meta.events.windows(2).all(|w| w[0].day <= w[1].day), "oldest first");
}

/// Normalised for comparing a quote with a policy's markdown: no emphasis
/// markers, one kind of apostrophe and quote mark, single spaces.
fn normalised(text: &str) -> String {
    text.replace(['*', '_'], "")
        .replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every registry claim that cites a policy version quotes it verbatim: the
/// quote is found in the recorded version with that Open Terms Archive commit.
#[test]
fn registry_quotes_are_in_the_policy_versions_they_cite() {
    let Some(dir) = shared("policies/manifest.json") else { return };
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("policies/manifest.json")).unwrap()).unwrap();
    let files: Vec<(String, String)> = ["current", "history"]
        .iter()
        .flat_map(|k| manifest[k].as_array().cloned().unwrap_or_default())
        .map(|e| {
            (e["ota_commit"].as_str().unwrap_or_default().to_owned(), e["file"].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    let batch = rightsdesk_import::registry::batch();
    let mut checked = 0;
    for c in &batch.controllers {
        for (claim, _) in &c.claims {
            let what = format!("{} {:?} on {:?}", c.draft.slug, claim.purpose, claim.basis);
            let s = &claim.source;
            assert_eq!(s.quote.is_empty(), s.commit.is_empty(), "{what}: a quote names its version and back");
            if s.commit.is_empty() {
                continue;
            }
            let (_, file) = files
                .iter()
                .find(|(commit, _)| *commit == s.commit)
                .unwrap_or_else(|| panic!("{what}: commit {} is not a recorded version in the manifest", s.commit));
            let text = std::fs::read_to_string(dir.join("policies").join(file)).unwrap();
            assert!(normalised(&text).contains(&normalised(&s.quote)), "{what}: “{}” is not in {file}", s.quote);
            checked += 1;
        }
    }
    for c in &batch.controllers {
        for e in &c.events {
            let what = format!("{} event {} {}", c.draft.slug, e.day, e.kind.as_str());
            assert!(!e.source.url.is_empty() && !e.title.is_empty(), "{what}: an event has its source");
            if e.source.commit.is_empty() {
                continue;
            }
            let (_, file) =
                files.iter().find(|(commit, _)| *commit == e.source.commit).unwrap_or_else(|| panic!("{what}"));
            let text = std::fs::read_to_string(dir.join("policies").join(file)).unwrap();
            assert!(
                normalised(&text).contains(&normalised(&e.source.quote)),
                "{what}: “{}” is not in {file}",
                e.source.quote
            );
            checked += 1;
        }
    }
    assert!(checked >= 4, "{checked} quotes checked");
    eprintln!("{checked} registry quotes found verbatim in the versions they cite");
}

#[test]
fn imports_are_idempotent_keep_user_edits_and_mark_vanished_records() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let dump = |companies: serde_json::Value, obsolete: serde_json::Value| {
        json!({"companies": companies, "obsolete-records": obsolete}).to_string()
    };
    let acme = json!({"slug": "acme", "name": "ACME GmbH", "email": "privacy@acme.example", "address": "Weg 1\n10115 Berlin\nDeutschland"});
    let old =
        json!({"slug": "old-co", "name": "Old Co", "email": "privacy@old.example", "address": "Weg 2\nDeutschland"});
    let gone =
        json!({"slug": "gone-co", "name": "Gone Co", "email": "privacy@gone.example", "address": "Weg 3\nDeutschland"});
    let tiktok = json!({"slug": "tiktok", "name": "TikTok per datarequests", "webform": "https://example.org/form", "address": "x"});

    let first =
        datenanfragen::from_dump(dump(json!([acme, old, gone, tiktok]), json!([])).as_bytes(), "dump.json").unwrap();
    let r = s.apply_import(&first).unwrap();
    assert_eq!((r.added, r.kept_curated), (3, 1));
    assert_eq!(s.get_controller("acme").unwrap().draft.country, "DE");
    assert_eq!(s.get_controller("tiktok").unwrap().draft.name, "TikTok Technology Limited", "the curated record wins");

    let again = s.apply_import(&first).unwrap();
    assert_eq!(
        (again.added, again.updated, again.unchanged, again.vanished),
        (0, 0, 3, 0),
        "re-import changes nothing"
    );

    // The user corrects ACME; the source changes ACME too, and drops Gone Co.
    let mut mine = s.get_controller("acme").unwrap().draft;
    mine.name = "ACME GmbH (my correction)".into();
    s.update_controller("acme", mine).unwrap();
    let acme2 = json!({"slug": "acme", "name": "ACME Group GmbH", "email": "dpo@acme.example", "address": "Weg 1\nDeutschland"});
    let obsolete = json!([{"slug": "old-co", "name": "Old", "redirect-to": "acme", "reason": "company-merged"}]);
    let second = datenanfragen::from_dump(dump(json!([acme2, tiktok]), obsolete).as_bytes(), "dump.json").unwrap();
    let r = s.apply_import(&second).unwrap();
    assert_eq!((r.kept_user_edits, r.vanished, r.redirects), (1, 1, 1));
    let old = s.get_controller("old-co").unwrap();
    assert_eq!(old.redirect_to, "acme");
    assert!(old.vanished_at.is_some());
    let third = s.apply_import(&second).unwrap();
    assert_eq!(
        (third.added, third.updated, third.vanished, third.redirects),
        (0, 0, 0, 0),
        "stable after the redirect"
    );
    assert_eq!(s.get_controller("acme").unwrap().draft.name, "ACME GmbH (my correction)");
    let gone = s.get_controller("gone-co").unwrap();
    assert!(gone.vanished_at.is_some(), "vanished records are marked, not deleted");
}

#[test]
fn a_user_controller_and_claim_show_with_recommended_actions() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let draft = ControllerDraft {
        slug: "my-gym".into(),
        name: "My Gym Ltd".into(),
        country: "ie".into(),
        ..Default::default()
    };
    assert_eq!(s.create_controller(draft.clone()).unwrap().origin, Origin::User);
    assert_eq!(s.create_controller(draft).unwrap_err().code, ErrorCode::Invalid, "slugs are unique");
    let claim = rightsdesk_domain::Claim {
        purpose: rightsdesk_domain::Purpose::MarketingMessages,
        basis: LegalBasis::LegitimateInterests,
        scope: "members' e-mail".into(),
        source: rightsdesk_domain::Source {
            url: "https://gym.example/privacy".into(),
            observed: "2026-11-01".into(),
            section: "Marketing".into(),
            quote: String::new(),
            commit: String::new(),
        },
        valid_from: None,
        valid_to: None,
        note: String::new(),
        special_categories: false,
        status: rightsdesk_domain::ClaimStatus::InForce,
    };
    let stored = s.add_claim("my-gym", claim).unwrap();
    let kinds: Vec<&str> = stored.actions.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(kinds, ["objection_direct_marketing", "objection"], "the absolute objection first");
}

#[test]
fn vendor_lists_give_li_claims_filterable_by_purpose() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let gvl = json!({"gvlSpecificationVersion": 2, "vendorListVersion": 9, "lastUpdated": "2024-01-01T00:00:00Z", "vendors": {
        "1": {"id": 1, "name": "Alpha Ads", "purposes": [1], "legIntPurposes": [2, 7]},
        "2": {"id": 2, "name": "Beta Data", "purposes": [1, 3], "legIntPurposes": [9]},
        "3": {"id": 3, "name": "Consent Only", "purposes": [1, 3, 4]}
    }});
    let r = s.apply_import(&tcf::parse(gvl.to_string().as_bytes(), "gvl.json").unwrap()).unwrap();
    assert_eq!(r.added, 3);
    let all: Vec<String> = s.li_vendors(None).unwrap().into_iter().map(|v| v.name).collect();
    assert_eq!(all, ["Alpha Ads", "Beta Data"]);
    let p7 = s.li_vendors(Some(7)).unwrap();
    assert_eq!(p7.len(), 1);
    assert_eq!(p7[0].li_purposes, [2, 7]);
}

/// Serves `responses` in order on 127.0.0.1, one per connection.
fn serve(responses: Vec<(u16, &'static str, Vec<u8>)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for (status, ctype, body) in responses {
            let Ok((mut stream, _)) = listener.accept() else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) && line != "\r\n" {
                line.clear();
            }
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{addr}/list.json")
}

#[test]
fn downloads_are_checked_for_status_json_and_size() {
    let gvl = json!({"gvlSpecificationVersion": 3, "vendorListVersion": 1, "lastUpdated": "2024-03-21T00:00:00Z",
                     "vendors": {"5": {"id": 5, "name": "Served Vendor", "legIntPurposes": [2]}}})
    .to_string();
    let url = serve(vec![(200, "application/json", gvl.into_bytes())]);
    let batch = tcf::load(&url).unwrap();
    assert_eq!(batch.controllers[0].draft.name, "Served Vendor");
    assert_eq!(batch.controllers[0].claims[0].0.source.url, url, "claims cite where they were downloaded");

    let url = serve(vec![(200, "text/html", b"<!doctype html><p>captive portal".to_vec())]);
    let err = tcf::load(&url).unwrap_err();
    assert!(err.message.contains("did not return JSON"), "{}", err.message);

    let url = serve(vec![(404, "text/plain", b"nope".to_vec())]);
    assert!(datenanfragen::load(&url).unwrap_err().message.contains("404"));

    let url = serve(vec![(200, "application/json", vec![b' '; 4096])]);
    assert!(fetch::json(&url, 1024).unwrap_err().message.contains("larger than"));

    // Nothing listening: a clear error, quickly.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let err = tcf::load(&format!("http://{closed}/gvl.json")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Io);
}

#[test]
fn the_whole_datarequests_corpus_imports() {
    let Some(data) = shared("datenanfragen") else { return };
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let batch = datenanfragen::load(data.join("datenanfragen").to_str().unwrap()).unwrap();
    let r = s.apply_import(&batch).unwrap();
    eprintln!(
        "datarequests.org: {} added, {} kept curated, {} authorities, {} rejected",
        r.added,
        r.kept_curated,
        r.authorities,
        r.rejected.len()
    );
    assert_eq!(r.added + r.kept_curated, 3069, "every company record");
    assert_eq!(r.authorities, 57, "every supervisory authority");
    assert_eq!(r.rejected.len(), 1, "{:?}", r.rejected);
    assert!(r.rejected[0].record.ends_with("mdm-de"), "the stray file without .json is reported");
    // The registry's lead authorities all exist in the corpus.
    for hit in s.search_controllers("", 100).unwrap() {
        let c = s.get_controller(&hit.slug).unwrap();
        if !matches!(c.draft.lead_sa.as_str(), "" | "none") {
            s.get_authority(&c.draft.lead_sa)
                .unwrap_or_else(|_| panic!("{}: lead SA {} not in the corpus", hit.slug, c.draft.lead_sa));
        }
    }
    let again = s.apply_import(&batch).unwrap();
    assert_eq!(again.added + again.updated + again.vanished, 0, "idempotent");
}

#[test]
fn both_vendor_lists_import() {
    let Some(data) = shared("tcf") else { return };
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let v2 = s.apply_import(&tcf::load(data.join("tcf/gvl-v2-2023-11-16.json").to_str().unwrap()).unwrap()).unwrap();
    eprintln!("GVL v2: {} vendors, {} claims", v2.added, v2.claims);
    assert_eq!(v2.added, 824, "1,007 vendors less 183 deleted");
    assert_eq!(s.li_vendors(None).unwrap().len(), 348 - count_deleted_li(&data), "vendors claiming LI");
    let v3 = s
        .apply_import(&tcf::load(data.join("tcf/gvl-v3-2024-03-21-vendors-only.json").to_str().unwrap()).unwrap())
        .unwrap();
    eprintln!("GVL v3: {} added, {} updated, {} vanished", v3.added, v3.updated, v3.vanished);
    assert_eq!(v3.added + v3.updated + v3.unchanged, 813, "833 vendors less 20 deleted");
    assert!(v3.rejected.is_empty(), "{:?}", v3.rejected);
}

/// Vendors that claim LI but are deleted in the v2 list (they are not imported).
fn count_deleted_li(data: &std::path::Path) -> usize {
    let gvl: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("tcf/gvl-v2-2023-11-16.json")).unwrap()).unwrap();
    gvl["vendors"]
        .as_object()
        .unwrap()
        .values()
        .filter(|v| v.get("deletedDate").is_some() && v["legIntPurposes"].as_array().is_some_and(|a| !a.is_empty()))
        .count()
}

#[test]
fn a_persons_authority_follows_country_and_german_land() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let dump = json!({"companies": [{"slug": "acme", "name": "ACME", "email": "p@acme.example", "address": "x"}],
    "supervisory-authorities": [
        {"slug": "debaylda", "name": "BayLDA", "relevant-countries": ["de"]},
        {"slug": "debfdi", "name": "BfDI", "relevant-countries": ["de"]},
        {"slug": "iedpc", "name": "Irish DPC", "relevant-countries": ["ie"]}
    ]});
    s.apply_import(&datenanfragen::from_dump(dump.to_string().as_bytes(), "dump.json").unwrap()).unwrap();
    let person = |country: &str, region: &str| {
        let mut d = rightsdesk_domain::PersonDraft { display_name: "P".into(), ..Default::default() };
        d.address.country = country.into();
        d.address.region = region.into();
        d
    };
    let bavarian = s.create_person(person("DE", "Bayern")).unwrap();
    let names: Vec<String> = s.authorities_for_person(bavarian.id).unwrap().into_iter().map(|a| a.name).collect();
    assert_eq!(names, ["BayLDA"], "the Land authority, not the federal one");
    let no_land = s.create_person(person("DE", "")).unwrap();
    assert_eq!(s.authorities_for_person(no_land.id).unwrap_err().fields[0].field, "address.region");
    let nowhere = s.create_person(person("", "")).unwrap();
    assert_eq!(s.authorities_for_person(nowhere.id).unwrap_err().fields[0].field, "address.country");
    let irish = s.create_person(person("IE", "")).unwrap();
    assert_eq!(s.authorities_for_person(irish.id).unwrap()[0].slug, "iedpc");
    let french = s.create_person(person("FR", "")).unwrap();
    assert_eq!(s.authorities_for_person(french.id).unwrap_err().code, ErrorCode::NotFound);
}

/// The built-in registry as a bundle's entries, with `change` applied.
fn bundle_json(change: impl Fn(&mut Vec<serde_json::Value>)) -> String {
    let mut entries: Vec<serde_json::Value> =
        rightsdesk_import::registry::FILES.iter().map(|(_, text)| serde_json::from_str(text).unwrap()).collect();
    change(&mut entries);
    json!({"format": rightsdesk_import::registry::BUNDLE_FORMAT, "version": "2026-12-24", "entries": entries})
        .to_string()
}

/// A signed registry update from a local server: shown as a diff, applied
/// with the usual precedence (the user's edit waits), kept across a restart;
/// a tampered bundle, one signed with another key, and one that changed
/// since the preview are refused and change nothing.
#[test]
fn a_signed_registry_bundle_is_previewed_then_applied_and_a_tampered_one_changes_nothing() {
    use rightsdesk_domain::Purpose;
    use rightsdesk_tests::{Routes, WebServer};
    let secret = [42u8; 32];
    let key = rightsdesk_import::bundle::public_key(&secret);
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let mut reddit = s.get_controller("reddit").unwrap().draft;
    reddit.name = "Reddit, as I call it".into();
    s.update_controller("reddit", reddit).unwrap();

    let json = bundle_json(|entries| {
        let tiktok = entries.iter_mut().find(|e| e["slug"] == "tiktok").unwrap();
        tiktok["claims"].as_array_mut().unwrap().push(json!({
            "purpose": "ai_training", "basis": "legitimate_interests", "scope": "training models",
            "source": {"url": "https://www.tiktok.com/legal/privacy-policy-eea", "observed": "2026-12-20", "section": "How we use your information"},
            "valid_from": "2026-12-20", "valid_to": null, "note": ""
        }));
        let reddit = entries.iter_mut().find(|e| e["slug"] == "reddit").unwrap();
        reddit["lead_sa"] = json!("nlap");
        let mut new = entries[0].clone();
        new["slug"] = json!("examplesocial");
        new["name"] = json!("Example Social Ltd");
        entries.push(new);
    });
    let signed = rightsdesk_import::bundle::sign(&json, &secret);
    let tampered =
        String::from_utf8(signed.clone()).unwrap().replace("training models", "training everything").into_bytes();
    let mut routes = Routes::new();
    routes.insert("/registry.json".into(), (200, "application/json", signed.clone()));
    routes.insert("/tampered.json".into(), (200, "application/json", tampered));
    let server = WebServer::start(routes);
    let url = format!("{}/registry.json", server.base);

    let claims_before = s.controller_detail("tiktok").unwrap().claims.len();
    let e =
        rightsdesk_usecases::registry::download_with_key(&format!("{}/tampered.json", server.base), &key).unwrap_err();
    assert!(e.message.contains("does not match") && e.message.contains("nothing was changed"), "{}", e.message);
    let e = rightsdesk_usecases::registry::download(&url).unwrap_err();
    assert!(e.message.contains("RightsDesk's registry key"), "signed by someone else: {}", e.message);

    let batch = rightsdesk_usecases::registry::download_with_key(&url, &key).unwrap();
    let diff = rightsdesk_usecases::registry::diff(&s, &batch).unwrap();
    assert_eq!(diff.added, ["Example Social Ltd"]);
    let tiktok = diff.changed.iter().find(|c| c.slug == "tiktok").unwrap();
    assert_eq!(tiktok.claims_added.len(), 1);
    assert_eq!(tiktok.claims_added[0].purpose, Purpose::AiTraining);
    let reddit = diff.changed.iter().find(|c| c.slug == "reddit").unwrap();
    assert!(reddit.kept_user_edits, "{reddit:?}");
    assert!(diff.unchanged > 20);
    assert_eq!(s.controller_detail("tiktok").unwrap().claims.len(), claims_before, "a preview changes nothing");

    let e = rightsdesk_usecases::registry::apply(&mut s, &batch, Some("registry bundle 2026-01-01 0000")).unwrap_err();
    assert!(e.message.contains("changed since you looked"), "{}", e.message);
    let report = rightsdesk_usecases::registry::apply(&mut s, &batch, Some(&diff.version)).unwrap();
    assert_eq!(report.added, 1);
    assert_eq!(s.controller_detail("tiktok").unwrap().claims.len(), claims_before + 1);
    assert_eq!(s.get_controller("reddit").unwrap().draft.name, "Reddit, as I call it", "the user's edit wins");

    // A restart does not undo the update (the built-in version was already applied).
    assert!(rightsdesk_usecases::registry::ensure_applied(&mut s).unwrap().is_none());
    assert_eq!(s.controller_detail("tiktok").unwrap().claims.len(), claims_before + 1);
}

/// The datarequests.org snapshot built into the app: on first start a
/// platform page shows its authority, not a slug; the user's edits and the
/// curated registry win over it; applied once; never over a newer live import.
#[test]
fn the_built_in_snapshot_applies_once_with_the_usual_precedence() {
    use rightsdesk_usecases::snapshot;
    let sb = Sandbox::new();
    let mut s = store(&sb);
    // The user's own edit of a datarequests.org company, before the snapshot comes.
    let mine = ControllerDraft { slug: "zalando".into(), name: "Zalando (my notes)".into(), ..Default::default() };
    s.create_controller(mine).unwrap();

    assert!(!snapshot::state(&s).unwrap().applied);
    let report = snapshot::ensure_applied(&mut s).unwrap().expect("first start applies it");
    assert!(report.added >= 3000, "{report:?}");
    assert!(report.authorities >= 50, "{report:?}");
    assert!(report.kept_user_edits >= 1, "{report:?}");
    let state = snapshot::state(&s).unwrap();
    assert!(state.applied && state.live_import.is_none(), "{state:?}");
    assert_eq!(state.date, rightsdesk_import::snapshot::date().to_string());

    let tiktok = s.controller_detail("tiktok").unwrap();
    assert_eq!(tiktok.controller.origin, Origin::Registry, "the curated registry wins");
    let sa = tiktok.lead_sa.expect("the authority is known offline");
    assert!(sa.name.contains("Data Protection Commission"), "{}", sa.name);
    assert_eq!(s.controller_detail("zalando").unwrap().controller.draft.name, "Zalando (my notes)");
    assert!(s.search_controllers("zalando", 5).unwrap().iter().any(|h| h.slug == "zalando"));

    assert!(snapshot::ensure_applied(&mut s).unwrap().is_none(), "once");

    // A store whose user imported the live database after the snapshot's day keeps that copy.
    let sb2 = Sandbox::new();
    let mut s2 = store(&sb2);
    let live = datenanfragen::from_dump(
        br#"{"companies":[{"slug":"acme","relevant-countries":["de"],"categories":["commerce"],"name":"ACME GmbH","address":"Weg 1\n12345 Berlin","email":"privacy@acme.example","web":"https://acme.example","sources":["https://acme.example"]}]}"#,
        "https://example.org/dump.json",
    )
    .unwrap();
    s2.apply_import(&live).unwrap();
    assert!(snapshot::ensure_applied(&mut s2).unwrap().is_none(), "a newer live import is kept");
    assert!(s2.controller_detail("zalando").is_err());
}
