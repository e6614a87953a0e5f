#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The letter matrix: every kind × language, with every optional part on and
//! off; the languages against English, line by line; PDF and e-mail output.

use chrono::NaiveDate;
use rightsdesk_domain::letter::{
    AccessItem, LanguageChoice, SituationPrompt, TimelineEntry, choose_language, kind_info,
};
use rightsdesk_domain::{AccountId, Language, LetterOptions, MandateKind, Party, RequestKind};
use rightsdesk_letters::{LetterInput, MandateInput, eml, lang, mailto, pdf, render, render_mandate, templates};

fn options(kind: RequestKind, all_on: bool) -> LetterOptions {
    // What a kind requires is always there; "all on" adds every optional part.
    let mut o = LetterOptions::default();
    match kind {
        RequestKind::Rectification => o.corrections = "My postcode is 10115, not 10117.".into(),
        RequestKind::Restriction => o.grounds = vec!["a".into()],
        RequestKind::AutomatedDecision => o.decision = "Account suspended on 1 March 2026".into(),
        RequestKind::IdentityContest => o.demanded = "a copy of my passport".into(),
        RequestKind::Reminder => o.original_sent = "2026-01-31".into(),
        RequestKind::Custom => {
            o.subject = "A question".into();
            o.body = "Please tell me.".into();
        }
        RequestKind::Objection => o.situation = "I am a nurse and my health inferences matter.".into(),
        RequestKind::AdTargetingObjection => o.situation_prompts = vec![SituationPrompt::MinorInHousehold],
        _ => {}
    }
    if all_on {
        o.portability = true;
        o.basis_mapping = true;
        o.recipients_identity = true;
        o.special_categories = true;
        o.situation = "My situation, in my words.".into();
        o.situation_prompts = SituationPrompt::ALL.to_vec();
        o.restriction = true;
        o.erasure = true;
        o.processing = "personalised advertising".into();
        o.grounds = match kind {
            RequestKind::Restriction => vec!["a".into(), "b".into(), "c".into(), "d".into()],
            _ => ["a", "b", "c", "d", "e", "f"].map(String::from).to_vec(),
        };
        o.direct_transmission = "Example Music AB".into();
        o.missing = AccessItem::ALL.to_vec();
        o.period_days = 21;
        o.complaint_summary = "They never answered.".into();
        o.identity =
            vec![rightsdesk_domain::letter::IdentityValue { label: "Customer number".into(), value: "C-991".into() }];
    }
    o
}

fn input(kind: RequestKind, language: Language, all_on: bool) -> LetterInput {
    LetterInput {
        kind,
        language: LanguageChoice { language, notice: None },
        reference: "RD-2026-7K".into(),
        today: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        voice: rightsdesk_domain::Voice::default(),
        form_of_address: String::new(),
        sender: Party {
            name: "Ana Nowak".into(),
            address: vec!["Hauptstraße 1".into(), "10115 Berlin".into(), "DE".into()],
            email: "ana@example.org".into(),
            ..Default::default()
        },
        recipient: Party {
            name: "TikTok Technology Limited".into(),
            address: vec!["10 Earlsfort Terrace".into(), "Dublin 2, D02 T380".into(), "Ireland".into()],
            email: "privacy@example.com".into(),
            ..Default::default()
        },
        accounts: if all_on {
            vec![AccountId { platform: "tiktok".into(), identifier: "@ana".into() }]
        } else {
            vec![]
        },
        options: options(kind, all_on),
        controller: (kind == RequestKind::Complaint).then(|| Party {
            name: "Example Platforms Ltd".into(),
            address: vec!["1 Street".into(), "Dublin".into()],
            email: String::new(),
            ..Default::default()
        }),
        timeline: if all_on {
            TimelineEntry::STEPS
                .iter()
                .map(|s| TimelineEntry { date: "2026-01-31".into(), step: (*s).into() })
                .collect()
        } else {
            vec![]
        },
        enclosures: vec![],
    }
}

/// Provisions a letter must cite beyond `kind_info().articles` when every option is on.
fn optional_articles(kind: RequestKind) -> &'static [&'static str] {
    match kind {
        RequestKind::Access => &["20(1)", "13(1)(c)", "13(1)(d)", "15(1)(c)", "9(1)", "9(2)"],
        RequestKind::Objection | RequestKind::AdTargetingObjection => &["18(1)(d)", "17(1)(c)", "9(1)", "19"],
        RequestKind::ObjectionDirectMarketing => &["17(1)(c)", "19"],
        RequestKind::WithdrawConsent => &["17(1)(b)", "19"],
        RequestKind::Erasure => {
            &["17(1)(a)", "17(1)(b)", "17(1)(c)", "17(1)(d)", "17(1)(e)", "17(1)(f)", "9(1)", "9(2)", "9(2)(a)"]
        }
        RequestKind::Restriction => &["18(1)(a)", "18(1)(b)", "18(1)(c)", "18(1)(d)"],
        RequestKind::Portability => &["20(2)"],
        RequestKind::Reminder => &["15(1)(a)", "15(1)(h)", "15(2)", "15(3)", "77(1)"],
        _ => &[],
    }
}

#[test]
fn every_kind_in_every_language_renders_with_options_on_and_off() {
    let mut rendered = 0;
    for language in Language::ALL {
        for kind in RequestKind::ALL {
            for all_on in [false, true] {
                let what = format!("{kind:?} in {language:?}, options {}", if all_on { "on" } else { "off" });
                let letter = render(&input(kind, language, all_on)).unwrap_or_else(|e| panic!("{what}: {e}"));
                for text in [&letter.subject, &letter.body] {
                    for leftover in ["{{", "}}", "{%", "%}", "{#", "undefined", "none", "None"] {
                        assert!(!text.contains(leftover), "{what}: unrendered “{leftover}” in\n{text}");
                    }
                    assert!(!text.contains("  "), "{what}: double space in\n{text}");
                }
                assert!(letter.subject.contains("RD-2026-7K"), "{what}: reference not in subject");
                assert!(letter.subject.contains(lang::reference_label(language)), "{what}: label not in subject");
                assert!(letter.body.contains("RD-2026-7K"), "{what}: reference not in body");
                assert!(!letter.subject.contains('\n'));
                assert!(letter.body.starts_with(|c: char| c.is_uppercase()), "{what}: {}", letter.body);
                assert!(letter.body.trim_end().ends_with("Ana Nowak"), "{what}: not signed");
                let info = kind_info(kind);
                let mut wanted: Vec<&str> = info.articles.iter().map(String::as_str).collect();
                if all_on {
                    wanted.extend(optional_articles(kind));
                }
                for provision in wanted {
                    let citation = lang::cite(language, provision).unwrap();
                    assert!(letter.body.contains(&citation), "{what}: “{citation}” not cited in\n{}", letter.body);
                }
                assert_eq!(letter.language, language);
                assert!(letter.template_version.starts_with("letters-"));
                rendered += 1;
            }
        }
    }
    assert_eq!(rendered, 7 * RequestKind::ALL.len() * 2);
}

#[test]
fn optional_parts_appear_only_when_switched_on() {
    for language in Language::ALL {
        let off = render(&input(RequestKind::Access, language, false)).unwrap();
        let on = render(&input(RequestKind::Access, language, true)).unwrap();
        let portability = lang::cite(language, "20(1)").unwrap();
        assert!(!off.body.contains(&portability), "{language:?}");
        assert!(on.body.contains(&portability), "{language:?}");
        assert!(on.body.contains("C-154/21") && !off.body.contains("C-154/21"), "{language:?}");
        assert!(on.body.contains("@ana") && on.body.contains("C-991"), "{language:?}: identity block");
    }
}

/// The tags and legal references of one template line: `{{ … }}`, `{% … %}`,
/// CJEU case numbers and paragraph numbers must match English line for line.
fn skeleton(line: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(['{']) {
        let after = &rest[start..];
        let close = match after.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                rest = &after[1..];
                continue;
            }
        };
        let Some(end) = after.find(close) else { break };
        let tag = &after[..end + 2];
        // Literal strings inside a tag are the language's own words (complaint fallbacks);
        // `voiced(…)` is the language's grammar of the sender's gender, which English lacks.
        if !tag.starts_with("{#") && !tag.contains("voiced(") {
            parts.push(strip_literals(tag));
        }
        rest = &after[end + 2..];
    }
    for word in line.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',') {
        if word.starts_with("C-") || word.contains("2016/679") || word.contains("01/2022") {
            parts.push(word.trim_end_matches(['.', ';']).to_owned());
        }
    }
    parts.sort();
    parts
}

fn strip_literals(tag: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    for c in tag.chars() {
        if c == '"' {
            in_string = !in_string;
            out.push('"');
        } else if !in_string || tag.contains("art(") || tag.contains("==") || tag.contains("extends") {
            out.push(c);
        }
    }
    out.replace("\"en/", "\"LANG/")
}

#[test]
fn every_language_carries_the_english_content_line_by_line() {
    let source = |name: &str| templates().iter().find(|(n, _)| *n == name).map(|(_, s)| *s);
    let mut names: Vec<String> = RequestKind::ALL.iter().map(|k| format!("{}.txt", k.as_str())).collect();
    names.push("_frame.txt".into());
    names.extend(MandateKind::ALL.map(|k| format!("mandate_{}.txt", k.as_str())));
    for language in Language::ALL {
        for name in &names {
            let en = source(&format!("en/{name}")).unwrap_or_else(|| panic!("en/{name} missing"));
            let path = format!("{}/{name}", language.code());
            let other = source(&path).unwrap_or_else(|| panic!("{path} missing"));
            let (en_lines, other_lines): (Vec<_>, Vec<_>) = (en.lines().collect(), other.lines().collect());
            assert_eq!(en_lines.len(), other_lines.len(), "{path}: line count differs from English");
            for (i, (a, b)) in en_lines.iter().zip(&other_lines).enumerate() {
                let b = b.replace(&format!("\"{}/", language.code()), "\"en/");
                assert_eq!(
                    skeleton(a),
                    skeleton(&b),
                    "{path}:{}: differs from English\n  en: {a}\n  {}: {b}",
                    i + 1,
                    language.code()
                );
                assert_eq!(a.trim().is_empty(), b.trim().is_empty(), "{path}:{}: blank line mismatch", i + 1);
            }
        }
    }
    // And no stray templates of unknown kinds.
    for (name, _) in templates() {
        let file = name.split('/').nth(1).unwrap_or_default();
        assert!(names.iter().any(|n| n == file), "unexpected template {name}");
    }
}

#[test]
fn german_letters_cite_the_dsgvo_and_english_the_gdpr() {
    let de = render(&input(RequestKind::Objection, Language::De, true)).unwrap();
    assert!(de.body.contains("Art. 21 Abs. 1 DSGVO") && !de.body.contains("GDPR"), "{}", de.body);
    assert!(de.subject.contains("Unser Zeichen: RD-2026-7K"));
    let en = render(&input(RequestKind::Objection, Language::En, true)).unwrap();
    assert!(en.body.contains("Article 21(1) GDPR"));
}

#[test]
fn required_options_and_the_sender_are_checked() {
    let mut i = input(RequestKind::Rectification, Language::En, false);
    i.options.corrections.clear();
    let err = render(&i).unwrap_err();
    assert!(err.to_string().contains("options.corrections"), "{err}");
    let mut i = input(RequestKind::Objection, Language::En, false);
    i.options.situation.clear();
    assert!(render(&i).unwrap_err().to_string().contains("options.situation"));
    let mut i = input(RequestKind::Access, Language::En, false);
    i.sender.name = " ".into();
    assert!(render(&i).unwrap_err().to_string().contains("person.display_name"));
}

#[test]
fn an_unsupported_language_falls_back_with_a_notice_that_the_letter_carries() {
    let mut i = input(RequestKind::Access, Language::En, false);
    i.language = choose_language(Some("sv"), "", "DE");
    let letter = render(&i).unwrap();
    assert_eq!(letter.language, Language::De);
    assert!(letter.notice.as_deref().unwrap_or_default().contains("“sv”"));
}

#[test]
fn header_injection_is_impossible_in_subject_and_names() {
    let mut i = input(RequestKind::Custom, Language::En, false);
    i.options.subject = "Hello".into();
    i.sender.name = "Ana\r\nBcc: victim@example.net".into();
    let letter = render(&i).unwrap();
    let raw = String::from_utf8(eml(&letter, "<x.1@example.org>", chrono::Utc::now()).unwrap()).unwrap();
    let headers = raw.split("\r\n\r\n").next().unwrap();
    assert!(!headers.lines().any(|l| l.to_ascii_lowercase().starts_with("bcc:")), "{headers}");
    // A subject with a line break is refused before rendering.
    let mut i = input(RequestKind::Custom, Language::En, false);
    i.options.subject = "Hi\r\nBcc: victim@example.net".into();
    assert!(render(&i).unwrap_err().to_string().contains("options.subject"));
}

#[test]
fn eml_is_a_complete_rfc5322_message() {
    let letter = render(&input(RequestKind::Access, Language::Pl, true)).unwrap();
    let raw = eml(&letter, "<RD-2026-7K.1@example.org>", chrono::Utc::now()).unwrap();
    let text = String::from_utf8(raw).unwrap();
    for header in [
        "From: ",
        "To: ",
        "Subject: ",
        "Message-ID: <RD-2026-7K.1@example.org>",
        "Date: ",
        "Content-Type: text/plain; charset=utf-8",
    ] {
        assert!(text.contains(header), "missing {header} in\n{text}");
    }
    let mut no_address = letter.clone();
    no_address.recipient.email.clear();
    assert!(eml(&no_address, "<a@b>", chrono::Utc::now()).unwrap_err().to_string().contains("post"));
}

#[test]
fn mailto_only_when_the_text_fits() {
    let short = render(&input(RequestKind::ObjectionDirectMarketing, Language::En, false)).unwrap();
    let link = mailto(&short).expect("a short letter fits");
    assert!(link.starts_with("mailto:privacy@example.com?subject=") && link.len() <= rightsdesk_letters::MAILTO_MAX);
    let long = render(&input(RequestKind::Access, Language::En, true)).unwrap();
    assert_eq!(mailto(&long), None);
}

#[test]
fn pdfs_are_a4_paginated_and_small() {
    let letter = render(&input(RequestKind::Access, Language::Pl, true)).unwrap();
    let bytes = pdf(&letter, None).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() < 200_000, "{} bytes: the font is not subset", bytes.len());
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/MediaBox [0 0 595.28 841.89]"), "not A4");
    // A long letter runs over several pages.
    let mut long = letter.clone();
    long.enclosures = (1..=120).map(|n| format!("Letter number {n} of the correspondence")).collect();
    let bytes = pdf(&long, None).unwrap();
    let pages = String::from_utf8_lossy(&bytes).matches("/Type /Page\n").count()
        + String::from_utf8_lossy(&bytes).matches("/Type /Page ").count();
    assert!(pages >= 3, "expected several pages, found {pages}");
}

#[test]
fn a_signature_image_is_embedded_and_a_broken_one_is_a_clear_error() {
    let letter = render(&input(RequestKind::Access, Language::En, false)).unwrap();
    // A 1×1 PNG.
    let png: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00,
        0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x64, 0x60, 0xF8, 0x5F, 0x0F, 0x00, 0x02, 0x87, 0x01, 0x80,
        0xEB, 0x47, 0xBA, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let with = pdf(&letter, Some(&rightsdesk_letters::Signature::Png(png.to_vec()))).unwrap();
    assert!(String::from_utf8_lossy(&with).contains("/Subtype /Image"));
    let err = pdf(&letter, Some(&rightsdesk_letters::Signature::Png(b"not a png".to_vec()))).unwrap_err();
    assert!(err.to_string().contains("signature"), "{err}");
}

#[test]
#[ignore = "prints letters for reading: cargo test -p rightsdesk-letters -- --ignored --nocapture"]
fn print_letters() {
    let lang = std::env::var("LETTER_LANG").ok().and_then(|l| Language::parse(&l)).unwrap_or(Language::En);
    for kind in RequestKind::ALL {
        let l = render(&input(kind, lang, true)).unwrap();
        println!("=== {}\n{}\n\n{}\n", kind.as_str(), l.subject, l.body);
    }
}

/// Art. 22(3)'s safeguards (human intervention, one's point of view,
/// contesting) belong to the 22(2)(a) and (c) exceptions only; under (b) the
/// safeguards are the authorising law's, which the letter asks the controller
/// to name. In every language.
#[test]
fn the_automated_decision_letter_ties_art_22_3_to_points_a_and_c_only() {
    for language in Language::ALL {
        let l = render(&input(RequestKind::AutomatedDecision, language, false)).unwrap();
        let cite = |p: &str| lang::cite(language, p).unwrap_or_else(|| panic!("{p} not citable"));
        let (a, b, c, three) = (cite("22(2)(a)"), cite("22(2)(b)"), cite("22(2)(c)"), cite("22(3)"));
        let paragraph =
            l.body.split("\n\n").find(|p| p.contains(&three)).unwrap_or_else(|| panic!("{language:?}: no 22(3)"));
        let at = |needle: &str| {
            paragraph.find(needle).unwrap_or_else(|| panic!("{language:?}: {needle} missing in {paragraph}"))
        };
        assert!(at(&a) < at(&three) && at(&c) < at(&three), "{language:?}: (a) and (c) lead to 22(3): {paragraph}");
        assert!(at(&b) > at(&three), "{language:?}: (b) comes after, with the law's own safeguards: {paragraph}");
        assert!(!paragraph.contains(&format!("{} ", cite("22(2)"))), "{language:?}: no bare 22(2) exception left");
    }
}

/// Every letter with the usual deadline tells the controller that an
/// extension must be announced with reasons within the month (Art. 12(3))
/// and that not acting must be explained, with the remedies (Art. 12(4)).
#[test]
fn the_deadline_paragraph_names_the_extension_notice_and_the_reasons_for_not_acting() {
    for language in Language::ALL {
        let l = render(&input(RequestKind::Access, language, false)).unwrap();
        let twelve_four = lang::cite(language, "12(4)").unwrap();
        let paragraph = l.body.split("\n\n").find(|p| p.contains(&twelve_four));
        let paragraph = paragraph.unwrap_or_else(|| panic!("{language:?}: Art. 12(4) is not cited:\n{}", l.body));
        let twelve_three = lang::cite(language, "12(3)").unwrap();
        assert_eq!(paragraph.matches(&twelve_three).count(), 2, "{language:?}: the period and the extension notice");
    }
}

/// A complaint reminds the authority of its three months (Art. 78(2)).
#[test]
fn a_complaint_cites_the_court_remedy_after_three_months() {
    for language in Language::ALL {
        let l = render(&input(RequestKind::Complaint, language, false)).unwrap();
        let cited = lang::cite(language, "78(2)").unwrap();
        assert!(l.body.contains(&cited), "{language:?}: {cited} missing:\n{}", l.body);
    }
}

/// Every action the recommender offers, over every basis × purpose × Art. 9
/// flag, can be written from the options it presets (plus the person's
/// particular situation where the kind needs one); where the basis is
/// unknown, the Art. 21(1) limb is limited to the processing on 6(1)(e)/(f).
#[test]
fn every_recommended_letter_renders_and_an_unknown_basis_limits_art_21_1() {
    use rightsdesk_domain::{LegalBasis, Purpose, recommend};
    let mut checked = 0;
    for basis in LegalBasis::ALL {
        for purpose in Purpose::ALL {
            for special in [false, true] {
                for action in recommend(basis, purpose, special) {
                    let kind = action.kind.request_kind();
                    let mut i = input(kind, Language::En, false);
                    let mut o = action.options.clone();
                    if kind.needs_particular_situation() {
                        o.situation = "My profile reveals my health.".into();
                    }
                    i.options = o;
                    let what = format!("{:?} for {basis:?} × {purpose:?} (Art. 9: {special})", action.kind);
                    let letter = render(&i).unwrap_or_else(|e| panic!("{what}: {e}"));
                    if kind.needs_particular_situation() {
                        assert!(
                            letter.body.contains(
                                "to the extent that you rely on Article 6(1)(e) GDPR or Article 6(1)(f) GDPR"
                            ),
                            "{what}: the 21(1) limb is not limited to 6(1)(e)/(f):\n{}",
                            letter.body
                        );
                    }
                    if special && kind == RequestKind::Erasure {
                        assert!(
                            letter.body.contains("Article 9(2) GDPR") && letter.body.contains("unlawful"),
                            "{what}"
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "{checked}");
}

/// The gender-marked first-person forms the templates use, per language:
/// (feminine, masculine). Spanish has none today (periodista/activista are
/// epicene, "me he opuesto" is invariant): its list names the forms a
/// translator would reach for, so that one slipping in is caught.
const GENDERED: &[(Language, &[&str], &[&str])] = &[
    (
        Language::Pl,
        &[
            "dostarczyłam",
            "podałam",
            "przesłałam",
            "otrzymałam",
            "wniosłam",
            "udzieliłam",
            "wysłałam",
            "przekazałam",
            "dziennikarka",
            "aktywistka",
        ],
        &[
            "dostarczyłem",
            "podałem",
            "przesłałem",
            "otrzymałem",
            "wniosłem",
            "udzieliłem",
            "wysłałem",
            "przekazałem",
            "dziennikarz",
            "aktywista",
        ],
    ),
    (Language::Fr, &["opposée", "militante"], &["opposé", "militant"]),
    (Language::It, &["opposta"], &["opposto"]),
    (Language::De, &["Journalistin", "Aktivistin"], &["Journalist", "Aktivist"]),
    (Language::Es, &["interesada", "afectada", "obligada"], &["interesado", "afectado", "obligado"]),
];

fn words(text: &str) -> std::collections::HashSet<&str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

/// Every kind × language × voice renders; no masculine form appears in a
/// feminine letter and the reverse, and the neutral letter has neither where
/// the language allows it. Polish past-tense forms in -łem/-łam are caught
/// even if a new template adds one the table does not list.
#[test]
fn the_persons_voice_decides_every_gendered_form() {
    use rightsdesk_domain::Voice;
    let mut seen: std::collections::HashSet<&str> = Default::default();
    for language in Language::ALL {
        for kind in RequestKind::ALL {
            for (voice, all_on) in Voice::ALL.into_iter().flat_map(|v| [(v, false), (v, true)]) {
                let mut i = input(kind, language, all_on);
                i.voice = voice;
                let letter = render(&i).unwrap_or_else(|e| panic!("{kind:?} {language:?} {voice:?}: {e}"));
                let text = format!("{}\n{}", letter.subject, letter.body);
                let w = words(&text);
                let what = format!("{kind:?} in {language:?}, {voice:?}");
                if language == Language::Pl {
                    for word in &w {
                        let masc = word.ends_with("łem");
                        let fem = word.ends_with("łam");
                        assert!(!(masc && voice != Voice::Masculine), "{what}: masculine “{word}”\n{text}");
                        assert!(!(fem && voice != Voice::Feminine), "{what}: feminine “{word}”\n{text}");
                    }
                }
                let Some((_, fem, masc)) = GENDERED.iter().find(|(l, _, _)| *l == language) else { continue };
                for form in *masc {
                    if w.contains(form) {
                        assert_eq!(voice, Voice::Masculine, "{what}: masculine “{form}”\n{text}");
                        seen.insert(form);
                    }
                }
                for form in *fem {
                    if w.contains(form) {
                        assert_eq!(voice, Voice::Feminine, "{what}: feminine “{form}”\n{text}");
                        seen.insert(form);
                    }
                }
            }
        }
    }
    // The table is not vacuous: every form listed for pl, fr, it, de is used by its own voice.
    for (language, fem, masc) in GENDERED.iter().filter(|(l, _, _)| *l != Language::Es) {
        for form in fem.iter().chain(masc.iter()) {
            assert!(seen.contains(form), "{language:?}: “{form}” is listed but no letter uses it");
        }
    }
}

/// The form of address the person asked for is in the identification block, in every language.
#[test]
fn the_form_of_address_is_given_where_the_person_has_one() {
    for language in Language::ALL {
        for kind in [RequestKind::Access, RequestKind::Complaint] {
            let mut i = input(kind, language, false);
            let plain = render(&i).unwrap().body;
            i.form_of_address = "Dr. Ana".into();
            let with = render(&i).unwrap().body;
            assert!(!plain.contains("Dr. Ana") && with.contains("Dr. Ana"), "{kind:?} {language:?}\n{with}");
            assert_eq!(with.lines().count(), plain.lines().count() + 1, "{kind:?} {language:?}: one line more");
        }
    }
}

/// The letter book renders for every language (and voice): every kind but
/// the custom letter, every option of each on, and its table lists what the
/// letter cites — checked against the letter's own text.
#[test]
fn the_letter_book_renders_for_every_language() {
    use rightsdesk_domain::Voice;
    use rightsdesk_letters::book;
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    for language in Language::ALL {
        let chapters = book::chapters(language, Voice::Neutral, today).unwrap();
        assert_eq!(chapters.len(), RequestKind::ALL.len() - 1, "{language:?}");
        for c in &chapters {
            let what = format!("{:?} in {language:?}", c.kind);
            let text = format!("{}\n{}", c.letter.subject, c.letter.body);
            assert!(!c.provisions.is_empty(), "{what}: cites nothing");
            for p in &c.provisions {
                assert!(text.contains(p.as_str()), "{what}: the table lists “{p}”, the letter does not say it");
            }
            for case in &c.cases {
                let number = case.trim_start_matches("EDPB Guidelines ");
                assert!(text.contains(number), "{what}: {case}");
            }
            // Every option is on: what the kind always cites and what its options add.
            for a in kind_info(c.kind)
                .articles
                .iter()
                .chain(optional_articles(c.kind).iter().map(|s| (*s).to_owned()).collect::<Vec<_>>().iter())
            {
                let cited = lang::cite(language, a).unwrap();
                assert!(c.provisions.contains(&cited), "{what}: {a} ({cited}) missing from {:?}", c.provisions);
            }
        }
        let access = chapters.iter().find(|c| c.kind == RequestKind::Access).unwrap();
        assert!(
            ["C-307/22", "C-487/21", "C-154/21"].iter().all(|c| access.cases.contains(&(*c).to_owned())),
            "{:?}",
            access.cases
        );
        let identity = chapters.iter().find(|c| c.kind == RequestKind::IdentityContest).unwrap();
        assert_eq!(identity.cases, ["EDPB Guidelines 01/2022"]);
        for voice in Voice::ALL {
            let pdf = book::pdf(language, voice, today).unwrap();
            assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 20_000, "{language:?} {voice:?}: {} bytes", pdf.len());
        }
    }
}

fn mandate_input(kind: MandateKind, language: Language, scoped: bool) -> MandateInput {
    MandateInput {
        kind,
        language,
        reference: "Mandate 3".into(),
        today: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        person: Party {
            name: "Ada Example".into(),
            address: vec!["Hauptstraße 1".into(), "10115 Berlin".into()],
            email: "ada@example.org".into(),
            web_form: String::new(),
        },
        organisation: Party {
            name: "Digitale Rechte e.V.".into(),
            address: vec!["Marktplatz 2".into(), "20095 Hamburg".into()],
            email: "office@rechte.example".into(),
            web_form: String::new(),
        },
        evidence: "Satzung § 2, VR 12345".into(),
        rights: if scoped { vec![RequestKind::Access, RequestKind::AdTargetingObjection] } else { vec![] },
        controllers: if scoped { vec!["TikTok Technology Limited".into()] } else { vec![] },
        expires_on: scoped.then(|| NaiveDate::from_ymd_opt(2027, 6, 30).unwrap()),
    }
}

#[test]
fn both_mandate_documents_render_in_every_language_ready_to_sign() {
    for language in Language::ALL {
        for kind in MandateKind::ALL {
            for scoped in [false, true] {
                let doc = render_mandate(&mandate_input(kind, language, scoped)).unwrap();
                let at = format!("{} {:?} scoped={scoped}", language.code(), kind);
                assert!(!doc.subject.is_empty() && !doc.subject.contains('\n'), "{at}: {}", doc.subject);
                assert!(doc.body.contains("Ada Example") && doc.body.contains("Digitale Rechte e.V."), "{at}");
                assert!(doc.body.contains("Hauptstraße 1, 10115 Berlin"), "{at}: the person's address");
                assert!(doc.body.contains("______"), "{at}: a place to sign");
                assert!(!doc.body.contains("{{") && !doc.body.contains("{%"), "{at}: {}", doc.body);
                assert_eq!(doc.body.contains("TikTok Technology Limited"), scoped, "{at}: the controllers named");
                assert_eq!(doc.body.contains("2027"), scoped, "{at}: the expiry, when there is one");
                match kind {
                    MandateKind::Art80 => {
                        assert!(doc.subject.contains("80"), "{at}: the title cites Art. 80(1)");
                        assert!(doc.body.contains("Satzung § 2"), "{at}: where the standing is documented");
                        assert!(doc.body.contains("77") && doc.body.contains("79"), "{at}");
                    }
                    MandateKind::Authority => {
                        assert!(doc.body.contains(if scoped { "15" } else { "22" }), "{at}: {}", doc.body);
                        assert!(!doc.body.contains("Satzung"), "{at}: no Art. 80(1) standing in an authority");
                    }
                }
            }
        }
    }
    let de = render_mandate(&mandate_input(MandateKind::Authority, Language::De, true)).unwrap();
    assert_eq!(de.subject, "Vollmacht");
    assert!(
        de.body.contains("- Auskunft über meine personenbezogenen Daten und eine Kopie davon (Art. 15 DSGVO);"),
        "{}",
        de.body
    );
    assert!(de.body.contains("bis zum 30. Juni 2027"), "{}", de.body);
}
