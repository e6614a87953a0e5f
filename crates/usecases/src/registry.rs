//! The curated registry: the one shipped with the app, and signed bundles
//! that update it between releases.

use rightsdesk_domain::import::{ImportBatch, ImportReport, RegistryDiff, registry_diff};
use rightsdesk_domain::{ErrorCode, Origin};
use rightsdesk_store::{Error, Result, Store};

/// Settings keys: the built-in version last applied, the bundle URL.
const BUILT_IN: &str = "registry.built_in";
const BUNDLE_URL: &str = "registry.bundle_url";

/// Applies the built-in registry if this store has not seen this version of
/// it yet (first start, or after an upgrade). The user's edits are kept. A
/// bundle applied since is not undone by a restart: only a new built-in
/// version (a new release) is applied over it.
pub fn ensure_applied(store: &mut Store) -> Result<Option<ImportReport>> {
    let version = rightsdesk_import::registry::version();
    let seen = match store.setting(BUILT_IN)? {
        Some(v) => Some(v),
        // Stores from before bundles: the last registry import was the built-in one.
        None => store.last_import_version(Origin::Registry)?,
    };
    if seen.as_deref() == Some(version.as_str()) {
        if store.setting(BUILT_IN)?.is_none() {
            store.set_setting(BUILT_IN, &version)?;
        }
        return Ok(None);
    }
    let report = store.apply_import(&rightsdesk_import::registry::batch())?;
    store.set_setting(BUILT_IN, &version)?;
    Ok(Some(report))
}

fn from_import(e: rightsdesk_import::ImportError) -> Error {
    Error::new(e.code, e.message)
}

/// The bundle URL set by the user, if any.
pub fn bundle_url(store: &Store) -> Result<Option<String>> {
    store.setting(BUNDLE_URL)
}

pub fn set_bundle_url(store: &mut Store, url: &str) -> Result<()> {
    let url = url.trim();
    if !rightsdesk_import::is_url(url) {
        return Err(Error::from(rightsdesk_domain::Invalid(vec![rightsdesk_domain::FieldError::new(
            "url",
            "the registry update address is an http(s) URL",
        )])));
    }
    store.set_setting(BUNDLE_URL, url)
}

fn url_or_setting(store: &Store, url: Option<&str>) -> Result<String> {
    match url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) => Ok(u.to_owned()),
        None => bundle_url(store)?.ok_or_else(|| {
            Error::new(ErrorCode::Invalid, "no registry update address is set: give one (Settings, or --url)")
        }),
    }
}

/// Downloads and checks a bundle against the key built into this release
/// (no store held).
pub fn download(url: &str) -> Result<ImportBatch> {
    download_with_key(url, &rightsdesk_import::bundle::REGISTRY_KEY)
}

/// As `download`, against another key (tests sign with a test key).
pub fn download_with_key(url: &str, key: &[u8; 32]) -> Result<ImportBatch> {
    let body = rightsdesk_import::fetch::get(url, rightsdesk_import::bundle::MAX_BUNDLE).map_err(from_import)?;
    rightsdesk_import::bundle::open_with(&body, key, url).map_err(from_import)
}

/// What a checked bundle would change, against the registry's records in the store.
pub fn diff(store: &Store, batch: &ImportBatch) -> Result<RegistryDiff> {
    let mut current = Vec::new();
    for item in &batch.controllers {
        match store.controller_detail(&item.draft.slug) {
            Ok(d) => {
                let claims = d.claims.into_iter().filter(|c| c.origin == Origin::Registry).map(|c| c.claim).collect();
                let origin = if d.controller.user_edited { Origin::User } else { d.controller.origin };
                current.push((d.controller.draft, origin, claims));
            }
            Err(e) if e.code == ErrorCode::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(registry_diff(&current, batch))
}

/// Downloads a bundle, checks it and says what it would change; nothing is applied.
pub fn preview(store: &Store, url: Option<&str>) -> Result<RegistryDiff> {
    let url = url_or_setting(store, url)?;
    let batch = download(&url)?;
    diff(store, &batch)
}

/// Applies a checked bundle with the usual precedence (the user's edits ›
/// the registry › imports). `expected`: the version the user saw in the
/// preview; a bundle that changed since is refused.
pub fn apply(store: &mut Store, batch: &ImportBatch, expected: Option<&str>) -> Result<ImportReport> {
    if let Some(v) = expected
        && v != batch.version
    {
        return Err(Error::new(
            ErrorCode::Invalid,
            format!("the registry update changed since you looked at it ({v} → {}); look again", batch.version),
        ));
    }
    store.apply_import(batch)
}

/// Downloads, checks and applies, in one call (the CLI's way).
pub fn update(store: &mut Store, url: Option<&str>, expected: Option<&str>) -> Result<ImportReport> {
    let url = url_or_setting(store, url)?;
    let batch = download(&url)?;
    apply(store, &batch, expected)
}
