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
    /// Dated events of its history that are not claims (the curated registry's).
    #[serde(default)]
    pub events: Vec<crate::BasisEvent>,
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

/// What the store holds under a slug an import describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub origin: Origin,
    pub user_edited: bool,
    /// The import's record is the same as the one last imported for it.
    pub same_content: bool,
    pub vanished: bool,
}

/// What an import does with one record: the precedence rule (the user's
/// edits › the curated registry › imports), decided here and applied by the
/// store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// New slug: add it.
    Add,
    /// The user edited it: keep their version; a changed record waits in
    /// `pending_import` for them to look at.
    KeepUserEdits {
        newer_waits: bool,
    },
    /// A higher-precedence source describes it (the registry over an import).
    KeepCurated,
    Unchanged,
    /// Replace this origin's version (and bring a vanished record back).
    Update,
}

pub fn decide(held: Option<Held>, incoming: Origin) -> Decision {
    match held {
        None => Decision::Add,
        Some(h) if h.user_edited => Decision::KeepUserEdits { newer_waits: !h.same_content },
        Some(h) if h.origin.rank() > incoming.rank() => Decision::KeepCurated,
        Some(h) if h.same_content && !h.vanished => Decision::Unchanged,
        Some(_) => Decision::Update,
    }
}

/// What Settings shows about the built-in copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SnapshotState {
    /// "<commit> <YYYY-MM-DD>" of the snapshot in this release.
    pub version: String,
    /// Its day, YYYY-MM-DD.
    pub date: String,
    /// Whether this store has it (or a newer live import instead).
    pub applied: bool,
    /// When the live database was last imported, if ever (RFC 3339).
    pub live_import: Option<String>,
}

/// The datarequests.org snapshot built into this release: when to apply it.
/// Not again once this version is applied; not at all where the user has
/// imported the live database on or after the snapshot's day (theirs is the
/// newer copy); otherwise — first start, an upgrade with a newer snapshot,
/// a live import older than it — yes, with the usual precedence (the user's
/// edits and the curated registry win over it).
pub fn snapshot_applies(
    snapshot_version: &str,
    snapshot_date: chrono::NaiveDate,
    applied: Option<&str>,
    last_live_import: Option<chrono::NaiveDate>,
) -> bool {
    if applied == Some(snapshot_version) {
        return false;
    }
    last_live_import.is_none_or(|day| day < snapshot_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(origin: Origin, user_edited: bool, same_content: bool, vanished: bool) -> Option<Held> {
        Some(Held { origin, user_edited, same_content, vanished })
    }

    #[test]
    fn the_users_edits_beat_the_registry_which_beats_imports() {
        use Origin::*;
        assert_eq!(decide(None, Datenanfragen), Decision::Add);
        assert_eq!(decide(held(Registry, true, false, false), Registry), Decision::KeepUserEdits { newer_waits: true });
        assert_eq!(decide(held(Tcf, true, true, false), Tcf), Decision::KeepUserEdits { newer_waits: false });
        assert_eq!(decide(held(Registry, false, false, false), Datenanfragen), Decision::KeepCurated);
        assert_eq!(decide(held(User, false, false, false), Registry), Decision::KeepCurated);
        assert_eq!(decide(held(Datenanfragen, false, true, false), Datenanfragen), Decision::Unchanged);
        assert_eq!(
            decide(held(Datenanfragen, false, true, true), Datenanfragen),
            Decision::Update,
            "back from vanished"
        );
        assert_eq!(
            decide(held(Datenanfragen, false, false, false), Registry),
            Decision::Update,
            "the registry takes over"
        );
    }
}

/// One claim, as a registry diff lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClaimLine {
    pub purpose: crate::Purpose,
    pub basis: crate::LegalBasis,
    pub scope: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub status: crate::ClaimStatus,
}

impl From<&Claim> for ClaimLine {
    fn from(c: &Claim) -> Self {
        Self {
            purpose: c.purpose,
            basis: c.basis,
            scope: c.scope.clone(),
            valid_from: c.valid_from.clone(),
            valid_to: c.valid_to.clone(),
            status: c.status,
        }
    }
}

/// What a registry update would change for one controller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ControllerDiff {
    pub slug: String,
    pub name: String,
    /// The record is the user's own or edited by them: the update waits (precedence).
    pub kept_user_edits: bool,
    /// The fields whose value changes ("address", "lead_sa" …).
    pub fields: Vec<String>,
    pub claims_added: Vec<ClaimLine>,
    pub claims_removed: Vec<ClaimLine>,
}

/// What a registry update would change, shown before it is applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RegistryDiff {
    pub version: String,
    /// Controllers new to the store, by name.
    pub added: Vec<String>,
    pub changed: Vec<ControllerDiff>,
    pub unchanged: u32,
}

/// Compares the store's records (draft, origin, the registry's claims) with an update.
pub fn registry_diff(current: &[(ControllerDraft, Origin, Vec<Claim>)], batch: &ImportBatch) -> RegistryDiff {
    let mut out = RegistryDiff { version: batch.version.clone(), added: Vec::new(), changed: Vec::new(), unchanged: 0 };
    for item in &batch.controllers {
        let Some((draft, origin, claims)) = current.iter().find(|(d, _, _)| d.slug == item.draft.slug) else {
            out.added.push(item.draft.name.clone());
            continue;
        };
        let new = &item.draft;
        let mut fields = Vec::new();
        for (name, a, b) in [
            ("name", &draft.name, &new.name),
            ("address", &draft.address, &new.address),
            ("country", &draft.country, &new.country),
            ("web", &draft.web, &new.web),
            ("policy_url", &draft.policy_url, &new.policy_url),
            ("lead_sa", &draft.lead_sa, &new.lead_sa),
        ] {
            if a != b {
                fields.push(name.to_owned());
            }
        }
        if draft.contacts != new.contacts {
            fields.push("contacts".into());
        }
        let old_lines: Vec<ClaimLine> = claims.iter().map(ClaimLine::from).collect();
        let new_lines: Vec<ClaimLine> = item.claims.iter().map(|(c, _)| ClaimLine::from(c)).collect();
        let claims_added: Vec<ClaimLine> = new_lines.iter().filter(|l| !old_lines.contains(l)).cloned().collect();
        let claims_removed: Vec<ClaimLine> = old_lines.iter().filter(|l| !new_lines.contains(l)).cloned().collect();
        if fields.is_empty() && claims_added.is_empty() && claims_removed.is_empty() {
            out.unchanged += 1;
            continue;
        }
        out.changed.push(ControllerDiff {
            slug: new.slug.clone(),
            name: new.name.clone(),
            kept_user_edits: *origin == Origin::User,
            fields,
            claims_added,
            claims_removed,
        });
    }
    out
}

#[cfg(test)]
mod snapshot_tests {
    use super::*;

    #[test]
    fn the_snapshot_applies_once_and_never_over_a_newer_live_import() {
        let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let snap = day("2026-07-21");
        assert!(snapshot_applies("0a29c3d6 2026-07-21", snap, None, None), "first start");
        assert!(!snapshot_applies("0a29c3d6 2026-07-21", snap, Some("0a29c3d6 2026-07-21"), None), "once");
        assert!(snapshot_applies("0a29c3d6 2026-07-21", snap, Some("1111111 2026-01-02"), None), "an upgrade");
        assert!(snapshot_applies("0a29c3d6 2026-07-21", snap, None, Some(day("2026-07-20"))), "older live import");
        assert!(!snapshot_applies("0a29c3d6 2026-07-21", snap, None, Some(day("2026-07-21"))), "live on the day");
        assert!(!snapshot_applies("0a29c3d6 2026-07-21", snap, None, Some(day("2026-11-30"))), "newer live import");
    }
}
