//! Erasing a person: everything held about them, in one transaction, with
//! SQLite's `secure_delete` on (freed pages are zeroed, not left readable in
//! the decrypted file) and a WAL checkpoint after it (the old pages leave
//! the write-ahead log too). What remains is one `erasures` row: the day and
//! the counts, nothing that points back to the person (migration
//! `0018_erasures.sql`).

use rightsdesk_domain::{Erasure, ErrorCode, Id};
use rusqlite::{Connection, OptionalExtension};

use crate::{Error, Result, Store};

/// The person's requests, as a subquery over `?1` (the person's id).
const REQUESTS: &str = "SELECT id FROM requests WHERE person_id = ?1";

/// Received e-mail that is the person's: filed or suggested to one of their
/// requests, or sent from one of their addresses.
fn mail_in_condition() -> String {
    format!(
        "request_id IN ({REQUESTS}) OR suggested_request_id IN ({REQUESTS})
         OR lower(from_address) IN (SELECT lower(address) FROM person_emails WHERE person_id = ?1)"
    )
}

fn inventory(conn: &Connection, id: Id) -> Result<Erasure> {
    let display_name: String = conn
        .query_row("SELECT display_name FROM people WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no person with id {id}")))?;
    let count = |sql: String| -> Result<u32> { Ok(conn.query_row(&sql, [id], |r| r.get::<_, u32>(0))?) };
    let of_requests = |table: &str| format!("SELECT count(*) FROM {table} WHERE request_id IN ({REQUESTS})");
    Ok(Erasure {
        person_id: id,
        display_name,
        requests: count("SELECT count(*) FROM requests WHERE person_id = ?1".into())?,
        letters: count(of_requests("letters"))?,
        messages: count(of_requests("messages"))?,
        attachments: count(of_requests("attachments"))?,
        mail_in: count(format!("SELECT count(*) FROM mail_in WHERE {}", mail_in_condition()))?,
        events: count(of_requests("events"))?,
        outbox: count(of_requests("outbox"))?,
        mandates: count("SELECT count(*) FROM mandates WHERE person_id = ?1".into())?,
        sending: count(format!("SELECT count(*) FROM outbox WHERE state = 'sending' AND request_id IN ({REQUESTS})"))?,
    })
}

impl Store {
    /// What erasing this person would remove (nothing is changed).
    pub fn erasure_inventory(&self, id: Id) -> Result<Erasure> {
        inventory(&self.conn, id)
    }

    /// Erases the person and everything held about them. Refused, with
    /// nothing changed, while one of their e-mails is being sent. Returns
    /// what was removed.
    pub fn erase_person(&mut self, id: Id) -> Result<Erasure> {
        self.conn.pragma_update(None, "secure_delete", true)?;
        let result = self.erase_in_transaction(id);
        // Whatever happened, the rest of this connection's writes go back to
        // the ordinary (faster) deletes; the checkpoint only after a commit.
        let reset = self.conn.pragma_update(None, "secure_delete", false);
        let erased = result?;
        reset?;
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(erased)
    }

    fn erase_in_transaction(&mut self, id: Id) -> Result<Erasure> {
        let at = self.clock.stamp();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let erasure = inventory(&tx, id)?;
        if let Some(why) = erasure.refusal() {
            return Err(Error::new(ErrorCode::Invalid, why));
        }
        let requests: Vec<Id> = {
            let mut stmt = tx.prepare(REQUESTS)?;
            stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        tx.execute(&format!("DELETE FROM mail_in WHERE {}", mail_in_condition()), [id])?;
        tx.execute(&format!("DELETE FROM outbox WHERE request_id IN ({REQUESTS})"), [id])?;
        // Notices already shown, by key: a later person or request given the
        // same row id must not inherit them.
        tx.execute("DELETE FROM notifications WHERE key LIKE 'basis:%:' || ?1", [id])?;
        for r in &requests {
            for kind in ["overdue", "due_soon", "decision"] {
                tx.execute("DELETE FROM notifications WHERE key LIKE ?1", [format!("{kind}:{r}:%")])?;
            }
        }
        // Letters, messages, events, attachments, filing; mandates and their
        // scans: by their foreign keys.
        tx.execute("DELETE FROM requests WHERE person_id = ?1", [id])?;
        tx.execute("DELETE FROM people WHERE id = ?1", [id])?;
        tx.execute(
            "INSERT INTO erasures (at, requests, letters, messages, attachments, mail_in, events, outbox, mandates)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                at,
                erasure.requests,
                erasure.letters,
                erasure.messages,
                erasure.attachments,
                erasure.mail_in,
                erasure.events,
                erasure.outbox,
                erasure.mandates
            ],
        )?;
        tx.commit()?;
        Ok(erasure)
    }

    /// How many erasures this store has recorded (the records hold no personal data).
    pub fn erasures_recorded(&self) -> Result<u32> {
        Ok(self.conn.query_row("SELECT count(*) FROM erasures", [], |r| r.get(0))?)
    }
}

impl Store {
    /// Received e-mail of the person's (see `mail_in_condition`) that is not
    /// filed to one of their requests: suggested to one, or from them and
    /// filed elsewhere or nowhere. Their export carries it apart.
    pub fn person_mail_elsewhere(&self, id: Id) -> Result<Vec<Id>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id FROM mail_in WHERE ({}) AND (request_id IS NULL OR request_id NOT IN ({REQUESTS})) ORDER BY id",
            mail_in_condition()
        ))?;
        Ok(stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    }
}
