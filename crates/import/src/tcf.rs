//! The IAB Europe TCF Global Vendor List (spec v2 and v3): each vendor becomes
//! a controller, and each purpose it declares becomes a claim on consent or
//! on legitimate interest, sourced to the list's version and date.

use std::path::Path;

use rightsdesk_domain::import::{ImportBatch, ImportedController, RejectedRecord};
use rightsdesk_domain::{Claim, ControllerDraft, ErrorCode, LegalBasis, Origin, Purpose, Source};
use serde_json::Value;

use crate::{ImportError, fetch, is_url};

/// The official current list (spec v3).
pub const OFFICIAL_URL: &str = "https://vendor-list.consensu.org/v3/vendor-list.json";

/// The TCF v2 purpose names, used when a list omits its purposes section.
const PURPOSE_NAMES: [&str; 11] = [
    "Store and/or access information on a device",
    "Use limited data to select advertising",
    "Create profiles for personalised advertising",
    "Use profiles to select personalised advertising",
    "Create profiles to personalise content",
    "Use profiles to select personalised content",
    "Measure advertising performance",
    "Measure content performance",
    "Understand audiences through statistics or combinations of data from different sources",
    "Develop and improve services",
    "Use limited data to select content",
];

pub fn load(location: &str) -> Result<ImportBatch, ImportError> {
    let bytes = if is_url(location) {
        fetch::json(location, fetch::MAX_BYTES)?
    } else {
        std::fs::read(Path::new(location)).map_err(|e| crate::read_error(location, &e))?
    };
    parse(&bytes, location)
}

pub fn parse(bytes: &[u8], location: &str) -> Result<ImportBatch, ImportError> {
    let gvl: Value = serde_json::from_slice(bytes).map_err(|e| {
        ImportError::new(ErrorCode::Invalid, format!("{location} is not valid JSON ({e}); nothing was imported"))
    })?;
    let spec = gvl.get("gvlSpecificationVersion").and_then(Value::as_u64);
    let version = gvl.get("vendorListVersion").and_then(Value::as_u64);
    let Some(vendors) = gvl.get("vendors").and_then(Value::as_object) else {
        return Err(ImportError::new(
            ErrorCode::Invalid,
            format!("{location} is not a Global Vendor List (no vendors section); nothing was imported"),
        ));
    };
    let (Some(spec), Some(version)) = (spec, version) else {
        return Err(ImportError::new(
            ErrorCode::Invalid,
            format!("{location} lacks gvlSpecificationVersion or vendorListVersion; nothing was imported"),
        ));
    };
    if !(2..=3).contains(&spec) {
        return Err(ImportError::new(
            ErrorCode::Invalid,
            format!("{location} is a vendor list of spec v{spec}; RightsDesk reads v2 and v3"),
        ));
    }
    let updated = gvl.get("lastUpdated").and_then(Value::as_str).unwrap_or("");
    let observed = updated.get(..10).unwrap_or("").to_owned();
    let purpose_name = |id: u32| -> String {
        gvl.get("purposes")
            .and_then(|p| p.get(id.to_string()))
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| PURPOSE_NAMES.get(id as usize - 1).map(|s| (*s).to_owned()))
            .unwrap_or_default()
    };

    let source_url = if is_url(location) { location.to_owned() } else { OFFICIAL_URL.to_owned() };
    let mut out = ImportBatch {
        origin: Origin::Tcf,
        location: location.to_owned(),
        version: format!("GVL spec v{spec}, list version {version}, updated {updated}"),
        controllers: Vec::with_capacity(vendors.len()),
        authorities: Vec::new(),
        redirects: Vec::new(),
        rejected: Vec::new(),
        complete: true,
    };
    let mut keys: Vec<(&String, &Value)> = vendors.iter().collect();
    keys.sort_by_key(|(k, _)| k.parse::<u64>().unwrap_or(u64::MAX));
    for (key, v) in keys {
        let record = format!("vendor {key}");
        let Some(id) = v.get("id").and_then(Value::as_i64) else {
            out.rejected.push(RejectedRecord { record, reason: "has no numeric id".into() });
            continue;
        };
        if key.parse::<i64>().ok() != Some(id) {
            out.rejected.push(RejectedRecord { record, reason: format!("is listed under key {key} but has id {id}") });
            continue;
        }
        if v.get("deletedDate").and_then(Value::as_str).is_some_and(|d| !d.is_empty()) {
            continue; // withdrawn from the list: not a current vendor
        }
        let name = v.get("name").and_then(Value::as_str).unwrap_or("").trim().to_owned();
        if name.is_empty() {
            out.rejected.push(RejectedRecord { record, reason: "has no name".into() });
            continue;
        }
        let policy_url = v
            .get("policyUrl")
            .and_then(Value::as_str)
            .or_else(|| {
                let urls = v.get("urls").and_then(Value::as_array)?;
                let pick =
                    urls.iter().find(|u| u.get("langId").and_then(Value::as_str) == Some("en")).or(urls.first())?;
                pick.get("privacy").and_then(Value::as_str)
            })
            .unwrap_or("")
            .trim()
            .to_owned();
        let flexible = ids(v, "flexiblePurposes");
        let mut claims = Vec::new();
        for (field, basis) in [("purposes", LegalBasis::Consent), ("legIntPurposes", LegalBasis::LegitimateInterests)] {
            for p in ids(v, field) {
                let Some(purpose) = Purpose::from_tcf(p) else {
                    out.rejected.push(RejectedRecord {
                        record: record.clone(),
                        reason: format!("declares unknown purpose {p} in {field}; that purpose was skipped"),
                    });
                    continue;
                };
                let note = if flexible.contains(&p) {
                    "flexible purpose: a website may require consent instead".to_owned()
                } else {
                    String::new()
                };
                claims.push((
                    Claim {
                        purpose,
                        basis,
                        scope: format!("TCF purpose {p}: {}", purpose_name(p)),
                        source: Source {
                            url: source_url.clone(),
                            observed: observed.clone(),
                            section: format!("Global Vendor List {version}, vendor {id}, {field}"),
                            quote: String::new(),
                            commit: String::new(),
                        },
                        valid_from: None,
                        valid_to: None,
                        note,
                        // The GVL does not say which data a purpose touches.
                        special_categories: false,
                        status: rightsdesk_domain::ClaimStatus::InForce,
                    },
                    Some(p),
                ));
            }
        }
        out.controllers.push(ImportedController {
            draft: ControllerDraft {
                slug: format!("tcf-{id}"),
                name,
                web: String::new(),
                policy_url: if policy_url.starts_with("http") { policy_url } else { String::new() },
                categories: vec!["ad tech (IAB TCF vendor)".into()],
                sources: vec![source_url.clone()],
                required_identity: Vec::new(),
                ..Default::default()
            },
            tcf_vendor_id: Some(id),
            claims,
            events: Vec::new(),
        });
    }
    Ok(out)
}

fn ids(v: &Value, key: &str) -> Vec<u32> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_u64).map(|n| n as u32).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn list(spec: u64) -> Value {
        json!({
            "gvlSpecificationVersion": spec, "vendorListVersion": 7, "lastUpdated": "2024-03-21T16:00:00Z",
            "vendors": {
                "1": {"id": 1, "name": "Ads Inc", "purposes": [1, 3], "legIntPurposes": [2, 7], "flexiblePurposes": [7],
                      "policyUrl": "https://ads.example/privacy"},
                "2": {"id": 2, "name": "Gone Ltd", "purposes": [1], "deletedDate": "2024-01-01T00:00:00Z"},
                "3": {"id": 4, "name": "Mismatch"},
                "5": {"id": 5, "name": "V3 Vendor", "purposes": [], "legIntPurposes": [99, 10],
                      "urls": [{"langId": "de", "privacy": "https://v3.example/de"}, {"langId": "en", "privacy": "https://v3.example/en"}]}
            }
        })
    }

    #[test]
    fn vendors_become_controllers_with_consent_and_li_claims() {
        let b = parse(list(2).to_string().as_bytes(), "gvl.json").unwrap();
        assert_eq!(b.controllers.len(), 2, "deleted and mismatched vendors are not imported");
        let ads = &b.controllers[0];
        assert_eq!(ads.draft.slug, "tcf-1");
        let summary: Vec<(LegalBasis, Option<u32>)> = ads.claims.iter().map(|(c, p)| (c.basis, *p)).collect();
        assert_eq!(
            summary,
            [
                (LegalBasis::Consent, Some(1)),
                (LegalBasis::Consent, Some(3)),
                (LegalBasis::LegitimateInterests, Some(2)),
                (LegalBasis::LegitimateInterests, Some(7))
            ]
        );
        assert!(ads.claims[3].0.note.contains("flexible"));
        assert_eq!(ads.claims[0].0.source.observed, "2024-03-21");
        assert!(ads.claims[0].0.scope.contains("Store and/or access"), "names come from the built-in list when absent");
        assert_eq!(b.controllers[1].draft.policy_url, "https://v3.example/en");
        let reasons: Vec<&str> = b.rejected.iter().map(|r| r.reason.as_str()).collect();
        assert!(reasons.iter().any(|r| r.contains("has id 4")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("unknown purpose 99")), "{reasons:?}");
    }

    #[test]
    fn wrong_input_is_refused_whole() {
        assert_eq!(parse(b"[]", "x").unwrap_err().code, ErrorCode::Invalid);
        assert_eq!(parse(b"not json", "x").unwrap_err().code, ErrorCode::Invalid);
        let mut v4 = list(4);
        v4["gvlSpecificationVersion"] = json!(4);
        assert!(parse(v4.to_string().as_bytes(), "x").unwrap_err().message.contains("spec v4"));
    }
}
