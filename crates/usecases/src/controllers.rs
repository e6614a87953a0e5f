//! What a controller claimed, read for a day.

use rightsdesk_domain::words::UiLanguage;
use rightsdesk_domain::{BasisOnDay, ControllerDetail, Purpose, basis_on};
use rightsdesk_store::{Result, Store};

/// A controller's page, its recommended actions said in `lang`.
pub fn detail(store: &Store, slug: &str, lang: UiLanguage) -> Result<ControllerDetail> {
    let mut detail = store.controller_detail(slug)?;
    for claim in &mut detail.claims {
        claim.actions = std::mem::take(&mut claim.actions).into_iter().map(|a| lang.action(a)).collect();
    }
    Ok(detail)
}

/// The basis a controller claimed on `day` (default: today by the store's
/// clock) for each purpose or only `purpose`, each with the claim, its quote
/// and source, and the changes announced around that day that did not apply.
pub fn basis(
    store: &Store,
    slug: &str,
    purpose: Option<Purpose>,
    day: Option<chrono::NaiveDate>,
) -> Result<BasisOnDay> {
    let detail = store.controller_detail(slug)?;
    let claims: Vec<_> = detail.claims.into_iter().map(|c| c.claim).collect();
    let day = day.unwrap_or_else(|| store.today()).format("%Y-%m-%d").to_string();
    Ok(basis_on(&claims, purpose, &day))
}
