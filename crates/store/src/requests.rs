//! Requests: creating them, marking what happened, the deadline running now,
//! lists, the attention view and the calendar export.
//!
//! Invariant: every change of a request writes an Event with its cause in the
//! same transaction, and recomputes the cached `due_on`.

use chrono::NaiveDate;
use rightsdesk_domain::lifecycle::{self, Mark, Outcome, RequestDates};
use rightsdesk_domain::{
    Attention, ErrorCode, Event, EventCause, Id, Request, RequestDetail, RequestKind, RequestStatus, RequestSummary,
};
use rusqlite::{OptionalExtension, Row, params};

use crate::events;
use crate::{Error, Result, Store};
use rightsdesk_domain::EventKind;

const SUMMARY: &str = "SELECT r.id, r.reference, r.kind, r.status, r.person_id, p.display_name, c.slug, c.name, r.due_on,
                              r.due_kind, r.updated_at
                       FROM requests r JOIN people p ON p.id = r.person_id JOIN controllers c ON c.id = r.controller_id";

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<RequestSummary> {
    Ok(RequestSummary {
        id: r.get(0)?,
        reference: r.get(1)?,
        kind: RequestKind::parse(&r.get::<_, String>(2)?).unwrap_or(RequestKind::Custom),
        status: RequestStatus::parse(&r.get::<_, String>(3)?).unwrap_or(RequestStatus::Draft),
        person_id: r.get(4)?,
        person: r.get(5)?,
        controller_slug: r.get(6)?,
        controller: r.get(7)?,
        due: r.get(8)?,
        due_kind: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

const DATES: &str = "sent_on, received_on, acknowledged_on, extended_on, identity_requested_on, identity_provided_on, \
                     answered_on, refused_on, admonished_on, complained_on, closed_on";

fn dates_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<RequestDates> {
    Ok(RequestDates {
        sent: r.get(at)?,
        received: r.get(at + 1)?,
        acknowledged: r.get(at + 2)?,
        extended: r.get(at + 3)?,
        identity_requested: r.get(at + 4)?,
        identity_provided: r.get(at + 5)?,
        answered: r.get(at + 6)?,
        refused: r.get(at + 7)?,
        admonished: r.get(at + 8)?,
        complained: r.get(at + 9)?,
        closed: r.get(at + 10)?,
    })
}

/// Filters for `list_requests`.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    pub status: Option<RequestStatus>,
    /// Only requests with a deadline on or before this day (YYYY-MM-DD).
    pub due_before: Option<String>,
    pub person_id: Option<Id>,
    pub limit: Option<usize>,
}

fn not_found(id: Id) -> Error {
    Error::new(ErrorCode::NotFound, format!("no request with id {id}"))
}

impl Store {
    pub fn get_request(&self, id: Id) -> Result<Request> {
        self.conn
            .query_row(
                "SELECT id, person_id, controller_id, kind, status, reference, created_at FROM requests WHERE id = ?1",
                [id],
                |r| {
                    Ok(Request {
                        id: r.get(0)?,
                        person_id: r.get(1)?,
                        controller_id: r.get(2)?,
                        kind: RequestKind::parse(&r.get::<_, String>(3)?).unwrap_or(RequestKind::Custom),
                        status: RequestStatus::parse(&r.get::<_, String>(4)?).unwrap_or(RequestStatus::Draft),
                        reference: r.get(5)?,
                        created_at: r.get(6)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| not_found(id))
    }

    /// Finds a request by id or by its reference (`RD-2026-1Z`).
    pub fn resolve_request(&self, id_or_reference: &str) -> Result<Id> {
        let text = id_or_reference.trim();
        if let Ok(id) = text.parse::<Id>() {
            return Ok(id);
        }
        self.conn
            .query_row("SELECT id FROM requests WHERE reference = ?1 COLLATE NOCASE", [text], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no request “{text}”")))
    }

    /// Records what happened (`mark`) and why (`cause`); returns the updated request.
    pub fn mark_request(&mut self, id: Id, mark: &Mark, cause: EventCause) -> Result<RequestDetail> {
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        mark_in(&tx, id, mark, cause, &at)?;
        tx.commit()?;
        // A reminder or complaint that goes out moves the request it follows up.
        self.propagate_sent(id, mark)?;
        self.request_detail(id)
    }

    fn lifecycle_state(&self, id: Id) -> Result<(RequestStatus, RequestDates, String)> {
        lifecycle_state(&self.conn, id)
    }

    pub fn request_detail(&self, id: Id) -> Result<RequestDetail> {
        let summary = self
            .conn
            .query_row(&format!("{SUMMARY} WHERE r.id = ?1"), [id], summary_from_row)
            .optional()?
            .ok_or_else(|| not_found(id))?;
        let (status, dates, country) = self.lifecycle_state(id)?;
        let outcome: Option<String> =
            self.conn.query_row("SELECT outcome FROM requests WHERE id = ?1", [id], |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, request_id, at, kind, cause, detail FROM events WHERE request_id = ?1 ORDER BY at, id",
        )?;
        let events = stmt
            .query_map([id], |r| {
                Ok(Event {
                    id: r.get(0)?,
                    request_id: r.get(1)?,
                    at: r.get(2)?,
                    kind: event_kind(r.get::<_, String>(3)?)?,
                    cause: EventCause::parse(&r.get::<_, String>(4)?).unwrap_or(EventCause::User),
                    detail: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let follow_ups = self.follow_ups(&summary.reference)?;
        Ok(RequestDetail {
            running: lifecycle::running_deadline(status, &dates, &country, 0),
            dates,
            outcome: outcome.as_deref().and_then(Outcome::parse),
            deadline_country: country,
            events,
            checklist: self.checklist(id)?,
            postal: self.postal(id)?,
            attachments: self.attachments(id)?,
            follow_ups,
            regarding: self.regarding(id)?,
            allowed_marks: lifecycle::allowed_marks(status),
            escalations: lifecycle::escalations(status),
            summary,
        })
    }

    /// One request's list line.
    pub(crate) fn request_detail_summary(&self, id: Id) -> Result<RequestSummary> {
        self.conn
            .query_row(&format!("{SUMMARY} WHERE r.id = ?1"), [id], summary_from_row)
            .optional()?
            .ok_or_else(|| not_found(id))
    }

    /// Requests, newest change first (or soonest deadline first when filtering
    /// by deadline). The SQL holds only the conditions asked for, so SQLite can
    /// use the (status, updated_at), (status, due_on) and due_on indexes.
    pub fn list_requests(&self, f: &RequestFilter) -> Result<Vec<RequestSummary>> {
        let mut conditions: Vec<&str> = Vec::new();
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(status) = f.status {
            conditions.push("r.status = ?");
            args.push(Box::new(status.as_str()));
        }
        if let Some(due) = &f.due_before {
            conditions.push("r.due_on IS NOT NULL AND r.due_on <= ?");
            args.push(Box::new(due.clone()));
        }
        if let Some(person) = f.person_id {
            conditions.push("r.person_id = ?");
            args.push(Box::new(person));
        }
        let filter = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let order = if f.due_before.is_some() { "r.due_on, r.id" } else { "r.updated_at DESC, r.id DESC" };
        let limit = f.limit.map(|l| l as i64).unwrap_or(-1);
        let mut stmt = self.conn.prepare_cached(&format!("{SUMMARY} {filter} ORDER BY {order} LIMIT {limit}"))?;
        let list = stmt
            .query_map(rusqlite::params_from_iter(args.iter().map(|a| a.as_ref())), summary_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// Turns every request that `lifecycle::is_overdue` says is overdue on
    /// `today` into `overdue`, with a clock event each. Returns how many
    /// changed. The rule over the cached `due_on` (the strict reading's day),
    /// so it runs on an index, not per-row date arithmetic.
    pub fn mark_overdue(&mut self, today: NaiveDate) -> Result<usize> {
        let day = today.to_string();
        let at = self.clock.stamp();
        let awaiting: Vec<&str> =
            RequestStatus::ALL.into_iter().filter(|s| s.awaits_answer()).map(RequestStatus::as_str).collect();
        let awaiting = serde_json::to_string(&awaiting).unwrap_or_default();
        let tx = self.conn.transaction()?;
        let ids: Vec<Id> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM requests WHERE status IN (SELECT value FROM json_each(?2))
                 AND due_on IS NOT NULL AND due_on < ?1",
            )?;
            stmt.query_map(params![day, awaiting], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        for id in &ids {
            tx.execute("UPDATE requests SET status = 'overdue', updated_at = ?2 WHERE id = ?1", params![id, at])?;
            let detail = serde_json::json!({"date": day}).to_string();
            events::record(&tx, *id, EventKind::Overdue, EventCause::Clock, &at, &detail)?;
        }
        tx.commit()?;
        Ok(ids.len())
    }

    /// What needs the user on `today`: overdue, due within `soon_days`,
    /// answers to decide on, drafts.
    pub fn attention(&self, today: NaiveDate, soon_days: u32) -> Result<Attention> {
        let day = today.to_string();
        let soon = (today + chrono::Duration::days(soon_days.into())).to_string();
        let list = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<Vec<RequestSummary>> {
            let mut stmt = self.conn.prepare_cached(&format!("{SUMMARY} WHERE {sql} LIMIT 200"))?;
            Ok(stmt.query_map(args, summary_from_row)?.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Attention {
            today: day.clone(),
            // Overdue requests keep their due date, so one range over the due-date index finds them all.
            overdue: list(
                "r.due_on IS NOT NULL AND r.due_on < ?1 AND r.status NOT IN ('draft', 'answered_complete', 'closed') ORDER BY r.due_on",
                &[&day],
            )?,
            due_soon: list(
                "r.due_on IS NOT NULL AND r.due_on >= ?1 AND r.due_on <= ?2 AND r.status NOT IN ('overdue', 'draft', 'answered_complete', 'closed') ORDER BY r.due_on",
                &[&day, &soon],
            )?,
            // Ordered as the (status, updated_at) index is, so no sort is needed.
            decisions: list("r.status IN ('answered_partial', 'refused') ORDER BY r.status, r.updated_at", &[])?,
            drafts: list("r.status = 'draft' ORDER BY r.updated_at DESC", &[])?,
            basis_changes: Vec::new(),
            mandates_expiring: Vec::new(),
        })
    }

    /// Recomputes the running deadline of every request (after a change of
    /// holiday rules or of a controller's country). Returns how many changed.
    pub fn recompute_deadlines(&mut self) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut changed = 0;
        {
            let mut read = tx.prepare(&format!(
                "SELECT r.id, r.status, CASE WHEN r.deadline_country <> '' THEN r.deadline_country ELSE c.country END, r.due_on,
                        {DATES}
                 FROM requests r JOIN controllers c ON c.id = r.controller_id"
            ))?;
            let mut write = tx.prepare("UPDATE requests SET due_on = ?2, due_kind = ?3 WHERE id = ?1")?;
            let mut rows = read.query([])?;
            while let Some(r) = rows.next()? {
                let status = RequestStatus::parse(&r.get::<_, String>(1)?).unwrap_or(RequestStatus::Draft);
                let country: String = r.get(2)?;
                let old: Option<String> = r.get(3)?;
                let running = lifecycle::running_deadline(status, &dates_from_row(r, 4)?, &country, 0);
                let due = running.as_ref().map(|x| x.deadline.due.clone());
                if due != old {
                    write.execute(params![r.get::<_, Id>(0)?, due, running.map(|x| x.kind).unwrap_or_default()])?;
                    changed += 1;
                }
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Every request with a running deadline, soonest first.
    pub fn running_deadlines(&self) -> Result<Vec<RequestSummary>> {
        let mut stmt = self.conn.prepare(&format!("{SUMMARY} WHERE r.due_on IS NOT NULL ORDER BY r.due_on"))?;
        let rows = stmt.query_map([], summary_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// A stored event word as its kind; one this build does not know is a damaged row.
fn event_kind(word: String) -> rusqlite::Result<EventKind> {
    EventKind::parse(&word).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            3,
            rusqlite::types::Type::Text,
            format!("unknown event kind “{word}”").into(),
        )
    })
}

/// Applies `mark` to request `id` inside `tx`: the lifecycle's next status and
/// dates, the cached deadline, and the Event — the one way a mark is written.
pub(crate) fn mark_in(
    tx: &rusqlite::Transaction<'_>,
    id: Id,
    mark: &Mark,
    cause: EventCause,
    at: &str,
) -> Result<RequestStatus> {
    let (status, dates, country) = lifecycle_state(tx, id)?;
    let (next, dates) = lifecycle::apply(status, &dates, mark)?;
    let running = lifecycle::running_deadline(next, &dates, &country, 0);
    let outcome = match mark {
        Mark::Closed { outcome, .. } => Some(outcome.as_str()),
        _ => None,
    };
    tx.execute(
        "UPDATE requests SET status = ?2, sent_on = ?3, received_on = ?4, acknowledged_on = ?5, extended_on = ?6,
                identity_requested_on = ?7, identity_provided_on = ?8, answered_on = ?9, refused_on = ?10,
                admonished_on = ?11, complained_on = ?12, closed_on = ?13, outcome = coalesce(?14, outcome),
                due_on = ?15, due_kind = ?16, updated_at = ?17 WHERE id = ?1",
        params![
            id,
            next.as_str(),
            dates.sent,
            dates.received,
            dates.acknowledged,
            dates.extended,
            dates.identity_requested,
            dates.identity_provided,
            dates.answered,
            dates.refused,
            dates.admonished,
            dates.complained,
            dates.closed,
            outcome,
            running.as_ref().map(|r| r.deadline.due.clone()),
            running.as_ref().map(|r| r.kind.clone()).unwrap_or_default(),
            at
        ],
    )?;
    let detail =
        serde_json::json!({"date": mark.date(), "from": status.as_str(), "to": next.as_str(), "outcome": outcome});
    events::record(tx, id, mark.event_kind(), cause, at, &detail.to_string())?;
    Ok(next)
}

fn lifecycle_state(conn: &rusqlite::Connection, id: Id) -> Result<(RequestStatus, RequestDates, String)> {
    conn.query_row(
        &format!(
            "SELECT r.status, CASE WHEN r.deadline_country <> '' THEN r.deadline_country ELSE c.country END, {DATES}
             FROM requests r JOIN controllers c ON c.id = r.controller_id WHERE r.id = ?1"
        ),
        [id],
        |r| {
            Ok((
                RequestStatus::parse(&r.get::<_, String>(0)?).unwrap_or(RequestStatus::Draft),
                dates_from_row(r, 2)?,
                r.get::<_, String>(1)?,
            ))
        },
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}
