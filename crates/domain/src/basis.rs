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
}
