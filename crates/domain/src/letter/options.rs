//! What a letter can include: the options of each kind (listed once, for the
//! CLI's `request kinds`, the composer and validation), the guided prompts
//! for a particular situation, the Art. 15 checklist.

use serde::{Deserialize, Serialize};

use super::IdentityValue;
use crate::{FieldError, Invalid, RequestKind};

/// Guided prompts for the "particular situation" of an Art. 21(1) objection
/// (docs/legal.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SituationPrompt {
    /// Profiling reveals or infers health, religion, sexuality (Art. 9 data).
    SensitiveInferences,
    /// A minor lives in the household and uses the device or account.
    MinorInHousehold,
    /// A journalist or activist whose profile exposes sources or views.
    JournalistOrActivist,
    /// Targeted content causes psychological harm.
    PsychologicalHarm,
}

impl SituationPrompt {
    pub const ALL: [SituationPrompt; 4] =
        [Self::SensitiveInferences, Self::MinorInHousehold, Self::JournalistOrActivist, Self::PsychologicalHarm];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SensitiveInferences => "sensitive_inferences",
            Self::MinorInHousehold => "minor_in_household",
            Self::JournalistOrActivist => "journalist_or_activist",
            Self::PsychologicalHarm => "psychological_harm",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SensitiveInferences => "Profiling reveals or infers health, religion or sexuality",
            Self::MinorInHousehold => "A minor in my household uses this device or account",
            Self::JournalistOrActivist => "I am a journalist or activist",
            Self::PsychologicalHarm => "Targeted content harms me psychologically",
        }
    }
}

/// The items an Art. 15 answer must contain (docs/legal.md §2): the
/// completeness checklist, and what a reminder lists as missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AccessItem {
    /// 15(1): confirmation and the personal data.
    Confirmation,
    /// 15(1)(a).
    Purposes,
    /// 15(1)(b).
    Categories,
    /// 15(1)(c), by identity (C-154/21).
    Recipients,
    /// 15(1)(d).
    Retention,
    /// 15(1)(e).
    Rights,
    /// 15(1)(f).
    ComplaintRight,
    /// 15(1)(g).
    Source,
    /// 15(1)(h).
    AutomatedDecisions,
    /// 15(2).
    Safeguards,
    /// 15(3).
    Copy,
}

impl AccessItem {
    pub const ALL: [AccessItem; 11] = [
        Self::Confirmation,
        Self::Purposes,
        Self::Categories,
        Self::Recipients,
        Self::Retention,
        Self::Rights,
        Self::ComplaintRight,
        Self::Source,
        Self::AutomatedDecisions,
        Self::Safeguards,
        Self::Copy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmation => "confirmation",
            Self::Purposes => "purposes",
            Self::Categories => "categories",
            Self::Recipients => "recipients",
            Self::Retention => "retention",
            Self::Rights => "rights",
            Self::ComplaintRight => "complaint_right",
            Self::Source => "source",
            Self::AutomatedDecisions => "automated_decisions",
            Self::Safeguards => "safeguards",
            Self::Copy => "copy",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The provision, in the `cite` notation of the letters crate.
    pub fn article(self) -> &'static str {
        match self {
            Self::Confirmation => "15(1)",
            Self::Purposes => "15(1)(a)",
            Self::Categories => "15(1)(b)",
            Self::Recipients => "15(1)(c)",
            Self::Retention => "15(1)(d)",
            Self::Rights => "15(1)(e)",
            Self::ComplaintRight => "15(1)(f)",
            Self::Source => "15(1)(g)",
            Self::AutomatedDecisions => "15(1)(h)",
            Self::Safeguards => "15(2)",
            Self::Copy => "15(3)",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Confirmation => "Confirmation and the personal data",
            Self::Purposes => "Purposes",
            Self::Categories => "Categories of data",
            Self::Recipients => "Recipients, by identity",
            Self::Retention => "Retention period",
            Self::Rights => "Rights to rectification, erasure, restriction, objection",
            Self::ComplaintRight => "Right to complain to a supervisory authority",
            Self::Source => "Source of the data",
            Self::AutomatedDecisions => "Automated decisions and their logic",
            Self::Safeguards => "Safeguards for transfers to third countries",
            Self::Copy => "A copy of the data",
        }
    }
}

/// Everything a letter can be asked to include. One flat record for every
/// kind: `KindInfo::options` says which fields a kind reads; the rest are
/// ignored. Default: every optional part off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct LetterOptions {
    /// Access: also a copy in a portable format (Art. 20).
    pub portability: bool,
    /// Access: purpose → basis per purpose (13(1)(c)) and the legitimate interests pursued (13(1)(d)).
    pub basis_mapping: bool,
    /// Access: recipients by identity, not categories (15(1)(c), C-154/21).
    pub recipients_identity: bool,
    /// Access: name the Art. 9(2) exception relied on for special-category data;
    /// erasure: the data are special-category data no 9(2) exception covers.
    pub special_categories: bool,
    /// Objections: the person's particular situation, in their words.
    pub situation: String,
    pub situation_prompts: Vec<SituationPrompt>,
    /// Objections: ask for restriction while the objection is assessed (18(1)(d)).
    pub restriction: bool,
    /// Objections, withdrawal: ask for erasure (17(1)(b)/(c)).
    pub erasure: bool,
    /// The processing concerned (objections, withdrawal); empty: all of it.
    pub processing: String,
    /// Erasure (17(1)(a)–(f)) or restriction (18(1)(a)–(d)) grounds, as letters.
    pub grounds: Vec<String>,
    /// Rectification: what is wrong and what is right.
    pub corrections: String,
    /// Portability: transmit directly to this controller (20(2)).
    pub direct_transmission: String,
    /// Automated decision: which decision.
    pub decision: String,
    /// Identity contest: what the controller demanded.
    pub demanded: String,
    /// Reminder: when the first letter went out (YYYY-MM-DD).
    pub original_sent: String,
    /// Reminder: what the answer lacks.
    pub missing: Vec<AccessItem>,
    /// Reminder: the fresh period, in days (0: 14, the common practice).
    pub period_days: u32,
    /// Complaint: what went wrong, in the person's words.
    pub complaint_summary: String,
    /// Custom letter.
    pub subject: String,
    pub body: String,
    /// Identity data the controller requires beyond name, e-mail, address.
    pub identity: Vec<IdentityValue>,
    /// Reminder, complaint: the earlier request this letter follows up (its
    /// reference); its dates and missing items fill the letter.
    pub regarding: String,
}

/// How an option is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OptionType {
    Flag,
    Text,
    /// Several values from `choices`.
    List,
    Date,
    Number,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OptionInfo {
    /// The `LetterOptions` field, and the CLI's `--option` name.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: OptionType,
    pub label: String,
    pub required: bool,
    pub choices: Vec<String>,
    /// How each choice is shown (same order as `choices`).
    pub choice_labels: Vec<String>,
}

/// A kind of letter as `request kinds` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KindInfo {
    pub kind: RequestKind,
    pub label: String,
    /// Articles the letter always cites.
    pub articles: Vec<String>,
    pub options: Vec<OptionInfo>,
}

fn opt(name: &str, kind: OptionType, label: &str, required: bool, choices: &[&str]) -> OptionInfo {
    OptionInfo {
        name: name.to_owned(),
        kind,
        label: label.to_owned(),
        required,
        choices: choices.iter().map(|c| (*c).to_owned()).collect(),
        choice_labels: choices.iter().map(|c| choice_label(name, c)).collect(),
    }
}

/// How a choice of an option is shown: a ground as "(a)", a situation prompt
/// or an Art. 15 item in words, anything else as its name.
fn choice_label(option: &str, choice: &str) -> String {
    if option == "grounds" {
        return format!("({choice})");
    }
    if let Some(p) = SituationPrompt::parse(choice) {
        return p.label().to_owned();
    }
    if let Some(i) = AccessItem::parse(choice) {
        return format!("{} ({})", i.label(), i.article());
    }
    choice.replace('_', " ")
}

const ERASURE_GROUNDS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
const RESTRICTION_GROUNDS: [&str; 4] = ["a", "b", "c", "d"];

/// Kinds with their articles and options.
pub fn kinds() -> Vec<KindInfo> {
    RequestKind::ALL.into_iter().map(kind_info).collect()
}

pub fn kind_info(kind: RequestKind) -> KindInfo {
    use OptionType::*;
    use RequestKind as K;
    let prompts: Vec<&str> = SituationPrompt::ALL.iter().map(|p| p.as_str()).collect();
    let items: Vec<&str> = AccessItem::ALL.iter().map(|p| p.as_str()).collect();
    let processing = opt("processing", Text, "The processing concerned (empty: all of it)", false, &[]);
    let objection_options = || {
        vec![
            processing.clone(),
            opt("situation", Text, "Your particular situation, in your words", false, &[]),
            opt("situation_prompts", List, "Situations that apply", false, &prompts),
            opt("restriction", Flag, "Restrict processing while they assess (Art. 18(1)(d))", false, &[]),
            opt("erasure", Flag, "Erase the data afterwards (Art. 17(1)(c))", false, &[]),
        ]
    };
    let (articles, options): (&[&str], Vec<OptionInfo>) = match kind {
        K::Access => (
            &["15(1)", "15(3)", "12(3)"],
            vec![
                opt("portability", Flag, "Also a copy in a portable format (Art. 20)", false, &[]),
                opt("basis_mapping", Flag, "Which basis for which purpose, and the interests pursued", false, &[]),
                opt("recipients_identity", Flag, "Recipients by name, not categories (C-154/21)", false, &[]),
                opt("special_categories", Flag, "Which Art. 9(2) exception covers special-category data", false, &[]),
            ],
        ),
        K::Objection => (&["21(1)", "12(3)"], objection_options()),
        K::AdTargetingObjection => (&["21(1)", "21(2)", "21(3)"], objection_options()),
        K::ObjectionDirectMarketing => (
            &["21(2)", "21(3)"],
            vec![processing.clone(), opt("erasure", Flag, "Erase the data afterwards (Art. 17(1)(c))", false, &[])],
        ),
        K::WithdrawConsent => (
            &["7(3)"],
            vec![processing.clone(), opt("erasure", Flag, "Erase the data afterwards (Art. 17(1)(b))", false, &[])],
        ),
        K::Erasure => (
            &["17(1)", "19"],
            vec![
                opt("grounds", List, "Grounds (Art. 17(1)(a)–(f))", false, &ERASURE_GROUNDS),
                opt("special_categories", Flag, "Special-category data no Art. 9(2) exception covers", false, &[]),
            ],
        ),
        K::Rectification => {
            (&["16", "19"], vec![opt("corrections", Text, "What is wrong, and what is right", true, &[])])
        }
        K::Restriction => (
            &["18(1)", "19"],
            vec![opt("grounds", List, "Grounds (Art. 18(1)(a)–(d))", true, &RESTRICTION_GROUNDS), processing.clone()],
        ),
        K::Portability => (
            &["20(1)"],
            vec![opt("direct_transmission", Text, "Send directly to this controller (Art. 20(2))", false, &[])],
        ),
        K::AutomatedDecision => {
            (&["22(1)", "22(3)", "15(1)(h)"], vec![opt("decision", Text, "The decision concerned", true, &[])])
        }
        K::IdentityContest => {
            (&["12(6)", "12(2)", "5(1)(c)"], vec![opt("demanded", Text, "What they asked you to provide", true, &[])])
        }
        K::Reminder => (
            &["77(1)"],
            vec![
                opt("regarding", Text, "The earlier request this follows up (its reference)", false, &[]),
                opt("original_sent", Date, "When your first letter went out", true, &[]),
                opt("missing", List, "What the answer lacks (Art. 15 items)", false, &items),
                opt("period_days", Number, "Fresh period in days (default 14)", false, &[]),
            ],
        ),
        K::Complaint => {
            (&["77(1)"], vec![opt("complaint_summary", Text, "What went wrong, in your words", false, &[])])
        }
        K::Custom => {
            (&[], vec![opt("subject", Text, "Subject", true, &[]), opt("body", Text, "The letter's text", true, &[])])
        }
    };
    KindInfo {
        kind,
        label: kind.label().to_owned(),
        articles: articles.iter().map(|a| (*a).to_owned()).collect(),
        options,
    }
}

const MAX_TEXT: usize = 20_000;

/// Checks the options a kind reads: required ones present, grounds and dates
/// well-formed, no runaway texts. Errors name `options.<field>`.
pub fn validate_options(kind: RequestKind, o: &LetterOptions) -> Result<(), Invalid> {
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| errors.push(FieldError::new(format!("options.{field}"), message));
    let info = kind_info(kind);
    for option in &info.options {
        let empty = match option.name.as_str() {
            "corrections" => o.corrections.trim().is_empty(),
            "decision" => o.decision.trim().is_empty(),
            "demanded" => o.demanded.trim().is_empty(),
            "original_sent" => o.original_sent.trim().is_empty() && o.regarding.trim().is_empty(),
            "subject" => o.subject.trim().is_empty(),
            "body" => o.body.trim().is_empty(),
            "grounds" => o.grounds.is_empty(),
            _ => false,
        };
        if option.required && empty {
            err(&option.name, format!("{} is required for this letter", option.label));
        }
    }
    let allowed: &[&str] = match kind {
        RequestKind::Erasure => &ERASURE_GROUNDS,
        RequestKind::Restriction => &RESTRICTION_GROUNDS,
        _ => &[],
    };
    for g in &o.grounds {
        if !allowed.is_empty() && !allowed.contains(&g.as_str()) {
            err("grounds", format!("“{g}” is not a ground of this article (allowed: {})", allowed.join(", ")));
        }
    }
    // Art. 21(1) reaches a processing only "on grounds relating to [the
    // person's] particular situation": a letter with a 21(1) limb (also the
    // combined ad-targeting one, whose 21(1) limb is the alternative) is not
    // written without one.
    if kind.needs_particular_situation() && o.situation.trim().is_empty() && o.situation_prompts.is_empty() {
        err(
            "situation",
            "an Art. 21(1) objection rests on grounds relating to your particular situation: describe it or pick a prompt"
                .to_owned(),
        );
    }
    if kind == RequestKind::Reminder
        && !o.original_sent.trim().is_empty()
        && crate::deadline::parse_date("options.original_sent", o.original_sent.trim()).is_err()
    {
        err("original_sent", "use the form YYYY-MM-DD".to_owned());
    }
    if o.period_days > 365 {
        err("period_days", "at most 365 days".to_owned());
    }
    if o.subject.contains(['\r', '\n']) {
        err("subject", "a subject is one line".to_owned());
    }
    for (name, text) in [
        ("situation", &o.situation),
        ("processing", &o.processing),
        ("corrections", &o.corrections),
        ("body", &o.body),
        ("complaint_summary", &o.complaint_summary),
    ] {
        if text.len() > MAX_TEXT {
            err(name, format!("at most {MAX_TEXT} characters"));
        }
    }
    for v in &o.identity {
        if v.label.contains(['\r', '\n']) || v.value.contains(['\r', '\n']) {
            err("identity", format!("“{}” must be one line", v.label.trim()));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Invalid(errors)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_lists_its_options_and_validation_names_the_field() {
        assert_eq!(kinds().len(), RequestKind::ALL.len());
        let err = validate_options(RequestKind::Rectification, &LetterOptions::default()).unwrap_err().0;
        assert_eq!(err[0].field, "options.corrections");
        let bad = LetterOptions { grounds: vec!["g".into()], ..Default::default() };
        assert_eq!(validate_options(RequestKind::Erasure, &bad).unwrap_err().0[0].field, "options.grounds");
        let inject = LetterOptions { subject: "Hi\r\nBcc: x@y".into(), body: "b".into(), ..Default::default() };
        assert_eq!(validate_options(RequestKind::Custom, &inject).unwrap_err().0[0].field, "options.subject");
        assert!(validate_options(RequestKind::Access, &LetterOptions::default()).is_ok());
    }

    /// A letter invoking Art. 21(1) is never written without a particular situation.
    #[test]
    fn an_art_21_1_letter_needs_a_particular_situation() {
        for kind in [RequestKind::Objection, RequestKind::AdTargetingObjection] {
            let e = validate_options(kind, &LetterOptions::default()).unwrap_err().0;
            assert_eq!(e[0].field, "options.situation", "{kind:?}");
            let words = LetterOptions { situation: "I am a nurse.".into(), ..Default::default() };
            assert!(validate_options(kind, &words).is_ok());
            let prompt =
                LetterOptions { situation_prompts: vec![SituationPrompt::MinorInHousehold], ..Default::default() };
            assert!(validate_options(kind, &prompt).is_ok());
        }
        assert!(
            validate_options(RequestKind::ObjectionDirectMarketing, &LetterOptions::default()).is_ok(),
            "21(2) needs no reasons"
        );
    }
}
