//! Projects and tags: how a journalist groups requests (a study, an
//! investigation) and labels them (a wave, a sector, a round) so that every
//! report and export can be limited to them.

use serde::{Deserialize, Serialize};

use crate::{FieldError, Id, Invalid};

pub const MAX_NAME: usize = 120;
pub const MAX_TAG: usize = 60;

/// A request's grouping and embargo, for its page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Filing {
    /// The projects it is in: id and name.
    pub projects: Vec<(Id, String)>,
    pub tags: Vec<String>,
    /// YYYY-MM-DD; none: no embargo.
    pub embargo_until: Option<String>,
}

/// A named group of requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Project {
    pub id: Id,
    pub name: String,
    pub description: String,
    pub created_at: String,
    /// How many requests it holds.
    pub requests: u32,
    /// The tags its requests carry, each once, in order.
    pub tags: Vec<String>,
}

/// A project's name, trimmed and checked.
pub fn project_name(name: &str) -> Result<String, Invalid> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Invalid(vec![FieldError::new("name", "a project needs a name")]));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Invalid(vec![FieldError::new("name", format!("at most {MAX_NAME} characters"))]));
    }
    Ok(name.to_owned())
}

/// A tag in its one stored form: trimmed, inner spaces collapsed, lower case.
/// A comma is refused: lists of tags are written with commas.
pub fn tag(text: &str) -> Result<String, Invalid> {
    let tag = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if tag.is_empty() {
        return Err(Invalid(vec![FieldError::new("tag", "a tag cannot be empty")]));
    }
    if tag.contains(',') {
        return Err(Invalid(vec![FieldError::new("tag", "a tag cannot hold a comma")]));
    }
    if tag.chars().count() > MAX_TAG {
        return Err(Invalid(vec![FieldError::new("tag", format!("at most {MAX_TAG} characters"))]));
    }
    Ok(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_have_one_form() {
        assert_eq!(tag("  Wave  1 ").unwrap(), "wave 1");
        assert_eq!(tag("ADTECH").unwrap(), tag("adtech").unwrap());
        assert!(tag("   ").is_err());
        assert!(tag("a,b").is_err());
        assert!(tag(&"x".repeat(61)).is_err());
    }

    #[test]
    fn a_project_needs_a_name() {
        assert_eq!(project_name(" Adtech study ").unwrap(), "Adtech study");
        assert!(project_name(" ").is_err());
        assert!(project_name(&"x".repeat(121)).is_err());
    }
}
