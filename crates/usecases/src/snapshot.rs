//! The datarequests.org snapshot built into this release: applied on first
//! start and after an upgrade that brings a newer one, unless the user has
//! imported the live database since the snapshot was taken
//! (`domain::import::snapshot_applies`). The usual precedence holds: the
//! user's edits and the curated registry are kept over it.

use rightsdesk_domain::Origin;
use rightsdesk_domain::import::{ImportReport, SnapshotState, snapshot_applies};
use rightsdesk_import::snapshot;
use rightsdesk_store::{Error, Result, Store};

/// Settings key: the snapshot version last applied (or passed over).
const APPLIED: &str = "datenanfragen.snapshot";

fn live_import(store: &Store) -> Result<Option<String>> {
    store.last_import_at_except(Origin::Datenanfragen, snapshot::LOCATION)
}

fn day_of(stamp: &str) -> Option<chrono::NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(stamp).ok().map(|t| t.date_naive())
}

/// Applies the snapshot if it is due; `None` when it was not.
pub fn ensure_applied(store: &mut Store) -> Result<Option<ImportReport>> {
    let applied = store.setting(APPLIED)?;
    let live = live_import(store)?;
    if !snapshot_applies(snapshot::version(), snapshot::date(), applied.as_deref(), live.as_deref().and_then(day_of)) {
        if applied.as_deref() != Some(snapshot::version()) {
            // A newer live import: remember the decision, so it is not weighed at every start.
            store.set_setting(APPLIED, snapshot::version())?;
        }
        return Ok(None);
    }
    let batch = snapshot::batch().map_err(|e| Error::new(e.code, e.message))?;
    let report = store.apply_import(&batch)?;
    store.set_setting(APPLIED, snapshot::version())?;
    Ok(Some(report))
}

pub fn state(store: &Store) -> Result<SnapshotState> {
    Ok(SnapshotState {
        version: snapshot::version().to_owned(),
        date: snapshot::date().to_string(),
        applied: store.setting(APPLIED)?.as_deref() == Some(snapshot::version()),
        live_import: live_import(store)?,
    })
}
