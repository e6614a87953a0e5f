//! What an importer hands the store, and what the store reports back. The
//! importers (crate `rightsdesk-import`) parse; the store applies.

use serde::{Deserialize, Serialize};

use crate::basis::Claim;
use crate::controller::{ControllerDraft, Origin, SupervisoryAuthority};

/// A controller as a source describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedController {
    pub draft: ControllerDraft,
    pub tcf_vendor_id: Option<i64>,
    /// Claims with, for vendor-list claims, the TCF purpose id.
    pub claims: Vec<(Claim, Option<u32>)>,
}

/// A record that no longer exists at the source and points elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirect {
    pub slug: String,
    pub redirect_to: String,
    pub reason: String,
}

/// A record the importer could not use, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RejectedRecord {
    /// File name, slug or vendor id: enough to find it at the source.
    pub record: String,
    pub reason: String,
}

/// One import, parsed and ready for the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportBatch {
    pub origin: Origin,
    /// Folder, file or URL it came from.
    pub location: String,
    /// The source's own version (vendor list version, commit, date), if any.
    pub version: String,
    pub controllers: Vec<ImportedController>,
    pub authorities: Vec<SupervisoryAuthority>,
    pub redirects: Vec<Redirect>,
    pub rejected: Vec<RejectedRecord>,
    /// The batch is the source's whole list, so records of this origin not in
    /// it have vanished from the source.
    pub complete: bool,
}

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    pub origin: String,
    pub location: String,
    pub version: String,
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Records of this source no longer in it: marked, never deleted.
    pub vanished: u32,
    /// Records the user edited: their edits were kept, the import set aside.
    pub kept_user_edits: u32,
    /// Slugs described by a higher-precedence source (the curated registry).
    pub kept_curated: u32,
    pub redirects: u32,
    pub claims: u32,
    pub authorities: u32,
    pub rejected: Vec<RejectedRecord>,
}
