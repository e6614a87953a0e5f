//! The one place that writes a request's history: every change of a request
//! (user, mail import, clock) records an Event through `record`, inside the
//! transaction that makes the change.

use rightsdesk_domain::{EventCause, EventKind, Id};
use rusqlite::{Connection, params};

use crate::Result;

/// Records that `kind` happened to `request` at `at`, caused by `cause`.
/// `detail` is free text or JSON, as the kind's readers expect.
pub(crate) fn record(
    conn: &Connection,
    request: Id,
    kind: EventKind,
    cause: EventCause,
    at: &str,
    detail: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO events (request_id, at, kind, cause, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![request, at, kind.as_str(), cause.as_str(), detail],
    )?;
    Ok(())
}
