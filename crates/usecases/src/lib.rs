//! RightsDesk's use cases: every capability as one function that both faces
//! call — the app's IPC commands (`src-tauri`) and the CLI's subcommands
//! (`crates/cli`). A face parses its input, calls here, and presents the
//! result; the sequence of steps (open the store *and* bring the registry up
//! to date, mark overdue *before* the attention view, reconcile *before*
//! sending, queue a batch in one transaction, take the mail lock) lives here
//! once.
//!
//! Invariants: no face re-implements a sequence that is here; this crate
//! holds no rule of its own (rules are the domain's) and no storage (the
//! store's): it orders calls.

pub mod exports;
pub mod imports;
pub mod letters;
pub mod outbox;
pub mod registry;
pub mod requests;

pub use rightsdesk_store::{Error, Result};

use rightsdesk_store::{DataDir, Store};

/// Opens the store and brings the built-in registry up to date (the user's
/// edits stay): what every face does before showing data.
pub fn open(dir: &DataDir, passphrase: Option<&str>) -> Result<Store> {
    let mut store = Store::open(dir, passphrase)?;
    registry::ensure_applied(&mut store)?;
    Ok(store)
}

/// Brings an already open store (a new one, one just unlocked) up to date
/// with the built-in registry.
pub fn settle_opened(mut store: Store) -> Result<Store> {
    registry::ensure_applied(&mut store)?;
    Ok(store)
}
