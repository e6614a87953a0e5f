//! A Controller is the organisation that decides why and how personal data is
//! processed (Art. 4(7) GDPR): the addressee of every request. Supervisory
//! authorities (Art. 51) are where complaints go.

use serde::{Deserialize, Serialize};

use crate::basis::Claim;
use crate::recommend::Action;
use crate::{FieldError, Id, Invalid};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Email,
    WebForm,
    Post,
    Phone,
    Fax,
}

impl ContactKind {
    pub const ALL: [ContactKind; 5] = [Self::Email, Self::WebForm, Self::Post, Self::Phone, Self::Fax];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::WebForm => "web_form",
            Self::Post => "post",
            Self::Phone => "phone",
            Self::Fax => "fax",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Whose channel a contact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    /// The controller's privacy team.
    Controller,
    /// Its data protection officer (Art. 37–39).
    Dpo,
    /// Its EU representative (Art. 27), for controllers outside the EU.
    Representative,
}

impl ContactRole {
    pub const ALL: [ContactRole; 3] = [Self::Controller, Self::Dpo, Self::Representative];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Controller => "controller",
            Self::Dpo => "dpo",
            Self::Representative => "representative",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One way to reach a controller's privacy team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ContactChannel {
    pub kind: ContactKind,
    pub value: String,
    pub role: ContactRole,
}

/// Where a controller record came from. Precedence when sources meet on one
/// slug: the user's own edits, then the curated registry, then imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// RightsDesk's curated registry, shipped with the app.
    Registry,
    /// The datarequests.org company database.
    Datenanfragen,
    /// The IAB Europe TCF Global Vendor List.
    Tcf,
    /// Added by the user.
    User,
}

impl Origin {
    pub const ALL: [Origin; 4] = [Self::Registry, Self::Datenanfragen, Self::Tcf, Self::User];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registry => "registry",
            Self::Datenanfragen => "datenanfragen",
            Self::Tcf => "tcf",
            Self::User => "user",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Higher wins when two sources describe the same slug.
    pub fn rank(self) -> u8 {
        match self {
            Self::User => 3,
            Self::Registry => 2,
            Self::Datenanfragen | Self::Tcf => 1,
        }
    }
}

/// The editable and importable part of a controller.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ControllerDraft {
    /// Stable short name; follows datarequests.org slugs where one exists.
    pub slug: String,
    /// Legal name of the entity addressed (the EU controller where there is one).
    pub name: String,
    /// Postal address, one line per element.
    pub address: String,
    /// ISO 3166-1 alpha-2 of that entity, or empty if unknown.
    pub country: String,
    pub contacts: Vec<ContactChannel>,
    pub web: String,
    pub policy_url: String,
    /// Slug of the lead supervisory authority (Art. 56); empty: unknown;
    /// `none`: no EU establishment, so no lead authority.
    pub lead_sa: String,
    /// Language requests should be written in (ISO 639-1), if the controller asks for one.
    pub request_language: String,
    /// Services it runs ("TikTok", "Instagram"), for search.
    pub runs: Vec<String>,
    pub categories: Vec<String>,
    pub sources: Vec<String>,
    /// Identity data the controller asks for with every request
    /// (datarequests.org `required-elements`); letters refuse to draft without it.
    #[serde(default)]
    pub required_identity: Vec<IdentityField>,
}

/// What a controller needs to identify a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum IdentityKind {
    Name,
    Email,
    Address,
    Birthdate,
    /// Anything else (customer number, username): the label says what.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IdentityField {
    pub kind: IdentityKind,
    /// As the controller words it ("Customer number").
    pub label: String,
}

/// A stored controller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Controller {
    pub id: Id,
    #[serde(flatten)]
    pub draft: ControllerDraft,
    pub origin: Origin,
    /// The user changed this record; imports never overwrite it.
    pub user_edited: bool,
    /// Gone from its import source on this date (kept: requests may refer to it).
    pub vanished_at: Option<String>,
    /// Merged into another controller (datarequests.org obsolete records).
    pub redirect_to: String,
    /// IAB TCF vendor id, for vendors from the Global Vendor List.
    pub tcf_vendor_id: Option<i64>,
}

impl Controller {
    /// The address a request goes to: the controller's privacy team first,
    /// then its DPO, then its EU representative — for e-mail and for a web
    /// form alike (the privacy team's form is the one meant for requests).
    pub fn recipient(&self) -> crate::letter::Party {
        let roles = [ContactRole::Controller, ContactRole::Dpo, ContactRole::Representative];
        let first = |kind: ContactKind| {
            roles
                .iter()
                .find_map(|role| self.draft.contacts.iter().find(|ch| ch.kind == kind && ch.role == *role))
                .map(|ch| ch.value.clone())
                .unwrap_or_default()
        };
        let address = self.draft.address.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
        crate::letter::Party {
            name: self.draft.name.clone(),
            address,
            email: first(ContactKind::Email),
            web_form: first(ContactKind::WebForm),
        }
    }
}

/// A claim as stored, with where it came from and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoredClaim {
    pub id: Id,
    #[serde(flatten)]
    pub claim: Claim,
    pub origin: Origin,
    /// The IAB TCF purpose id, for claims from the vendor list.
    pub tcf_purpose: Option<u32>,
    /// In force today (`Claim::in_force_on` with the store's clock): only
    /// these get actions; an announced change never does.
    pub in_force_now: bool,
    pub actions: Vec<Action>,
}

/// Everything the platform page and `controller show` display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ControllerDetail {
    pub controller: Controller,
    pub lead_sa: Option<SupervisoryAuthority>,
    pub claims: Vec<StoredClaim>,
    /// Dated events of its history that are not claims, oldest first.
    pub events: Vec<crate::BasisEvent>,
    /// Established outside the EEA with no EU representative on record (Art. 27).
    pub representative_unknown: bool,
}

/// The EEA states, where the GDPR applies directly.
pub const EEA: [&str; 30] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

impl ControllerDraft {
    /// Known to be established outside the EEA, with no representative listed.
    pub fn representative_unknown(&self) -> bool {
        !self.country.is_empty()
            && !EEA.contains(&self.country.as_str())
            && !self.contacts.iter().any(|c| c.role == ContactRole::Representative)
    }
}

/// A one-line search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ControllerHit {
    pub id: Id,
    pub slug: String,
    pub name: String,
    pub country: String,
    pub origin: Origin,
    pub runs: Vec<String>,
    pub claims: i64,
    pub vanished: bool,
}

/// A vendor from the IAB list that claims legitimate interest for some purposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LiVendor {
    pub id: Id,
    pub slug: String,
    pub name: String,
    pub tcf_vendor_id: Option<i64>,
    /// TCF purpose ids claimed on legitimate interest.
    pub li_purposes: Vec<u32>,
    pub policy_url: String,
}

/// A data protection supervisory authority.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SupervisoryAuthority {
    pub slug: String,
    pub name: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    /// For federal states: the region it covers (e.g. "Bayern"), else empty.
    pub region: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub web_form: String,
    pub web: String,
    /// Language complaints are accepted in (ISO 639-1).
    pub complaint_language: String,
    pub sources: Vec<String>,
}

fn single_line(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    if value.chars().any(|c| c.is_control()) {
        errors.push(FieldError::new(field, "must be a single line without control characters"));
    }
}

impl ControllerDraft {
    /// Trims and checks a controller the user typed in.
    pub fn validate(mut self) -> Result<ControllerDraft, Invalid> {
        let mut errors = Vec::new();
        self.slug = self.slug.trim().to_ascii_lowercase();
        if self.slug.is_empty() {
            errors.push(FieldError::new("slug", "a short name (slug) is required"));
        } else if !self.slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            errors.push(FieldError::new("slug", "use only letters, digits and hyphens"));
        }
        self.name = self.name.trim().to_owned();
        if self.name.is_empty() {
            errors.push(FieldError::new("name", "the controller's name is required"));
        }
        single_line(&mut errors, "name", &self.name);
        match crate::deadline::parse_country("country", &self.country) {
            Ok(c) => self.country = c,
            Err(Invalid(mut e)) => errors.append(&mut e),
        }
        self.address = self.address.trim().to_owned();
        for (i, c) in self.contacts.iter_mut().enumerate() {
            c.value = c.value.trim().to_owned();
            if c.value.is_empty() {
                errors.push(FieldError::new(format!("contacts[{i}]"), "is empty"));
            } else if c.kind == ContactKind::Email {
                if let Err(why) = crate::email::check(&c.value) {
                    errors.push(FieldError::new(format!("contacts[{i}]"), format!("“{}” {why}", c.value)));
                }
            } else if c.kind != ContactKind::Post {
                single_line(&mut errors, &format!("contacts[{i}]"), &c.value);
            }
        }
        for (field, value) in [("web", &mut self.web), ("policy_url", &mut self.policy_url)] {
            *value = value.trim().to_owned();
            let is_web = value.starts_with("https://") || value.starts_with("http://");
            if !value.is_empty() && !is_web {
                errors.push(FieldError::new(field, "must be a web address starting with https://"));
            }
        }
        self.lead_sa = self.lead_sa.trim().to_ascii_lowercase();
        self.request_language = self.request_language.trim().to_ascii_lowercase();
        if errors.is_empty() { Ok(self) } else { Err(Invalid(errors)) }
    }

    /// Lower-cased text that search matches against.
    pub fn search_text(&self) -> String {
        let mut s = format!("{} {} {}", self.slug, self.name, self.web);
        for r in &self.runs {
            s.push(' ');
            s.push_str(r);
        }
        s.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_controller_is_checked_per_field() {
        let draft = ControllerDraft {
            slug: "My Shop!".into(),
            name: " ".into(),
            country: "Irl".into(),
            contacts: vec![ContactChannel {
                kind: ContactKind::Email,
                value: "privacy(at)shop".into(),
                role: ContactRole::Controller,
            }],
            web: "shop.example".into(),
            ..Default::default()
        };
        let Invalid(errors) = draft.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["slug", "name", "country", "contacts[0]", "web"]);
    }

    #[test]
    fn non_eea_controllers_without_a_representative_are_flagged() {
        let mut d = ControllerDraft { country: "US".into(), ..Default::default() };
        assert!(d.representative_unknown());
        d.contacts.push(ContactChannel {
            kind: ContactKind::Post,
            value: "Amsterdam".into(),
            role: ContactRole::Representative,
        });
        assert!(!d.representative_unknown());
        assert!(!ControllerDraft { country: "IE".into(), ..Default::default() }.representative_unknown());
        assert!(!ControllerDraft::default().representative_unknown(), "unknown country: no claim either way");
    }

    #[test]
    fn origins_rank_user_over_registry_over_imports() {
        assert!(Origin::User.rank() > Origin::Registry.rank());
        assert!(Origin::Registry.rank() > Origin::Datenanfragen.rank());
        for o in Origin::ALL {
            assert_eq!(Origin::parse(o.as_str()), Some(o));
        }
    }
}
