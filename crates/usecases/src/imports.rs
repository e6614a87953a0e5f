//! Outside data into the store: the datarequests.org database and the IAB
//! vendor list. Which loader a source name means is decided here, once.

use rightsdesk_domain::ErrorCode;
use rightsdesk_domain::import::{ImportBatch, ImportReport};
use rightsdesk_store::{Error, Result, Store};

/// The official IAB TCF Global Vendor List (v3).
pub const TCF_OFFICIAL_URL: &str = rightsdesk_import::tcf::OFFICIAL_URL;

/// Where controllers can be imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The datarequests.org company database (a folder, a JSON dump, a URL).
    Datenanfragen,
    /// The IAB TCF Global Vendor List (a file or a URL; empty: the official list).
    Tcf,
}

impl Source {
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "datenanfragen" => Ok(Self::Datenanfragen),
            "tcf" => Ok(Self::Tcf),
            other => Err(Error::new(ErrorCode::Invalid, format!("unknown import source “{other}”"))),
        }
    }
}

/// Reads a source (no store needed: it may take a while, e.g. a download).
pub fn load(source: Source, location: &str) -> Result<ImportBatch> {
    let location = location.trim();
    match source {
        Source::Datenanfragen => rightsdesk_import::datenanfragen::load(location),
        Source::Tcf if location.is_empty() => rightsdesk_import::tcf::load(rightsdesk_import::tcf::OFFICIAL_URL),
        Source::Tcf => rightsdesk_import::tcf::load(location),
    }
    .map_err(|e| Error::new(e.code, e.message))
}

/// Loads a source and applies it with the usual precedence (the user's edits
/// › the curated registry › imports).
pub fn import(store: &mut Store, source: Source, location: &str) -> Result<ImportReport> {
    let batch = load(source, location)?;
    store.apply_import(&batch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_named_once() {
        assert_eq!(Source::parse("tcf").unwrap(), Source::Tcf);
        assert_eq!(Source::parse("datenanfragen").unwrap(), Source::Datenanfragen);
        assert_eq!(Source::parse("web").unwrap_err().code, ErrorCode::Invalid);
    }

    #[test]
    fn a_missing_folder_is_the_users_to_fix() {
        let e = load(Source::Datenanfragen, "/nonexistent/datenanfragen").unwrap_err();
        assert!(e.code.is_user_error(), "{e:?}");
    }
}
