//! The basis watch's notices: a basis-related change in a platform's policy,
//! said in words for one person — what the platform claimed before, what the
//! new text says, what that means for the person's rights (through the
//! recommender), the letter that fits, and whether an earlier objection or
//! withdrawal of theirs rested on the old basis.

use serde::{Deserialize, Serialize};

use crate::basis::{Claim, LegalBasis, Purpose};
use crate::policy::Comparison;
use crate::recommend::{Action, recommend};
use crate::request::{RequestKind, RequestSummary};
use crate::{Id, Notice};

/// One purpose whose stated basis changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BasisShift {
    pub purpose: Purpose,
    /// The bases claimed before (in force the day before the version), with
    /// the passage of the claim; empty: nothing was known.
    pub before: Vec<LegalBasis>,
    pub before_quote: String,
    /// What the new text states; `unknown` where a statement was removed and
    /// nothing replaced it.
    pub after: LegalBasis,
    pub after_quote: String,
    /// What that means for the person's rights, in words.
    pub meaning: String,
    /// The letter that fits the new basis, first of the recommender's.
    pub letter: Option<Action>,
}

/// A request of the person's that rested on a basis the policy no longer names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EarlierRequest {
    pub request_id: Id,
    pub reference: String,
    pub said: String,
}

/// A basis-related change, for one person who deals with the platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BasisAlert {
    pub version_id: Id,
    pub platform: String,
    pub platform_name: String,
    pub recorded: String,
    pub person_id: Id,
    pub person: String,
    pub shifts: Vec<BasisShift>,
    pub earlier: Vec<EarlierRequest>,
    pub title: String,
    pub body: String,
}

impl BasisAlert {
    /// The desktop notice for it; its key makes it come once.
    pub fn notice(&self) -> Notice {
        Notice {
            key: format!("basis:{}:{}", self.version_id, self.person_id),
            request_id: 0,
            title: self.title.clone(),
            body: self.body.clone(),
        }
    }
}

/// A purpose's label inside a sentence: "personalised ads", but "AI training".
pub(crate) fn in_sentence(purpose: Purpose) -> String {
    let label = purpose.label();
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            first.to_lowercase().chain(label[first.len_utf8()..].chars()).collect()
        }
        _ => label.to_owned(),
    }
}

/// What a basis means for the person's rights.
pub fn meaning(basis: LegalBasis, purpose: Purpose) -> String {
    let what = in_sentence(purpose);
    match basis {
        LegalBasis::Consent => format!(
            "now consent (Art. 6(1)(a)) for {what}: you can withdraw it at any time, as easily as you gave it (Art. 7(3)), \
             and the processing must stop from then on"
        ),
        LegalBasis::LegitimateInterests => format!(
            "now legitimate interests (Art. 6(1)(f)) for {what}: you can object (Art. 21(1)); against direct marketing, \
             including profiling for it, the objection is absolute (Art. 21(2)–(3))"
        ),
        LegalBasis::Contract => format!(
            "now contract (Art. 6(1)(b)) for {what}: there is no right to object; you can ask what is processed and why \
             (Art. 15) and complain if it is not necessary for the service you signed up for"
        ),
        LegalBasis::LegalObligation => {
            format!("now a legal obligation (Art. 6(1)(c)) for {what}: you can ask which law requires it (Art. 15)")
        }
        LegalBasis::PublicTask => {
            format!("now a task in the public interest (Art. 6(1)(e)) for {what}: you can object (Art. 21(1))")
        }
        LegalBasis::VitalInterests => format!("now vital interests (Art. 6(1)(d)) for {what}"),
        LegalBasis::Unknown => {
            format!("the new text no longer says which basis covers {what}: you can ask (Art. 15 with 13(1)(c))")
        }
    }
}

/// The purposes whose stated basis changed: what the changed passages now
/// state that the claims in force (`before`) did not, and statements removed
/// with nothing in their place. A change the claims already reflect yields
/// nothing (the registry or the user knew it first).
pub fn shifts(before: &[Claim], cmp: &Comparison) -> Vec<BasisShift> {
    let mut out: Vec<BasisShift> = Vec::new();
    let claimed = |p: Purpose| -> Vec<&Claim> { before.iter().filter(|c| c.purpose == p).collect() };
    let mut push = |purpose: Purpose, after: LegalBasis, after_quote: &str| {
        if out.iter().any(|s| s.purpose == purpose && s.after == after) {
            return;
        }
        let was = claimed(purpose);
        let bases: Vec<LegalBasis> = {
            let mut b: Vec<_> = was.iter().map(|c| c.basis).collect();
            b.dedup();
            b
        };
        out.push(BasisShift {
            purpose,
            before: bases,
            before_quote: was.first().map(|c| c.source.quote.clone()).unwrap_or_default(),
            after,
            after_quote: after_quote.to_owned(),
            meaning: meaning(after, purpose),
            letter: recommend(after, purpose, false).into_iter().next(),
        });
    };
    for p in &cmp.basis_passages {
        for s in &p.after_reads {
            if !claimed(s.purpose).iter().any(|c| c.basis == s.basis) {
                push(s.purpose, s.basis, &s.quote);
            }
        }
        for s in &p.before_reads {
            let still = cmp.suggested.iter().any(|n| n.purpose == s.purpose && n.basis == s.basis);
            // Another basis for the purpose anywhere in the new text is a shift
            // (reported above), not a silence.
            let replaced = cmp.suggested.iter().any(|n| n.purpose == s.purpose);
            if !still && !replaced && claimed(s.purpose).iter().any(|c| c.basis == s.basis) {
                push(s.purpose, LegalBasis::Unknown, "");
            }
        }
    }
    out
}

/// The basis a request rested on, by its kind: an objection under Art. 21
/// rests on (e)/(f), a withdrawal on consent.
pub fn rested_on(kind: RequestKind) -> Option<LegalBasis> {
    match kind {
        RequestKind::Objection | RequestKind::AdTargetingObjection | RequestKind::ObjectionDirectMarketing => {
            Some(LegalBasis::LegitimateInterests)
        }
        RequestKind::WithdrawConsent => Some(LegalBasis::Consent),
        _ => None,
    }
}

/// The person's requests that rested on a basis a shift moved away from.
pub fn earlier_requests(shifts: &[BasisShift], requests: &[RequestSummary]) -> Vec<EarlierRequest> {
    let mut out = Vec::new();
    for r in requests {
        let Some(basis) = rested_on(r.kind) else { continue };
        let Some(shift) =
            shifts.iter().find(|s| s.after != basis && (s.before.contains(&basis) || s.before.is_empty()))
        else {
            continue;
        };
        out.push(EarlierRequest {
            request_id: r.id,
            reference: r.reference.clone(),
            said: format!(
                "Your {} ({}) rested on {}; the policy now names {} for {}: {}.",
                r.kind.label().to_lowercase(),
                r.reference,
                basis.label(),
                shift.after.label(),
                in_sentence(shift.purpose),
                match shift.letter.as_ref() {
                    Some(a) => format!("send “{}” to keep your position", a.button),
                    None => "your earlier letter may no longer reach this processing".into(),
                }
            ),
        });
    }
    out
}

/// The alert for one person, or `None` when nothing shifted.
pub fn alert(
    version_id: Id,
    platform: (&str, &str),
    recorded: &str,
    person: (Id, &str),
    shifts: Vec<BasisShift>,
    requests: &[RequestSummary],
) -> Option<BasisAlert> {
    if shifts.is_empty() {
        return None;
    }
    let earlier = earlier_requests(&shifts, requests);
    let first = &shifts[0];
    let title = format!("{} changed its basis for {}", platform.1, in_sentence(first.purpose));
    let was = if first.before.is_empty() {
        "unknown".to_owned()
    } else {
        first.before.iter().map(|b| b.label()).collect::<Vec<_>>().join(" and ")
    };
    let mut body = format!("Policy recorded {recorded}: before {was}; {}.", first.meaning);
    if let Some(e) = earlier.first() {
        body.push(' ');
        body.push_str(&e.said);
    }
    Some(BasisAlert {
        version_id,
        platform: platform.0.to_owned(),
        platform_name: platform.1.to_owned(),
        recorded: recorded.to_owned(),
        person_id: person.0,
        person: person.1.to_owned(),
        shifts,
        earlier,
        title,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basis::{ClaimStatus, Source};
    use crate::policy::compare;

    fn claim(purpose: Purpose, basis: LegalBasis, quote: &str) -> Claim {
        Claim {
            purpose,
            basis,
            scope: String::new(),
            source: Source {
                url: "https://p.example".into(),
                observed: "2023-01-01".into(),
                section: String::new(),
                quote: quote.into(),
                commit: String::new(),
            },
            valid_from: None,
            valid_to: None,
            note: String::new(),
            special_categories: false,
            status: ClaimStatus::InForce,
        }
    }

    const LI: &str = "# Policy\n\nSome introduction to the policy that is long enough to be a policy text.\n\n\
        ## Legitimate interests\n\n* We show you personalised ads based on your activity on the platform.\n";

    fn summary(kind: RequestKind) -> RequestSummary {
        RequestSummary {
            id: 7,
            reference: "RD-7".into(),
            kind,
            status: crate::RequestStatus::Sent,
            person_id: 1,
            person: "Ana".into(),
            controller_slug: "meta".into(),
            controller: "Meta".into(),
            due: None,
            due_kind: String::new(),
            updated_at: String::new(),
        }
    }

    /// Meta, November 2023: legitimate interests → consent. The notice says
    /// consent can be withdrawn, offers the withdrawal, and tells the person
    /// that their objection rested on the old basis.
    #[test]
    fn a_move_to_consent_says_withdraw_and_names_the_old_objection() {
        let consent = LI
            .replace("## Legitimate interests", "## Consent")
            .replace("* We show you", "* With your consent, we show you");
        let cmp = compare(Some(LI), &consent, &[]);
        assert!(cmp.basis_related);
        let before = [claim(Purpose::PersonalisedAds, LegalBasis::LegitimateInterests, "We show you personalised ads")];
        let s = shifts(&before, &cmp);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].after, LegalBasis::Consent);
        assert!(s[0].meaning.contains("withdraw it at any time"));
        assert_eq!(s[0].letter.as_ref().map(|a| a.kind), Some(crate::ActionKind::WithdrawConsent));
        let a = alert(
            3,
            ("meta", "Meta"),
            "2023-11-03",
            (1, "Ana"),
            s,
            &[summary(RequestKind::AdTargetingObjection), summary(RequestKind::Access)],
        )
        .unwrap();
        assert_eq!(a.earlier.len(), 1, "only the objection rested on a basis");
        assert!(a.earlier[0].said.contains("rested on legitimate interests"), "{}", a.earlier[0].said);
        assert!(a.body.contains("before legitimate interests"), "{}", a.body);
        assert_eq!(a.notice().key, "basis:3:1");
        assert_eq!(a.title, "Meta changed its basis for personalised ads");
        assert_eq!(in_sentence(Purpose::AiTraining), "AI training");
    }

    #[test]
    fn a_change_the_claims_already_know_raises_nothing() {
        let consent = LI
            .replace("## Legitimate interests", "## Consent")
            .replace("* We show you", "* With your consent, we show you");
        let cmp = compare(Some(LI), &consent, &[]);
        let known = [claim(Purpose::PersonalisedAds, LegalBasis::Consent, "")];
        assert!(shifts(&known, &cmp).is_empty());
        assert!(alert(1, ("m", "M"), "2023-11-03", (1, "A"), Vec::new(), &[]).is_none());
    }
}
