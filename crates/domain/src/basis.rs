//! Legal bases (Art. 6(1) GDPR), purposes of processing, and claims: what a
//! controller says it does with personal data, on which basis, since when,
//! and where it says so.

use serde::{Deserialize, Serialize};

/// The Art. 6(1) basis a controller states for a purpose, or `Unknown` when
/// it states none we could find. Never a guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LegalBasis {
    /// Art. 6(1)(a).
    Consent,
    /// Art. 6(1)(b).
    Contract,
    /// Art. 6(1)(c).
    LegalObligation,
    /// Art. 6(1)(d).
    VitalInterests,
    /// Art. 6(1)(e).
    PublicTask,
    /// Art. 6(1)(f).
    LegitimateInterests,
    Unknown,
}

impl LegalBasis {
    pub const ALL: [LegalBasis; 7] = [
        Self::Consent,
        Self::Contract,
        Self::LegalObligation,
        Self::VitalInterests,
        Self::PublicTask,
        Self::LegitimateInterests,
        Self::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Consent => "consent",
            Self::Contract => "contract",
            Self::LegalObligation => "legal_obligation",
            Self::VitalInterests => "vital_interests",
            Self::PublicTask => "public_task",
            Self::LegitimateInterests => "legitimate_interests",
            Self::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// The article that names it, e.g. "Art. 6(1)(f)"; "—" for unknown.
    pub fn article(self) -> &'static str {
        match self {
            Self::Consent => "Art. 6(1)(a)",
            Self::Contract => "Art. 6(1)(b)",
            Self::LegalObligation => "Art. 6(1)(c)",
            Self::VitalInterests => "Art. 6(1)(d)",
            Self::PublicTask => "Art. 6(1)(e)",
            Self::LegitimateInterests => "Art. 6(1)(f)",
            Self::Unknown => "—",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Consent => "consent",
            Self::Contract => "contract",
            Self::LegalObligation => "legal obligation",
            Self::VitalInterests => "vital interests",
            Self::PublicTask => "public task",
            Self::LegitimateInterests => "legitimate interests",
            Self::Unknown => "unknown",
        }
    }
}

/// What the data is used for: a controlled vocabulary, so claims from
/// different controllers (and the IAB vendor list) can be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    PersonalisedAds,
    NonPersonalisedAds,
    AdMeasurement,
    SharingWithPartners,
    ContentRecommendation,
    AiTraining,
    Analytics,
    MarketResearch,
    MarketingMessages,
    DeviceStorage,
    SafetySecurity,
    ServiceDelivery,
}

impl Purpose {
    pub const ALL: [Purpose; 12] = [
        Self::PersonalisedAds,
        Self::NonPersonalisedAds,
        Self::AdMeasurement,
        Self::SharingWithPartners,
        Self::ContentRecommendation,
        Self::AiTraining,
        Self::Analytics,
        Self::MarketResearch,
        Self::MarketingMessages,
        Self::DeviceStorage,
        Self::SafetySecurity,
        Self::ServiceDelivery,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PersonalisedAds => "personalised_ads",
            Self::NonPersonalisedAds => "non_personalised_ads",
            Self::AdMeasurement => "ad_measurement",
            Self::SharingWithPartners => "sharing_with_partners",
            Self::ContentRecommendation => "content_recommendation",
            Self::AiTraining => "ai_training",
            Self::Analytics => "analytics",
            Self::MarketResearch => "market_research",
            Self::MarketingMessages => "marketing_messages",
            Self::DeviceStorage => "device_storage",
            Self::SafetySecurity => "safety_security",
            Self::ServiceDelivery => "service_delivery",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::PersonalisedAds => "Personalised ads",
            Self::NonPersonalisedAds => "Non-personalised ads",
            Self::AdMeasurement => "Ad measurement",
            Self::SharingWithPartners => "Sharing with advertisers/partners",
            Self::ContentRecommendation => "Content recommendation / profiling",
            Self::AiTraining => "AI training",
            Self::Analytics => "Analytics / product improvement",
            Self::MarketResearch => "Market research",
            Self::MarketingMessages => "Marketing messages",
            Self::DeviceStorage => "Storing/accessing information on a device",
            Self::SafetySecurity => "Safety and security",
            Self::ServiceDelivery => "Providing the service",
        }
    }

    /// Direct marketing in the sense of Art. 21(2) beyond doubt.
    pub fn is_direct_marketing(self) -> bool {
        matches!(self, Self::MarketingMessages)
    }

    /// Ad targeting: whether it is "direct marketing" under Art. 21(2) is an
    /// open question (docs/legal.md §1), so both objections are offered together.
    pub fn is_ad_targeting(self) -> bool {
        matches!(self, Self::PersonalisedAds)
    }

    /// The IAB TCF v2 purpose (1–11) in our vocabulary.
    pub fn from_tcf(id: u32) -> Option<Self> {
        Some(match id {
            1 => Self::DeviceStorage,
            2 => Self::NonPersonalisedAds,
            3 | 4 => Self::PersonalisedAds,
            // 11, "use limited data to select content", selects content, not ads.
            5 | 6 | 11 => Self::ContentRecommendation,
            7 => Self::AdMeasurement,
            8 => Self::Analytics,
            9 => Self::MarketResearch,
            10 => Self::Analytics,
            _ => return None,
        })
    }
}

/// Where a claim was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Source {
    pub url: String,
    /// The day the text was observed (YYYY-MM-DD).
    pub observed: String,
    /// Section heading or list entry the claim comes from.
    pub section: String,
    /// The passage the claim rests on, verbatim, in the policy's own language.
    #[serde(default)]
    pub quote: String,
    /// The Open Terms Archive commit of the policy version read, where there is one.
    #[serde(default)]
    pub commit: String,
}

/// Whether a claim applied, or was only announced: an announced change is
/// not a change in force (TikTok, July 2022: announced, never applied).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    #[default]
    InForce,
    Announced,
}

impl ClaimStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InForce => "in_force",
            Self::Announced => "announced",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::InForce, Self::Announced].into_iter().find(|v| v.as_str() == s)
    }
}

/// What a controller says about one purpose, valid over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Claim {
    pub purpose: Purpose,
    pub basis: LegalBasis,
    /// The data concerned, in short ("on-platform activity", "off-platform activity").
    pub scope: String,
    pub source: Source,
    /// From when the claim applied (YYYY-MM-DD), if known.
    pub valid_from: Option<String>,
    /// Until when (YYYY-MM-DD); `None` while current.
    pub valid_to: Option<String>,
    /// Context in our own words (e.g. a regulator's intervention).
    pub note: String,
    /// The processing touches special categories of data (Art. 9(1): health,
    /// religion, sexuality, political opinion …) or inferences of them; this
    /// changes the advice (`recommend`), since Art. 9(2) has no exception for
    /// a contract or legitimate interests.
    #[serde(default)]
    pub special_categories: bool,
    /// In force, or only announced (`valid_from`: the day it was to apply).
    #[serde(default)]
    pub status: ClaimStatus,
}

/// What kind of dated event in a controller's history of bases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum BasisEventKind {
    /// The controller announced a change (not a change in force).
    Announcement,
    /// A supervisory authority warned or objected.
    Warning,
    /// The controller paused or dropped an announced change.
    Pause,
    /// A fine or an order by a supervisory authority.
    Fine,
    /// A temporary ban (Art. 66) or an urgent binding decision (Art. 66(2)).
    Ban,
    /// A court's judgment.
    Ruling,
}

impl BasisEventKind {
    pub const ALL: [BasisEventKind; 6] =
        [Self::Announcement, Self::Warning, Self::Pause, Self::Fine, Self::Ban, Self::Ruling];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Announcement => "announcement",
            Self::Warning => "warning",
            Self::Pause => "pause",
            Self::Fine => "fine",
            Self::Ban => "ban",
            Self::Ruling => "ruling",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Announcement => "Announcement",
            Self::Warning => "Regulator's warning",
            Self::Pause => "Paused",
            Self::Fine => "Fine",
            Self::Ban => "Ban or urgent decision",
            Self::Ruling => "Court ruling",
        }
    }
}

/// A dated event that is not a claim — an announcement, a regulator's
/// warning, a pause, a fine, a court ruling — with its source: its own
/// entry on the timeline, never read as a basis in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BasisEvent {
    /// YYYY-MM-DD, or YYYY-MM where the day is not recorded.
    pub day: String,
    pub kind: BasisEventKind,
    /// The purpose it concerns, if one.
    pub purpose: Option<Purpose>,
    /// What happened, in our words.
    pub title: String,
    pub source: Source,
}

/// How near a day an announced change is reported with the basis of that day.
pub const ANNOUNCED_WINDOW_DAYS: i64 = 90;

impl Claim {
    /// In force on `day` (YYYY-MM-DD): stated as applying, not only announced,
    /// and `day` within `valid_from ..= valid_to` (an open end is open).
    pub fn in_force_on(&self, day: &str) -> bool {
        self.status == ClaimStatus::InForce
            && self.valid_from.as_deref().is_none_or(|from| from <= day)
            && self.valid_to.as_deref().is_none_or(|to| day <= to)
    }

    /// An announced change whose announced start lies within
    /// `ANNOUNCED_WINDOW_DAYS` of `day`.
    pub fn announced_around(&self, day: &str) -> bool {
        let parse = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        self.status == ClaimStatus::Announced
            && match (self.valid_from.as_deref().and_then(parse), parse(day)) {
                (Some(start), Some(d)) => (start - d).num_days().abs() <= ANNOUNCED_WINDOW_DAYS,
                _ => false,
            }
    }
}

/// The basis a controller claimed for one purpose on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PurposeOnDay {
    pub purpose: Purpose,
    /// `unknown` where no claim in force covers the day.
    pub basis: LegalBasis,
    pub scope: String,
    /// The claim in force, with its quote and source; `None` when unknown.
    pub claim: Option<Claim>,
    /// Changes announced for this purpose around the day that did not apply.
    pub announced: Vec<Claim>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BasisOnDay {
    pub on: String,
    pub purposes: Vec<PurposeOnDay>,
}

/// The basis in force on `day` for each purpose (or only `purpose`): one
/// entry per claim in force — two where a platform splits a purpose by data
/// scope — and one `unknown` entry where nothing in force is known. Announced
/// changes never count as in force; they are listed beside the day's basis.
pub fn basis_on(claims: &[Claim], purpose: Option<Purpose>, day: &str) -> BasisOnDay {
    let purposes = Purpose::ALL.into_iter().filter(|p| purpose.is_none_or(|only| only == *p));
    let mut out = Vec::new();
    for p in purposes {
        let of = || claims.iter().filter(move |c| c.purpose == p);
        let announced: Vec<Claim> = of().filter(|c| c.announced_around(day)).cloned().collect();
        let in_force: Vec<&Claim> = of().filter(|c| c.in_force_on(day)).collect();
        if in_force.is_empty() {
            out.push(PurposeOnDay {
                purpose: p,
                basis: LegalBasis::Unknown,
                scope: String::new(),
                claim: None,
                announced,
            });
        } else {
            for c in in_force {
                out.push(PurposeOnDay {
                    purpose: p,
                    basis: c.basis,
                    scope: c.scope.clone(),
                    claim: Some(c.clone()),
                    announced: announced.clone(),
                });
            }
        }
    }
    BasisOnDay { on: day.to_owned(), purposes: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for b in LegalBasis::ALL {
            assert_eq!(LegalBasis::parse(b.as_str()), Some(b));
            assert_eq!(serde_json::to_value(b).unwrap(), b.as_str());
        }
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.as_str()), Some(p));
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
    }

    #[test]
    fn every_tcf_purpose_maps() {
        for id in 1..=11 {
            assert!(Purpose::from_tcf(id).is_some(), "TCF purpose {id}");
        }
        assert_eq!(Purpose::from_tcf(12), None);
        assert_eq!(Purpose::from_tcf(11), Some(Purpose::ContentRecommendation), "content, not ads");
        assert_eq!(Purpose::from_tcf(2), Some(Purpose::NonPersonalisedAds));
    }

    fn claim(purpose: Purpose, basis: LegalBasis, from: Option<&str>, to: Option<&str>, status: ClaimStatus) -> Claim {
        Claim {
            purpose,
            basis,
            scope: String::new(),
            source: Source {
                url: "https://p.example".into(),
                observed: "2022-07-11".into(),
                section: String::new(),
                quote: String::new(),
                commit: String::new(),
            },
            valid_from: from.map(Into::into),
            valid_to: to.map(Into::into),
            note: String::new(),
            special_categories: false,
            status,
        }
    }

    /// TikTok, July 2022 (docs/legal.md §4): consent throughout, an announced
    /// move to legitimate interests from 13 Jul that never applied.
    #[test]
    fn an_announced_change_is_never_in_force_and_is_shown_beside_the_day() {
        use ClaimStatus::*;
        use LegalBasis as B;
        let claims = [
            claim(Purpose::PersonalisedAds, B::Consent, None, None, InForce),
            claim(Purpose::PersonalisedAds, B::LegitimateInterests, Some("2022-07-13"), None, Announced),
        ];
        for day in ["2022-07-11", "2022-07-13", "2022-07-20", "2026-12-01"] {
            let on = basis_on(&claims, Some(Purpose::PersonalisedAds), day);
            assert_eq!(on.purposes.len(), 1, "{day}");
            assert_eq!(on.purposes[0].basis, B::Consent, "{day}: consent throughout");
        }
        let july = basis_on(&claims, Some(Purpose::PersonalisedAds), "2022-07-12");
        assert_eq!(july.purposes[0].announced.len(), 1, "the announcement is beside the day");
        assert!(basis_on(&claims, Some(Purpose::PersonalisedAds), "2026-12-01").purposes[0].announced.is_empty());
    }

    /// Meta, 2023: a purpose split by data scope gives two entries; a day no
    /// claim covers is unknown; every purpose is listed when none is asked.
    #[test]
    fn split_purposes_give_one_entry_per_basis_and_gaps_are_unknown() {
        use ClaimStatus::*;
        use LegalBasis as B;
        let mut limited = claim(Purpose::PersonalisedAds, B::Contract, Some("2023-04-05"), Some("2023-11-02"), InForce);
        limited.scope = "limited data".into();
        let claims = [
            claim(Purpose::PersonalisedAds, B::Contract, Some("2018-05-25"), Some("2023-04-04"), InForce),
            claim(Purpose::PersonalisedAds, B::LegitimateInterests, Some("2023-04-05"), Some("2023-11-02"), InForce),
            limited,
            claim(Purpose::PersonalisedAds, B::Consent, Some("2023-11-03"), None, InForce),
        ];
        let bases = |day: &str| -> Vec<B> {
            basis_on(&claims, Some(Purpose::PersonalisedAds), day).purposes.iter().map(|p| p.basis).collect()
        };
        assert_eq!(bases("2023-04-04"), [B::Contract]);
        assert_eq!(bases("2023-06-01"), [B::LegitimateInterests, B::Contract]);
        assert_eq!(bases("2023-11-03"), [B::Consent]);
        assert_eq!(bases("2017-01-01"), [B::Unknown]);
        let all = basis_on(&claims, None, "2023-06-01");
        assert_eq!(all.purposes.iter().filter(|p| p.basis == B::Unknown).count(), Purpose::ALL.len() - 1);
        assert!(all.purposes.iter().filter(|p| p.basis == B::Unknown).all(|p| p.claim.is_none()));
    }
}
