//! The letter book: every kind of letter in one language and voice, with
//! every option on, and a table of the provisions and cases each cites — the
//! document a lawyer reads to sign off a language.
//!
//! The table comes from the letters themselves (the provisions `art()` was
//! asked for while rendering, the case numbers in the text), so it cannot
//! drift from what the letters say.

use chrono::NaiveDate;
use rightsdesk_domain::letter::{IdentityValue, LanguageChoice, OptionType, TimelineEntry, kind_info};
use rightsdesk_domain::{AccountId, Language, Letter, LetterOptions, Party, RequestKind, Voice};

use crate::render::{render_cited, template_version};
use crate::{Error, LetterInput, Result, lang};

/// One kind of letter as the book shows it.
#[derive(Debug, Clone)]
pub struct Chapter {
    pub kind: RequestKind,
    /// The kind's name (English, as the app shows it).
    pub label: String,
    /// The options switched on (all of the kind's), by their labels.
    pub options: Vec<String>,
    /// Provisions cited, in the letter's own notation, in the order first cited.
    pub provisions: Vec<String>,
    /// Judgments and guidance cited (`C-252/21`, `EDPB Guidelines 01/2022`).
    pub cases: Vec<String>,
    pub template_version: String,
    pub letter: Letter,
}

/// A kind's options, every one of them on: flags set, every choice of a
/// list taken, a text option filled with its label in brackets (the place
/// the person's words go), a date 45 days before `today`.
pub fn every_option(kind: RequestKind, today: NaiveDate) -> Result<LetterOptions> {
    let mut o = LetterOptions::default();
    let earlier = (today - chrono::Days::new(45)).format("%Y-%m-%d").to_string();
    for opt in kind_info(kind).options {
        let text = format!("[{}]", opt.label);
        let choices = opt.choices.clone();
        match (opt.name.as_str(), opt.kind) {
            ("portability", OptionType::Flag) => o.portability = true,
            ("basis_mapping", OptionType::Flag) => o.basis_mapping = true,
            ("recipients_identity", OptionType::Flag) => o.recipients_identity = true,
            ("special_categories", OptionType::Flag) => o.special_categories = true,
            ("restriction", OptionType::Flag) => o.restriction = true,
            ("erasure", OptionType::Flag) => o.erasure = true,
            ("situation", OptionType::Text) => o.situation = text,
            ("situation_prompts", OptionType::List) => {
                o.situation_prompts =
                    choices.iter().filter_map(|c| rightsdesk_domain::letter::SituationPrompt::parse(c)).collect();
            }
            ("processing", OptionType::Text) => o.processing = text,
            ("grounds", OptionType::List) => o.grounds = choices,
            ("corrections", OptionType::Text) => o.corrections = text,
            ("direct_transmission", OptionType::Text) => o.direct_transmission = text,
            ("decision", OptionType::Text) => o.decision = text,
            ("demanded", OptionType::Text) => o.demanded = text,
            // The reference of an earlier request: the store resolves it; the book has none.
            ("regarding", OptionType::Text) => {}
            ("original_sent", OptionType::Date) => o.original_sent = earlier.clone(),
            ("missing", OptionType::List) => {
                o.missing = choices.iter().filter_map(|c| rightsdesk_domain::letter::AccessItem::parse(c)).collect();
            }
            ("period_days", OptionType::Number) => o.period_days = 14,
            ("complaint_summary", OptionType::Text) => o.complaint_summary = text,
            ("subject", OptionType::Text) => o.subject = text,
            ("body", OptionType::Text) => o.body = text,
            (name, _) => {
                return Err(Error::Template {
                    name: format!("book/{}", kind.as_str()),
                    message: format!("the letter book does not know how to switch on option “{name}”"),
                });
            }
        }
    }
    o.identity = vec![IdentityValue { label: "[Customer number]".into(), value: "[C-0000]".into() }];
    Ok(o)
}

fn placeholder_party(name: &str, email: &str) -> Party {
    Party {
        name: name.into(),
        address: vec!["[Street and number]".into(), "[Postal code, city]".into(), "[Country]".into()],
        email: email.into(),
        web_form: String::new(),
    }
}

/// What the book renders a kind from: placeholder parties, every option on,
/// a complaint's full timeline.
pub fn sample_input(kind: RequestKind, language: Language, voice: Voice, today: NaiveDate) -> Result<LetterInput> {
    Ok(LetterInput {
        kind,
        language: LanguageChoice { language, notice: None },
        reference: format!("RD-{}-BOOK", chrono::Datelike::year(&today)),
        today,
        sender: placeholder_party("[Name of the person]", "person@example.org"),
        voice,
        form_of_address: "[Form of address]".into(),
        recipient: placeholder_party("[Controller]", "privacy@controller.example"),
        accounts: vec![AccountId { platform: "[platform]".into(), identifier: "[account]".into() }],
        options: every_option(kind, today)?,
        controller: (kind == RequestKind::Complaint).then(|| placeholder_party("[Controller complained about]", "")),
        timeline: if kind == RequestKind::Complaint {
            let on = (today - chrono::Days::new(90)).format("%Y-%m-%d").to_string();
            TimelineEntry::STEPS.iter().map(|s| TimelineEntry { date: on.clone(), step: (*s).into() }).collect()
        } else {
            vec![]
        },
        enclosures: vec![],
    })
}

/// Judgments (`C-123/45`) and EDPB guidelines named in a text, in order.
fn cases_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';')) {
        let word = word.trim_end_matches(['.', ':']);
        let case = word.strip_prefix("C-").is_some_and(|rest| {
            rest.split_once('/').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.chars().all(|c| c.is_ascii_digit())
                    && b.chars().all(|c| c.is_ascii_digit())
            })
        });
        let found = if case {
            Some(word.to_owned())
        } else if word == "01/2022" {
            Some("EDPB Guidelines 01/2022".to_owned())
        } else {
            None
        };
        if let Some(f) = found
            && !out.contains(&f)
        {
            out.push(f);
        }
    }
    out
}

/// Every kind (custom letters aside: they say what the person writes), in
/// the order of `RequestKind::ALL`.
pub fn chapters(language: Language, voice: Voice, today: NaiveDate) -> Result<Vec<Chapter>> {
    let mut out = Vec::new();
    for kind in RequestKind::ALL.into_iter().filter(|k| *k != RequestKind::Custom) {
        let input = sample_input(kind, language, voice, today)?;
        let (letter, cited) = render_cited(&input)?;
        let provisions = cited.iter().filter_map(|p| lang::cite(language, p)).collect();
        let cases = cases_in(&format!("{}\n{}", letter.subject, letter.body));
        let options =
            kind_info(kind).options.iter().filter(|o| o.name != "regarding").map(|o| o.label.clone()).collect();
        out.push(Chapter {
            kind,
            label: kind.label().to_owned(),
            options,
            provisions,
            cases,
            template_version: template_version(language, kind),
            letter,
        });
    }
    Ok(out)
}

/// The book as a PDF: a contents page with the table of what each letter
/// cites, then each letter from a new page, with its options and citations
/// above it.
pub fn pdf(language: Language, voice: Voice, today: NaiveDate) -> Result<Vec<u8>> {
    let chapters = chapters(language, voice, today)?;
    let title =
        format!("RightsDesk letter book — {} ({}), voice: {}", language.endonym(), language.code(), voice.as_str());
    let intro = vec![
        format!(
            "Every kind of letter RightsDesk writes in {}, with every option switched on, as a lawyer reviews it before \
             signing off the language. Text in [brackets] is where the person's own details and words go. Made on {}.",
            language.endonym(),
            today.format("%Y-%m-%d")
        ),
        "The table lists what each letter cites: the provisions (taken from the letter as rendered) and the judgments \
         and guidance named in it. Each letter follows on its own pages, with its template version."
            .to_owned(),
    ];
    crate::pdf::book(&title, &intro, &chapters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_are_found_in_the_order_named() {
        assert_eq!(
            cases_in("(CJEU C-307/22) and C-487/21. Guidelines 01/2022, C-307/22; C-1/"),
            ["C-307/22", "C-487/21", "EDPB Guidelines 01/2022"]
        );
    }
}
