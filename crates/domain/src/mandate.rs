//! A Mandate is what lets an organisation act for a person, and the
//! Organisation is who acts.
//!
//! Two legal routes, kept apart (docs/legal.md §2): a request to a controller
//! made for someone else rests on ordinary authorisation — a **letter of
//! authority** the controller may check (EDPB Guidelines 01/2022 on access);
//! a complaint to a supervisory authority (and a court remedy) through a
//! not-for-profit body rests on an **Art. 80(1) mandate**, and only such a
//! body may hold one. The rules of which covers what, and when a mandate is
//! in force, are here; the store keeps mandates and their signed scans.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{FieldError, Id, Invalid, Language, PostalAddress, RequestKind};

/// The largest signed scan kept with a mandate: a phone photo or a scanned
/// PDF of a page or two is far smaller; a larger file is almost always the
/// wrong one, and the store keeps it (encrypted) in the database.
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

/// Within this many days of its expiry a mandate is in the attention view.
pub const EXPIRY_NOTICE_DAYS: i64 = 30;

/// The organisation that acts for people: its identity in letters, and for
/// Art. 80(1) the three conditions a supervisory authority asks proof of.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Organisation {
    pub name: String,
    pub address: PostalAddress,
    pub email: String,
    pub website: String,
    /// Art. 80(1): a not-for-profit body, organisation or association…
    pub not_for_profit: bool,
    /// …whose statutory objectives are in the public interest…
    pub public_interest: bool,
    /// …and which is active in the protection of data subjects' rights.
    pub data_protection: bool,
    /// Where the three are documented (statutes, register entry, web page),
    /// as the organisation would cite it to an authority.
    pub evidence: String,
}

impl Organisation {
    /// Trims and checks; every problem at once.
    pub fn validate(mut self) -> Result<Organisation, Invalid> {
        let mut errors = Vec::new();
        for (field, value) in [
            ("name", &mut self.name),
            ("email", &mut self.email),
            ("website", &mut self.website),
            ("address.street", &mut self.address.street),
            ("address.postal_code", &mut self.address.postal_code),
            ("address.city", &mut self.address.city),
            ("address.region", &mut self.address.region),
            ("address.country", &mut self.address.country),
        ] {
            *value = value.trim().to_owned();
            if value.chars().any(char::is_control) {
                errors.push(FieldError::new(field, "must be a single line without control characters"));
            } else if value.chars().count() > 500 {
                errors.push(FieldError::new(field, "must be at most 500 characters"));
            }
        }
        self.address.country = self.address.country.to_uppercase();
        self.evidence = self.evidence.trim().to_owned();
        if self.name.is_empty() {
            errors.push(FieldError::new("name", "the organisation's name is required"));
        }
        if !self.email.is_empty() && crate::email::check(&self.email).is_err() {
            errors.push(FieldError::new("email", format!("“{}” is not an e-mail address", self.email)));
        }
        if (self.not_for_profit || self.public_interest || self.data_protection) && self.evidence.is_empty() {
            errors.push(FieldError::new(
                "evidence",
                "say where the Art. 80(1) conditions are documented (statutes, register entry): authorities ask for it",
            ));
        }
        if errors.is_empty() { Ok(self) } else { Err(Invalid(errors)) }
    }

    /// What the organisation lacks to hold an Art. 80(1) mandate, in the
    /// article's words; empty when it qualifies.
    pub fn art80_missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if !self.not_for_profit {
            missing.push("a not-for-profit body");
        }
        if !self.public_interest {
            missing.push("statutory objectives in the public interest");
        }
        if !self.data_protection {
            missing.push("active in the protection of data subjects' rights");
        }
        missing
    }
}

/// The two routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MandateKind {
    /// A letter of authority (power of attorney): requests to controllers.
    Authority,
    /// An Art. 80(1) mandate: complaints, court remedies, compensation.
    Art80,
}

impl MandateKind {
    pub const ALL: [MandateKind; 2] = [Self::Authority, Self::Art80];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Authority => "authority",
            Self::Art80 => "art80",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Authority => "Letter of authority",
            Self::Art80 => "Art. 80(1) mandate",
        }
    }

    /// The route a kind of letter takes: a complaint goes through an Art.
    /// 80(1) mandate, everything addressed to a controller through a letter
    /// of authority.
    pub fn for_kind(kind: RequestKind) -> Self {
        if kind.goes_to_authority() { Self::Art80 } else { Self::Authority }
    }

    /// The kinds a mandate of this route can cover.
    pub fn kinds(self) -> Vec<RequestKind> {
        RequestKind::ALL.into_iter().filter(|k| Self::for_kind(*k) == self).collect()
    }
}

/// What the user types in to record a mandate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MandateDraft {
    pub person_id: Id,
    pub kind: Option<MandateKind>,
    /// The rights covered; empty: every kind of letter the route covers.
    pub rights: Vec<RequestKind>,
    /// The controllers covered, by slug; empty: all.
    pub controllers: Vec<String>,
    /// YYYY-MM-DD; empty until the person has signed.
    pub signed_on: String,
    /// YYYY-MM-DD; empty: until revoked.
    pub expires_on: String,
    /// The document's language (ISO 639-1, one of the letter languages).
    pub language: String,
}

/// A signed scan kept with a mandate (the bytes are the store's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MandateDocument {
    pub file_name: String,
    pub media_type: String,
    pub size: u32,
    /// Hex SHA-256 of the bytes, as the file was attached.
    pub sha256: String,
}

/// A stored mandate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Mandate {
    pub id: Id,
    pub person_id: Id,
    pub kind: MandateKind,
    pub rights: Vec<RequestKind>,
    pub controllers: Vec<String>,
    /// YYYY-MM-DD.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub signed_on: Option<NaiveDate>,
    /// YYYY-MM-DD; none: until revoked.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub expires_on: Option<NaiveDate>,
    pub language: Language,
    pub document: Option<MandateDocument>,
    /// RFC 3339, UTC; set once revoked.
    pub revoked_at: Option<String>,
    pub created_at: String,
}

/// Where a mandate stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum MandateState {
    /// Drafted, not signed yet: it covers nothing.
    Unsigned,
    /// In force, and `days_left` before its expiry (none: open-ended).
    Active {
        days_left: Option<u32>,
    },
    Expired,
    Revoked,
}

impl Mandate {
    pub fn state(&self, today: NaiveDate) -> MandateState {
        if self.revoked_at.is_some() {
            return MandateState::Revoked;
        }
        if self.signed_on.is_none() {
            return MandateState::Unsigned;
        }
        match self.expires_on {
            Some(end) if end < today => MandateState::Expired,
            Some(end) => MandateState::Active { days_left: Some((end - today).num_days() as u32) },
            None => MandateState::Active { days_left: None },
        }
    }

    /// In force and ending within `EXPIRY_NOTICE_DAYS`: the attention view's.
    pub fn expires_soon(&self, today: NaiveDate) -> bool {
        matches!(self.state(today), MandateState::Active { days_left: Some(d) } if i64::from(d) <= EXPIRY_NOTICE_DAYS)
    }

    fn covers_kind(&self, kind: RequestKind) -> bool {
        MandateKind::for_kind(kind) == self.kind && (self.rights.is_empty() || self.rights.contains(&kind))
    }

    fn covers_controller(&self, slug: &str) -> bool {
        self.controllers.is_empty() || self.controllers.iter().any(|c| c == slug)
    }

    /// Why this mandate does not cover `kind` to `controller` today; `None`
    /// when it does.
    fn gap(&self, kind: RequestKind, controller: &str, today: NaiveDate) -> Option<String> {
        let what = self.kind.label().to_lowercase();
        match self.state(today) {
            MandateState::Revoked => return Some(format!("the {what} was revoked")),
            MandateState::Unsigned => return Some(format!("the {what} is not signed yet (no date of signature)")),
            MandateState::Expired => {
                return Some(format!(
                    "the {what} expired on {}",
                    self.expires_on.map(|d| d.to_string()).unwrap_or_default()
                ));
            }
            MandateState::Active { .. } => {}
        }
        if !self.covers_kind(kind) {
            let covered: Vec<&str> = self.rights.iter().map(|k| k.as_str()).collect();
            return Some(format!("the {what} covers {} letters, not {}", covered.join(", "), kind.as_str()));
        }
        if !self.covers_controller(controller) {
            return Some(format!("the {what} covers {}, not {controller}", self.controllers.join(", ")));
        }
        None
    }
}

/// A mandate as the lists show it: with whose it is and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MandateEntry {
    pub mandate: Mandate,
    pub person: String,
    pub state: MandateState,
    /// In force and ending within `EXPIRY_NOTICE_DAYS`.
    pub expires_soon: bool,
}

impl MandateEntry {
    pub fn of(mandate: Mandate, person: String, today: NaiveDate) -> Self {
        Self { state: mandate.state(today), expires_soon: mandate.expires_soon(today), mandate, person }
    }
}

/// Why RightsDesk will not draft a letter for someone it acts for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Refusal {
    /// The route the letter needs.
    pub needs: MandateKind,
    /// One sentence: what is missing, and what to do.
    pub reason: String,
}

/// The mandate a letter of `kind` to `controller` (slug) for a represented
/// person rests on, or why there is none. `organisation` is needed for the
/// Art. 80(1) route: only a qualifying body may hold such a mandate.
pub fn authority_for<'a>(
    mandates: &'a [Mandate],
    organisation: Option<&Organisation>,
    kind: RequestKind,
    controller: &str,
    today: NaiveDate,
) -> Result<&'a Mandate, Refusal> {
    let needs = MandateKind::for_kind(kind);
    if needs == MandateKind::Art80 {
        let missing = organisation.map(Organisation::art80_missing);
        match missing {
            None => {
                return Err(Refusal {
                    needs,
                    reason: "a complaint for someone else goes through an Art. 80(1) mandate, which only an \
                             organisation can hold: fill in the organisation's profile first"
                        .into(),
                });
            }
            Some(m) if !m.is_empty() => {
                return Err(Refusal {
                    needs,
                    reason: format!(
                        "only a body that is {} may act under Art. 80(1); the organisation's profile does not say so",
                        m.join(", ")
                    ),
                });
            }
            Some(_) => {}
        }
    }
    if let Some(m) = mandates.iter().find(|m| m.gap(kind, controller, today).is_none()) {
        return Ok(m);
    }
    let of_route: Vec<&Mandate> = mandates.iter().filter(|m| m.kind == needs).collect();
    let reason = match of_route.as_slice() {
        [] => format!(
            "this person is represented, and a {} letter needs a {} from them; none is recorded",
            kind.as_str(),
            needs.label().to_lowercase()
        ),
        found => {
            let gaps: Vec<String> = found.iter().filter_map(|m| m.gap(kind, controller, today)).collect();
            format!("no mandate covers it: {}", gaps.join("; "))
        }
    };
    Err(Refusal { needs, reason })
}

impl MandateDraft {
    /// Trims, checks and normalises (slugs lower-case, rights of the route,
    /// no duplicates); every problem at once.
    pub fn validate(mut self) -> Result<(MandateKind, MandateDraft, Language), Invalid> {
        let mut errors = Vec::new();
        let kind = self.kind;
        if kind.is_none() {
            errors.push(FieldError::new("kind", "choose a letter of authority or an Art. 80(1) mandate"));
        }
        if let Some(kind) = kind {
            for (i, r) in self.rights.iter().enumerate() {
                if MandateKind::for_kind(*r) != kind {
                    errors.push(FieldError::new(
                        format!("rights[{i}]"),
                        format!("a {} cannot cover {} letters", kind.label().to_lowercase(), r.as_str()),
                    ));
                }
            }
        }
        let mut rights = Vec::new();
        for r in self.rights.drain(..) {
            if !rights.contains(&r) {
                rights.push(r);
            }
        }
        self.rights = rights;
        let mut controllers: Vec<String> = Vec::new();
        for (i, c) in self.controllers.iter().enumerate() {
            let slug = c.trim().to_lowercase();
            if slug.is_empty() {
                continue;
            }
            if !slug.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' || ch == '.') {
                errors.push(FieldError::new(format!("controllers[{i}]"), format!("“{c}” is not a controller's slug")));
            } else if !controllers.contains(&slug) {
                controllers.push(slug);
            }
        }
        self.controllers = controllers;
        let day = |field: &str, text: &mut String, errors: &mut Vec<FieldError>| -> Option<NaiveDate> {
            *text = text.trim().to_owned();
            if text.is_empty() {
                return None;
            }
            match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(FieldError::new(field, format!("“{text}” is not a date (YYYY-MM-DD)")));
                    None
                }
            }
        };
        let signed = day("signed_on", &mut self.signed_on, &mut errors);
        let expires = day("expires_on", &mut self.expires_on, &mut errors);
        if let (Some(s), Some(e)) = (signed, expires)
            && e < s
        {
            errors.push(FieldError::new("expires_on", "a mandate cannot expire before it was signed"));
        }
        self.language = self.language.trim().to_lowercase();
        let language = if self.language.is_empty() {
            errors.push(FieldError::new("language", "choose the document's language"));
            None
        } else {
            let l = Language::parse(&self.language);
            if l.is_none() {
                errors.push(FieldError::new(
                    "language",
                    format!(
                        "“{}” is not one of the letter languages ({})",
                        self.language,
                        Language::ALL.map(Language::code).join(", ")
                    ),
                ));
            }
            l
        };
        match (kind, language) {
            (Some(k), Some(l)) if errors.is_empty() => Ok((k, self, l)),
            _ => Err(Invalid(errors)),
        }
    }
}

/// The media type of a signed scan from its first bytes (PDF, PNG, JPEG), or
/// why it is not kept: an empty file, one over `MAX_DOCUMENT_BYTES`, or
/// anything else (a Word file is not a signed document).
pub fn document_type(bytes: &[u8]) -> Result<&'static str, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "the file is {:.1} MiB; a signed scan is kept up to {} MiB (scan at a lower resolution, or as a PDF)",
            bytes.len() as f64 / 1024.0 / 1024.0,
            MAX_DOCUMENT_BYTES / 1024 / 1024
        ));
    }
    if bytes.starts_with(b"%PDF-") {
        Ok("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok("image/jpeg")
    } else {
        Err("a signed mandate is kept as a PDF, PNG or JPEG scan; this file is none of them".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn mandate(kind: MandateKind, rights: &[RequestKind], controllers: &[&str]) -> Mandate {
        Mandate {
            id: 1,
            person_id: 1,
            kind,
            rights: rights.to_vec(),
            controllers: controllers.iter().map(|s| s.to_string()).collect(),
            signed_on: Some(day("2026-01-10")),
            expires_on: Some(day("2027-01-10")),
            language: Language::De,
            document: None,
            revoked_at: None,
            created_at: "2026-01-10T00:00:00Z".into(),
        }
    }

    fn qualifying() -> Organisation {
        Organisation {
            name: "Datenschutz e.V.".into(),
            not_for_profit: true,
            public_interest: true,
            data_protection: true,
            evidence: "Satzung §2".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_letter_of_authority_covers_its_rights_and_controllers_only() {
        let today = day("2026-06-01");
        let ms = [mandate(MandateKind::Authority, &[RequestKind::Access, RequestKind::Erasure], &["tiktok"])];
        assert!(authority_for(&ms, None, RequestKind::Access, "tiktok", today).is_ok());
        let r = authority_for(&ms, None, RequestKind::Objection, "tiktok", today).unwrap_err();
        assert!(r.reason.contains("covers access, erasure letters, not objection"), "{}", r.reason);
        let r = authority_for(&ms, None, RequestKind::Access, "meta", today).unwrap_err();
        assert!(r.reason.contains("covers tiktok, not meta"), "{}", r.reason);
        // Nor does it cover a complaint, whatever the organisation.
        let r = authority_for(&ms, Some(&qualifying()), RequestKind::Complaint, "tiktok", today).unwrap_err();
        assert_eq!(r.needs, MandateKind::Art80);
        assert!(r.reason.contains("none is recorded"), "{}", r.reason);
    }

    #[test]
    fn an_empty_scope_covers_every_right_of_the_route_and_every_controller() {
        let today = day("2026-06-01");
        let ms = [mandate(MandateKind::Authority, &[], &[])];
        for kind in MandateKind::Authority.kinds() {
            assert!(authority_for(&ms, None, kind, "anyone", today).is_ok(), "{kind:?}");
        }
        assert!(!MandateKind::Authority.kinds().contains(&RequestKind::Complaint));
    }

    #[test]
    fn expired_revoked_and_unsigned_mandates_cover_nothing_and_say_why() {
        let mut m = mandate(MandateKind::Authority, &[], &[]);
        assert!(authority_for(std::slice::from_ref(&m), None, RequestKind::Access, "x", day("2027-01-10")).is_ok());
        let r = authority_for(std::slice::from_ref(&m), None, RequestKind::Access, "x", day("2027-01-11")).unwrap_err();
        assert!(r.reason.contains("expired on 2027-01-10"), "{}", r.reason);
        m.signed_on = None;
        let r = authority_for(std::slice::from_ref(&m), None, RequestKind::Access, "x", day("2026-06-01")).unwrap_err();
        assert!(r.reason.contains("not signed yet"), "{}", r.reason);
        m.signed_on = Some(day("2026-01-10"));
        m.revoked_at = Some("2026-05-01T00:00:00Z".into());
        assert_eq!(m.state(day("2026-06-01")), MandateState::Revoked);
        let r = authority_for(std::slice::from_ref(&m), None, RequestKind::Access, "x", day("2026-06-01")).unwrap_err();
        assert!(r.reason.contains("revoked"), "{}", r.reason);
    }

    #[test]
    fn a_complaint_needs_an_art80_mandate_held_by_a_qualifying_body() {
        let today = day("2026-06-01");
        let ms = [mandate(MandateKind::Art80, &[], &[])];
        let r = authority_for(&ms, None, RequestKind::Complaint, "tiktok", today).unwrap_err();
        assert!(r.reason.contains("organisation's profile"), "{}", r.reason);
        let mut org = qualifying();
        org.not_for_profit = false;
        let r = authority_for(&ms, Some(&org), RequestKind::Complaint, "tiktok", today).unwrap_err();
        assert!(r.reason.contains("a not-for-profit body"), "{}", r.reason);
        assert!(authority_for(&ms, Some(&qualifying()), RequestKind::Complaint, "tiktok", today).is_ok());
        // An Art. 80(1) mandate is no letter of authority.
        assert!(authority_for(&ms, Some(&qualifying()), RequestKind::Access, "tiktok", today).is_err());
    }

    #[test]
    fn expiry_within_thirty_days_needs_attention() {
        let m = mandate(MandateKind::Authority, &[], &[]);
        assert!(!m.expires_soon(day("2026-12-10")), "31 days left");
        assert!(m.expires_soon(day("2026-12-11")), "30 days left");
        assert!(m.expires_soon(day("2027-01-10")), "the last day");
        assert!(!m.expires_soon(day("2027-01-11")), "expired is not expiring");
        let mut open = m.clone();
        open.expires_on = None;
        assert!(!open.expires_soon(day("2027-01-10")));
    }

    #[test]
    fn a_draft_is_checked_whole() {
        let bad = MandateDraft {
            person_id: 1,
            kind: Some(MandateKind::Authority),
            rights: vec![RequestKind::Complaint],
            controllers: vec!["TikTok".into(), "not a slug!".into()],
            signed_on: "2026-02-01".into(),
            expires_on: "2026-01-01".into(),
            language: "xx".into(),
        };
        let Invalid(errors) = bad.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["rights[0]", "controllers[1]", "expires_on", "language"]);
        let (kind, ok, lang) = MandateDraft {
            person_id: 1,
            kind: Some(MandateKind::Authority),
            rights: vec![RequestKind::Access, RequestKind::Access],
            controllers: vec![" TikTok ".into(), "tiktok".into(), "".into()],
            signed_on: "".into(),
            expires_on: "".into(),
            language: "DE".into(),
        }
        .validate()
        .unwrap();
        assert_eq!((kind, lang), (MandateKind::Authority, Language::De));
        assert_eq!(ok.rights, [RequestKind::Access]);
        assert_eq!(ok.controllers, ["tiktok"]);
    }

    #[test]
    fn a_scan_is_a_pdf_png_or_jpeg_of_at_most_twenty_mib() {
        assert_eq!(document_type(b"%PDF-1.7\n"), Ok("application/pdf"));
        assert_eq!(document_type(b"\x89PNG\r\n\x1a\nrest"), Ok("image/png"));
        assert_eq!(document_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok("image/jpeg"));
        assert!(document_type(b"PK\x03\x04").unwrap_err().contains("PDF, PNG or JPEG"));
        assert!(document_type(b"").is_err());
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_DOCUMENT_BYTES + 1, 0);
        assert!(document_type(&big).unwrap_err().contains("20 MiB"));
        big.truncate(MAX_DOCUMENT_BYTES);
        assert!(document_type(&big).is_ok());
    }

    #[test]
    fn the_organisation_says_where_its_art80_standing_is_documented() {
        let mut org = qualifying();
        org.evidence = " ".into();
        let Invalid(errors) = org.validate().unwrap_err();
        assert_eq!(errors[0].field, "evidence");
        assert!(qualifying().validate().unwrap().art80_missing().is_empty());
        let Invalid(errors) = Organisation { email: "nope".into(), ..Default::default() }.validate().unwrap_err();
        assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["name", "email"]);
    }
}
