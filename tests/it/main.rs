//! One integration-test binary (see ripgrep): modules by area, shared helpers
//! in `rightsdesk_tests`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod backup;
mod faults;
mod guide;
mod imap;
mod keyring;
mod letters;
mod mail;
mod mailbox;
mod mandates;
mod oauth;
mod people;
mod policy;
mod registry;
mod reports;
mod requests;
mod store;
mod tracking;

/// A test that "crashes" mid-send keeps running in the same process, whose
/// messages in `sending` are rightly seen as alive. This makes them belong to
/// a process that is gone, as they would after a real crash (the real thing,
/// SIGKILL of the CLI, is `crates/cli/tests/cli.rs`).
#[allow(clippy::unwrap_used)]
pub fn as_if_the_sender_died(store: &mut rightsdesk_store::Store) -> usize {
    store
        .raw_connection()
        .execute("UPDATE outbox SET owner = 'pid:0@gone' WHERE state = 'sending'", [])
        .unwrap_or_else(|e| panic!("{e}"))
}
