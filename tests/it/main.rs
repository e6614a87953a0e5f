//! One integration-test binary (see ripgrep): modules by area, shared helpers
//! in `rightsdesk_tests`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod imap;
mod keyring;
mod letters;
mod mail;
mod registry;
mod requests;
mod store;
mod tracking;
