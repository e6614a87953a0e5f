//! One integration-test binary (see ripgrep): modules by area, shared helpers
//! in `rightsdesk_tests`.

mod keyring;
mod store;
