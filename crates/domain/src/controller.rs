//! A Controller is the organisation that decides why and how personal data is
//! processed (Art. 4(7) GDPR): the addressee of every request.

use serde::{Deserialize, Serialize};

use crate::Id;

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
        [Self::Email, Self::WebForm, Self::Post, Self::Phone, Self::Fax].into_iter().find(|k| k.as_str() == s)
    }
}

/// One way to reach a controller's privacy team. `role` says whose channel it
/// is: the controller itself, its DPO, or its EU representative (Art. 27).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ContactChannel {
    pub kind: ContactKind,
    pub value: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Controller {
    pub id: Id,
    /// Stable short name; follows datarequests.org slugs where one exists.
    pub slug: String,
    pub name: String,
    /// ISO 3166-1 alpha-2 of the establishment addressed, or empty if unknown.
    pub country: String,
    pub contacts: Vec<ContactChannel>,
}
