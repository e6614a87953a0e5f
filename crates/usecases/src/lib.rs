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

pub mod backup;
pub mod controllers;
pub mod diagnostics;
pub mod evidence;
pub mod exports;
pub mod guide;
pub mod imports;
pub mod letters;
pub mod mailbox;
pub mod mandates;
pub mod outbox;
pub mod people;
pub mod policies;
pub mod registry;
pub mod reports;
pub mod requests;
pub mod snapshot;

/// Signature images for PDFs (PNG or JPEG), so the faces need not depend on the letters crate.
pub use rightsdesk_letters::Signature;
pub use rightsdesk_store::{Error, Result};

use rightsdesk_store::{DataDir, Store};

/// Opens the store ready for use: the letter templates as its writer, the
/// built-in registry brought up to date (the user's edits stay). What every
/// face does before showing data.
pub fn open(dir: &DataDir, passphrase: Option<&str>) -> Result<Store> {
    let mut store = Store::open(dir, passphrase)?;
    ready(&mut store)?;
    Ok(store)
}

/// Makes an already open store (a new one, one just unlocked, one a test
/// made) ready for use, as `open` does.
pub fn ready(store: &mut Store) -> Result<()> {
    store.set_writer(std::sync::Arc::new(rightsdesk_letters::Templates));
    registry::ensure_applied(store)?;
    Ok(())
}

/// A signature image for a PDF; anything but a PNG or JPEG is the user's to fix.
pub fn signature(bytes: Vec<u8>) -> Result<Signature> {
    Signature::from_bytes(bytes).map_err(|e| Error::new(rightsdesk_domain::ErrorCode::Invalid, e.to_string()))
}
