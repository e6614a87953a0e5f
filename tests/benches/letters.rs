//! Letter benchmarks (not tests: they print figures, assert nothing).
//!   cargo bench -p rightsdesk-tests --bench letters
//! Issue "Write the right letter": render 1,000 text letters and 100 PDFs;
//! per-letter times. Text letters cycle through every kind and language with
//! every option on; PDFs are the longest letter (access, all options).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rightsdesk_domain::letter::{AccessItem, IdentityValue, LanguageChoice, SituationPrompt, TimelineEntry};
use rightsdesk_domain::{AccountId, Language, LetterOptions, Party, RequestKind};
use rightsdesk_letters::{LetterInput, pdf, render};

fn input(kind: RequestKind, language: Language, n: usize) -> LetterInput {
    let options = LetterOptions {
        portability: true,
        basis_mapping: true,
        recipients_identity: true,
        special_categories: true,
        situation: "I work night shifts as a nurse; inferences about my health reach advertisers.".into(),
        situation_prompts: SituationPrompt::ALL.to_vec(),
        restriction: true,
        erasure: true,
        processing: "personalised advertising".into(),
        grounds: match kind {
            RequestKind::Restriction => ["a", "b", "c", "d"].map(String::from).to_vec(),
            _ => ["a", "b", "c", "d", "e", "f"].map(String::from).to_vec(),
        },
        corrections: "My postcode is 10115.".into(),
        direct_transmission: "Example Music AB".into(),
        decision: "Account closed on 1 March 2026".into(),
        demanded: "a copy of my passport".into(),
        original_sent: "2026-01-31".into(),
        missing: AccessItem::ALL.to_vec(),
        period_days: 14,
        complaint_summary: "No answer after two months.".into(),
        subject: "A question".into(),
        body: "Please tell me.".into(),
        identity: vec![IdentityValue { label: "Customer number".into(), value: format!("C-{n}") }],
        regarding: String::new(),
    };
    LetterInput {
        kind,
        language: LanguageChoice { language, notice: None },
        reference: format!("RD-2026-{n:X}"),
        today: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default(),
        voice: rightsdesk_domain::Voice::default(),
        form_of_address: String::new(),
        sender: Party {
            name: "Ana Nowak".into(),
            address: vec!["ul. Długa 5".into(), "00-001 Warszawa".into(), "PL".into()],
            email: "ana@example.org".into(),
            ..Default::default()
        },
        recipient: Party {
            name: "Example Platforms Limited".into(),
            address: vec!["1 Example Street".into(), "Dublin 2".into(), "Ireland".into()],
            email: "privacy@example.com".into(),
            ..Default::default()
        },
        accounts: vec![AccountId { platform: "example".into(), identifier: "@ana".into() }],
        options,
        controller: Some(Party { name: "Example Platforms Limited".into(), ..Default::default() }),
        timeline: TimelineEntry::STEPS
            .iter()
            .map(|s| TimelineEntry { date: "2026-01-31".into(), step: (*s).into() })
            .collect(),
        enclosures: vec!["Access request (2026-01-31)".into()],
    }
}

fn stats(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let total: Duration = times.iter().sum();
    let per = |d: Duration| format!("{:.3} ms", d.as_secs_f64() * 1000.0);
    println!(
        "{label}: {} in {}; per letter mean {}, p50 {}, p95 {}",
        times.len(),
        per(total),
        per(total / times.len() as u32),
        per(times[times.len() / 2]),
        per(times[times.len() * 95 / 100])
    );
}

fn main() {
    // The first render builds the template environment; count it apart.
    let t = Instant::now();
    render(&input(RequestKind::Access, Language::En, 0)).unwrap_or_else(|e| panic!("{e}"));
    println!("first render (templates parsed): {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);

    let mut text = Vec::with_capacity(1000);
    let mut bytes = 0;
    for n in 0..1000 {
        let kind = RequestKind::ALL[n % RequestKind::ALL.len()];
        let language = Language::ALL[n % Language::ALL.len()];
        let i = input(kind, language, n);
        let t = Instant::now();
        let letter = render(&i).unwrap_or_else(|e| panic!("{kind:?} {language:?}: {e}"));
        text.push(t.elapsed());
        bytes += letter.body.len();
    }
    stats("text letters (every kind × language, all options)", text);
    println!("  average body {} bytes", bytes / 1000);

    let long = render(&input(RequestKind::Access, Language::Pl, 1)).unwrap_or_else(|e| panic!("{e}"));
    let t = Instant::now();
    let first = pdf(&long, None).unwrap_or_else(|e| panic!("{e}"));
    println!("first PDF (fonts parsed): {:.1} ms, {} bytes", t.elapsed().as_secs_f64() * 1000.0, first.len());
    let mut pdfs = Vec::with_capacity(100);
    let mut size = 0;
    for n in 0..100 {
        let letter = render(&input(RequestKind::ALL[n % RequestKind::ALL.len()], Language::ALL[n % 7], n))
            .unwrap_or_else(|e| panic!("{e}"));
        let t = Instant::now();
        let doc = pdf(&letter, None).unwrap_or_else(|e| panic!("{e}"));
        pdfs.push(t.elapsed());
        size += doc.len();
    }
    stats("PDFs (A4, subset font)", pdfs);
    println!("  average PDF {} kB", size / 100 / 1024);
}
