//! The guided first start through a real store with the built-in registry:
//! a concern and a platform → TikTok's claims in force in one sentence, the
//! letter that fits, its ways to send and what it needs → the letter written
//! for a new person → submitted through the form, the deadline running.

use chrono::NaiveDate;
use rightsdesk_domain::guide::{Concern, GuidePerson};
use rightsdesk_domain::letter::SituationPrompt;
use rightsdesk_domain::sending::Way;
use rightsdesk_domain::words::UiLanguage;
use rightsdesk_domain::{ActionKind, ErrorCode, PersonDraft, RequestKind, RequestStatus};
use rightsdesk_store::{DataDir, KeyChoice, Store};
use rightsdesk_tests::Sandbox;
use rightsdesk_usecases::guide;

fn store(sb: &Sandbox) -> Store {
    let mut s = Store::create(&DataDir::new(sb.data_dir()), KeyChoice::Passphrase("correct horse battery")).unwrap();
    rightsdesk_usecases::ready(&mut s).unwrap();
    s
}

fn ada() -> PersonDraft {
    PersonDraft { display_name: "Ada Lovelace".into(), emails: vec!["ada@example.org".into()], ..Default::default() }
}

#[test]
fn a_new_store_is_guided_from_a_concern_to_tiktoks_form_and_a_running_deadline() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let start = guide::start(&s).unwrap();
    assert!(start.show, "a store without requests opens on the guide");
    assert_eq!(start.concerns.len(), 4);
    assert_eq!(start.platforms[0].slug, "tiktok");
    assert_eq!(start.platforms[0].label, "TikTok");
    assert!(start.platforms.iter().any(|p| p.slug == "facebook"));

    let plan = guide::plan(&s, Concern::AdsOnActivity, "tiktok", UiLanguage::En).unwrap();
    let german = guide::plan(&s, Concern::AdsOnActivity, "tiktok", UiLanguage::De).unwrap();
    assert!(german.answer.sentence.starts_with("TikTok stützt sich auf Einwilligung"), "{}", german.answer.sentence);
    assert_eq!(german.answer.letter.button, "Gezielter Werbung widersprechen");
    assert!(german.answer.letter.reason.starts_with("Gezielte Werbung auf Grundlage berechtigter Interessen"));
    let page = rightsdesk_usecases::controllers::detail(&s, "tiktok", UiLanguage::Fr).unwrap();
    let consent =
        page.claims.iter().find(|c| c.in_force_now && c.claim.basis == rightsdesk_domain::LegalBasis::Consent).unwrap();
    assert_eq!(consent.actions[0].button, "Retirer le consentement");
    assert_eq!(plan.answer.letter.kind, ActionKind::AdTargetingObjection);
    assert!(plan.answer.sentence.starts_with("TikTok states consent for personalised ads"), "{}", plan.answer.sentence);
    assert!(plan.answer.sentence.contains("legitimate interests for ad measurement"), "{}", plan.answer.sentence);
    assert!(plan.answer.claims.iter().all(|c| !c.source.url.is_empty()), "each claim carries its source");
    assert_eq!(plan.ways.iter().map(|w| w.way).collect::<Vec<_>>(), [Way::WebForm, Way::Post]);
    assert_eq!(plan.ways[0].target, "https://www.tiktok.com/legal/report/privacy");
    assert!(plan.needs.situation && !plan.needs.address && plan.needs.account);

    // No particular situation: the letter is refused, and no person is left behind.
    let refused = guide::write(
        &mut s,
        Concern::AdsOnActivity,
        "tiktok",
        GuidePerson::New { draft: Box::new(ada()) },
        vec![],
        "".into(),
    )
    .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Invalid);
    assert!(s.list_people().unwrap().is_empty(), "{refused:?}");

    let written = guide::write(
        &mut s,
        Concern::AdsOnActivity,
        "tiktok",
        GuidePerson::New { draft: Box::new(ada()) },
        vec![SituationPrompt::PsychologicalHarm],
        String::new(),
    )
    .unwrap();
    assert_eq!(s.list_people().unwrap().len(), 1);
    let letter = &written.letter;
    assert_eq!(letter.letter.kind, RequestKind::AdTargetingObjection);
    assert!(
        letter.letter.body.contains("ad measurement"),
        "the objection names what it covers: {}",
        letter.letter.body
    );
    assert!(letter.letter.body.contains("mental well-being"));
    assert_eq!(letter.ways[0].way, Way::WebForm);
    assert!(!guide::start(&s).unwrap().show, "once a request exists the guide stays on the Requests screen");

    let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let detail = s.sent_by_form(written.request_id, day, Some(("confirmation.pdf", b"%PDF-1.4 thanks"))).unwrap();
    assert_eq!(detail.summary.status, RequestStatus::Sent);
    assert_eq!(detail.running.unwrap().deadline.due, "2027-01-04", "2 Jan 2027 is a Saturday (docs/legal.md §3)");
    assert_eq!(detail.attachments[0].mime, "application/pdf");
}

#[test]
fn an_existing_person_is_written_for_and_a_skipped_guide_stays_closed() {
    let sb = Sandbox::new();
    let mut s = store(&sb);
    let me = s.create_person(ada()).unwrap();
    // A person in Germany gets a German letter: it objects in its own words, without the
    // platform's English terms for what it covers.
    let berlin = s
        .create_person(PersonDraft {
            address: rightsdesk_domain::PostalAddress { country: "DE".into(), ..Default::default() },
            ..ada()
        })
        .unwrap();
    let german = guide::write(
        &mut s,
        Concern::AdsOnActivity,
        "tiktok",
        GuidePerson::Existing { id: berlin.id },
        vec![SituationPrompt::MinorInHousehold],
        String::new(),
    )
    .unwrap();
    assert_eq!(german.letter.letter.language.code(), "de");
    assert!(german.letter.options.processing.is_empty() && !german.letter.letter.body.contains("legitimate interests"));
    let written =
        guide::write(&mut s, Concern::WhatTheyKnow, "facebook", GuidePerson::Existing { id: me.id }, vec![], "".into())
            .unwrap();
    assert_eq!(written.person_id, me.id);
    assert_eq!(written.letter.letter.kind, RequestKind::Access);
    let unknown = guide::plan(&s, Concern::WhatTheyKnow, "no-such-platform", UiLanguage::En).unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);

    let sb2 = Sandbox::new();
    let mut fresh = store(&sb2);
    assert!(guide::start(&fresh).unwrap().show);
    guide::skip(&mut fresh).unwrap();
    assert!(!guide::start(&fresh).unwrap().show);
}
