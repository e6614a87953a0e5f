//! Mail accounts and the outbox. Passwords go to the OS keyring and nowhere
//! else; the outbox records each message's state before and after every
//! network step, with its Message-ID fixed when it is queued.

use rightsdesk_domain::lifecycle::Mark;
use rightsdesk_domain::mail::{FolderState, MailAccount, MailAccountDraft, OutboxItem, OutboxState, TlsMode};
use rightsdesk_domain::{ErrorCode, EventCause, Id, RequestStatus};
use rusqlite::{OptionalExtension, Row, params};

use crate::events;
use crate::{Error, Result, Store};
use rightsdesk_domain::EventKind;

/// Transient failures are retried this many times before the message fails.
pub const MAX_ATTEMPTS: u32 = 5;

const ACCOUNT_COLUMNS: &str = "id, label, email, smtp_host, smtp_port, smtp_tls, smtp_username, trusted_certificate,
     allow_plaintext, imap_host, imap_port, imap_tls, imap_username, imap_folders, sent_folder, append_to_sent,
     fetch_every_minutes, send_per_minute, oauth";

fn account_from_row(r: &Row<'_>) -> rusqlite::Result<MailAccount> {
    Ok(MailAccount {
        id: r.get(0)?,
        draft: MailAccountDraft {
            label: r.get(1)?,
            email: r.get(2)?,
            smtp_host: r.get(3)?,
            smtp_port: r.get(4)?,
            smtp_tls: TlsMode::parse(&r.get::<_, String>(5)?).unwrap_or(TlsMode::Tls),
            smtp_username: r.get(6)?,
            trusted_certificate: r.get(7)?,
            allow_plaintext: r.get(8)?,
            imap_host: r.get(9)?,
            imap_port: r.get(10)?,
            imap_tls: TlsMode::parse(&r.get::<_, String>(11)?).unwrap_or(TlsMode::Tls),
            imap_username: r.get(12)?,
            imap_folders: serde_json::from_str(&r.get::<_, String>(13)?).unwrap_or_else(|_| vec!["INBOX".into()]),
            sent_folder: r.get(14)?,
            append_to_sent: r.get(15)?,
            fetch_every_minutes: r.get(16)?,
            send_per_minute: r.get(17)?,
            oauth: r.get::<_, Option<String>>(18)?.and_then(|j| serde_json::from_str(&j).ok()),
        },
        has_password: false,
        has_imap_password: false,
        signed_in: false,
    })
}

const OUTBOX_COLUMNS: &str = "o.id, o.request_id, r.reference, o.account_id, o.message_id, o.recipient, o.state,
                              o.attempts, o.last_error, o.queued_at, o.sent_at, o.sent_copy";

fn outbox_from_row(r: &Row<'_>) -> rusqlite::Result<OutboxItem> {
    Ok(OutboxItem {
        id: r.get(0)?,
        request_id: r.get(1)?,
        reference: r.get(2)?,
        account_id: r.get(3)?,
        message_id: r.get(4)?,
        recipient: r.get(5)?,
        state: OutboxState::parse(&r.get::<_, String>(6)?).unwrap_or(OutboxState::Uncertain),
        attempts: r.get(7)?,
        last_error: r.get(8)?,
        queued_at: r.get(9)?,
        sent_at: r.get(10)?,
        sent_copy: r.get(11)?,
    })
}

impl Store {
    fn password_account(&self, account_id: Id) -> String {
        password_account(&self.info.data_dir, account_id)
    }

    /// The keyring entry of an OAuth2 account's tokens (refresh and access token, as JSON).
    fn tokens_account(&self, account_id: Id) -> String {
        format!("{} oauth", password_account(&self.info.data_dir, account_id))
    }

    /// Keeps an account's OAuth2 tokens in the OS keyring (after a sign-in or a refresh).
    pub fn set_mail_tokens(&self, id: Id, tokens: &rightsdesk_domain::oauth::Tokens) -> Result<()> {
        self.mail_account(id)?;
        let json = zeroize::Zeroizing::new(
            serde_json::to_string(tokens).map_err(|e| Error::new(ErrorCode::Internal, e.to_string()))?,
        );
        self.secrets.set(&self.tokens_account(id), &json).map_err(keyring_error)
    }

    /// An account's OAuth2 tokens, if it has signed in.
    pub fn mail_tokens(&self, id: Id) -> Result<Option<rightsdesk_domain::oauth::Tokens>> {
        match self.secrets.get(&self.tokens_account(id)).map_err(keyring_error)? {
            Some(json) => Ok(serde_json::from_str(&json).ok()),
            None => Ok(None),
        }
    }

    /// Forgets an account's tokens (signed out; a sign-in starts afresh).
    pub fn forget_mail_tokens(&self, id: Id) -> Result<()> {
        self.secrets.delete(&self.tokens_account(id)).map_err(keyring_error)
    }

    /// The keyring entry of an IMAP password that differs from the SMTP one.
    fn imap_password_account(&self, account_id: Id) -> String {
        format!("{} imap", password_account(&self.info.data_dir, account_id))
    }

    /// Adds an account; the password (if given) goes to the OS keyring.
    pub fn add_mail_account(&mut self, draft: MailAccountDraft, password: Option<&str>) -> Result<MailAccount> {
        let d = draft.validate()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO mail_accounts (label, email, smtp_host, smtp_port, smtp_tls, created_at)
             VALUES ('', '', '', 0, 'tls', ?1)",
            [self.clock.stamp()],
        )?;
        let id = tx.last_insert_rowid();
        write_settings(&tx, id, &d)?;
        // The keyring first: if it refuses, the account is not added either.
        if let Some(p) = password {
            self.secrets.set(&password_account(&self.info.data_dir, id), p).map_err(keyring_error)?;
        }
        tx.commit()?;
        self.mail_account(id)
    }

    /// Changes an account's settings (not its password). Folders no longer
    /// fetched forget how far they were read.
    pub fn update_mail_account(&mut self, id: Id, draft: MailAccountDraft) -> Result<MailAccount> {
        self.mail_account(id)?;
        let d = draft.validate()?;
        let tx = self.conn.transaction()?;
        write_settings(&tx, id, &d)?;
        let folders = serde_json::to_string(&d.imap_folders).unwrap_or_default();
        tx.execute(
            "DELETE FROM imap_folders WHERE account_id = ?1 AND folder NOT IN (SELECT value FROM json_each(?2))",
            params![id, folders],
        )?;
        tx.commit()?;
        self.mail_account(id)
    }

    pub fn mail_account(&self, id: Id) -> Result<MailAccount> {
        let mut a = self
            .conn
            .query_row(&format!("SELECT {ACCOUNT_COLUMNS} FROM mail_accounts WHERE id = ?1"), [id], account_from_row)
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no mail account {id}")))?;
        a.has_password = matches!(self.secrets.get(&self.password_account(id)), Ok(Some(_)));
        a.has_imap_password = matches!(self.secrets.get(&self.imap_password_account(id)), Ok(Some(_)));
        a.signed_in = matches!(self.secrets.get(&self.tokens_account(id)), Ok(Some(_)));
        Ok(a)
    }

    pub fn mail_accounts(&self) -> Result<Vec<MailAccount>> {
        let ids: Vec<Id> = {
            let mut stmt = self.conn.prepare("SELECT id FROM mail_accounts ORDER BY id")?;
            stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter().map(|id| self.mail_account(id)).collect()
    }

    /// Stores or replaces an account's password in the OS keyring.
    pub fn set_mail_password(&self, id: Id, password: &str) -> Result<()> {
        self.mail_account(id)?;
        self.secrets.set(&self.password_account(id), password).map_err(keyring_error)
    }

    /// Gives the IMAP server a password of its own (a provider that needs
    /// separate ones), or with `None` lets it use the SMTP password again.
    pub fn set_mail_imap_password(&self, id: Id, password: Option<&str>) -> Result<()> {
        self.mail_account(id)?;
        match password {
            Some(p) => self.secrets.set(&self.imap_password_account(id), p).map_err(keyring_error),
            None => self.secrets.delete(&self.imap_password_account(id)).map_err(keyring_error),
        }
    }

    /// The IMAP server's password: its own where it has one, else the account's.
    pub fn mail_imap_password(&self, id: Id) -> Result<String> {
        match self.secrets.get(&self.imap_password_account(id)).map_err(keyring_error)? {
            Some(p) => Ok(p.to_string()),
            None => self.mail_password(id),
        }
    }

    /// The account's (SMTP) password, from the OS keyring.
    pub fn mail_password(&self, id: Id) -> Result<String> {
        match self.secrets.get(&self.password_account(id)).map_err(keyring_error)? {
            Some(p) => Ok(p.to_string()),
            None => Err(Error::new(
                ErrorCode::KeyMissing,
                format!("no password for mail account {id} in the OS keyring: set it with `account password`"),
            )),
        }
    }

    /// Removes an account and its password. Refused while messages of it wait in the outbox.
    pub fn remove_mail_account(&mut self, id: Id) -> Result<()> {
        self.mail_account(id)?;
        let waiting: i64 = self.conn.query_row(
            "SELECT count(*) FROM outbox WHERE account_id = ?1 AND state IN ('queued', 'sending', 'uncertain')",
            [id],
            |r| r.get(0),
        )?;
        if waiting > 0 {
            return Err(Error::new(
                ErrorCode::Invalid,
                format!("{waiting} message(s) of this account are still in the outbox; send or cancel them first"),
            ));
        }
        self.conn.execute("DELETE FROM outbox WHERE account_id = ?1", [id])?;
        self.conn.execute("DELETE FROM mail_accounts WHERE id = ?1", [id])?;
        let _ = self.secrets.delete(&self.password_account(id));
        let _ = self.secrets.delete(&self.imap_password_account(id));
        let _ = self.secrets.delete(&self.tokens_account(id));
        Ok(())
    }

    /// Puts a draft's letter in the outbox, from `account_id`, with its
    /// Message-ID fixed now. A request is queued at most once.
    pub fn queue_letter(&mut self, request_id: Id, account_id: Id) -> Result<OutboxItem> {
        let mut items = self.queue_letters(&[request_id], account_id)?;
        items.pop().ok_or_else(|| Error::new(ErrorCode::Internal, "nothing was queued"))
    }

    /// Puts several drafts' letters in the outbox in one transaction: all of
    /// them, or — if one cannot go (not a draft, no address, a letter that
    /// cannot be written) — none. A request already queued keeps its message.
    pub fn queue_letters(&mut self, request_ids: &[Id], account_id: Id) -> Result<Vec<OutboxItem>> {
        let account = self.mail_account(account_id)?;
        // Everything is checked and written out before the first row goes in.
        enum Plan {
            Existing(Id),
            New { request_id: Id, message_id: String, recipient: String, eml: Vec<u8> },
        }
        let mut plans = Vec::with_capacity(request_ids.len());
        for &request_id in request_ids {
            let request = self.get_request(request_id)?;
            if request.status != RequestStatus::Draft {
                return Err(Error::new(
                    ErrorCode::Invalid,
                    format!("{} was {} already; only drafts are sent", request.reference, request.status.as_str()),
                ));
            }
            let queued: Option<Id> = self
                .conn
                .query_row("SELECT id FROM outbox WHERE request_id = ?1 AND state <> 'failed'", [request_id], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(existing) = queued {
                plans.push(Plan::Existing(existing));
                continue;
            }
            let mut letter = self.letter(request_id)?.letter;
            // From the user's own mailbox, so replies come back to it.
            letter.sender.email = account.draft.email.clone();
            let mut nonce = [0u8; 8];
            getrandom::fill(&mut nonce).map_err(|e| Error::new(ErrorCode::Internal, format!("no randomness: {e}")))?;
            let message_id = rightsdesk_domain::letter::message_id(
                &letter.reference,
                &account.draft.email,
                u64::from_le_bytes(nonce),
            );
            let eml = self.writer.eml(&letter, &message_id, self.clock.now())?;
            plans.push(Plan::New { request_id, message_id, recipient: letter.recipient.email, eml });
        }
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(plans.len());
        for plan in plans {
            match plan {
                Plan::Existing(id) => ids.push(id),
                Plan::New { request_id, message_id, recipient, eml } => {
                    tx.execute(
                        "INSERT INTO outbox (request_id, account_id, message_id, recipient, eml, state, next_attempt_at,
                                             queued_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?6, ?6)",
                        params![request_id, account_id, message_id, recipient, eml, at],
                    )?;
                    ids.push(tx.last_insert_rowid());
                    events::record(&tx, request_id, EventKind::Queued, EventCause::User, &at, &message_id)?;
                }
            }
        }
        tx.commit()?;
        ids.into_iter().map(|id| self.outbox_item(id)).collect()
    }

    pub fn outbox_item(&self, id: Id) -> Result<OutboxItem> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {OUTBOX_COLUMNS} FROM outbox o JOIN requests r ON r.id = o.request_id WHERE o.id = ?1"
                ),
                [id],
                outbox_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no outbox message {id}")))
    }

    pub fn outbox(&self) -> Result<Vec<OutboxItem>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox o JOIN requests r ON r.id = o.request_id ORDER BY o.id"
        ))?;
        let list = stmt.query_map([], outbox_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// The account of the next message due with an id above `after` (see `claim_next_outbox`).
    pub fn next_outbox_account(&self, account_id: Option<Id>, after: Id) -> Result<Option<Id>> {
        Ok(self
            .conn
            .query_row(
                "SELECT account_id FROM outbox WHERE state = 'queued' AND next_attempt_at <= ?1
                   AND (?2 IS NULL OR account_id = ?2) AND id > ?3 ORDER BY id LIMIT 1",
                params![self.clock.stamp(), account_id, after],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Takes the next message due with an id above `after` (so a run tries
    /// each message once), marking it `sending` by this process (committed)
    /// before any byte goes to the server. Returns it with its exact bytes.
    ///
    /// The claim is one UPDATE that only succeeds on a row still `queued`:
    /// of several processes reaching for one message, exactly one wins; the
    /// others move on to the next.
    pub fn claim_next_outbox(&mut self, account_id: Option<Id>, after: Id) -> Result<Option<(OutboxItem, Vec<u8>)>> {
        let at = self.clock.stamp();
        let claimed: Option<(Id, Vec<u8>)> = self
            .conn
            .query_row(
                "UPDATE outbox SET state = 'sending', attempts = attempts + 1, owner = ?4, updated_at = ?1
                  WHERE id = (SELECT id FROM outbox WHERE state = 'queued' AND next_attempt_at <= ?1
                                 AND (?2 IS NULL OR account_id = ?2) AND id > ?3 ORDER BY id LIMIT 1)
                    AND state = 'queued'
                 RETURNING id, eml",
                params![at, account_id, after, crate::process_owner()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, eml)) = claimed else { return Ok(None) };
        Ok(Some((self.outbox_item(id)?, eml)))
    }

    /// The server accepted the message: keep the exact bytes with the request
    /// and mark the request sent today.
    pub fn outbox_sent(&mut self, id: Id) -> Result<()> {
        let item = self.outbox_item(id)?;
        let eml: Vec<u8> = self.conn.query_row("SELECT eml FROM outbox WHERE id = ?1", [id], |r| r.get(0))?;
        // The letter as it went out; a letter that cannot be read is an error, never an empty copy.
        let letter = self.letter(item.request_id)?.letter;
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE outbox SET state = 'sent', sent_at = ?2, updated_at = ?2, last_error = '' WHERE id = ?1
               AND state <> 'sent'",
            params![id, at],
        )?;
        if changed == 0 {
            // Another process recorded it first (e.g. found in Sent): once is enough.
            return Ok(());
        }
        tx.execute(
            "INSERT INTO messages (request_id, direction, channel, subject, body, message_id, at, raw)
             VALUES (?1, 'outgoing', 'email', ?2, ?3, ?4, ?5, ?6)",
            params![item.request_id, letter.subject, letter.body, item.message_id, at, eml],
        )?;
        tx.commit()?;
        let today = self.clock.today();
        self.mark_sent_if_draft(item.request_id, today)
    }

    /// Marks a request sent on `day` unless it has moved on already (another
    /// process may have marked it a moment ago: that is not an error).
    fn mark_sent_if_draft(&mut self, request_id: Id, day: chrono::NaiveDate) -> Result<()> {
        if self.get_request(request_id)?.status != RequestStatus::Draft {
            return Ok(());
        }
        match self.mark_request(request_id, &Mark::Sent { date: day.to_string() }, EventCause::User) {
            Ok(_) => Ok(()),
            Err(_) if self.get_request(request_id)?.status != RequestStatus::Draft => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// A transient failure (4xx, timeout): try again at `next_attempt_at`, or
    /// fail after `MAX_ATTEMPTS`.
    pub fn outbox_retry(&mut self, id: Id, error: &str, next_attempt_at: &str) -> Result<OutboxState> {
        let item = self.outbox_item(id)?;
        let state = if item.attempts >= MAX_ATTEMPTS { OutboxState::Failed } else { OutboxState::Queued };
        self.conn.execute(
            "UPDATE outbox SET state = ?2, last_error = ?3, next_attempt_at = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, state.as_str(), error, next_attempt_at, self.clock.stamp()],
        )?;
        Ok(state)
    }

    /// The account cannot log in until the user signs in again: the message
    /// goes back to waiting, its attempt not counted, the reason kept.
    pub fn outbox_wait(&mut self, id: Id, why: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE outbox SET state = 'queued', attempts = max(attempts - 1, 0), last_error = ?2, updated_at = ?3
              WHERE id = ?1 AND state = 'sending'",
            params![id, why, self.clock.stamp()],
        )?;
        Ok(())
    }

    /// A permanent failure (5xx): stop, keeping the server's words.
    pub fn outbox_failed(&mut self, id: Id, error: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE outbox SET state = 'failed', last_error = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, error, self.clock.stamp()],
        )?;
        Ok(())
    }

    /// At start: messages left `sending` by a process that is gone are
    /// `uncertain` — never silently sent again. Returns how many.
    pub fn reconcile_outbox(&mut self) -> Result<usize> {
        // A crash between recording the server's "accepted" and marking the request leaves a
        // sent message whose request is still a draft: mark it, on the day it went out.
        let unmarked: Vec<(Id, String)> = {
            let mut stmt = self.conn.prepare(
                "SELECT o.request_id, o.sent_at FROM outbox o JOIN requests r ON r.id = o.request_id
                  WHERE o.state = 'sent' AND r.status = 'draft' AND o.sent_at IS NOT NULL",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
        };
        for (request_id, sent_at) in unmarked {
            let day = chrono::DateTime::parse_from_rfc3339(&sent_at)
                .map(|at| at.with_timezone(&chrono::Local).date_naive())
                .unwrap_or_else(|_| self.clock.today());
            self.mark_sent_if_draft(request_id, day)?;
        }
        // Only messages whose sending process is gone: a live process (the app, another
        // `rightsdesk send`) may be waiting for the server's answer on one right now.
        let orphans: Vec<Id> = {
            let mut stmt = self.conn.prepare("SELECT id, owner FROM outbox WHERE state = 'sending'")?;
            let rows: Vec<(Id, String)> =
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            rows.into_iter().filter(|(_, owner)| !crate::owner_alive(owner)).map(|(id, _)| id).collect()
        };
        let mut interrupted = 0;
        for id in orphans {
            interrupted += self.conn.execute(
                "UPDATE outbox SET state = 'uncertain', last_error = 'RightsDesk stopped while sending this message',
                        updated_at = ?2 WHERE id = ?1 AND state = 'sending'",
                params![id, self.clock.stamp()],
            )?;
        }
        Ok(interrupted)
    }

    /// The day the first request was made: replies cannot be older.
    pub fn earliest_request_day(&self) -> Result<Option<chrono::NaiveDate>> {
        let first: Option<String> = self.conn.query_row("SELECT min(created_at) FROM requests", [], |r| r.get(0))?;
        Ok(first.and_then(|d| d.get(..10).and_then(|d| d.parse().ok())))
    }

    /// Messages in `state` (all accounts), oldest first.
    pub fn outbox_in_state(&self, state: OutboxState) -> Result<Vec<OutboxItem>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox o JOIN requests r ON r.id = o.request_id WHERE o.state = ?1 ORDER BY o.id"
        ))?;
        let list = stmt.query_map([state.as_str()], outbox_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// The exact bytes of an outbox message.
    pub fn outbox_eml(&self, id: Id) -> Result<Vec<u8>> {
        self.conn
            .query_row("SELECT eml FROM outbox WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no outbox message {id}")))
    }

    /// What became of the copy in the Sent folder (`appended`, `found`, or why not).
    pub fn set_sent_copy(&mut self, id: Id, copy: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE outbox SET sent_copy = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, copy, self.clock.stamp()],
        )?;
        Ok(())
    }

    /// An interrupted message was found in the account's Sent folder by its
    /// Message-ID: it did go out.
    pub fn outbox_found_in_sent(&mut self, id: Id) -> Result<()> {
        let item = self.outbox_item(id)?;
        if !matches!(item.state, OutboxState::Uncertain | OutboxState::Sending) {
            return Err(Error::new(ErrorCode::Invalid, format!("message {id} is {}", item.state.as_str())));
        }
        self.outbox_sent(id)?;
        self.set_sent_copy(id, "found")
    }

    /// How far a folder has been read: (UIDVALIDITY, last UID).
    pub fn imap_folder_position(&self, account_id: Id, folder: &str) -> Result<(u32, u32)> {
        Ok(self
            .conn
            .query_row(
                "SELECT uidvalidity, last_uid FROM imap_folders WHERE account_id = ?1 AND folder = ?2",
                params![account_id, folder],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or((0, 0)))
    }

    /// Records that a folder was read up to `last_uid` (every message up to it is in the store).
    pub fn set_imap_folder_position(
        &mut self,
        account_id: Id,
        folder: &str,
        uidvalidity: u32,
        last_uid: u32,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO imap_folders (account_id, folder, uidvalidity, last_uid, fetched_at, last_error)
             VALUES (?1, ?2, ?3, ?4, ?5, '')
             ON CONFLICT (account_id, folder) DO UPDATE SET uidvalidity = ?3, last_uid = ?4, fetched_at = ?5,
                                                           last_error = ''",
            params![account_id, folder, uidvalidity, last_uid, self.clock.stamp()],
        )?;
        Ok(())
    }

    /// Records why reading a folder failed; its position is kept.
    pub fn set_imap_folder_error(&mut self, account_id: Id, folder: &str, error: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO imap_folders (account_id, folder, last_error) VALUES (?1, ?2, ?3)
             ON CONFLICT (account_id, folder) DO UPDATE SET last_error = ?3",
            params![account_id, folder, error],
        )?;
        Ok(())
    }

    /// Every fetched folder's state, for the Inbox and Settings.
    pub fn imap_folder_states(&self) -> Result<Vec<FolderState>> {
        let mut stmt = self.conn.prepare(
            "SELECT account_id, folder, fetched_at, last_error FROM imap_folders ORDER BY account_id, folder",
        )?;
        let list = stmt
            .query_map([], |r| {
                Ok(FolderState {
                    account_id: r.get(0)?,
                    folder: r.get(1)?,
                    fetched_at: r.get(2)?,
                    last_error: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// The user decides an uncertain (or failed) message: it did arrive
    /// (`arrived`), or it goes back in the queue.
    pub fn settle_outbox(&mut self, id: Id, arrived: bool) -> Result<()> {
        let item = self.outbox_item(id)?;
        if !matches!(item.state, OutboxState::Uncertain | OutboxState::Failed) {
            return Err(Error::new(ErrorCode::Invalid, format!("message {id} is {}", item.state.as_str())));
        }
        if arrived {
            return self.outbox_sent(id);
        }
        self.conn.execute(
            "UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, self.clock.stamp()],
        )?;
        Ok(())
    }
}

/// Writes every setting of a (validated) account draft; the password is not one of them.
fn write_settings(tx: &rusqlite::Transaction<'_>, id: Id, d: &MailAccountDraft) -> Result<()> {
    tx.execute(
        "UPDATE mail_accounts SET label = ?2, email = ?3, smtp_host = ?4, smtp_port = ?5, smtp_tls = ?6,
                smtp_username = ?7, trusted_certificate = ?8, allow_plaintext = ?9, imap_host = ?10,
                imap_port = ?11, imap_tls = ?12, imap_username = ?13, imap_folders = ?14, sent_folder = ?15,
                append_to_sent = ?16, fetch_every_minutes = ?17, send_per_minute = ?18, oauth = ?19
          WHERE id = ?1",
        params![
            id,
            d.label,
            d.email,
            d.smtp_host,
            d.smtp_port,
            d.smtp_tls.as_str(),
            d.smtp_username,
            d.trusted_certificate,
            d.allow_plaintext,
            d.imap_host,
            d.imap_port,
            d.imap_tls.as_str(),
            d.imap_username,
            serde_json::to_string(&d.imap_folders).unwrap_or_else(|_| "[\"INBOX\"]".into()),
            d.sent_folder,
            d.append_to_sent,
            d.fetch_every_minutes,
            d.send_per_minute,
            d.oauth.as_ref().and_then(|o| serde_json::to_string(o).ok())
        ],
    )?;
    Ok(())
}

/// The secret store's name for an account's password: one per account and data directory.
fn password_account(data_dir: &std::path::Path, account_id: Id) -> String {
    let root = data_dir.canonicalize().unwrap_or_else(|_| data_dir.to_path_buf());
    format!("mail-password {} #{account_id}", root.display())
}

fn keyring_error(e: Error) -> Error {
    // The secret store's errors describe the backend, never the secret.
    Error::new(
        ErrorCode::KeyringUnavailable,
        format!("mail passwords live in the OS keyring, which cannot be used: {}", e.message),
    )
}
