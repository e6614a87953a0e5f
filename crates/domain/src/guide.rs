//! The guided first start: what bothers the person, on which platform → what
//! the platform claims for it (the claims in force, each with its source and
//! passage) said in one sentence → the one letter that fits, with what it
//! needs from the person. Pure: the claims and the day are given.

use serde::{Deserialize, Serialize};

use crate::basis::{Claim, LegalBasis, Purpose};
use crate::recommend::{Action, ActionKind, recommend};
use crate::watch::in_sentence;

/// What bothers the person: the first question of the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    /// Ads chosen from what I do.
    AdsOnActivity,
    /// What the platform knows about me.
    WhatTheyKnow,
    /// Delete my account's data.
    DeleteMyData,
    /// Stop marketing messages.
    StopMarketing,
}

impl Concern {
    pub const ALL: [Concern; 4] = [Self::AdsOnActivity, Self::WhatTheyKnow, Self::DeleteMyData, Self::StopMarketing];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AdsOnActivity => "ads_on_activity",
            Self::WhatTheyKnow => "what_they_know",
            Self::DeleteMyData => "delete_my_data",
            Self::StopMarketing => "stop_marketing",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The choice as the person would say it.
    pub fn label(self) -> &'static str {
        match self {
            Self::AdsOnActivity => "Ads based on what I do",
            Self::WhatTheyKnow => "What a platform knows about me",
            Self::DeleteMyData => "Delete my account data",
            Self::StopMarketing => "Stop marketing messages",
        }
    }

    /// The purposes whose claims answer it.
    pub fn purposes(self) -> &'static [Purpose] {
        match self {
            Self::AdsOnActivity => &[Purpose::PersonalisedAds, Purpose::AdMeasurement, Purpose::SharingWithPartners],
            Self::StopMarketing => &[Purpose::MarketingMessages],
            Self::WhatTheyKnow | Self::DeleteMyData => &[],
        }
    }
}

/// The platforms most people come for, offered as one-click choices (registry slugs).
pub const FEATURED: [&str; 10] =
    ["tiktok", "facebook", "instagram", "youtube", "google", "twitter", "linkedin", "snapchat", "amazon", "spotify"];

/// The guide's answer for one concern on one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GuideAnswer {
    pub concern: Concern,
    /// The claims in force the answer rests on, each with its source and passage.
    pub claims: Vec<Claim>,
    /// What the platform claims and what that means, in one sentence.
    pub sentence: String,
    /// The letter that fits, its options set for this case.
    pub letter: Action,
    /// Other letters that also fit (e.g. withdrawing a consent besides an objection).
    pub also: Vec<Action>,
}

/// One of the guide's first choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConcernChoice {
    pub concern: Concern,
    pub label: String,
}

/// A platform offered as a one-click choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlatformChoice {
    pub slug: String,
    /// The service's name ("TikTok"), else the controller's.
    pub label: String,
    pub controller: String,
}

/// What the guide starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GuideStart {
    /// Show it at start: no request yet, and the user has not skipped it.
    pub show: bool,
    pub concerns: Vec<ConcernChoice>,
    pub platforms: Vec<PlatformChoice>,
    pub people: Vec<crate::Person>,
}

/// What the letter needs from the person besides a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DetailsNeeded {
    /// An e-mail address for the reply (a web form asks for one too).
    pub email: bool,
    /// A postal address: post is the only way to send it, or the controller requires one.
    pub address: bool,
    /// The person's name on the platform helps it find the account.
    pub account: bool,
    /// A particular situation (Art. 21(1)): one of these prompts, or the person's own words.
    pub situation: bool,
    pub situation_prompts: Vec<crate::letter::SituationPrompt>,
    /// Other identity data the controller asks for with every request.
    pub identity: Vec<crate::IdentityField>,
}

/// The guide's answer for one concern at one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GuidePlan {
    pub slug: String,
    pub platform: String,
    #[serde(flatten)]
    pub answer: GuideAnswer,
    /// How the letter can be sent, most direct first.
    pub ways: Vec<crate::sending::WayToSend>,
    pub needs: DetailsNeeded,
}

/// Who the letter is for: someone on record, or the person filling in the guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "who", rename_all = "snake_case")]
pub enum GuidePerson {
    Existing { id: crate::Id },
    New { draft: Box<crate::PersonDraft> },
}

/// The letter written by the guide, and what it was written for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GuideLetter {
    pub request_id: crate::Id,
    pub reference: String,
    pub person_id: crate::Id,
    pub letter: crate::letter::StoredLetter,
}

fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn stated(c: &Claim) -> String {
    let scope = if c.scope.trim().is_empty() { String::new() } else { format!(" ({})", c.scope.trim()) };
    format!("{} for {}{scope}", c.basis.label(), in_sentence(c.purpose))
}

fn first(kind: ActionKind, basis: LegalBasis, purpose: Purpose, special: bool) -> Action {
    recommend(basis, purpose, special)
        .into_iter()
        .find(|a| a.kind == kind)
        .unwrap_or_else(|| recommend(LegalBasis::Unknown, purpose, special).remove(0))
}

/// The answer for `concern` at `platform`, from its claims in force on `day`
/// (an announced change is not in force, and is not read).
pub fn answer(concern: Concern, platform: &str, claims: &[Claim], day: &str) -> GuideAnswer {
    let order = |c: &Claim| concern.purposes().iter().position(|p| *p == c.purpose);
    let mut relevant: Vec<Claim> =
        claims.iter().filter(|c| order(c).is_some() && c.in_force_on(day)).cloned().collect();
    // In the concern's order (personalised ads first), whatever order they were stored in.
    relevant.sort_by_key(order);
    let special = relevant.iter().any(|c| c.special_categories);
    match concern {
        Concern::WhatTheyKnow => {
            let letter = first(ActionKind::Access, LegalBasis::LegalObligation, Purpose::ServiceDelivery, false);
            GuideAnswer {
                concern,
                claims: relevant,
                sentence: format!(
                    "{platform} must tell you which data it holds about you, for which purposes, on which basis and \
                     who received it, and give you a copy, free of charge, within one month (Art. 15, Art. 12(3))."
                ),
                letter,
                also: Vec::new(),
            }
        }
        Concern::DeleteMyData => {
            let mut letter = first(ActionKind::Erasure, LegalBasis::Contract, Purpose::AdMeasurement, true);
            letter.reason =
                "Erasure without undue delay where a ground of Art. 17(1) applies, and the recipients told \
                             (Art. 19)."
                    .into();
            letter.articles = vec!["Art. 17(1)".into(), "Art. 19".into()];
            letter.options = Default::default();
            GuideAnswer {
                concern,
                claims: relevant,
                sentence: format!(
                    "{platform} must erase your data without undue delay where it no longer needs it, where you \
                     withdraw your consent or object and it has no overriding grounds, or where it processed it \
                     unlawfully — and answer within one month (Art. 17(1), Art. 12(3))."
                ),
                letter,
                also: Vec::new(),
            }
        }
        Concern::AdsOnActivity | Concern::StopMarketing => ads_or_marketing(concern, platform, relevant, special),
    }
}

fn ads_or_marketing(concern: Concern, platform: &str, relevant: Vec<Claim>, special: bool) -> GuideAnswer {
    let purpose = concern.purposes()[0];
    let on = |bases: &[LegalBasis]| -> Vec<&Claim> { relevant.iter().filter(|c| bases.contains(&c.basis)).collect() };
    let objectable = on(&[LegalBasis::LegitimateInterests, LegalBasis::PublicTask]);
    let consented = on(&[LegalBasis::Consent]);
    let said: Vec<String> = relevant.iter().map(stated).collect();
    let claims_said = if said.is_empty() {
        format!(
            "{platform} has not stated (in the policy on record) which legal basis it uses for {}",
            in_sentence(purpose)
        )
    } else {
        format!("{platform} states {}", join(&said))
    };
    let objection_kind = if concern == Concern::StopMarketing {
        ActionKind::ObjectionDirectMarketing
    } else {
        ActionKind::AdTargetingObjection
    };
    let withdraw = || first(ActionKind::WithdrawConsent, LegalBasis::Consent, purpose, special);
    let objection = |basis: LegalBasis| {
        let mut a = first(objection_kind, basis, purpose, special);
        if concern == Concern::AdsOnActivity && !objectable.is_empty() {
            // Name what it covers, in the platform's own terms.
            a.options.processing = join(&objectable.iter().map(|c| stated(c)).collect::<Vec<_>>());
            a.options.restriction = true;
        }
        a
    };
    let (letter, also, consequence) = if concern == Concern::StopMarketing {
        // The objection to direct marketing is absolute whatever the basis (Art. 21(2)–(3)).
        let also = if consented.is_empty() { Vec::new() } else { vec![withdraw()] };
        let basis = relevant.first().map_or(LegalBasis::Unknown, |c| c.basis);
        (
            objection(basis),
            also,
            "you can object to direct marketing at any time, without giving reasons, and it must stop \
             (Art. 21(2)–(3))"
                .to_owned(),
        )
    } else if !objectable.is_empty() || relevant.is_empty() {
        let basis = objectable.first().map_or(LegalBasis::Unknown, |c| c.basis);
        let also = if consented.is_empty() {
            recommend(LegalBasis::Unknown, purpose, special)
                .into_iter()
                .filter(|a| a.kind == ActionKind::Access)
                .collect()
        } else {
            vec![withdraw()]
        };
        let consequence = if relevant.is_empty() {
            "you can object at once — absolutely to direct marketing (Art. 21(2)), and on your particular \
             situation to the extent it relies on legitimate interests (Art. 21(1)) — and ask which basis it uses \
             (Art. 15)"
        } else if consented.is_empty() {
            "you can object to it: absolutely as direct marketing (Art. 21(2)), and on your particular situation \
             (Art. 21(1)); it must stop unless it shows overriding grounds"
        } else {
            "you can object to what rests on legitimate interests (Art. 21(2), and 21(1) on your particular \
             situation), and withdraw your consent for the rest at any time (Art. 7(3))"
        };
        (objection(basis), also, consequence.to_owned())
    } else if !consented.is_empty() {
        (
            withdraw(),
            Vec::new(),
            "you can withdraw your consent at any time, as easily as you gave it, and the processing must stop \
             (Art. 7(3))"
                .to_owned(),
        )
    } else {
        // A contract (or an obligation) claimed for ads: nothing to object to; ask, then complain.
        let basis = relevant[0].basis;
        let mut actions = recommend(basis, purpose, special);
        let letter = actions.remove(0);
        (
            letter,
            actions,
            "there is no objection to a contract, but only what is objectively indispensable to it can rest on \
             one (CJEU C-252/21): ask what it processes and why (Art. 15), and complain if it is not necessary"
                .to_owned(),
        )
    };
    GuideAnswer { concern, claims: relevant, sentence: format!("{claims_said}: {consequence}."), letter, also }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basis::{ClaimStatus, Source};

    fn claim(purpose: Purpose, basis: LegalBasis, scope: &str, status: ClaimStatus) -> Claim {
        Claim {
            purpose,
            basis,
            scope: scope.into(),
            source: Source {
                url: "https://www.tiktok.com/legal/privacy-policy-eea".into(),
                observed: "2026-10-01".into(),
                section: String::new(),
                quote: String::new(),
                commit: String::new(),
            },
            valid_from: (status == ClaimStatus::Announced).then(|| "2022-07-13".into()),
            valid_to: None,
            note: String::new(),
            special_categories: false,
            status,
        }
    }

    fn tiktok() -> Vec<Claim> {
        vec![
            claim(
                Purpose::PersonalisedAds,
                LegalBasis::LegitimateInterests,
                "activity on TikTok",
                ClaimStatus::Announced,
            ),
            claim(Purpose::PersonalisedAds, LegalBasis::Consent, "activity on and off TikTok", ClaimStatus::InForce),
            claim(
                Purpose::NonPersonalisedAds,
                LegalBasis::LegitimateInterests,
                "country, language",
                ClaimStatus::InForce,
            ),
            claim(Purpose::AdMeasurement, LegalBasis::LegitimateInterests, "how ads performed", ClaimStatus::InForce),
        ]
    }

    #[test]
    fn ads_at_tiktok_the_objection_for_what_rests_on_legitimate_interests_and_the_withdrawal_beside_it() {
        let a = answer(Concern::AdsOnActivity, "TikTok", &tiktok(), "2026-12-02");
        assert_eq!(a.letter.kind, ActionKind::AdTargetingObjection);
        assert_eq!(a.also.iter().map(|x| x.kind).collect::<Vec<_>>(), [ActionKind::WithdrawConsent]);
        // The announced change is not read; generic ads are not "ads based on what I do".
        assert_eq!(a.claims.len(), 2);
        assert_eq!(
            a.sentence,
            "TikTok states consent for personalised ads (activity on and off TikTok) and legitimate interests for \
             ad measurement (how ads performed): you can object to what rests on legitimate interests (Art. 21(2), \
             and 21(1) on your particular situation), and withdraw your consent for the rest at any time (Art. 7(3))."
        );
        assert_eq!(a.letter.options.processing, "legitimate interests for ad measurement (how ads performed)");
        assert!(a.letter.options.restriction);
    }

    #[test]
    fn ads_on_consent_alone_are_withdrawn_and_nothing_known_is_objected_to_and_asked_about() {
        let consent = vec![claim(Purpose::PersonalisedAds, LegalBasis::Consent, "", ClaimStatus::InForce)];
        let a = answer(Concern::AdsOnActivity, "Pinterest", &consent, "2026-12-02");
        assert_eq!(a.letter.kind, ActionKind::WithdrawConsent);
        assert!(a.sentence.starts_with("Pinterest states consent for personalised ads: you can withdraw"));
        let none = answer(Concern::AdsOnActivity, "Moltbook", &[], "2026-12-02");
        assert_eq!(none.letter.kind, ActionKind::AdTargetingObjection);
        assert_eq!(none.also.iter().map(|x| x.kind).collect::<Vec<_>>(), [ActionKind::Access]);
        assert!(none.sentence.contains("has not stated"), "{}", none.sentence);
        let contract = vec![claim(Purpose::PersonalisedAds, LegalBasis::Contract, "", ClaimStatus::InForce)];
        let c = answer(Concern::AdsOnActivity, "Facebook", &contract, "2023-01-01");
        assert_eq!(c.letter.kind, ActionKind::Access);
        assert!(c.letter.options.basis_mapping);
        assert!(c.also.iter().any(|x| x.kind == ActionKind::Complaint));
    }

    #[test]
    fn marketing_is_objected_to_whatever_the_basis_and_access_and_erasure_need_no_claim() {
        let m = vec![claim(Purpose::MarketingMessages, LegalBasis::Consent, "e-mail", ClaimStatus::InForce)];
        let a = answer(Concern::StopMarketing, "Spotify", &m, "2026-12-02");
        assert_eq!(a.letter.kind, ActionKind::ObjectionDirectMarketing);
        assert_eq!(a.also[0].kind, ActionKind::WithdrawConsent);
        assert_eq!(answer(Concern::WhatTheyKnow, "X", &[], "2026-12-02").letter.kind, ActionKind::Access);
        let erase = answer(Concern::DeleteMyData, "X", &[], "2026-12-02");
        assert_eq!(erase.letter.kind, ActionKind::Erasure);
        assert!(erase.letter.options.grounds.is_empty(), "the person picks the grounds");
        for c in Concern::ALL {
            assert_eq!(Concern::parse(c.as_str()), Some(c));
        }
    }
}
