//! Following a request up: the Art. 15 checklist of an answer, escalation
//! (reminder, then complaint, as new requests that carry the history), post
//! (registered-mail number, return receipt, scans), and desktop notices shown
//! at most once each.

use chrono::NaiveDate;
use rightsdesk_domain::letter::{AccessItem, LetterRequest};
use rightsdesk_domain::lifecycle::Mark;
use rightsdesk_domain::{
    Attachment, ErrorCode, EventCause, FieldError, Id, Invalid, LetterOptions, Notice, Postal, Request, RequestDetail,
    RequestKind, RequestStatus, RequestSummary,
};
use rusqlite::{OptionalExtension, params};

use crate::events;
use crate::{Error, Result, Store};
use rightsdesk_domain::EventKind;

/// Largest file kept with a request (a scan): 20 MiB.
pub const MAX_ATTACHMENT: usize = 20 * 1024 * 1024;

fn invalid(field: &str, message: impl Into<String>) -> Error {
    Invalid(vec![FieldError::new(field, message)]).into()
}

fn mime_of(name: &str, bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"%PDF-") {
        "application/pdf"
    } else if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        "image/jpeg"
    } else if name.to_lowercase().ends_with(".eml") {
        "message/rfc822"
    } else {
        "application/octet-stream"
    }
}

impl Store {
    /// The Art. 15 items an access request's answer contained. What is not
    /// ticked is what a reminder will list as missing.
    pub fn set_checklist(&mut self, id: Id, received: &[AccessItem]) -> Result<()> {
        let r = self.get_request(id)?;
        if r.kind != RequestKind::Access {
            return Err(invalid("checklist", "the Art. 15 checklist belongs to access requests"));
        }
        if r.status == RequestStatus::Draft {
            return Err(invalid("checklist", "the request has not been sent yet"));
        }
        let mut items: Vec<AccessItem> = AccessItem::ALL.into_iter().filter(|i| received.contains(i)).collect();
        items.dedup();
        let missing: Vec<&str> = AccessItem::ALL.iter().filter(|i| !items.contains(i)).map(|i| i.as_str()).collect();
        let json = serde_json::to_string(&items).unwrap_or_else(|_| "[]".into());
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        tx.execute("UPDATE requests SET checklist = ?2, updated_at = ?3 WHERE id = ?1", params![id, json, at])?;
        let detail = serde_json::json!({ "missing": missing }).to_string();
        events::record(&tx, id, EventKind::Checklist, EventCause::User, &at, &detail)?;
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn checklist(&self, id: Id) -> Result<Option<Vec<AccessItem>>> {
        let json: Option<String> =
            self.conn.query_row("SELECT checklist FROM requests WHERE id = ?1", [id], |r| r.get(0))?;
        Ok(json.map(|j| serde_json::from_str(&j).unwrap_or_default()))
    }

    /// One click from an overdue or incomplete request to the next letter: a
    /// reminder (listing what an access answer lacks) or a complaint to the
    /// person's supervisory authority with the request's timeline and letters.
    pub fn escalate(&mut self, id: Id, to: RequestKind) -> Result<Request> {
        use RequestStatus as S;
        let r = self.get_request(id)?;
        if !matches!(to, RequestKind::Reminder | RequestKind::Complaint) {
            return Err(invalid("to", "escalate to a reminder or a complaint"));
        }
        if !rightsdesk_domain::lifecycle::escalations(r.status).contains(&to) {
            return Err(invalid(
                "to",
                format!("a {} request cannot be escalated to a {}", r.status.as_str().replace('_', " "), to.as_str()),
            ));
        }
        let mut options = LetterOptions { regarding: r.reference.clone(), ..Default::default() };
        if to == RequestKind::Reminder && r.status == S::AnsweredPartial {
            match (r.kind, self.checklist(id)?) {
                (RequestKind::Access, Some(received)) => {
                    options.missing = AccessItem::ALL.into_iter().filter(|i| !received.contains(i)).collect();
                }
                (RequestKind::Access, None) => {
                    return Err(invalid(
                        "checklist",
                        "tick the Art. 15 checklist first, so the reminder can list what the answer lacks",
                    ));
                }
                _ => {
                    return Err(invalid(
                        "to",
                        "a reminder lists what an access answer lacks; for other partial answers, complain",
                    ));
                }
            }
            if options.missing.is_empty() {
                return Err(invalid("checklist", "the checklist says the answer is complete: nothing to remind of"));
            }
        }
        let language = self.letter(id).map(|l| l.letter.language.code().to_owned()).unwrap_or_default();
        let slug: String =
            self.conn.query_row("SELECT slug FROM controllers WHERE id = ?1", [r.controller_id], |row| row.get(0))?;
        self.create_request(&LetterRequest { person_id: r.person_id, kind: to, language, options }, &slug)
    }

    /// The request a reminder or complaint follows up, from its letter.
    pub(crate) fn regarding(&self, id: Id) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT json_extract(options, '$.regarding') FROM letters WHERE request_id = ?1", [id], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .flatten()
            .filter(|s| !s.trim().is_empty()))
    }

    /// Requests whose letters follow up `reference`, oldest first.
    pub(crate) fn follow_ups(&self, reference: &str) -> Result<Vec<RequestSummary>> {
        let ids: Vec<Id> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT request_id FROM letters WHERE json_extract(options, '$.regarding') = ?1 ORDER BY request_id",
            )?;
            stmt.query_map([reference], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter().map(|i| self.request_detail_summary(i)).collect()
    }

    /// When a reminder or complaint is sent, its request is marked admonished
    /// or complained on the same day (if its state allows).
    pub(crate) fn propagate_sent(&mut self, id: Id, mark: &Mark) -> Result<()> {
        let Mark::Sent { date } = mark else { return Ok(()) };
        let kind = self.get_request(id)?.kind;
        let follow = match kind {
            RequestKind::Reminder => Mark::Admonished { date: date.clone() },
            RequestKind::Complaint => Mark::Complained { date: date.clone() },
            _ => return Ok(()),
        };
        let Some(reference) = self.regarding(id)? else { return Ok(()) };
        let Ok(original) = self.resolve_request(&reference) else { return Ok(()) };
        match self.mark_request(original, &follow, EventCause::User) {
            Ok(_) => Ok(()),
            // The original moved on (closed, answered): the follow-up stands on its own.
            Err(e) if e.code == ErrorCode::Invalid => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Post: the registered-mail number and the day on the return receipt.
    /// The receipt day is the day the controller received the letter, so it
    /// starts the clock when no receipt was recorded yet.
    pub fn set_postal(&mut self, id: Id, postal: &Postal) -> Result<()> {
        let r = self.get_request(id)?;
        let tracking = postal.tracking_number.trim();
        if tracking.contains(['\r', '\n']) || tracking.len() > 100 {
            return Err(invalid("tracking_number", "one line, at most 100 characters"));
        }
        let receipt = match postal.return_receipt_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(d) => Some(rightsdesk_domain::deadline::parse_date("return_receipt_on", d)?.to_string()),
            None => None,
        };
        if receipt.is_some() && r.status == RequestStatus::Draft {
            return Err(invalid("return_receipt_on", "record the dispatch (sent) first"));
        }
        let at = self.clock.stamp();
        {
            let tx = self.conn.transaction()?;
            tx.execute(
                "UPDATE requests SET tracking_number = ?2, return_receipt_on = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, tracking, receipt, at],
            )?;
            let detail = serde_json::json!({"tracking_number": tracking, "date": receipt}).to_string();
            events::record(&tx, id, EventKind::Postal, EventCause::User, &at, &detail)?;
            tx.commit()?;
        }
        if let Some(date) = receipt
            && self.request_detail(id)?.dates.received.is_none()
        {
            self.mark_request(id, &Mark::Received { date }, EventCause::User)?;
        }
        Ok(())
    }

    pub(crate) fn postal(&self, id: Id) -> Result<Postal> {
        Ok(self.conn.query_row("SELECT tracking_number, return_receipt_on FROM requests WHERE id = ?1", [id], |r| {
            Ok(Postal { tracking_number: r.get(0)?, return_receipt_on: r.get(1)? })
        })?)
    }

    /// Keeps a file (a scan of the posted letter, the return receipt, an answer) with a request.
    pub fn add_attachment(&mut self, id: Id, name: &str, bytes: &[u8]) -> Result<Attachment> {
        self.get_request(id)?;
        let (name, mime) = checked_attachment(name, bytes)?;
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        let attachment = insert_attachment(&tx, id, &name, mime, bytes, &at)?;
        tx.commit()?;
        Ok(Attachment { id: attachment, name, mime: mime.to_owned(), size: bytes.len() as i64, added_at: at })
    }

    /// The user submitted the letter through the recipient's web form on `day`.
    /// A form is received when it is submitted, so the request is sent and
    /// received that day (the clock starts); the letter is kept as the message
    /// that went out, and the form's confirmation (a screenshot, PDF or
    /// e-mail), if given, with the request — all in one transaction, checked
    /// first: a confirmation that cannot be kept leaves the request a draft.
    pub fn sent_by_form(
        &mut self,
        id: Id,
        day: NaiveDate,
        confirmation: Option<(&str, &[u8])>,
    ) -> Result<RequestDetail> {
        let request = self.get_request(id)?;
        if request.status != RequestStatus::Draft {
            return Err(Error::new(
                ErrorCode::Invalid,
                format!("{} was {} already", request.reference, request.status.as_str()),
            ));
        }
        let confirmation = match confirmation {
            Some((name, bytes)) => Some((checked_attachment(name, bytes)?, bytes)),
            None => None,
        };
        let letter = self.letter(id)?.letter;
        let date = day.to_string();
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        crate::requests::mark_in(&tx, id, &Mark::Sent { date: date.clone() }, EventCause::User, &at)?;
        crate::requests::mark_in(&tx, id, &Mark::Received { date }, EventCause::User, &at)?;
        tx.execute(
            "INSERT INTO messages (request_id, direction, channel, subject, body, message_id, at, raw)
             VALUES (?1, 'outgoing', 'web_form', ?2, ?3, '', ?4, NULL)",
            params![id, letter.subject, letter.body, at],
        )?;
        if let Some(((name, mime), bytes)) = &confirmation {
            insert_attachment(&tx, id, name, mime, bytes, &at)?;
        }
        tx.commit()?;
        self.propagate_sent(id, &Mark::Sent { date: day.to_string() })?;
        self.request_detail(id)
    }

    pub(crate) fn attachments(&self, id: Id) -> Result<Vec<Attachment>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, mime, length(bytes), added_at FROM attachments WHERE request_id = ?1 ORDER BY id",
        )?;
        let list = stmt
            .query_map([id], |r| {
                Ok(Attachment { id: r.get(0)?, name: r.get(1)?, mime: r.get(2)?, size: r.get(3)?, added_at: r.get(4)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// A kept file's name and bytes.
    pub fn attachment(&self, attachment_id: Id) -> Result<(String, Vec<u8>)> {
        self.conn
            .query_row("SELECT name, bytes FROM attachments WHERE id = ?1", [attachment_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no attachment {attachment_id}")))
    }

    /// Desktop notices due today that were not shown before: overdue answers,
    /// deadlines within `soon_days`, answers to decide on.
    pub fn pending_notices(&self, today: NaiveDate, soon_days: u32) -> Result<Vec<Notice>> {
        let a = self.attention(today, soon_days)?;
        let mut out = Vec::new();
        let due = |r: &RequestSummary| r.due.clone().unwrap_or_default();
        for r in &a.overdue {
            out.push(Notice {
                key: format!("overdue:{}:{}", r.id, due(r)),
                request_id: r.id,
                title: format!("Overdue: {} ({})", r.reference, r.controller),
                body: format!("The deadline was {}. Send a reminder or complain to the authority.", due(r)),
            });
        }
        for r in &a.due_soon {
            out.push(Notice {
                key: format!("due_soon:{}:{}", r.id, due(r)),
                request_id: r.id,
                title: format!("Due {}: {} ({})", due(r), r.reference, r.controller),
                body: format!("{} must answer by {}.", r.controller, due(r)),
            });
        }
        for r in &a.decisions {
            out.push(Notice {
                key: format!("decision:{}:{}", r.id, r.status.as_str()),
                request_id: r.id,
                title: format!("Decide: {} ({})", r.reference, r.controller),
                body: "The answer is partial or a refusal: remind, complain or close.".into(),
            });
        }
        self.unseen(out)
    }

    /// The notices among `notices` not shown yet (by key).
    pub fn unseen(&self, notices: Vec<Notice>) -> Result<Vec<Notice>> {
        let mut seen = self.conn.prepare_cached("SELECT 1 FROM notifications WHERE key = ?1")?;
        let mut fresh = Vec::new();
        for n in notices {
            if seen.query_row([&n.key], |_| Ok(())).optional()?.is_none() {
                fresh.push(n);
            }
        }
        Ok(fresh)
    }

    /// Records notices as shown, so each appears once.
    pub fn mark_notified(&mut self, keys: &[String]) -> Result<()> {
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        for k in keys {
            tx.execute("INSERT OR IGNORE INTO notifications (key, at) VALUES (?1, ?2)", params![k, at])?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// The name a file is kept under (its last path part) and its type, or why it cannot be kept.
fn checked_attachment(name: &str, bytes: &[u8]) -> Result<(String, &'static str)> {
    let name = name.trim();
    let name = std::path::Path::new(name).file_name().and_then(|n| n.to_str()).unwrap_or(name).to_owned();
    if name.is_empty() {
        return Err(invalid("name", "the file needs a name"));
    }
    if bytes.is_empty() {
        return Err(invalid("file", format!("{name} is empty")));
    }
    if bytes.len() > MAX_ATTACHMENT {
        return Err(invalid("file", format!("{name} is larger than 20 MiB")));
    }
    let mime = mime_of(&name, bytes);
    Ok((name, mime))
}

fn insert_attachment(
    tx: &rusqlite::Transaction<'_>,
    id: Id,
    name: &str,
    mime: &str,
    bytes: &[u8],
    at: &str,
) -> Result<Id> {
    tx.execute(
        "INSERT INTO attachments (request_id, name, mime, bytes, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, name, mime, bytes, at],
    )?;
    let attachment = tx.last_insert_rowid();
    events::record(tx, id, EventKind::AttachmentAdded, EventCause::User, at, name)?;
    Ok(attachment)
}
