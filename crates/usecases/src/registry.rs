//! The curated registry shipped with the app, brought into a store.

use rightsdesk_domain::Origin;
use rightsdesk_domain::import::ImportReport;
use rightsdesk_store::{Result, Store};

/// Applies the built-in registry if this store has not seen this version of
/// it yet (first start, or after an upgrade). The user's edits are kept.
pub fn ensure_applied(store: &mut Store) -> Result<Option<ImportReport>> {
    let version = rightsdesk_import::registry::version();
    if store.last_import_version(Origin::Registry)?.as_deref() == Some(version.as_str()) {
        return Ok(None);
    }
    store.apply_import(&rightsdesk_import::registry::batch()).map(Some)
}
