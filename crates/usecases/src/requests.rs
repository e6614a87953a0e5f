//! Requests over time: what needs the user today.

use chrono::NaiveDate;
use rightsdesk_domain::Attention;
use rightsdesk_store::{Result, Store};

/// What needs the user on `today`: deadlines that passed turn overdue first
/// (each with its event, once), then the attention view is read — so no face
/// can show a passed deadline as merely "due soon".
pub fn attention(store: &mut Store, today: NaiveDate, soon_days: u32) -> Result<Attention> {
    store.mark_overdue(today)?;
    let mut a = store.attention(today, soon_days)?;
    a.basis_changes = crate::policies::alerts(store)?;
    a.mandates_expiring = crate::mandates::expiring(store, today)?;
    Ok(a)
}

/// The desktop notices not shown yet (overdue, due within `soon_days`,
/// answers to decide on, basis changes in a watched policy), after passed deadlines turned overdue.
pub fn pending_notices(store: &mut Store, today: NaiveDate, soon_days: u32) -> Result<Vec<rightsdesk_domain::Notice>> {
    store.mark_overdue(today)?;
    let mut notices = store.pending_notices(today, soon_days)?;
    notices.extend(crate::policies::pending_notices(store)?);
    Ok(notices)
}
