//! The words the app shows for the domain's values: statuses, marks,
//! outcomes, the Art. 15 items, the letter languages. The UI reads them from
//! here (the `vocabulary` command) instead of keeping its own copies.

use serde::{Deserialize, Serialize};

use crate::event::{EventCause, EventKind};
use crate::letter::{AccessItem, Language};
use crate::lifecycle::{MarkKind, Outcome};
use crate::person::Voice;
use crate::request::{RequestKind, RequestStatus};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusWord {
    pub status: RequestStatus,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MarkWord {
    pub mark: MarkKind,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OutcomeWord {
    pub outcome: Outcome,
    pub label: String,
}

/// An item an Art. 15 answer must contain, with its provision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AccessItemWord {
    pub item: AccessItem,
    pub label: String,
    /// E.g. `15(1)(c)`.
    pub article: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KindWord {
    pub kind: RequestKind,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EventWord {
    pub event: EventKind,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CauseWord {
    pub cause: EventCause,
    pub label: String,
}

/// A language letters can be written in; the empty code is "automatic".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LanguageWord {
    pub code: String,
    /// The language's own name for itself.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VoiceWord {
    pub voice: Voice,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BasisEventWord {
    pub kind: crate::BasisEventKind,
    pub label: String,
}

/// A purpose of processing, as the platform page names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PurposeWord {
    pub purpose: crate::Purpose,
    pub label: String,
}

/// An Art. 6(1) basis: its name, a short form for narrow columns, its point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BasisWord {
    pub basis: crate::LegalBasis,
    pub label: String,
    pub short: String,
    /// `6(1)(a)`; empty for `unknown`.
    pub article: String,
}

/// What a recommended action's button says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActionWord {
    pub kind: crate::ActionKind,
    pub button: String,
}

/// A choice of the guide's first question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConcernWord {
    pub concern: crate::guide::Concern,
    pub label: String,
}

/// Every list of words the app shows, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Vocabulary {
    pub statuses: Vec<StatusWord>,
    pub marks: Vec<MarkWord>,
    pub outcomes: Vec<OutcomeWord>,
    /// The kinds of request (letter).
    pub kinds: Vec<KindWord>,
    /// What can happen to a request, and who or what made it happen.
    pub events: Vec<EventWord>,
    pub causes: Vec<CauseWord>,
    /// In the order of the article (docs/legal.md §2).
    pub access_items: Vec<AccessItemWord>,
    /// "Automatic" first, then each language letters exist in.
    pub languages: Vec<LanguageWord>,
    /// The grammatical voices of a person's letters, the default first.
    pub voices: Vec<VoiceWord>,
    /// The kinds of dated event on a controller's timeline.
    pub basis_events: Vec<BasisEventWord>,
    /// The purposes of processing, in the platform page's order.
    pub purposes: Vec<PurposeWord>,
    /// The Art. 6(1) bases in the article's order, then `unknown`.
    pub bases: Vec<BasisWord>,
    /// The guide's first choices.
    pub concerns: Vec<ConcernWord>,
    /// The recommender's actions, as their buttons say them.
    pub actions: Vec<ActionWord>,
}

/// The vocabulary with every label in `lang`.
pub fn vocabulary_in(lang: crate::words::UiLanguage) -> Vocabulary {
    let mut v = vocabulary();
    let w = |s: &mut String| *s = lang.word(s);
    v.statuses.iter_mut().for_each(|x| w(&mut x.label));
    v.marks.iter_mut().for_each(|x| w(&mut x.label));
    v.outcomes.iter_mut().for_each(|x| w(&mut x.label));
    v.kinds.iter_mut().for_each(|x| w(&mut x.label));
    v.events.iter_mut().for_each(|x| w(&mut x.label));
    v.causes.iter_mut().for_each(|x| w(&mut x.label));
    v.access_items.iter_mut().for_each(|x| w(&mut x.label));
    v.voices.iter_mut().for_each(|x| w(&mut x.label));
    v.basis_events.iter_mut().for_each(|x| w(&mut x.label));
    v.purposes.iter_mut().for_each(|x| w(&mut x.label));
    v.bases.iter_mut().for_each(|x| {
        w(&mut x.label);
        w(&mut x.short);
    });
    v.concerns.iter_mut().for_each(|x| w(&mut x.label));
    v.actions.iter_mut().for_each(|x| w(&mut x.button));
    if let Some(auto) = v.languages.first_mut() {
        w(&mut auto.name);
    }
    v
}

/// Every label of the vocabulary (English), for the translation tables' test.
pub fn english_labels() -> Vec<String> {
    let v = vocabulary();
    let mut out: Vec<String> = Vec::new();
    out.extend(v.statuses.into_iter().map(|x| x.label));
    out.extend(v.marks.into_iter().map(|x| x.label));
    out.extend(v.outcomes.into_iter().map(|x| x.label));
    out.extend(v.kinds.into_iter().map(|x| x.label));
    out.extend(v.events.into_iter().map(|x| x.label));
    out.extend(v.causes.into_iter().map(|x| x.label));
    out.extend(v.access_items.into_iter().map(|x| x.label));
    out.extend(v.voices.into_iter().map(|x| x.label));
    out.extend(v.basis_events.into_iter().map(|x| x.label));
    out.extend(v.purposes.into_iter().map(|x| x.label));
    for b in v.bases {
        out.push(b.label);
        out.push(b.short);
    }
    out.extend(v.concerns.into_iter().map(|x| x.label));
    out.extend(v.actions.into_iter().map(|x| x.button));
    out.push(v.languages[0].name.clone());
    out.sort();
    out.dedup();
    out
}

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        statuses: RequestStatus::ALL.map(|status| StatusWord { status, label: status.label().into() }).to_vec(),
        marks: MarkKind::ALL.map(|mark| MarkWord { mark, label: mark.label().into() }).to_vec(),
        outcomes: Outcome::ALL.map(|outcome| OutcomeWord { outcome, label: outcome.label().into() }).to_vec(),
        kinds: RequestKind::ALL.map(|kind| KindWord { kind, label: kind.label().into() }).to_vec(),
        events: EventKind::ALL.map(|event| EventWord { event, label: event.label().into() }).to_vec(),
        causes: [EventCause::User, EventCause::MailImport, EventCause::Clock]
            .map(|cause| CauseWord { cause, label: cause.label().into() })
            .to_vec(),
        access_items: AccessItem::ALL
            .map(|item| AccessItemWord { item, label: item.label().into(), article: item.article().into() })
            .to_vec(),
        languages: std::iter::once(LanguageWord { code: String::new(), name: "Automatic".into() })
            .chain(Language::ALL.map(|l| LanguageWord { code: l.code().into(), name: l.endonym().into() }))
            .collect(),
        voices: Voice::ALL.map(|voice| VoiceWord { voice, label: voice.label().into() }).to_vec(),
        basis_events: crate::BasisEventKind::ALL
            .map(|kind| BasisEventWord { kind, label: kind.label().into() })
            .to_vec(),
        purposes: crate::Purpose::ALL.map(|purpose| PurposeWord { purpose, label: purpose.label().into() }).to_vec(),
        bases: crate::LegalBasis::ALL
            .map(|basis| {
                let (short, article) = basis_short(basis);
                let mut label = basis.label().to_owned();
                if let Some(first) = label.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                BasisWord { basis, label, short: short.into(), article: article.into() }
            })
            .to_vec(),
        concerns: crate::guide::Concern::ALL
            .map(|concern| ConcernWord { concern, label: concern.label().into() })
            .to_vec(),
        actions: crate::ActionKind::ALL.map(|kind| ActionWord { kind, button: kind.button().into() }).to_vec(),
    }
}

fn basis_short(b: crate::LegalBasis) -> (&'static str, &'static str) {
    use crate::LegalBasis as B;
    match b {
        B::Consent => ("Consent", "6(1)(a)"),
        B::Contract => ("Contract", "6(1)(b)"),
        B::LegalObligation => ("Legal obl.", "6(1)(c)"),
        B::VitalInterests => ("Vital int.", "6(1)(d)"),
        B::PublicTask => ("Public task", "6(1)(e)"),
        B::LegitimateInterests => ("Legit. int.", "6(1)(f)"),
        B::Unknown => ("Unknown", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::UiLanguage;

    #[test]
    fn every_word_of_the_vocabulary_is_translated_into_german_and_french() {
        for lang in [UiLanguage::De, UiLanguage::Fr] {
            let missing: Vec<String> = english_labels().into_iter().filter(|l| !lang.has(l)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks: {missing:?}");
        }
        let de = vocabulary_in(UiLanguage::De);
        assert_eq!(de.statuses.iter().find(|s| s.status == RequestStatus::Sent).unwrap().label, "Gesendet");
        assert_eq!(de.languages[0].name, "Automatisch");
        assert!(de.languages.iter().any(|l| l.name == "Français"), "languages keep their own names");
        assert_eq!(UiLanguage::from_tag("fr_CH.UTF-8"), UiLanguage::Fr);
        assert_eq!(UiLanguage::from_tag("pt-BR"), UiLanguage::En);
    }

    #[test]
    fn every_value_has_its_word_once() {
        let v = vocabulary();
        assert_eq!(v.statuses.len(), RequestStatus::ALL.len());
        assert_eq!(v.marks.len(), MarkKind::ALL.len());
        assert_eq!(v.access_items.len(), 11);
        assert_eq!(v.access_items[2].article, "15(1)(b)");
        assert_eq!(v.languages[0].code, "");
        assert!(v.languages.iter().any(|l| l.code == "de" && l.name == "Deutsch"));
        assert!(v.statuses.iter().all(|s| !s.label.is_empty()));
        assert_eq!(v.kinds.len(), RequestKind::ALL.len());
        assert_eq!(v.events.len(), EventKind::ALL.len());
        assert_eq!(v.voices[0].voice, Voice::default());
        assert!(v.events.iter().all(|e| !e.label.is_empty()) && v.causes.iter().all(|c| !c.label.is_empty()));
    }
}
