//! RightsDesk's curated registry: one reviewed JSON file per platform in
//! `crates/import/registry/`, compiled into the binary and applied to the store
//! at start whenever its content changed. Claims are written in our own words
//! from the platforms' policies (Open Terms Archive, ODC-By) and the team's
//! legal sheet; each names its source URL, the day it was observed and the
//! section. A basis we could not find is recorded as `unknown`, never guessed.

use rightsdesk_domain::import::{ImportBatch, ImportedController, RejectedRecord};
use rightsdesk_domain::{Claim, ContactChannel, ControllerDraft, Origin};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The files, by slug.
pub const FILES: &[(&str, &str)] = &[
    ("amazon", include_str!("../registry/amazon.json")),
    ("apple", include_str!("../registry/apple.json")),
    ("bereal", include_str!("../registry/bereal.json")),
    ("bluesky", include_str!("../registry/bluesky.json")),
    ("facebook", include_str!("../registry/facebook.json")),
    ("google", include_str!("../registry/google.json")),
    ("instagram", include_str!("../registry/instagram.json")),
    ("line", include_str!("../registry/line.json")),
    ("linkedin", include_str!("../registry/linkedin.json")),
    ("microsoft", include_str!("../registry/microsoft.json")),
    ("moltbook", include_str!("../registry/moltbook.json")),
    ("parler", include_str!("../registry/parler.json")),
    ("pinterest", include_str!("../registry/pinterest.json")),
    ("quora", include_str!("../registry/quora.json")),
    ("reddit", include_str!("../registry/reddit.json")),
    ("snapchat", include_str!("../registry/snapchat.json")),
    ("spotify", include_str!("../registry/spotify.json")),
    ("telegram", include_str!("../registry/telegram.json")),
    ("threads", include_str!("../registry/threads.json")),
    ("tiktok", include_str!("../registry/tiktok.json")),
    ("truthsocial", include_str!("../registry/truthsocial.json")),
    ("tumblr", include_str!("../registry/tumblr.json")),
    ("twitch", include_str!("../registry/twitch.json")),
    ("twitter", include_str!("../registry/twitter.json")),
    ("upscrolled", include_str!("../registry/upscrolled.json")),
    ("wechat", include_str!("../registry/wechat.json")),
    ("whatsapp", include_str!("../registry/whatsapp.json")),
    ("youtube", include_str!("../registry/youtube.json")),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    slug: String,
    name: String,
    address: String,
    country: String,
    contacts: Vec<ContactChannel>,
    web: String,
    policy_url: String,
    lead_sa: String,
    runs: Vec<String>,
    claims: Vec<Claim>,
    /// Dated events that are not claims (announcements, warnings, fines …).
    #[serde(default)]
    events: Vec<rightsdesk_domain::BasisEvent>,
}

impl Entry {
    fn into_controller(self) -> ImportedController {
        let e = self;
        ImportedController {
            draft: ControllerDraft {
                slug: e.slug,
                name: e.name,
                address: e.address,
                country: e.country,
                contacts: e.contacts,
                web: e.web,
                policy_url: e.policy_url,
                lead_sa: e.lead_sa,
                request_language: String::new(),
                runs: e.runs,
                categories: vec!["platform".into()],
                sources: Vec::new(),
                required_identity: Vec::new(),
            },
            tcf_vendor_id: None,
            claims: e.claims.into_iter().map(|c| (c, None)).collect(),
            events: e.events,
        }
    }
}

/// A registry update between releases: every entry, in the format of the
/// files above, with the day it was made.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bundle {
    format: String,
    /// The day the bundle was made (YYYY-MM-DD).
    version: String,
    entries: Vec<Entry>,
}

/// The bundle format this build reads.
pub const BUNDLE_FORMAT: &str = "rightsdesk-registry/1";

/// A signed bundle's content as an import batch (the signature checked by
/// `bundle::open` first). A bad entry is reported, the rest go through.
pub fn bundle_batch(bundle_json: &str, location: &str) -> Result<ImportBatch, crate::ImportError> {
    let b: Bundle = serde_json::from_str(bundle_json).map_err(|e| {
        crate::ImportError::new(
            rightsdesk_domain::ErrorCode::Invalid,
            format!("the registry bundle does not parse: {e}"),
        )
    })?;
    if b.format != BUNDLE_FORMAT {
        return Err(crate::ImportError::new(
            rightsdesk_domain::ErrorCode::Invalid,
            format!("the registry bundle is in format “{}”; this RightsDesk reads “{BUNDLE_FORMAT}”", b.format),
        ));
    }
    let mut h = Sha256::new();
    h.update(bundle_json.as_bytes());
    Ok(ImportBatch {
        origin: Origin::Registry,
        location: location.to_owned(),
        version: format!("registry bundle {} {}", b.version, hex::encode(&h.finalize()[..8])),
        controllers: b.entries.into_iter().map(Entry::into_controller).collect(),
        authorities: Vec::new(),
        redirects: Vec::new(),
        rejected: Vec::new(),
        complete: true,
    })
}

/// A fingerprint of the registry's content: when it changes, the app and
/// the CLI apply the registry again.
pub fn version() -> String {
    let mut h = Sha256::new();
    for (slug, text) in FILES {
        h.update(slug.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
    }
    format!("registry {}", hex::encode(&h.finalize()[..8]))
}

/// The registry as an import batch. A file that does not parse is reported,
/// never silently dropped (tests keep that from shipping).
pub fn batch() -> ImportBatch {
    let mut out = ImportBatch {
        origin: Origin::Registry,
        location: "built-in registry".into(),
        version: version(),
        controllers: Vec::with_capacity(FILES.len()),
        authorities: Vec::new(),
        redirects: Vec::new(),
        rejected: Vec::new(),
        complete: true,
    };
    for (slug, text) in FILES {
        match serde_json::from_str::<Entry>(text) {
            Ok(e) if e.slug == *slug => out.controllers.push(e.into_controller()),
            Ok(e) => out.rejected.push(RejectedRecord {
                record: format!("registry/{slug}.json"),
                reason: format!("names slug {}", e.slug),
            }),
            Err(err) => {
                out.rejected.push(RejectedRecord { record: format!("registry/{slug}.json"), reason: err.to_string() })
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rightsdesk_domain::LegalBasis;

    #[test]
    fn every_file_parses_and_every_claim_is_sourced() {
        let b = batch();
        assert!(b.rejected.is_empty(), "{:?}", b.rejected);
        assert_eq!(b.controllers.len(), FILES.len());
        for c in &b.controllers {
            let d = c.draft.clone().validate().unwrap_or_else(|e| panic!("{}: {e}", c.draft.slug));
            assert_eq!(d.slug, c.draft.slug);
            for (claim, _) in &c.claims {
                let s = &claim.source;
                assert!(s.url.starts_with("https://"), "{}: source URL", d.slug);
                assert!(
                    rightsdesk_domain::deadline::parse_date("observed", &s.observed).is_ok(),
                    "{}: observed date",
                    d.slug
                );
                assert!(!s.section.is_empty(), "{}: section", d.slug);
                if let (Some(from), Some(to)) = (&claim.valid_from, &claim.valid_to) {
                    assert!(from <= to, "{}: {from} after {to}", d.slug);
                }
                if claim.basis != LegalBasis::Unknown {
                    assert!(claim.scope != "not stated", "{}: a stated basis needs its scope", d.slug);
                }
            }
        }
    }

    /// The floor: every platform with a policy in the shared corpus
    /// (X and Twitter as one), plus Google, Amazon, Microsoft and Apple.
    #[test]
    fn covers_the_required_platforms() {
        let slugs: Vec<&str> = FILES.iter().map(|(s, _)| *s).collect();
        for required in [
            "bereal",
            "bluesky",
            "facebook",
            "instagram",
            "line",
            "linkedin",
            "moltbook",
            "parler",
            "pinterest",
            "quora",
            "reddit",
            "snapchat",
            "spotify",
            "telegram",
            "threads",
            "tiktok",
            "truthsocial",
            "tumblr",
            "twitch",
            "twitter",
            "upscrolled",
            "wechat",
            "whatsapp",
            "youtube",
            "google",
            "amazon",
            "microsoft",
            "apple",
        ] {
            assert!(slugs.contains(&required), "{required} missing from the registry");
        }
    }

    #[test]
    fn history_episodes_are_dated() {
        let b = batch();
        let claims = |slug: &str| b.controllers.iter().find(|c| c.draft.slug == slug).unwrap().claims.clone();
        let tiktok_li = claims("tiktok")
            .into_iter()
            .find(|(c, _)| {
                c.basis == LegalBasis::LegitimateInterests && c.purpose == rightsdesk_domain::Purpose::PersonalisedAds
            })
            .expect("the July 2022 episode");
        // Announced for 13 Jul 2022, never applied (docs/legal.md §4): not a claim in force on any day.
        assert_eq!(tiktok_li.0.status, rightsdesk_domain::ClaimStatus::Announced);
        assert_eq!(tiktok_li.0.valid_from.as_deref(), Some("2022-07-13"));
        for y in 2022..=2027 {
            for m in 1..=12 {
                for d in 1..=28 {
                    let day = format!("{y}-{m:02}-{d:02}");
                    assert!(!tiktok_li.0.in_force_on(&day), "{day}");
                }
            }
        }
        let meta: Vec<LegalBasis> = claims("facebook")
            .into_iter()
            .filter(|(c, _)| c.purpose == rightsdesk_domain::Purpose::PersonalisedAds)
            .map(|(c, _)| c.basis)
            .collect();
        // Contract → legitimate interests with contract kept for limited data (5 Apr 2023) → consent (3 Nov 2023).
        assert_eq!(
            meta,
            [LegalBasis::Contract, LegalBasis::LegitimateInterests, LegalBasis::Contract, LegalBasis::Consent]
        );
        let facebook: Vec<rightsdesk_domain::Claim> = claims("facebook").into_iter().map(|(c, _)| c).collect();
        let on = |day: &str| -> Vec<LegalBasis> {
            rightsdesk_domain::basis_on(&facebook, Some(rightsdesk_domain::Purpose::PersonalisedAds), day)
                .purposes
                .iter()
                .map(|p| p.basis)
                .collect()
        };
        assert_eq!(on("2023-04-04"), [LegalBasis::Contract]);
        assert_eq!(on("2023-06-01"), [LegalBasis::LegitimateInterests, LegalBasis::Contract], "split by data scope");
        assert_eq!(on("2023-11-02"), [LegalBasis::LegitimateInterests, LegalBasis::Contract]);
        assert_eq!(on("2023-11-03"), [LegalBasis::Consent]);
    }

    #[test]
    fn the_version_changes_with_the_content() {
        assert!(version().starts_with("registry "));
        assert_eq!(version(), version());
    }
}
