//! The committed TypeScript bindings must match the Rust commands and types.
//! Regenerate with `make bindings` (UPDATE_BINDINGS=1).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use std::path::Path;

#[test]
fn committed_bindings_match_the_rust_side() {
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rightsdesk_app::BINDINGS_PATH);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        rightsdesk_app::export_bindings(&committed_path).unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("bindings.ts");
    rightsdesk_app::export_bindings(&fresh_path).unwrap();
    let fresh = std::fs::read_to_string(&fresh_path).unwrap();
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        fresh == committed,
        "ui/src/lib/bindings.ts is out of date with the Rust commands; run `make bindings` and commit the result"
    );
}
