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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
