//! The datarequests.org company database (CC0, Datenanfragen.de e. V.): a
//! folder as in its repository (`companies/`, `supervisory-authorities/`,
//! `obsolete-records/`), a JSON dump of it, or a URL serving such a dump.

use std::path::Path;

use rightsdesk_domain::import::{ImportBatch, ImportedController, Redirect, RejectedRecord};
use rightsdesk_domain::{
    ContactChannel, ContactKind, ContactRole, ControllerDraft, ErrorCode, IdentityField, IdentityKind, Origin,
    SupervisoryAuthority,
};
use serde_json::Value;

use crate::{ImportError, country, fetch, is_url};

/// Reads from a folder, a dump file, or a URL.
pub fn load(location: &str) -> Result<ImportBatch, ImportError> {
    if is_url(location) {
        let body = fetch::json(location, fetch::MAX_BYTES)?;
        return from_dump(&body, location);
    }
    let path = Path::new(location);
    if path.is_dir() {
        from_folder(path)
    } else if path.is_file() {
        let bytes = std::fs::read(path).map_err(|e| crate::read_error(location, &e))?;
        from_dump(&bytes, location)
    } else {
        Err(ImportError::new(ErrorCode::NotFound, format!("{location} is neither a folder, a file nor a URL")))
    }
}

fn batch(location: &str) -> ImportBatch {
    ImportBatch {
        origin: Origin::Datenanfragen,
        location: location.to_owned(),
        version: String::new(),
        controllers: Vec::new(),
        authorities: Vec::new(),
        redirects: Vec::new(),
        rejected: Vec::new(),
        complete: true,
    }
}

/// A checkout of the database repository (or its `data` folder).
pub fn from_folder(dir: &Path) -> Result<ImportBatch, ImportError> {
    let companies = dir.join("companies");
    if !companies.is_dir() {
        return Err(ImportError::new(
            ErrorCode::Invalid,
            format!("{} is not a datarequests.org database folder: it has no companies/ folder", dir.display()),
        ));
    }
    let mut out = batch(&dir.display().to_string());
    for (name, value) in read_folder(&companies, &mut out.rejected)? {
        match company(&value, Some(&name)) {
            Ok(c) => out.controllers.push(c),
            Err(reason) => out.rejected.push(RejectedRecord { record: format!("companies/{name}"), reason }),
        }
    }
    let sa_dir = dir.join("supervisory-authorities");
    if sa_dir.is_dir() {
        for (name, value) in read_folder(&sa_dir, &mut out.rejected)? {
            match authority(&value) {
                Ok(sa) => out.authorities.push(sa),
                Err(reason) => {
                    out.rejected.push(RejectedRecord { record: format!("supervisory-authorities/{name}"), reason })
                }
            }
        }
    }
    let obsolete = dir.join("obsolete-records");
    if obsolete.is_dir() {
        for (_, value) in read_folder(&obsolete, &mut out.rejected)? {
            out.redirects.extend(redirect(&value));
        }
    }
    Ok(out)
}

/// Every `*.json` file in `dir`, parsed, sorted by name. Other files and
/// unparsable ones are reported.
fn read_folder(dir: &Path, rejected: &mut Vec<RejectedRecord>) -> Result<Vec<(String, Value)>, ImportError> {
    let folder = dir.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| ImportError::new(ErrorCode::Io, format!("cannot read {}: {e}", dir.display())))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        if !name.ends_with(".json") {
            rejected.push(RejectedRecord {
                record: format!("{folder}/{name}"),
                reason: "the file name does not end in .json, so it is not part of the database; skipped".into(),
            });
            continue;
        }
        match std::fs::read(dir.join(&name))
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<Value>(&b).map_err(|e| format!("not valid JSON: {e}")))
        {
            Ok(v) => out.push((name, v)),
            Err(reason) => rejected.push(RejectedRecord { record: format!("{folder}/{name}"), reason }),
        }
    }
    Ok(out)
}

/// A JSON dump: either an array of company records, or an object with
/// `companies`, `supervisory-authorities` and `obsolete-records` arrays.
pub fn from_dump(bytes: &[u8], location: &str) -> Result<ImportBatch, ImportError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        ImportError::new(ErrorCode::Invalid, format!("{location} is not valid JSON ({e}); nothing was imported"))
    })?;
    let mut out = batch(location);
    let (companies, authorities, obsolete) = match &value {
        Value::Array(list) => (list.as_slice(), &[][..], &[][..]),
        Value::Object(map) => {
            let list = |keys: &[&str]| {
                keys.iter().find_map(|k| map.get(*k).and_then(Value::as_array)).map(Vec::as_slice).unwrap_or(&[])
            };
            (
                list(&["companies"]),
                list(&["supervisory-authorities", "supervisory_authorities"]),
                list(&["obsolete-records", "obsolete_records"]),
            )
        }
        _ => return Err(ImportError::new(ErrorCode::Invalid, format!("{location} is not a datarequests.org dump"))),
    };
    if companies.is_empty() {
        return Err(ImportError::new(
            ErrorCode::Invalid,
            format!("{location} holds no company records; nothing was imported"),
        ));
    }
    for (i, v) in companies.iter().enumerate() {
        match company(v, None) {
            Ok(c) => out.controllers.push(c),
            Err(reason) => out.rejected.push(RejectedRecord { record: record_name(v, i), reason }),
        }
    }
    for (i, v) in authorities.iter().enumerate() {
        match authority(v) {
            Ok(sa) => out.authorities.push(sa),
            Err(reason) => out.rejected.push(RejectedRecord { record: record_name(v, i), reason }),
        }
    }
    out.redirects.extend(obsolete.iter().filter_map(redirect));
    Ok(out)
}

fn record_name(v: &Value, index: usize) -> String {
    v.get("slug").and_then(Value::as_str).map(str::to_owned).unwrap_or_else(|| format!("record #{}", index + 1))
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).map(str::trim).unwrap_or("").to_owned()
}

fn list(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

fn checked_slug(v: &Value, file: Option<&str>) -> Result<String, String> {
    let slug = text(v, "slug");
    if slug.is_empty() {
        return Err("has no slug".into());
    }
    if !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(format!("slug “{slug}” has characters other than a-z, 0-9 and -"));
    }
    if let Some(file) = file
        && file.trim_end_matches(".json") != slug
    {
        return Err(format!("slug “{slug}” does not match the file name"));
    }
    Ok(slug)
}

/// One company record → a controller.
pub fn company(v: &Value, file: Option<&str>) -> Result<ImportedController, String> {
    if !v.is_object() {
        return Err("is not a JSON object".into());
    }
    let slug = checked_slug(v, file)?;
    let name = text(v, "name");
    if name.is_empty() {
        return Err("has no name".into());
    }
    let address = v.get("address").and_then(Value::as_str).unwrap_or("").trim().to_owned();
    let mut contacts = Vec::new();
    let mut push = |kind: ContactKind, value: String| {
        if !value.is_empty() {
            contacts.push(ContactChannel { kind, value, role: ContactRole::Controller });
        }
    };
    push(ContactKind::Email, text(v, "email"));
    push(ContactKind::WebForm, text(v, "webform"));
    push(ContactKind::Post, address.clone());
    push(ContactKind::Phone, text(v, "phone"));
    push(ContactKind::Fax, text(v, "fax"));
    if contacts.iter().all(|c| c.kind == ContactKind::Phone) {
        return Err("has no e-mail, web form, postal address or fax to send a request to".into());
    }
    let draft = ControllerDraft {
        country: country::of_address(&address).to_owned(),
        slug,
        name,
        address,
        contacts,
        web: text(v, "web"),
        policy_url: String::new(),
        lead_sa: String::new(),
        request_language: text(v, "request-language"),
        runs: list(v, "runs"),
        categories: list(v, "categories"),
        sources: list(v, "sources"),
        required_identity: required_identity(v),
    };
    Ok(ImportedController { draft, tcf_vendor_id: None, claims: Vec::new(), events: Vec::new() })
}

/// `required-elements` → what the controller needs to identify a person
/// (elements marked optional are left out).
fn required_identity(v: &Value) -> Vec<IdentityField> {
    let Some(items) = v.get("required-elements").and_then(Value::as_array) else { return Vec::new() };
    items
        .iter()
        .filter(|e| !e.get("optional").and_then(Value::as_bool).unwrap_or(false))
        .filter_map(|e| {
            let label = e.get("desc").and_then(Value::as_str)?.split_whitespace().collect::<Vec<_>>().join(" ");
            let kind = match e.get("type").and_then(Value::as_str)? {
                "name" => IdentityKind::Name,
                "email" => IdentityKind::Email,
                "address" => IdentityKind::Address,
                "birthdate" => IdentityKind::Birthdate,
                _ => IdentityKind::Other,
            };
            (!label.is_empty()).then_some(IdentityField { kind, label })
        })
        .collect()
}

/// German Länder by the slug prefix datarequests.org gives their authorities.
const GERMAN_REGIONS: &[(&str, &str)] = &[
    ("debawue", "Baden-Württemberg"),
    ("debaylda", "Bayern"),
    ("debayldb", "Bayern (public bodies)"),
    ("deberl", "Berlin"),
    ("debra", "Brandenburg"),
    ("debre", "Bremen"),
    ("dehess", "Hessen"),
    ("dehmb", "Hamburg"),
    ("demv", "Mecklenburg-Vorpommern"),
    ("dends", "Niedersachsen"),
    ("denrw", "Nordrhein-Westfalen"),
    ("derlp", "Rheinland-Pfalz"),
    ("desaar", "Saarland"),
    ("desaechs", "Sachsen"),
    ("desal", "Sachsen-Anhalt"),
    ("desh", "Schleswig-Holstein"),
    ("detl", "Thüringen"),
];

/// One supervisory-authority record.
pub fn authority(v: &Value) -> Result<SupervisoryAuthority, String> {
    let slug = checked_slug(v, None)?;
    let name = text(v, "name");
    if name.is_empty() {
        return Err("has no name".into());
    }
    let country = list(v, "relevant-countries").first().map(|c| c.to_ascii_uppercase()).unwrap_or_default();
    let region = if country == "DE" {
        match GERMAN_REGIONS.iter().find(|(prefix, _)| slug.starts_with(prefix)) {
            Some((_, region)) => (*region).to_owned(),
            // Federal commissioner, churches, broadcasters: not a Land authority.
            None if slug == "debfdi" => String::new(),
            None => "special (churches, broadcasting)".to_owned(),
        }
    } else {
        String::new()
    };
    Ok(SupervisoryAuthority {
        region,
        country,
        name,
        address: v.get("address").and_then(Value::as_str).unwrap_or("").trim().to_owned(),
        email: text(v, "email"),
        phone: text(v, "phone"),
        web_form: text(v, "webform"),
        web: text(v, "web"),
        complaint_language: text(v, "complaint-language"),
        sources: list(v, "sources"),
        slug,
    })
}

fn redirect(v: &Value) -> Option<Redirect> {
    let slug = text(v, "slug");
    let to = text(v, "redirect-to");
    (!slug.is_empty() && !to.is_empty()).then(|| Redirect { slug, redirect_to: to, reason: text(v, "reason") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_company_becomes_a_controller_with_its_channels() {
        let c = company(
            &json!({"slug": "tiktok", "name": "TikTok Technology Limited",
                    "address": "10 Earlsfort Terrace\nDublin\nD02 T380\nIreland",
                    "webform": "https://www.tiktok.com/legal/report/privacy", "web": "https://www.tiktok.com",
                    "runs": ["TikTok"], "sources": ["https://example.org"], "relevant-countries": ["all"]}),
            Some("tiktok.json"),
        )
        .unwrap();
        assert_eq!(c.draft.country, "IE");
        let kinds: Vec<ContactKind> = c.draft.contacts.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [ContactKind::WebForm, ContactKind::Post]);
        assert_eq!(c.draft.runs, ["TikTok"]);
    }

    #[test]
    fn bad_records_say_why() {
        assert!(company(&json!({"name": "x", "address": "a"}), None).unwrap_err().contains("no slug"));
        assert!(company(&json!({"slug": "x", "address": "a"}), None).unwrap_err().contains("no name"));
        assert!(company(&json!({"slug": "X y", "name": "n"}), None).unwrap_err().contains("characters"));
        assert!(
            company(&json!({"slug": "a", "name": "n", "address": "x"}), Some("b.json"))
                .unwrap_err()
                .contains("file name")
        );
        assert!(company(&json!({"slug": "a", "name": "n", "phone": "1"}), None).unwrap_err().contains("no e-mail"));
        assert!(company(&json!([1]), None).unwrap_err().contains("object"));
    }

    #[test]
    fn a_dump_with_some_bad_records_imports_the_rest() {
        let dump = json!({
            "companies": [
                {"slug": "good", "name": "Good Ltd", "email": "privacy@good.example", "address": "1 Road\nIreland"},
                {"slug": "bad"},
                "not an object"
            ],
            "supervisory-authorities": [{"slug": "iedpc", "name": "DPC", "relevant-countries": ["ie"]}],
            "obsolete-records": [{"slug": "old", "name": "Old", "redirect-to": "good", "reason": "company-merged"}]
        });
        let b = from_dump(dump.to_string().as_bytes(), "dump.json").unwrap();
        assert_eq!(b.controllers.len(), 1);
        assert_eq!(b.rejected.len(), 2);
        assert_eq!(b.rejected[0].record, "bad");
        assert_eq!(b.rejected[1].record, "record #3");
        assert_eq!(b.authorities[0].country, "IE");
        assert_eq!(b.redirects[0].redirect_to, "good");
    }

    #[test]
    fn a_dump_that_is_not_json_or_holds_nothing_is_an_error() {
        assert_eq!(from_dump(b"<html>", "x").unwrap_err().code, ErrorCode::Invalid);
        assert_eq!(from_dump(b"{}", "x").unwrap_err().code, ErrorCode::Invalid);
    }

    #[test]
    fn german_authorities_get_their_land() {
        let sa = authority(&json!({"slug": "debaylda", "name": "BayLDA", "relevant-countries": ["de"]})).unwrap();
        assert_eq!((sa.country.as_str(), sa.region.as_str()), ("DE", "Bayern"));
        let fed = authority(&json!({"slug": "debfdi", "name": "BfDI", "relevant-countries": ["de"]})).unwrap();
        assert_eq!(fed.region, "");
    }
}
