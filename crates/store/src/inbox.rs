//! Mail that came in: kept once (by Message-ID) with its exact bytes, filed
//! to its request — by In-Reply-To/References to a message we sent, else by
//! our reference in the subject or text — or left in the Inbox with a
//! suggestion by the sender's domain.

use rightsdesk_domain::mail::{InboxMail, IncomingMail, MailImport, MailState};
use rightsdesk_domain::{ErrorCode, Id};
use rusqlite::{OptionalExtension, Row, params};

use crate::events;
use crate::{Error, Result, Store};
use rightsdesk_domain::mail::MessageId;
use rightsdesk_domain::{EventCause, EventKind};

const COLUMNS: &str = "m.id, m.message_id, m.from_name, m.from_address, m.subject, m.date, m.state, m.request_id,
                       r.reference, m.filed_by, m.suggested_request_id, s.reference, m.text,
                       (SELECT count(*) FROM mail_in_attachments a WHERE a.mail_id = m.id), m.html IS NOT NULL";
const FROM: &str =
    "mail_in m LEFT JOIN requests r ON r.id = m.request_id LEFT JOIN requests s ON s.id = m.suggested_request_id";

fn mail_from_row(r: &Row<'_>) -> rusqlite::Result<InboxMail> {
    let name: String = r.get(2)?;
    let address: String = r.get(3)?;
    Ok(InboxMail {
        id: r.get(0)?,
        message_id: r.get(1)?,
        from: if name.is_empty() { address } else { format!("{name} <{address}>") },
        subject: r.get(4)?,
        date: r.get(5)?,
        state: MailState::parse(&r.get::<_, String>(6)?).unwrap_or(MailState::Unfiled),
        request_id: r.get(7)?,
        reference: r.get(8)?,
        filed_by: r.get(9)?,
        suggested_request_id: r.get(10)?,
        suggested_reference: r.get(11)?,
        text: r.get(12)?,
        attachments: r.get(13)?,
        has_html: r.get(14)?,
    })
}

/// `RD-2026-1Z`-shaped words in a text.
/// The stored form of a Message-ID (`<…>`); an unreadable one matches nothing.
fn stored(id: &str) -> String {
    MessageId::parse(id).map(MessageId::into_string).unwrap_or_default()
}

impl Store {
    /// A message RightsDesk itself sent (its copy in a Sent folder, say).
    pub fn is_own_message(&self, message_id: &str) -> Result<bool> {
        let id = stored(message_id);
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE message_id = ?1)
                 OR EXISTS (SELECT 1 FROM messages WHERE message_id = ?1 AND direction = 'outgoing')",
            [&id],
            |r| r.get(0),
        )?)
    }

    /// Keeps a message (once) and files it where it belongs.
    pub fn import_mail(&mut self, mail: &IncomingMail, raw: &[u8]) -> Result<MailImport> {
        let message_id = stored(&mail.message_id);
        if message_id.is_empty() {
            return Err(Error::new(ErrorCode::Invalid, "the message has no Message-ID"));
        }
        if let Some(existing) = self
            .conn
            .query_row("SELECT id FROM mail_in WHERE message_id = ?1", [&message_id], |r| r.get::<_, Id>(0))
            .optional()?
        {
            return Ok(MailImport { mail_id: existing, duplicate: true, filed_to: None, suggested: None });
        }
        let (request, filed_by) = match self.request_by_message_ids(mail.in_reply_to.iter().chain(&mail.references))? {
            Some(id) => (Some(id), "reply"),
            None => match self.request_by_reference(&format!("{}\n{}", mail.subject, mail.text))? {
                Some(id) => (Some(id), "reference"),
                None => (None, ""),
            },
        };
        let suggested = match request {
            Some(_) => None,
            None => self.request_by_sender_domain(&mail.from_address)?,
        };
        let at = self.clock.stamp();
        let json =
            |v: &[String]| serde_json::to_string(&v.iter().map(|s| stored(s)).collect::<Vec<_>>()).unwrap_or_default();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO mail_in (message_id, in_reply_to, refs, from_address, from_name, subject, date, text, html, raw,
                                  state, request_id, filed_by, suggested_request_id, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                message_id,
                json(&mail.in_reply_to),
                json(&mail.references),
                mail.from_address,
                mail.from_name,
                mail.subject,
                mail.date,
                mail.text,
                mail.html,
                raw,
                if request.is_some() { "filed" } else { "unfiled" },
                request,
                filed_by,
                suggested,
                at
            ],
        )?;
        let mail_id = tx.last_insert_rowid();
        for a in &mail.attachments {
            tx.execute(
                "INSERT INTO mail_in_attachments (mail_id, name, mime, bytes) VALUES (?1, ?2, ?3, ?4)",
                params![mail_id, a.name, a.mime, a.bytes],
            )?;
        }
        if let Some(id) = request {
            let detail = serde_json::json!({"mail": mail_id, "from": mail.from_address, "subject": mail.subject});
            events::record(&tx, id, EventKind::MailReceived, EventCause::MailImport, &at, &detail.to_string())?;
        }
        tx.commit()?;
        let reference = |id: Option<Id>| id.and_then(|i| self.get_request(i).ok()).map(|r| r.reference);
        Ok(MailImport { mail_id, duplicate: false, filed_to: reference(request), suggested: reference(suggested) })
    }

    /// A request whose sent message is among `ids` (In-Reply-To, References).
    fn request_by_message_ids<'a>(&self, ids: impl Iterator<Item = &'a String>) -> Result<Option<Id>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT request_id FROM outbox WHERE message_id = ?1
             UNION SELECT request_id FROM messages WHERE message_id = ?1 AND message_id <> '' LIMIT 1",
        )?;
        for id in ids {
            let bracketed = stored(id);
            if let Some(r) = stmt.query_row([&bracketed], |r| r.get(0)).optional()? {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    fn request_by_reference(&self, text: &str) -> Result<Option<Id>> {
        for reference in rightsdesk_domain::Reference::find_in(text) {
            if let Ok(id) = self.resolve_request(reference.as_str()) {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// The newest open request to a controller whose e-mail or web address
    /// shares the sender's domain.
    fn request_by_sender_domain(&self, from: &str) -> Result<Option<Id>> {
        let Some((_, domain)) = from.rsplit_once('@') else { return Ok(None) };
        let domain = domain.trim().to_lowercase();
        if domain.is_empty() {
            return Ok(None);
        }
        let like = format!("%{domain}%");
        Ok(self
            .conn
            .query_row(
                "SELECT r.id FROM requests r JOIN controllers c ON c.id = r.controller_id
                 WHERE r.status NOT IN ('draft', 'closed')
                   AND (c.web LIKE ?1 OR EXISTS (SELECT 1 FROM controller_contacts k WHERE k.controller_id = c.id
                                                  AND k.kind = 'email' AND lower(k.value) LIKE ?2))
                 ORDER BY r.updated_at DESC LIMIT 1",
                params![like, format!("%@{domain}")],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The Inbox: unfiled mail (or all of it), newest first.
    pub fn inbox(&self, all: bool) -> Result<Vec<InboxMail>> {
        let filter = if all { "" } else { "WHERE m.state = 'unfiled'" };
        let mut stmt = self.conn.prepare(&format!("SELECT {COLUMNS} FROM {FROM} {filter} ORDER BY m.id DESC"))?;
        let list = stmt.query_map([], mail_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    pub fn mail(&self, id: Id) -> Result<InboxMail> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} FROM {FROM} WHERE m.id = ?1"), [id], mail_from_row)
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no mail {id}")))
    }

    /// Mail filed to a request, oldest first.
    pub fn mail_for_request(&self, request_id: Id) -> Result<Vec<InboxMail>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {COLUMNS} FROM {FROM} WHERE m.request_id = ?1 ORDER BY m.id"))?;
        let list = stmt.query_map([request_id], mail_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// Files a message to a request by hand.
    pub fn file_mail(&mut self, mail_id: Id, request_id: Id) -> Result<InboxMail> {
        let mail = self.mail(mail_id)?;
        self.get_request(request_id)?;
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE mail_in SET state = 'filed', request_id = ?2, filed_by = 'user', suggested_request_id = NULL WHERE id = ?1",
            params![mail_id, request_id],
        )?;
        let detail = serde_json::json!({"mail": mail_id, "subject": mail.subject});
        events::record(&tx, request_id, EventKind::MailReceived, EventCause::User, &at, &detail.to_string())?;
        tx.commit()?;
        self.mail(mail_id)
    }

    /// Leaves a message out of the Inbox (kept, never deleted).
    pub fn ignore_mail(&mut self, mail_id: Id) -> Result<InboxMail> {
        self.mail(mail_id)?;
        self.conn.execute("UPDATE mail_in SET state = 'ignored' WHERE id = ?1", [mail_id])?;
        self.mail(mail_id)
    }

    /// A message's exact bytes.
    /// The HTML body as received (unsafe: show only after sanitising).
    pub fn mail_html(&self, mail_id: Id) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT html FROM mail_in WHERE id = ?1", [mail_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no mail {mail_id}")))
    }

    pub fn mail_raw(&self, mail_id: Id) -> Result<Vec<u8>> {
        self.conn
            .query_row("SELECT raw FROM mail_in WHERE id = ?1", [mail_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no mail {mail_id}")))
    }
}
