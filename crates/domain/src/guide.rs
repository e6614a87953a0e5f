//! The guided first start: what bothers the person, on which platform → what
//! the platform claims for it (the claims in force, each with its source and
//! passage) said in one sentence → the one letter that fits, with what it
//! needs from the person. Pure: the claims and the day are given.

use serde::{Deserialize, Serialize};

use crate::basis::{Claim, LegalBasis, Purpose};
use crate::recommend::{Action, ActionKind, recommend};
use crate::watch::in_sentence;
use crate::words::UiLanguage;

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

fn join(parts: &[String], lang: UiLanguage) -> String {
    let and = match lang {
        UiLanguage::En => "and",
        UiLanguage::De => "und",
        UiLanguage::Fr => "et",
    };
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// "consent for personalised ads (activity on and off TikTok)", in `lang`
/// (the scope is the registry's own words).
fn stated(c: &Claim, lang: UiLanguage) -> String {
    let scope = if c.scope.trim().is_empty() { String::new() } else { format!(" ({})", c.scope.trim()) };
    say(lang, "{basis} for {purpose}")
        .replace("{basis}", &basis_in_sentence(c.basis, lang))
        .replace("{purpose}", &purpose_in_sentence(c.purpose, lang))
        + &scope
}

fn basis_in_sentence(b: LegalBasis, lang: UiLanguage) -> String {
    use LegalBasis as B;
    match lang {
        UiLanguage::En => b.label().to_owned(),
        UiLanguage::De => match b {
            B::Consent => "Einwilligung",
            B::Contract => "Vertrag",
            B::LegalObligation => "rechtliche Verpflichtung",
            B::VitalInterests => "lebenswichtige Interessen",
            B::PublicTask => "öffentliche Aufgabe",
            B::LegitimateInterests => "berechtigte Interessen",
            B::Unknown => "unbekannte Grundlage",
        }
        .to_owned(),
        UiLanguage::Fr => match b {
            B::Consent => "le consentement",
            B::Contract => "le contrat",
            B::LegalObligation => "une obligation légale",
            B::VitalInterests => "les intérêts vitaux",
            B::PublicTask => "une mission d’intérêt public",
            B::LegitimateInterests => "l’intérêt légitime",
            B::Unknown => "une base inconnue",
        }
        .to_owned(),
    }
}

fn purpose_in_sentence(p: Purpose, lang: UiLanguage) -> String {
    use Purpose as P;
    match lang {
        UiLanguage::En => in_sentence(p),
        UiLanguage::De => match p {
            P::PersonalisedAds => "personalisierte Werbung",
            P::NonPersonalisedAds => "nicht personalisierte Werbung",
            P::AdMeasurement => "die Werbemessung",
            P::SharingWithPartners => "die Weitergabe an Werbekunden und Partner",
            P::ContentRecommendation => "Inhaltsempfehlungen und Profiling",
            P::AiTraining => "das KI-Training",
            P::Analytics => "Analysen und Produktverbesserung",
            P::MarketResearch => "Marktforschung",
            P::MarketingMessages => "Werbenachrichten",
            P::DeviceStorage => "das Speichern und Abrufen von Informationen auf Geräten",
            P::SafetySecurity => "die Sicherheit",
            P::ServiceDelivery => "die Erbringung des Dienstes",
        }
        .to_owned(),
        UiLanguage::Fr => match p {
            P::PersonalisedAds => "la publicité personnalisée",
            P::NonPersonalisedAds => "la publicité non personnalisée",
            P::AdMeasurement => "la mesure publicitaire",
            P::SharingWithPartners => "le partage avec annonceurs et partenaires",
            P::ContentRecommendation => "la recommandation de contenus et le profilage",
            P::AiTraining => "l’entraînement de l’IA",
            P::Analytics => "les statistiques et l’amélioration du produit",
            P::MarketResearch => "les études de marché",
            P::MarketingMessages => "les messages commerciaux",
            P::DeviceStorage => "le stockage et l’accès à des informations sur l’appareil",
            P::SafetySecurity => "la sécurité",
            P::ServiceDelivery => "la fourniture du service",
        }
        .to_owned(),
    }
}

/// The guide's sentences in `lang`, keyed by their English wording (the table
/// below; a test checks every English phrase has both translations).
fn say(lang: UiLanguage, english: &'static str) -> &'static str {
    let i = match lang {
        UiLanguage::En => return english,
        UiLanguage::De => 0,
        UiLanguage::Fr => 1,
    };
    PHRASES.iter().find(|(en, _)| *en == english).map_or(english, |(_, t)| t[i])
}

const PHRASES: &[(&str, [&str; 2])] = &[
    ("{basis} for {purpose}", ["{basis} für {purpose}", "{basis} pour {purpose}"]),
    ("{platform} states {list}", ["{platform} stützt sich auf {list}", "{platform} invoque {list}"]),
    (
        "{platform} has not stated (in the policy on record) which legal basis it uses for {purpose}",
        [
            "{platform} nennt (in der vorliegenden Erklärung) keine Rechtsgrundlage für {purpose}",
            "{platform} n’indique pas (dans la politique enregistrée) la base juridique utilisée pour {purpose}",
        ],
    ),
    ("{claims}: {consequence}.", ["{claims}: {consequence}.", "{claims} : {consequence}."]),
    (
        "{platform} must tell you which data it holds about you, for which purposes, on which basis and who \
         received it, and give you a copy, free of charge, within one month (Art. 15, Art. 12(3)).",
        [
            "{platform} muss Ihnen sagen, welche Daten es über Sie hat, zu welchen Zwecken, auf welcher Grundlage \
             und wer sie erhalten hat, und Ihnen innerhalb eines Monats kostenlos eine Kopie geben (Art. 15, \
             Art. 12 Abs. 3).",
            "{platform} doit vous dire quelles données il détient sur vous, à quelles fins, sur quelle base et qui \
             les a reçues, et vous en donner une copie, gratuitement, dans un délai d’un mois (art. 15, art. 12, \
             par. 3).",
        ],
    ),
    (
        "{platform} must erase your data without undue delay where it no longer needs it, where you withdraw your \
         consent or object and it has no overriding grounds, or where it processed it unlawfully — and answer \
         within one month (Art. 17(1), Art. 12(3)).",
        [
            "{platform} muss Ihre Daten unverzüglich löschen, wenn es sie nicht mehr braucht, wenn Sie Ihre \
             Einwilligung widerrufen oder widersprechen und keine vorrangigen Gründe bestehen, oder wenn es sie \
             unrechtmäßig verarbeitet hat — und innerhalb eines Monats antworten (Art. 17 Abs. 1, Art. 12 Abs. 3).",
            "{platform} doit effacer vos données dans les meilleurs délais lorsqu’il n’en a plus besoin, lorsque \
             vous retirez votre consentement ou vous opposez sans motif impérieux contraire, ou lorsqu’il les a \
             traitées illicitement — et répondre dans un délai d’un mois (art. 17, par. 1, art. 12, par. 3).",
        ],
    ),
    (
        "you can object to direct marketing at any time, without giving reasons, and it must stop (Art. 21(2)–(3))",
        [
            "Sie können der Direktwerbung jederzeit ohne Begründung widersprechen, und sie muss aufhören \
             (Art. 21 Abs. 2–3)",
            "vous pouvez vous opposer à tout moment à la prospection, sans motif, et elle doit cesser (art. 21, \
             par. 2–3)",
        ],
    ),
    (
        "you can object at once — absolutely to direct marketing (Art. 21(2)), and on your particular situation to \
         the extent it relies on legitimate interests (Art. 21(1)) — and ask which basis it uses (Art. 15)",
        [
            "Sie können sofort widersprechen — unbedingt der Direktwerbung (Art. 21 Abs. 2) und, soweit es sich auf \
             berechtigte Interessen stützt, aus Ihrer besonderen Situation (Art. 21 Abs. 1) — und fragen, auf \
             welche Grundlage es sich stützt (Art. 15)",
            "vous pouvez vous opposer tout de suite — de façon absolue à la prospection (art. 21, par. 2) et, dans \
             la mesure où il invoque l’intérêt légitime, pour des raisons tenant à votre situation particulière \
             (art. 21, par. 1) — et demander quelle base il utilise (art. 15)",
        ],
    ),
    (
        "you can object to it: absolutely as direct marketing (Art. 21(2)), and on your particular situation \
         (Art. 21(1)); it must stop unless it shows overriding grounds",
        [
            "Sie können widersprechen: unbedingt als Direktwerbung (Art. 21 Abs. 2) und aus Ihrer besonderen \
             Situation (Art. 21 Abs. 1); es muss aufhören, sofern es keine vorrangigen Gründe nachweist",
            "vous pouvez vous y opposer : de façon absolue au titre de la prospection (art. 21, par. 2) et pour des \
             raisons tenant à votre situation particulière (art. 21, par. 1) ; il doit cesser sauf motifs impérieux \
             démontrés",
        ],
    ),
    (
        "you can object to what rests on legitimate interests (Art. 21(2), and 21(1) on your particular situation), \
         and withdraw your consent for the rest at any time (Art. 7(3))",
        [
            "Sie können dem widersprechen, was auf berechtigten Interessen beruht (Art. 21 Abs. 2 und, aus Ihrer \
             besonderen Situation, Abs. 1), und Ihre Einwilligung für den Rest jederzeit widerrufen (Art. 7 Abs. 3)",
            "vous pouvez vous opposer à ce qui repose sur l’intérêt légitime (art. 21, par. 2, et par. 1 pour votre \
             situation particulière) et retirer à tout moment votre consentement pour le reste (art. 7, par. 3)",
        ],
    ),
    (
        "you can withdraw your consent at any time, as easily as you gave it, and the processing must stop \
         (Art. 7(3))",
        [
            "Sie können Ihre Einwilligung jederzeit so einfach widerrufen, wie Sie sie gegeben haben, und die \
             Verarbeitung muss aufhören (Art. 7 Abs. 3)",
            "vous pouvez retirer votre consentement à tout moment, aussi simplement que vous l’avez donné, et le \
             traitement doit cesser (art. 7, par. 3)",
        ],
    ),
    (
        "there is no objection to a contract, but only what is objectively indispensable to it can rest on one \
         (CJEU C-252/21): ask what it processes and why (Art. 15), and complain if it is not necessary",
        [
            "gegen einen Vertrag gibt es keinen Widerspruch, doch nur was für ihn objektiv unerlässlich ist, kann \
             sich auf ihn stützen (EuGH C-252/21): Fragen Sie, was es verarbeitet und warum (Art. 15), und \
             beschweren Sie sich, wenn es nicht nötig ist",
            "on ne peut pas s’opposer à un contrat, mais seul ce qui lui est objectivement indispensable peut s’y \
             fonder (CJUE C-252/21) : demandez ce qu’il traite et pourquoi (art. 15), et portez plainte si ce \
             n’est pas nécessaire",
        ],
    ),
];

fn first(kind: ActionKind, basis: LegalBasis, purpose: Purpose, special: bool) -> Action {
    recommend(basis, purpose, special)
        .into_iter()
        .find(|a| a.kind == kind)
        .unwrap_or_else(|| recommend(LegalBasis::Unknown, purpose, special).remove(0))
}

/// The answer for `concern` at `platform`, from its claims in force on `day`
/// (an announced change is not in force, and is not read).
pub fn answer(concern: Concern, platform: &str, claims: &[Claim], day: &str, lang: UiLanguage) -> GuideAnswer {
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
                sentence: say(
                    lang,
                    "{platform} must tell you which data it holds about you, for which purposes, on which basis and \
                     who received it, and give you a copy, free of charge, within one month (Art. 15, Art. 12(3)).",
                )
                .replace("{platform}", platform),
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
                sentence: say(
                    lang,
                    "{platform} must erase your data without undue delay where it no longer needs it, where you \
                     withdraw your consent or object and it has no overriding grounds, or where it processed it \
                     unlawfully — and answer within one month (Art. 17(1), Art. 12(3)).",
                )
                .replace("{platform}", platform),
                letter,
                also: Vec::new(),
            }
        }
        Concern::AdsOnActivity | Concern::StopMarketing => ads_or_marketing(concern, platform, relevant, special, lang),
    }
}

fn ads_or_marketing(
    concern: Concern,
    platform: &str,
    relevant: Vec<Claim>,
    special: bool,
    lang: UiLanguage,
) -> GuideAnswer {
    let purpose = concern.purposes()[0];
    let on = |bases: &[LegalBasis]| -> Vec<&Claim> { relevant.iter().filter(|c| bases.contains(&c.basis)).collect() };
    let objectable = on(&[LegalBasis::LegitimateInterests, LegalBasis::PublicTask]);
    let consented = on(&[LegalBasis::Consent]);
    let said: Vec<String> = relevant.iter().map(|c| stated(c, lang)).collect();
    let claims_said = if said.is_empty() {
        say(lang, "{platform} has not stated (in the policy on record) which legal basis it uses for {purpose}")
            .replace("{platform}", platform)
            .replace("{purpose}", &purpose_in_sentence(purpose, lang))
    } else {
        say(lang, "{platform} states {list}").replace("{platform}", platform).replace("{list}", &join(&said, lang))
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
            // Name what it covers, in the platform's own terms (the letter's words: English;
            // `processing_in` keeps it only for a letter written in English).
            a.options.processing =
                join(&objectable.iter().map(|c| stated(c, UiLanguage::En)).collect::<Vec<_>>(), UiLanguage::En);
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
            say(
                lang,
                "you can object to direct marketing at any time, without giving reasons, and it must stop (Art. 21(2)–(3))",
            ),
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
        let consequence = say(
            lang,
            if relevant.is_empty() {
                "you can object at once — absolutely to direct marketing (Art. 21(2)), and on your particular \
             situation to the extent it relies on legitimate interests (Art. 21(1)) — and ask which basis it uses \
             (Art. 15)"
            } else if consented.is_empty() {
                "you can object to it: absolutely as direct marketing (Art. 21(2)), and on your particular situation \
             (Art. 21(1)); it must stop unless it shows overriding grounds"
            } else {
                "you can object to what rests on legitimate interests (Art. 21(2), and 21(1) on your particular \
             situation), and withdraw your consent for the rest at any time (Art. 7(3))"
            },
        );
        (objection(basis), also, consequence)
    } else if !consented.is_empty() {
        (
            withdraw(),
            Vec::new(),
            say(
                lang,
                "you can withdraw your consent at any time, as easily as you gave it, and the processing must stop \
                 (Art. 7(3))",
            ),
        )
    } else {
        // A contract (or an obligation) claimed for ads: nothing to object to; ask, then complain.
        let basis = relevant[0].basis;
        let mut actions = recommend(basis, purpose, special);
        let letter = actions.remove(0);
        (
            letter,
            actions,
            say(
                lang,
                "there is no objection to a contract, but only what is objectively indispensable to it can rest on \
                 one (CJEU C-252/21): ask what it processes and why (Art. 15), and complain if it is not necessary",
            ),
        )
    };
    let sentence =
        say(lang, "{claims}: {consequence}.").replace("{claims}", &claims_said).replace("{consequence}", consequence);
    GuideAnswer { concern, claims: relevant, sentence, letter, also }
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
        let a = answer(Concern::AdsOnActivity, "TikTok", &tiktok(), "2026-12-02", UiLanguage::En);
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
        let a = answer(Concern::AdsOnActivity, "Pinterest", &consent, "2026-12-02", UiLanguage::En);
        assert_eq!(a.letter.kind, ActionKind::WithdrawConsent);
        assert!(a.sentence.starts_with("Pinterest states consent for personalised ads: you can withdraw"));
        let none = answer(Concern::AdsOnActivity, "Moltbook", &[], "2026-12-02", UiLanguage::En);
        assert_eq!(none.letter.kind, ActionKind::AdTargetingObjection);
        assert_eq!(none.also.iter().map(|x| x.kind).collect::<Vec<_>>(), [ActionKind::Access]);
        assert!(none.sentence.contains("has not stated"), "{}", none.sentence);
        let contract = vec![claim(Purpose::PersonalisedAds, LegalBasis::Contract, "", ClaimStatus::InForce)];
        let c = answer(Concern::AdsOnActivity, "Facebook", &contract, "2023-01-01", UiLanguage::En);
        assert_eq!(c.letter.kind, ActionKind::Access);
        assert!(c.letter.options.basis_mapping);
        assert!(c.also.iter().any(|x| x.kind == ActionKind::Complaint));
    }

    #[test]
    fn every_sentence_is_said_in_german_and_french() {
        // Each phrase has its translations (the punctuation-only frame may read alike in German).
        for (english, _) in PHRASES.iter().filter(|(e, _)| e.chars().filter(|c| c.is_alphabetic()).count() > 20) {
            assert_ne!(say(UiLanguage::De, english), *english, "German lacks: {english}");
            assert_ne!(say(UiLanguage::Fr, english), *english, "French lacks: {english}");
        }
        let cases: Vec<(Concern, Vec<Claim>)> = vec![
            (Concern::AdsOnActivity, tiktok()),
            (Concern::AdsOnActivity, vec![]),
            (
                Concern::AdsOnActivity,
                vec![claim(Purpose::PersonalisedAds, LegalBasis::Consent, "", ClaimStatus::InForce)],
            ),
            (
                Concern::AdsOnActivity,
                vec![claim(Purpose::PersonalisedAds, LegalBasis::Contract, "", ClaimStatus::InForce)],
            ),
            (
                Concern::AdsOnActivity,
                vec![claim(Purpose::AdMeasurement, LegalBasis::LegitimateInterests, "", ClaimStatus::InForce)],
            ),
            (Concern::StopMarketing, vec![]),
            (Concern::WhatTheyKnow, vec![]),
            (Concern::DeleteMyData, vec![]),
        ];
        for (concern, claims) in cases {
            let en = answer(concern, "TikTok", &claims, "2026-12-02", UiLanguage::En).sentence;
            for lang in [UiLanguage::De, UiLanguage::Fr] {
                let other = answer(concern, "TikTok", &claims, "2026-12-02", lang).sentence;
                // Every phrase was found: no English words of the sentence are left.
                assert!(
                    !other.contains("you can") && !other.contains(" states ") && !other.contains(" must "),
                    "{lang:?}: {other}"
                );
                assert_ne!(other, en);
            }
        }
        let de = answer(Concern::AdsOnActivity, "TikTok", &tiktok(), "2026-12-02", UiLanguage::De).sentence;
        assert!(de.starts_with("TikTok stützt sich auf Einwilligung für personalisierte Werbung"), "{de}");
    }

    #[test]
    fn marketing_is_objected_to_whatever_the_basis_and_access_and_erasure_need_no_claim() {
        let m = vec![claim(Purpose::MarketingMessages, LegalBasis::Consent, "e-mail", ClaimStatus::InForce)];
        let a = answer(Concern::StopMarketing, "Spotify", &m, "2026-12-02", UiLanguage::En);
        assert_eq!(a.letter.kind, ActionKind::ObjectionDirectMarketing);
        assert_eq!(a.also[0].kind, ActionKind::WithdrawConsent);
        assert_eq!(
            answer(Concern::WhatTheyKnow, "X", &[], "2026-12-02", UiLanguage::En).letter.kind,
            ActionKind::Access
        );
        let erase = answer(Concern::DeleteMyData, "X", &[], "2026-12-02", UiLanguage::En);
        assert_eq!(erase.letter.kind, ActionKind::Erasure);
        assert!(erase.letter.options.grounds.is_empty(), "the person picks the grounds");
        for c in Concern::ALL {
            assert_eq!(Concern::parse(c.as_str()), Some(c));
        }
    }
}
