//! The policy watch through a real store: versions in (import and fetch from
//! a local Open Terms Archive copy on 127.0.0.1), what changed, notices for
//! the people a change concerns, the review; the recorded histories in
//! ../shared replayed.

use std::path::PathBuf;

use chrono::NaiveDate;
use rightsdesk_domain::letter::LetterRequest;
use rightsdesk_domain::policy::{ReviewState, Standing, VersionOrigin};
use rightsdesk_domain::{
    AccountId, Claim, ClaimStatus, ControllerDraft, ErrorCode, LegalBasis, LetterOptions, Origin, PersonDraft, Purpose,
    RequestKind, Source,
};
use rightsdesk_store::{DataDir, KeyChoice, Store};
use rightsdesk_tests::{Routes, Sandbox, WebServer};
use rightsdesk_usecases::policies::{self, Decision};

const PLATFORM: &str = "examplesocial";

fn store(sb: &Sandbox) -> Store {
    let mut s = Store::create(&DataDir::new(sb.data_dir()), KeyChoice::Passphrase("correct horse battery")).unwrap();
    rightsdesk_usecases::ready(&mut s).unwrap();
    s
}

/// A platform of our own whose claim for personalised ads is legitimate
/// interests, quoted from `LI`.
fn with_platform(s: &mut Store) {
    s.create_controller(ControllerDraft {
        slug: PLATFORM.into(),
        name: "Example Social".into(),
        policy_url: "https://social.example/privacy".into(),
        ..Default::default()
    })
    .unwrap();
    s.add_claim(
        PLATFORM,
        Claim {
            purpose: Purpose::PersonalisedAds,
            basis: LegalBasis::LegitimateInterests,
            scope: String::new(),
            source: Source {
                url: "https://social.example/privacy".into(),
                observed: "2025-01-10".into(),
                section: "Legitimate interests".into(),
                quote: "We show you personalised ads based on your activity on Example Social.".into(),
                commit: String::new(),
            },
            valid_from: Some("2024-01-01".into()),
            valid_to: None,
            note: String::new(),
            special_categories: false,
            status: ClaimStatus::InForce,
        },
    )
    .unwrap();
}

fn policy(ads: &str) -> String {
    format!(
        "# Example Social Privacy Policy\n\n## What we collect\n\nWe collect what you post, who you follow and how you use the app.\n\n\
         ## Why we use it\n\nTo run the service, keep it safe and improve it.\n\n## Legal bases\n\n{ads}\n\n\
         ## Your rights\n\nYou can ask for a copy of your data at any time.\n\n## Contact\n\nWrite to privacy@social.example.\n"
    )
}

fn li() -> String {
    policy("### Legitimate interests\n\n* We show you personalised ads based on your activity on Example Social.")
}

fn consent() -> String {
    policy("### Consent\n\n* With your consent, we use your activity on Example Social to show you personalised ads.")
}

fn import(
    s: &mut Store,
    day: &str,
    text: &str,
) -> rightsdesk_store::Result<rightsdesk_domain::policy::ImportedVersion> {
    policies::import(s, PLATFORM, day, text.as_bytes(), VersionOrigin::Import, "file.md", "")
}

#[test]
fn a_history_flags_the_basis_change_and_not_the_reformatting() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    with_platform(&mut s);
    let first = import(&mut s, "2025-01-10", &li()).unwrap();
    assert!(first.added);
    assert_eq!(first.change.compared_with, None);
    let again = import(&mut s, "2025-01-11", &li()).unwrap();
    assert!(!again.added, "the same text twice is one version");
    let reformatted = li().replace("* We show", "- We show").replace("\n\n", "\n");
    let r = import(&mut s, "2025-02-01", &reformatted).unwrap();
    assert!(r.added && !r.change.comparison.basis_related, "{:?}", r.change.comparison.basis_passages);
    let c = import(&mut s, "2025-03-01", &consent()).unwrap();
    assert!(c.change.comparison.basis_related);
    assert_eq!(c.change.compared_with.as_deref(), Some("2025-02-01"));
    assert_eq!(c.change.claims_needing_review.len(), 1, "the LI claim's passage is gone");
    assert!(
        c.change
            .comparison
            .suggested
            .iter()
            .any(|x| x.purpose == Purpose::PersonalisedAds && x.basis == LegalBasis::Consent),
        "{:?}",
        c.change.comparison.suggested
    );
    assert_eq!(c.change.version.review, Some(ReviewState::Open));

    // Replayed from the store, the same findings.
    let all = policies::changes(&s, PLATFORM).unwrap();
    assert_eq!(all.iter().map(|c| c.comparison.basis_related).collect::<Vec<_>>(), [false, false, true]);
    assert!(all[2].comparison.diff.iter().any(|l| l.text.contains("With your consent")));

    // An older version imported later is history: listed, never an open review.
    let same = import(&mut s, "2024-06-01", &consent()).unwrap();
    assert!(!same.added, "a stored text under another day is still the same version");
    let older = policy("### Contract\n\n* We show personalised ads as necessary to perform our contract with you.");
    let h = import(&mut s, "2024-06-01", &older).unwrap();
    assert_eq!(h.change.version.review, None, "the first version compares with nothing");
}

#[test]
fn a_failed_capture_is_kept_as_suspect_and_the_next_is_compared_with_the_last_good() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    with_platform(&mut s);
    let long = li().replace("To run the service", &"To run the service. ".repeat(40));
    import(&mut s, "2025-01-10", &long).unwrap();
    let cut = format!("{}\n", &long[..long.len() / 3]);
    let suspect = import(&mut s, "2025-02-10", &cut).unwrap();
    assert_eq!(suspect.change.version.standing, Standing::Suspect);
    assert!(suspect.change.version.standing_reason.contains("failed capture"));
    assert_eq!(suspect.change.version.review, None, "a suspect capture raises nothing");
    let next = import(
        &mut s,
        "2025-03-10",
        &long.replace("### Legitimate interests\n\n* We show", "### Consent\n\n* With your consent, we show"),
    )
    .unwrap();
    assert_eq!(next.change.compared_with.as_deref(), Some("2025-01-10"), "compared with the last good version");
    assert!(next.change.comparison.basis_related);
}

#[test]
fn a_file_that_is_no_policy_stores_nothing() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    with_platform(&mut s);
    let huge = vec![b'a'; 50 * 1024 * 1024];
    for (bytes, says) in [
        (&b""[..], "empty"),
        (&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], "binary"),
        (&[0x50, 0x6f, 0x6c, 0xc3][..], "UTF-8"),
        (&huge[..], "MiB"),
        (&b"# Privacy\n\nWe"[..], "too short"),
    ] {
        let e = policies::import(&mut s, PLATFORM, "2025-01-10", bytes, VersionOrigin::Import, "f", "").unwrap_err();
        assert_eq!(e.code, ErrorCode::Invalid);
        assert!(e.message.contains(says), "{says}: {}", e.message);
    }
    let e = import(&mut s, "10.01.2025", &li()).unwrap_err();
    assert!(e.message.contains("not a day"), "{}", e.message);
    let e = policies::import(&mut s, "nosuchplatform", "2025-01-10", li().as_bytes(), VersionOrigin::Import, "f", "")
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(s.policy_versions(PLATFORM).unwrap().is_empty(), "nothing was stored");
}

#[test]
fn a_basis_change_tells_the_people_who_deal_with_the_platform_once_and_the_review_settles_it() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    with_platform(&mut s);
    let _ana = s
        .create_person(PersonDraft {
            display_name: "Ana".into(),
            accounts: vec![AccountId { platform: PLATFORM.into(), identifier: "@ana".into() }],
            ..Default::default()
        })
        .unwrap();
    let ben = s.create_person(PersonDraft { display_name: "Ben".into(), ..Default::default() }).unwrap();
    let options =
        LetterOptions { situation: "I am a nurse and my shifts show in my activity.".into(), ..Default::default() };
    let objection = s
        .create_request(
            &LetterRequest { person_id: ben.id, kind: RequestKind::Objection, language: String::new(), options },
            PLATFORM,
        )
        .unwrap();
    let _stranger = s.create_person(PersonDraft { display_name: "Cleo".into(), ..Default::default() }).unwrap();

    import(&mut s, "2025-01-10", &li()).unwrap();
    assert!(policies::alerts(&s).unwrap().is_empty(), "no change yet");
    let v = import(&mut s, "2025-03-01", &consent()).unwrap().change.version;

    let today = NaiveDate::from_ymd_opt(2025, 3, 2).unwrap();
    let a = rightsdesk_usecases::requests::attention(&mut s, today, 7).unwrap();
    let names: Vec<&str> = a.basis_changes.iter().map(|b| b.person.as_str()).collect();
    assert_eq!(names, ["Ana", "Ben"], "an account or a request: not Cleo");
    let ben_alert = &a.basis_changes[1];
    assert_eq!(ben_alert.shifts.len(), 1, "one shift: {:?}", ben_alert.shifts);
    assert_eq!(ben_alert.shifts[0].before, [LegalBasis::LegitimateInterests]);
    assert_eq!(ben_alert.shifts[0].after, LegalBasis::Consent);
    assert!(ben_alert.shifts[0].meaning.contains("withdraw it at any time"));
    assert_eq!(ben_alert.shifts[0].letter.as_ref().unwrap().kind, rightsdesk_domain::ActionKind::WithdrawConsent);
    assert_eq!(ben_alert.earlier.len(), 1);
    assert_eq!(ben_alert.earlier[0].request_id, objection.id);
    assert!(ben_alert.earlier[0].said.contains("rested on legitimate interests"), "{}", ben_alert.earlier[0].said);
    assert!(a.basis_changes[0].earlier.is_empty(), "Ana objected to nothing");

    // A desktop notice once per person.
    let notices = rightsdesk_usecases::requests::pending_notices(&mut s, today, 7).unwrap();
    let basis: Vec<_> = notices.iter().filter(|n| n.key.starts_with("basis:")).map(|n| n.key.clone()).collect();
    assert_eq!(basis.len(), 2);
    s.mark_notified(&basis).unwrap();
    let again = rightsdesk_usecases::requests::pending_notices(&mut s, today, 7).unwrap();
    assert!(again.iter().all(|n| !n.key.starts_with("basis:")), "shown once");

    // Accepting the suggestion makes it the user's own claim, from the version's day.
    let bad = policies::review(
        &mut s,
        v.id,
        Decision::Accept {
            purpose: Purpose::PersonalisedAds,
            basis: LegalBasis::Consent,
            quote: " ".into(),
            scope: String::new(),
        },
    )
    .unwrap_err();
    assert!(bad.fields.iter().any(|f| f.field == "quote"));
    let quote = "With your consent, we use your activity on Example Social to show you personalised ads.";
    let done = policies::review(
        &mut s,
        v.id,
        Decision::Accept {
            purpose: Purpose::PersonalisedAds,
            basis: LegalBasis::Consent,
            quote: quote.into(),
            scope: String::new(),
        },
    )
    .unwrap();
    assert_eq!(done.review, Some(ReviewState::Accepted));
    assert!(policies::alerts(&s).unwrap().is_empty(), "a reviewed change raises nothing more");
    let detail = s.controller_detail(PLATFORM).unwrap();
    let accepted = detail.claims.iter().find(|c| c.claim.basis == LegalBasis::Consent).unwrap();
    assert_eq!(accepted.origin, Origin::User);
    assert_eq!(accepted.claim.valid_from.as_deref(), Some("2025-03-01"));
    assert_eq!(accepted.claim.source.quote, quote);
    let e = policies::review(&mut s, v.id - 1, Decision::Dismiss).unwrap_err();
    assert!(e.message.contains("no basis-related change"), "{}", e.message);
}

fn feed(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>"#,
    );
    for (commit, day) in entries {
        s.push_str(&format!(
            "<entry><id>tag:github.com,2008:Grit::Commit/{commit}</id><updated>{day}T08:00:00Z</updated><title>Record</title></entry>"
        ));
    }
    s.push_str("</feed>");
    s.into_bytes()
}

/// A local copy of the archive: TikTok has two versions, Facebook's feed
/// answers an HTML error page, Pinterest's is missing; each is reported on
/// its own and TikTok goes through.
#[test]
fn fetch_reads_the_archive_per_platform_and_a_broken_feed_stops_only_its_platform() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let tiktok_li = li().replace("Example Social", "TikTok");
    let tiktok_consent = consent().replace("Example Social", "TikTok");
    let mut routes = Routes::new();
    routes.insert(
        "/commits/main/TikTok/Privacy%20Policy.md.atom".into(),
        (200, "application/atom+xml", feed(&[("bbbbbbb2", "2025-03-01"), ("aaaaaaa1", "2025-01-10")])),
    );
    routes
        .insert("/raw/aaaaaaa1/TikTok/Privacy%20Policy.md".into(), (200, "text/plain", tiktok_li.clone().into_bytes()));
    routes.insert("/raw/bbbbbbb2/TikTok/Privacy%20Policy.md".into(), (200, "text/plain", tiktok_consent.into_bytes()));
    routes.insert(
        "/commits/main/Facebook/Privacy%20Policy.md.atom".into(),
        (200, "text/html", b"<!DOCTYPE html><html><body>Rate limited</body></html>".to_vec()),
    );
    let server = WebServer::start(routes);
    let today = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();

    // First fetch: the newest version only, as the baseline.
    let out = policies::fetch(&mut s, Some("tiktok"), Some(&server.base), today).unwrap();
    assert_eq!(out[0].added.len(), 1);
    assert_eq!(out[0].added[0].recorded, "2025-03-01");
    assert_eq!(out[0].added[0].version.ota_commit, "bbbbbbb2");
    assert_eq!(out[0].added[0].version.origin, VersionOrigin::Fetch);
    assert_eq!(policies::settings(&s).unwrap().last_fetch.as_deref(), Some("2025-03-05"));

    // Again: nothing new.
    let out = policies::fetch(&mut s, Some("tiktok"), Some(&server.base), today).unwrap();
    assert!(out[0].added.is_empty() && out[0].error.is_none(), "{out:?}");

    // Every platform: the broken ones are reported, the run goes on.
    let all = policies::fetch(&mut s, None, Some(&server.base), today).unwrap();
    let by = |slug: &str| all.iter().find(|o| o.platform == slug).unwrap();
    assert!(by("facebook").error.as_deref().unwrap().contains("not an Atom feed"), "{:?}", by("facebook"));
    assert!(by("pinterest").error.as_deref().unwrap().contains("404"), "{:?}", by("pinterest"));
    assert!(by("tiktok").error.is_none());
    assert_eq!(s.policy_versions("tiktok").unwrap().len(), 1);
    assert!(s.policy_versions("facebook").unwrap().is_empty());

    // A server that is down: a clear error per platform.
    drop(server);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let down = policies::fetch(&mut s, Some("tiktok"), Some(&format!("http://{closed}")), today).unwrap();
    assert!(down[0].error.as_deref().unwrap().contains("could not connect"), "{down:?}");
}

#[test]
fn the_schedule_is_weekly_by_default_and_the_users_to_set() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let d = |x: &str| NaiveDate::parse_from_str(x, "%Y-%m-%d").unwrap();
    let w = policies::settings(&s).unwrap();
    assert_eq!(w.every_days, 7);
    assert!(w.base_url.contains("OpenTermsArchive"));
    assert!(policies::fetch_due(&s, d("2025-01-01")).unwrap(), "never fetched");
    s.set_setting("watch.last_fetch", "2025-01-01").unwrap();
    assert!(!policies::fetch_due(&s, d("2025-01-07")).unwrap());
    assert!(policies::fetch_due(&s, d("2025-01-08")).unwrap());
    policies::set_settings(&mut s, 0, "").unwrap();
    assert!(!policies::fetch_due(&s, d("2026-01-08")).unwrap(), "0: on demand only");
    let e = policies::set_settings(&mut s, 7, "ftp://x").unwrap_err();
    assert_eq!(e.fields[0].field, "base_url");
}

/// The labelled basis changes of the recorded histories (see
/// `tests/fixtures/policy-basis-changes.json` for why each counts).
fn truth() -> serde_json::Value {
    serde_json::from_str(include_str!("../fixtures/policy-basis-changes.json")).unwrap()
}

fn shared_policies() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/policies");
    if dir.join("manifest.json").exists() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: {} not found; the history replay needs ../shared next to the repository", dir.display());
        None
    }
}

/// TikTok's 64 and Facebook's 37 recorded versions, imported one by one
/// into a real store: every labelled basis change is flagged (recall 1);
/// precision is printed (and benchmarked in `cargo bench --bench policy`).
#[test]
fn the_recorded_histories_flag_their_real_basis_changes() {
    let Some(dir) = shared_policies() else { return };
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let truth = truth();
    let sb = Sandbox::new();
    let mut s = store(&sb);
    for (platform, slug) in [("TikTok", "tiktok"), ("Facebook", "facebook")] {
        let mut flagged = Vec::new();
        for v in manifest["history"].as_array().unwrap().iter().filter(|v| v["platform"] == platform) {
            let file = v["file"].as_str().unwrap();
            let bytes = std::fs::read(dir.join(file)).unwrap();
            let r = policies::import(
                &mut s,
                slug,
                v["recorded"].as_str().unwrap(),
                &bytes,
                VersionOrigin::Import,
                file,
                v["ota_commit"].as_str().unwrap(),
            )
            .unwrap();
            if r.change.comparison.basis_related {
                flagged.push(file.rsplit('/').next().unwrap().trim_end_matches(".md").to_owned());
            }
        }
        let real: Vec<String> =
            truth[platform].as_array().unwrap().iter().map(|t| t["version"].as_str().unwrap().to_owned()).collect();
        let hit = real.iter().filter(|r| flagged.contains(r)).count();
        eprintln!(
            "{platform}: flagged {flagged:?}; {hit} of {} real changes, precision {}/{}",
            real.len(),
            hit,
            flagged.len()
        );
        for r in &real {
            assert!(flagged.contains(r), "{platform}: the real basis change {r} was not flagged; flagged {flagged:?}");
        }
        assert!(flagged.len() <= 2 * real.len() + 1, "{platform}: too noisy: {flagged:?}");
    }
}
