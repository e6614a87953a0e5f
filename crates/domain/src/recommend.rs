//! Which right fits which claim: (basis, purpose) → actions with their legal
//! reason, exactly per docs/legal.md §1. Pure; every row is table-tested.

use serde::{Deserialize, Serialize};

use crate::basis::{LegalBasis, Purpose};
use crate::letter::LetterOptions;

/// A letter the user can send, named as in the legal sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Withdraw consent (Art. 7(3)).
    WithdrawConsent,
    /// Object on grounds of one's particular situation (Art. 21(1)), with a
    /// restriction request (18(1)(d)) and optional erasure (17(1)(c)).
    Objection,
    /// Absolute objection to direct marketing incl. related profiling (Art. 21(2)–(3)).
    ObjectionDirectMarketing,
    /// Combined ad-targeting objection: Art. 21(1) and 21(2) together.
    AdTargetingObjection,
    /// Access request (Art. 15), asking for purpose → basis (13(1)(c)) and the
    /// legitimate interests pursued (13(1)(d)).
    Access,
    /// Complaint to a supervisory authority (Art. 77).
    Complaint,
    /// The data the person provided, in a portable format (Art. 20): only
    /// where the basis is consent or contract.
    Portability,
    /// Erasure of unlawfully processed data (Art. 17(1)(d)): special-category
    /// data on a basis Art. 9(2) has no exception for.
    Erasure,
}

impl ActionKind {
    pub const ALL: [ActionKind; 8] = [
        Self::WithdrawConsent,
        Self::Objection,
        Self::ObjectionDirectMarketing,
        Self::AdTargetingObjection,
        Self::Access,
        Self::Complaint,
        Self::Portability,
        Self::Erasure,
    ];

    /// The short words of its button on a platform page (`label` says it in full).
    pub fn button(self) -> &'static str {
        match self {
            Self::WithdrawConsent => "Withdraw consent",
            Self::Objection => "Object (Art. 21(1))",
            Self::ObjectionDirectMarketing => "Object to direct marketing",
            Self::AdTargetingObjection => "Object to ad targeting",
            Self::Access => "Ask (Art. 15)",
            Self::Complaint => "Complain (Art. 77)",
            Self::Portability => "Take your data (Art. 20)",
            Self::Erasure => "Have it erased (Art. 17)",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::WithdrawConsent => "withdraw_consent",
            Self::Objection => "objection",
            Self::ObjectionDirectMarketing => "objection_direct_marketing",
            Self::AdTargetingObjection => "ad_targeting_objection",
            Self::Access => "access",
            Self::Complaint => "complaint",
            Self::Portability => "portability",
            Self::Erasure => "erasure",
        }
    }

    /// The letter that carries this action out.
    pub fn request_kind(self) -> crate::RequestKind {
        use crate::RequestKind as R;
        match self {
            Self::WithdrawConsent => R::WithdrawConsent,
            Self::Objection => R::Objection,
            Self::ObjectionDirectMarketing => R::ObjectionDirectMarketing,
            Self::AdTargetingObjection => R::AdTargetingObjection,
            Self::Access => R::Access,
            Self::Complaint => R::Complaint,
            Self::Portability => R::Portability,
            Self::Erasure => R::Erasure,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::WithdrawConsent => "Withdraw consent",
            Self::Objection => "Object (Art. 21(1))",
            Self::ObjectionDirectMarketing => "Object to direct marketing (Art. 21(2))",
            Self::AdTargetingObjection => "Object to ad targeting (Art. 21(1) + 21(2))",
            Self::Access => "Ask what they do and why (Art. 15)",
            Self::Complaint => "Complain to a supervisory authority (Art. 77)",
            Self::Portability => "Receive your data in a portable format (Art. 20)",
            Self::Erasure => "Have unlawfully processed data erased (Art. 17(1)(d))",
        }
    }
}

/// One recommended action and why it fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Action {
    pub kind: ActionKind,
    /// What its button says (short; the kind's `label` says it in full).
    pub button: String,
    /// The articles the letter relies on.
    pub articles: Vec<String>,
    /// The legal reason, in words.
    pub reason: String,
    /// The letter's options this advice implies (the composer starts from
    /// them; the user can change them).
    pub options: LetterOptions,
}

fn action(kind: ActionKind, articles: &[&str], reason: &str) -> Action {
    Action {
        kind,
        button: kind.button().to_owned(),
        articles: articles.iter().map(|a| (*a).to_owned()).collect(),
        reason: reason.to_owned(),
        options: LetterOptions::default(),
    }
}

/// The actions that fit a controller's claim, most fitting first.
///
/// Art. 21(1) reaches only processing based on Art. 6(1)(e) or (f): no letter
/// with a 21(1) limb is offered on any other basis. The absolute objection to
/// direct marketing (21(2)) fits whatever the basis, and comes first where it
/// applies, since it needs no reasons and allows no balancing.
///
/// `special_categories`: the processing touches Art. 9(1) data (or inferences
/// of them). It is prohibited unless an Art. 9(2) exception applies, and 9(2)
/// has none for a contract or legitimate interests: on those bases the data
/// were processed unlawfully, so erasure (17(1)(d)) and a complaint come first;
/// on consent, only explicit consent (9(2)(a)) will do, and withdrawing it
/// ends the processing; on any other basis, ask which 9(2) exception applies.
pub fn recommend(basis: LegalBasis, purpose: Purpose, special_categories: bool) -> Vec<Action> {
    let mut out = recommend_art6(basis, purpose);
    if special_categories {
        art9(basis, &mut out);
    }
    out
}

fn art9(basis: LegalBasis, out: &mut Vec<Action>) {
    use ActionKind as K;
    match basis {
        LegalBasis::Consent => {
            if let Some(w) = out.iter_mut().find(|a| a.kind == K::WithdrawConsent) {
                w.articles.insert(1, "Art. 9(2)(a)".into());
                w.reason = "Special-category data (Art. 9(1)) may rest on consent only where it was explicit \
                            (Art. 9(2)(a)). Withdraw it: processing after withdrawal must stop, and with no other \
                            exception the data must be erased (Art. 17(1)(b)). If your consent was never explicit, \
                            the processing was unlawful from the start: complain (Art. 77)."
                    .into();
                w.options.erasure = true;
            }
        }
        LegalBasis::Contract | LegalBasis::LegitimateInterests => {
            let on = if basis == LegalBasis::Contract { "a contract" } else { "legitimate interests" };
            let mut erase = action(
                K::Erasure,
                &["Art. 17(1)(d)", "Art. 9(1)", "Art. 9(2)"],
                &format!(
                    "Special-category data (Art. 9(1)) claimed on {on}: Art. 9(2) has no exception for {on}, so \
                     without explicit consent or another 9(2) exception the processing is unlawful; have the data \
                     erased (Art. 17(1)(d))."
                ),
            );
            erase.options.grounds = vec!["d".into()];
            erase.options.special_categories = true;
            out.retain(|a| a.kind != K::Complaint);
            let complaint = action(
                K::Complaint,
                &["Art. 77", "Art. 9(1)"],
                "Processing special-category data without an Art. 9(2) exception is prohibited: complain to a \
                 supervisory authority.",
            );
            out.insert(0, complaint);
            out.insert(0, erase);
        }
        LegalBasis::LegalObligation | LegalBasis::VitalInterests | LegalBasis::PublicTask | LegalBasis::Unknown => {
            let reason = "Special-category data (Art. 9(1)) need an exception of Art. 9(2) besides the Art. 6 \
                          basis: ask which one the controller relies on for each purpose; without one, the \
                          processing is unlawful (erasure, Art. 17(1)(d); complaint, Art. 77).";
            if let Some(a) = out.iter_mut().find(|a| a.kind == K::Access) {
                a.articles.push("Art. 9(2)".into());
                a.reason = format!("{} {reason}", a.reason);
                a.options.special_categories = true;
            } else {
                let mut ask = action(K::Access, &["Art. 15(1)(a)", "Art. 9(2)"], reason);
                ask.options.special_categories = true;
                out.insert(0, ask);
            }
        }
    }
}

/// The objections that fit where Art. 21(1) may reach: for ad targeting the
/// combined letter; otherwise the 21(1) objection, after the absolute 21(2)
/// one where the purpose is direct marketing.
fn objections(out: &mut Vec<Action>, purpose: Purpose, direct_marketing: &Action, ad_reason: &str, reason: &str) {
    use ActionKind as K;
    if purpose.is_ad_targeting() {
        out.push(action(
            K::AdTargetingObjection,
            &["Art. 21(2)", "Art. 21(3)", "Art. 21(1)", "Art. 18(1)(d)", "Art. 17(1)(c)"],
            ad_reason,
        ));
    } else {
        if purpose.is_direct_marketing() {
            out.push(direct_marketing.clone());
        }
        out.push(action(K::Objection, &["Art. 21(1)", "Art. 18(1)(d)", "Art. 17(1)(c)"], reason));
    }
}

fn asking_for_the_basis(mut access: Action) -> Action {
    access.options.basis_mapping = true;
    access
}

fn recommend_art6(basis: LegalBasis, purpose: Purpose) -> Vec<Action> {
    use ActionKind as K;
    let mut out = Vec::new();
    let direct_marketing = action(
        K::ObjectionDirectMarketing,
        &["Art. 21(2)", "Art. 21(3)"],
        "Processing for direct marketing, including profiling related to it, must stop on objection: \
         no balancing, no reasons needed.",
    );
    match basis {
        LegalBasis::Consent => out.push(action(
            K::WithdrawConsent,
            &["Art. 7(3)", "Art. 17(1)(b)"],
            "Consent can be withdrawn at any time, without giving reasons, as easily as it was given; \
             processing after withdrawal must stop (withdrawal is not retroactive), and you can have the data \
             erased where there is no other legal ground for it (Art. 17(1)(b)).",
        )),
        LegalBasis::Contract => {
            out.push(asking_for_the_basis(action(
                K::Access,
                &["Art. 15(1)(a)", "Art. 13(1)(c)"],
                "There is nothing to object to under a contract, but only processing objectively indispensable \
                 to the contract can rest on it (CJEU C-252/21): ask which data is processed for which purpose \
                 on which basis.",
            )));
            out.push(action(
                K::Complaint,
                &["Art. 77", "Art. 6(1)(b)"],
                "If the processing is not necessary for the contract, complain to a supervisory authority.",
            ));
        }
        LegalBasis::LegalObligation | LegalBasis::VitalInterests => out.push(action(
            K::Access,
            &["Art. 15"],
            "There is no right to object to processing required by law or to protect vital interests; \
             you can ask what is processed and why.",
        )),
        LegalBasis::PublicTask | LegalBasis::LegitimateInterests => {
            let on = if basis == LegalBasis::PublicTask {
                "a task in the public interest (Art. 6(1)(e))"
            } else {
                "legitimate interests (Art. 6(1)(f))"
            };
            objections(
                &mut out,
                purpose,
                &direct_marketing,
                &format!(
                    "Ad targeting claimed on {on}: object to direct marketing (Art. 21(2), absolute) and, in \
                     the alternative, on your particular situation (Art. 21(1)), together, since whether \
                     behavioural ads are direct marketing is open."
                ),
                &format!(
                    "Processing claimed on {on}: object on grounds relating to your particular situation; the \
                     controller must stop unless it demonstrates compelling legitimate grounds that override \
                     your interests, or needs the data for legal claims; ask for restriction while it assesses, \
                     and erasure if it has no such grounds."
                ),
            );
        }
        LegalBasis::Unknown => {
            out.push(asking_for_the_basis(action(
                K::Access,
                &["Art. 15(1)(a)", "Art. 13(1)(c)", "Art. 13(1)(d)"],
                "The controller must state the basis for each purpose and the legitimate interests it pursues: \
                 ask for them.",
            )));
            // The basis may well be (e) or (f): an objection can go out at once, limited in
            // its own words to the extent the controller relies on them (the letters say so).
            objections(
                &mut out,
                purpose,
                &direct_marketing,
                "The basis is not known: object to direct marketing (Art. 21(2), whatever the basis) and, to \
                 the extent the controller relies on Art. 6(1)(e) or (f), on your particular situation \
                 (Art. 21(1)).",
                "The basis is not known: to the extent the controller relies on Art. 6(1)(e) or (f), object on \
                 grounds relating to your particular situation; it must stop unless it demonstrates compelling \
                 legitimate grounds that override your interests, or needs the data for legal claims.",
            );
        }
    }
    // Portability reaches only processing on consent or a contract (Art. 20(1)(a)).
    if matches!(basis, LegalBasis::Consent | LegalBasis::Contract) {
        out.push(action(
            K::Portability,
            &["Art. 20(1)"],
            "Processing on consent or a contract: you can receive the data you provided in a structured, \
             commonly used, machine-readable format, or have it sent to another controller (Art. 20).",
        ));
    }
    // Any basis: direct marketing can always be stopped, without reasons. For ad targeting on a
    // basis Art. 21(1) does not reach, the 21(2) objection is the one that fits (whether
    // behavioural ads are direct marketing is open; the letter says what it objects to).
    let has = |out: &[Action], k: K| out.iter().any(|a| a.kind == k);
    if (purpose.is_direct_marketing() || purpose.is_ad_targeting())
        && !has(&out, K::ObjectionDirectMarketing)
        && !has(&out, K::AdTargetingObjection)
    {
        let mut dm = direct_marketing;
        if purpose.is_ad_targeting() {
            dm.reason = "Whatever the basis, an objection to direct marketing (Art. 21(2)) needs no reasons and \
                         allows no balancing; whether behavioural ads count as direct marketing is open. An \
                         objection on your particular situation (Art. 21(1)) does not reach processing on this \
                         basis: it applies only to Art. 6(1)(e) and (f)."
                .into();
        }
        out.push(dm);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ActionKind as K;
    use LegalBasis as B;
    use Purpose as P;

    fn kinds(b: B, p: P) -> Vec<K> {
        recommend(b, p, false).into_iter().map(|a| a.kind).collect()
    }

    fn kinds9(b: B, p: P) -> Vec<K> {
        recommend(b, p, true).into_iter().map(|a| a.kind).collect()
    }

    /// docs/legal.md §1, row by row, for an ordinary purpose (analytics).
    #[test]
    fn each_basis_row_of_the_legal_sheet() {
        let table: &[(B, &[K])] = &[
            (B::Consent, &[K::WithdrawConsent, K::Portability]),
            (B::Contract, &[K::Access, K::Complaint, K::Portability]),
            (B::LegalObligation, &[K::Access]),
            (B::VitalInterests, &[K::Access]),
            (B::PublicTask, &[K::Objection]),
            (B::LegitimateInterests, &[K::Objection]),
            (B::Unknown, &[K::Access, K::Objection]),
        ];
        for (basis, want) in table {
            assert_eq!(kinds(*basis, P::Analytics), *want, "{basis:?}");
        }
    }

    /// "any basis, purpose = direct marketing": the absolute objection is offered, once.
    #[test]
    fn direct_marketing_adds_the_absolute_objection_on_every_basis() {
        for basis in B::ALL {
            let k = kinds(basis, P::MarketingMessages);
            assert_eq!(k.iter().filter(|x| **x == K::ObjectionDirectMarketing).count(), 1, "{basis:?}: {k:?}");
        }
    }

    /// Ad targeting: 21(1) and 21(2) together where 21(1) reaches (e, f);
    /// elsewhere the absolute 21(2) objection alone.
    #[test]
    fn ad_targeting_offers_the_combined_objection_only_where_art_21_1_reaches() {
        assert_eq!(kinds(B::LegitimateInterests, P::PersonalisedAds), [K::AdTargetingObjection]);
        assert_eq!(kinds(B::PublicTask, P::PersonalisedAds), [K::AdTargetingObjection]);
        assert_eq!(
            kinds(B::Consent, P::PersonalisedAds),
            [K::WithdrawConsent, K::Portability, K::ObjectionDirectMarketing]
        );
        assert_eq!(
            kinds(B::Contract, P::PersonalisedAds),
            [K::Access, K::Complaint, K::Portability, K::ObjectionDirectMarketing]
        );
        assert_eq!(kinds(B::Unknown, P::PersonalisedAds), [K::Access, K::AdTargetingObjection]);
        let public = &recommend(B::PublicTask, P::PersonalisedAds, false)[0];
        assert!(
            public.reason.contains("6(1)(e)") && !public.reason.contains("legitimate interests"),
            "{}",
            public.reason
        );
    }

    /// Art. 21(1) reaches only processing on 6(1)(e) or (f): over every basis
    /// and purpose, no action whose letter invokes it is offered elsewhere.
    #[test]
    fn no_art_21_1_letter_is_offered_where_art_21_1_does_not_reach() {
        for basis in B::ALL {
            for (purpose, special) in P::ALL.into_iter().flat_map(|p| [(p, false), (p, true)]) {
                for a in recommend(basis, purpose, special) {
                    let invokes_21_1 = a.kind.request_kind().needs_particular_situation();
                    assert_eq!(invokes_21_1, a.articles.iter().any(|x| x == "Art. 21(1)"), "{a:?}");
                    if invokes_21_1 {
                        // Unknown: the letters limit the 21(1) limb "to the extent you rely on 6(1)(e) or (f)".
                        assert!(
                            matches!(basis, B::PublicTask | B::LegitimateInterests | B::Unknown),
                            "{:?} offered on {basis:?} for {purpose:?}",
                            a.kind
                        );
                    }
                }
            }
        }
    }

    /// Art. 20 reaches only consent and contract.
    #[test]
    fn portability_is_offered_on_consent_and_contract_only() {
        for basis in B::ALL {
            for purpose in P::ALL {
                let offered = kinds(basis, purpose).contains(&K::Portability);
                assert_eq!(offered, kinds9(basis, purpose).contains(&K::Portability), "{basis:?} {purpose:?}");
                assert_eq!(offered, matches!(basis, B::Consent | B::Contract), "{basis:?} {purpose:?}");
            }
        }
    }

    /// "Most fitting first": where direct marketing rests on 6(1)(e)/(f), the
    /// absolute 21(2) objection comes before the 21(1) one.
    #[test]
    fn the_absolute_objection_comes_first_for_direct_marketing() {
        assert_eq!(kinds(B::LegitimateInterests, P::MarketingMessages), [K::ObjectionDirectMarketing, K::Objection]);
        assert_eq!(kinds(B::PublicTask, P::MarketingMessages), [K::ObjectionDirectMarketing, K::Objection]);
    }

    #[test]
    fn objection_cites_restriction_and_erasure() {
        let a = &recommend(B::LegitimateInterests, P::Analytics, false)[0];
        assert_eq!(a.articles, ["Art. 21(1)", "Art. 18(1)(d)", "Art. 17(1)(c)"]);
        let c = &recommend(B::Consent, P::Analytics, false)[0];
        assert_eq!(c.articles, ["Art. 7(3)", "Art. 17(1)(b)"], "withdrawal, and erasure where nothing else holds");
        let u = &recommend(B::Unknown, P::Analytics, false)[0];
        assert!(u.articles.contains(&"Art. 13(1)(d)".to_owned()));
    }

    #[test]
    fn every_combination_recommends_something_with_a_reason() {
        for basis in B::ALL {
            for (purpose, special) in P::ALL.into_iter().flat_map(|p| [(p, false), (p, true)]) {
                let actions = recommend(basis, purpose, special);
                assert!(!actions.is_empty(), "{basis:?} {purpose:?}");
                assert!(actions.iter().all(|a| !a.reason.is_empty() && !a.articles.is_empty()));
            }
        }
    }

    /// Art. 9 over every basis × purpose: on a contract or legitimate
    /// interests (no 9(2) exception exists for them) erasure of unlawfully
    /// processed data and a complaint come first; on consent, withdrawal of
    /// what must have been explicit consent; elsewhere, ask for the exception.
    #[test]
    fn special_category_data_change_the_advice_on_every_basis() {
        for basis in B::ALL {
            for purpose in P::ALL {
                let plain = recommend(basis, purpose, false);
                let special = recommend(basis, purpose, true);
                let first = &special[0];
                match basis {
                    B::Contract | B::LegitimateInterests => {
                        assert_eq!(first.kind, K::Erasure, "{basis:?} {purpose:?}");
                        assert_eq!(first.options.grounds, ["d"]);
                        assert!(first.options.special_categories);
                        assert!(first.articles.contains(&"Art. 17(1)(d)".to_owned()));
                        assert_eq!(special[1].kind, K::Complaint);
                        assert!(special[1].articles.contains(&"Art. 9(1)".to_owned()));
                        assert_eq!(special.iter().filter(|a| a.kind == K::Complaint).count(), 1);
                        // What was advised without Art. 9 is still there, after.
                        for a in plain.iter().filter(|a| a.kind != K::Complaint) {
                            assert!(
                                special.iter().any(|b| b.kind == a.kind),
                                "{basis:?} {purpose:?} lost {:?}",
                                a.kind
                            );
                        }
                    }
                    B::Consent => {
                        assert_eq!(first.kind, K::WithdrawConsent);
                        assert!(first.articles.contains(&"Art. 9(2)(a)".to_owned()));
                        assert!(first.reason.contains("explicit") && first.options.erasure);
                        assert_eq!(special.len(), plain.len());
                    }
                    _ => {
                        let ask = special.iter().find(|a| a.kind == K::Access).expect("an access request");
                        assert!(ask.articles.contains(&"Art. 9(2)".to_owned()) && ask.options.special_categories);
                        assert!(!special.iter().any(|a| a.kind == K::Erasure));
                    }
                }
            }
        }
    }

    /// The composer starts from the options the advice implies.
    #[test]
    fn asking_for_the_basis_presets_the_basis_mapping() {
        for basis in [B::Contract, B::Unknown] {
            let a = recommend(basis, P::Analytics, false).into_iter().find(|a| a.kind == K::Access).unwrap();
            assert!(a.options.basis_mapping, "{basis:?}");
        }
        assert!(!recommend(B::LegitimateInterests, P::Analytics, false)[0].options.basis_mapping);
    }
}
