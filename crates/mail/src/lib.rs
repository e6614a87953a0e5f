//! The user's own mailbox: sending letters (SMTP), fetching replies and
//! checking the Sent folder (`imap`), reading messages (`parse`), showing
//! their HTML inert (`html`).
//!
//! Invariants: a message is marked `sending` in the store before a byte goes
//! to the server and `sent` only after the server accepted it, so a crash in
//! between leaves it `uncertain` until its Message-ID is found in the Sent
//! folder or the user decides (never sent twice silently); transient
//! failures (4xx, timeouts) are retried with backoff, permanent ones (5xx)
//! stop with the server's own words; one SMTP connection serves a batch, at
//! the account's rate; the store is held per step, never across the network
//! (`StoreAccess`); no error message carries a password.

pub mod dns;
pub mod html;
pub mod imap;
pub mod oauth;
pub mod parse;
pub mod setup;
pub mod smtp;

use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS, Mechanism};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use rightsdesk_domain::mail::{ConnectionCheck, MailAccount, MailFileReport, OutboxState, RejectedMail, TlsMode};
use rightsdesk_domain::{ErrorCode, Id};
use rightsdesk_store::{Error, Store};
pub use smtp::Submission;

/// Why a message did not go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// Worth trying again later (4xx, connection trouble, timeout).
    Transient(String),
    /// The server refused for good (5xx), or the account is misconfigured.
    Permanent(String),
    /// An OAuth2 account's sign-in is revoked or expired: the message waits
    /// (not failed, its attempt not counted) until the user signs in again.
    SignIn(String),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Transient(m) | Self::Permanent(m) | Self::SignIn(m) => f.write_str(m),
        }
    }
}

fn classify(e: &lettre::transport::smtp::Error) -> SendError {
    // The server's own words (code and text) are the useful part of the error.
    let text = e.to_string();
    if e.is_permanent() { SendError::Permanent(text) } else { SendError::Transient(text) }
}

const TIMEOUT: Duration = Duration::from_secs(30);

/// An SMTP session for `account` (a batch reuses it; opened on first use).
pub fn transport(account: &MailAccount, password: &str) -> Result<Submission, SendError> {
    let d = &account.draft;
    let tls = |host: &str| -> Result<TlsParameters, SendError> {
        let mut b = TlsParameters::builder(host.to_owned());
        if !d.trusted_certificate.is_empty() {
            let pem = std::fs::read(&d.trusted_certificate).map_err(|e| {
                SendError::Permanent(format!("cannot read the trusted certificate {}: {e}", d.trusted_certificate))
            })?;
            let cert = Certificate::from_pem(&pem).map_err(|e| {
                SendError::Permanent(format!("{} is not a PEM certificate: {e}", d.trusted_certificate))
            })?;
            b = b.add_root_certificate(cert);
        }
        b.build().map_err(|e| SendError::Permanent(format!("TLS setup failed: {e}")))
    };
    let tls = match d.smtp_tls {
        TlsMode::Tls => Tls::Wrapper(tls(&d.smtp_host)?),
        TlsMode::StartTls => Tls::Required(tls(&d.smtp_host)?),
        TlsMode::Plain if d.allow_plaintext => Tls::None,
        TlsMode::Plain => {
            return Err(SendError::Permanent("plain-text SMTP is not allowed for this account".into()));
        }
    };
    // For an OAuth2 account `password` is the access token, offered only as XOAUTH2.
    let mechanisms: &'static [Mechanism] = if d.oauth.is_some() { &[Mechanism::Xoauth2] } else { DEFAULT_MECHANISMS };
    Ok(Submission::new(
        &d.smtp_host,
        d.smtp_port,
        tls,
        Credentials::new(d.login().to_owned(), password.to_owned()),
        mechanisms,
        TIMEOUT,
    ))
}

/// Connects and logs in; the server's own error text on failure.
pub fn test_connection(account: &MailAccount, password: &str) -> Result<(), SendError> {
    transport(account, password)?.test()
}

/// "Test connection" for both servers of an account: each one's own answer,
/// each server with its own password (the same one, for most providers).
pub fn check_account(account: &MailAccount, smtp_password: &str, imap_password: &str) -> Vec<ConnectionCheck> {
    let d = &account.draft;
    let check = |server: &str, host: &str, outcome: Result<String, String>| {
        let (ok, message) = match outcome {
            Ok(m) => (true, m),
            Err(m) => (false, m),
        };
        let guidance = if ok {
            None
        } else {
            rightsdesk_domain::mailbox::refusal_guidance(setup::builtin_table(), &d.email, host, &message)
        };
        ConnectionCheck { server: server.into(), host: host.to_owned(), ok, message, guidance }
    };
    let mut checks = vec![check(
        "smtp",
        &d.smtp_host,
        test_connection(account, smtp_password).map(|()| "connected and logged in".into()).map_err(|e| e.to_string()),
    )];
    if d.has_imap() {
        checks.push(check(
            "imap",
            &d.imap_host,
            imap::test_connection(account, imap_password)
                .map(|()| format!("connected, logged in, opened {} and {}", d.imap_folders.join(", "), d.sent_folder)),
        ));
    }
    checks
}

/// "Test connection" for a stored account: its passwords from the keyring,
/// or for an OAuth2 account its access token (refreshed when due).
pub fn check_stored(access: &impl StoreAccess, id: Id) -> Result<Vec<ConnectionCheck>, Error> {
    let (account, passwords) = account_and_passwords(access, id)?;
    let smtp = passwords.smtp.map_err(|e| Error::new(ErrorCode::KeyMissing, e))?;
    let imap = passwords.imap.map_err(|e| Error::new(ErrorCode::KeyMissing, e))?;
    Ok(check_account(&account, &smtp, &imap))
}

/// What one run of the outbox did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SendReport {
    pub sent: Vec<String>,
    /// (reference, the server's words)
    pub retry_later: Vec<(String, String)>,
    pub failed: Vec<(String, String)>,
    /// Waiting for the user to sign in again (OAuth2): (reference, why).
    pub signed_out: Vec<(String, String)>,
}

/// Backoff before the n-th retry: 1, 2, 4, 8, then 16 minutes for every later one.
pub fn backoff(attempts: u32) -> chrono::Duration {
    chrono::Duration::minutes(1i64 << attempts.saturating_sub(1).min(4))
}

/// How a run of the outbox behaves.
#[derive(Debug, Clone, Copy)]
pub struct SendOptions {
    /// Only this account's messages (default: all).
    pub account: Option<Id>,
    /// Pause between messages (a batch's rate limit); `None`: each account's own
    /// `send_per_minute`.
    pub pause: Option<Duration>,
    /// Wait before retrying after the n-th transient failure.
    pub backoff: fn(u32) -> chrono::Duration,
}

impl Default for SendOptions {
    fn default() -> Self {
        Self { account: None, pause: None, backoff }
    }
}

/// How a mail run reaches the store. A run waits on the network (and on the
/// rate limit) most of the time; an implementation holds the store only for
/// the duration of `with`, so the app stays usable while mail goes out or
/// comes in. Every step that needs the store is one `with` call, and the
/// outbox's state is written in it before and after each network step.
pub trait StoreAccess {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, Error>) -> Result<T, Error>;
}

/// The whole store for one run (the CLI, tests): nothing else uses it meanwhile.
#[derive(Debug)]
pub struct Exclusive<'a>(std::cell::RefCell<&'a mut Store>);

impl<'a> Exclusive<'a> {
    pub fn new(store: &'a mut Store) -> Self {
        Self(std::cell::RefCell::new(store))
    }
}

impl StoreAccess for Exclusive<'_> {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, Error>) -> Result<T, Error> {
        f(&mut self.0.borrow_mut())
    }
}

/// An account's passwords, read from the keyring (a missing password is the
/// account's problem, not the run's). For an OAuth2 account both are the
/// access token, refreshed first if it is about to expire.
struct Passwords {
    smtp: Result<String, String>,
    imap: Result<String, String>,
    /// The OAuth2 sign-in is gone: messages wait instead of failing.
    sign_in: bool,
}

fn account_and_passwords(access: &impl StoreAccess, id: Id) -> Result<(MailAccount, Passwords), Error> {
    let account = access.with(|s| s.mail_account(id))?;
    if account.draft.oauth.is_some() {
        let token = oauth::access_token(access, &account);
        let sign_in = matches!(&token, Err(e) if e.code == ErrorCode::KeyMissing);
        let token = token.map_err(|e| e.message);
        return Ok((account, Passwords { smtp: token.clone(), imap: token, sign_in }));
    }
    let passwords = access.with(|s| {
        Ok(Passwords {
            smtp: s.mail_password(id).map_err(|e| e.message),
            imap: s.mail_imap_password(id).map_err(|e| e.message),
            sign_in: false,
        })
    })?;
    Ok((account, passwords))
}

/// What one run knows of an account: its settings and password (read from
/// the keyring once per run, not per message), its SMTP connection and, when
/// it keeps copies in Sent, its IMAP session — each opened when first needed.
struct RunAccount {
    account: MailAccount,
    passwords: Passwords,
    smtp: Option<Result<Submission, SendError>>,
    sent_folder: Option<Result<imap::Session, String>>,
}

impl RunAccount {
    /// The run's entry for `id`, read from the store (and the keyring) the first time.
    fn find(accounts: &mut Vec<RunAccount>, access: &impl StoreAccess, id: Id) -> Result<usize, Error> {
        if let Some(i) = accounts.iter().position(|a| a.account.id == id) {
            return Ok(i);
        }
        let (account, passwords) = account_and_passwords(access, id)?;
        accounts.push(RunAccount { account, passwords, smtp: None, sent_folder: None });
        Ok(accounts.len() - 1)
    }

    fn smtp(&mut self) -> &mut Result<Submission, SendError> {
        let (account, password, sign_in) = (&self.account, &self.passwords.smtp, self.passwords.sign_in);
        let missing = move |why| if sign_in { SendError::SignIn(why) } else { SendError::Permanent(why) };
        self.smtp.get_or_insert_with(|| password.clone().map_err(missing).and_then(|p| transport(account, &p)))
    }
}

/// Sends every message due in the outbox, one connection per account.
pub fn send_queued(store: &mut Store, options: &SendOptions) -> Result<SendReport, Error> {
    send_queued_shared(&Exclusive::new(store), options)
}

/// `send_queued`, holding the store only between network steps.
pub fn send_queued_shared(access: &impl StoreAccess, options: &SendOptions) -> Result<SendReport, Error> {
    let account = options.account;
    let mut report = SendReport::default();
    let mut accounts: Vec<RunAccount> = Vec::new();
    let mut first = true;
    let mut after = 0;
    while let Some(next_account) = access.with(|s| s.next_outbox_account(account, after))? {
        let i = RunAccount::find(&mut accounts, access, next_account)?;
        // The rate limit, taken before the claim: a crash while waiting leaves the message queued.
        if !first {
            std::thread::sleep(options.pause.unwrap_or_else(|| accounts[i].account.draft.send_pause()));
        }
        first = false;
        let Some((item, eml)) = access.with(|s| s.claim_next_outbox(account, after))? else { break };
        after = item.id;
        // Usually the account just looked at; another process may have taken that message meanwhile.
        let i = RunAccount::find(&mut accounts, access, item.account_id)?;
        let run = &mut accounts[i];
        // The envelope's sender is the account's own address, not read back out of the bytes.
        let from = run.account.draft.email.clone();
        let outcome = match run.smtp() {
            Err(e) => Err(e.clone()),
            Ok(t) => envelope(&from, &item.recipient).and_then(|env| t.send(&env, &eml)),
        };
        // A refused token is a sign-in to renew, not a message to give up on.
        let outcome = match outcome {
            Err(SendError::Permanent(why)) if run.account.draft.oauth.is_some() && why.contains("535") => {
                Err(SendError::SignIn(format!("sign in again: the server refused the sign-in ({why})")))
            }
            other => other,
        };
        match outcome {
            Ok(()) => {
                access.with(|s| s.outbox_sent(item.id))?;
                copy_to_sent(access, run, item.id, &eml)?;
                report.sent.push(item.reference);
            }
            Err(SendError::Transient(why)) => {
                let next = (chrono::Utc::now() + (options.backoff)(item.attempts))
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
                match access.with(|s| s.outbox_retry(item.id, &why, &next))? {
                    OutboxState::Failed => report.failed.push((item.reference, why)),
                    _ => report.retry_later.push((item.reference, why)),
                }
            }
            Err(SendError::Permanent(why)) => {
                access.with(|s| s.outbox_failed(item.id, &why))?;
                report.failed.push((item.reference, why));
            }
            Err(SendError::SignIn(why)) => {
                access.with(|s| s.outbox_wait(item.id, &why))?;
                report.signed_out.push((item.reference, why));
            }
        }
    }
    Ok(report)
}

/// Appends a sent message to the account's Sent folder when the account asks
/// for it. The message is sent either way; the outcome is noted on it.
fn copy_to_sent(access: &impl StoreAccess, run: &mut RunAccount, outbox_id: Id, eml: &[u8]) -> Result<(), Error> {
    if !run.account.draft.append_to_sent {
        return Ok(());
    }
    let (account, password) = (&run.account, &run.passwords.imap);
    let session = run.sent_folder.get_or_insert_with(|| password.clone().and_then(|p| imap::connect(account, &p)));
    let outcome = match session {
        Ok(session) => imap::append(session, &account.draft.sent_folder, eml),
        Err(e) => Err(e.clone()),
    };
    let copy = outcome.map(|()| "appended".to_owned()).unwrap_or_else(|e| e);
    access.with(|s| s.set_sent_copy(outbox_id, &copy))
}

/// What reconciling the outbox after a crash found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Reconciled {
    /// Messages that were being sent when RightsDesk stopped.
    pub interrupted: usize,
    /// Of all uncertain messages, those found in a Sent folder: marked sent.
    pub confirmed: Vec<String>,
    /// Accounts whose Sent folder could not be searched, with why.
    pub unchecked: Vec<String>,
}

/// Run before sending, once per process: messages a crash left `sending`
/// become `uncertain` (never silently sent again); every uncertain message
/// whose account has an IMAP server is looked up in its Sent folder by
/// Message-ID and, if there, marked sent. The rest wait for the user.
pub fn reconcile(store: &mut Store) -> Result<Reconciled, Error> {
    reconcile_shared(&Exclusive::new(store))
}

/// `reconcile`, holding the store only between network steps.
pub fn reconcile_shared(access: &impl StoreAccess) -> Result<Reconciled, Error> {
    let mut done = Reconciled { interrupted: access.with(|s| s.reconcile_outbox())?, ..Reconciled::default() };
    let uncertain = access.with(|s| s.outbox_in_state(OutboxState::Uncertain))?;
    let mut accounts: Vec<Id> = uncertain.iter().map(|i| i.account_id).collect();
    accounts.sort_unstable();
    accounts.dedup();
    for id in accounts {
        let (account, passwords) = account_and_passwords(access, id)?;
        if !account.draft.has_imap() {
            continue;
        }
        match passwords.imap.and_then(|p| imap::connect(&account, &p)) {
            Ok(mut s) => {
                done.confirmed.extend(imap::confirm_from_sent(&mut s, access, &account)?);
                let _ = s.logout();
            }
            Err(e) => done.unchecked.push(format!("{}: {e}", account.draft.email)),
        }
    }
    Ok(done)
}

/// The SMTP envelope: from the account's address to the recipient.
fn envelope(from: &str, recipient: &str) -> Result<Envelope, SendError> {
    let parse = |a: &str| a.parse().map_err(|e| SendError::Permanent(format!("“{a}” is not an e-mail address: {e}")));
    Envelope::new(Some(parse(from)?), vec![parse(recipient)?]).map_err(|e| SendError::Permanent(e.to_string()))
}

/// Imports an .eml file or an mbox: every readable message once; each
/// unreadable one listed with why, the others still imported.
pub fn import_file(store: &mut Store, bytes: &[u8]) -> Result<MailFileReport, Error> {
    let messages = if parse::is_mbox(bytes) { parse::split_mbox(bytes) } else { vec![bytes.to_vec()] };
    let mut report = MailFileReport::default();
    for (i, raw) in messages.iter().enumerate() {
        match parse::parse(raw) {
            Ok(mail) => report.imported.push(store.import_mail(&mail, raw)?),
            Err(error) => report.rejected.push(RejectedMail { position: i as u32 + 1, error }),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff(1).num_minutes(), 1);
        assert_eq!(backoff(2).num_minutes(), 2);
        assert_eq!(backoff(4).num_minutes(), 8);
        assert_eq!(backoff(40).num_minutes(), 16);
    }

    #[test]
    fn the_envelope_goes_from_the_account_to_the_recipient() {
        let env = envelope("ada@example.org", "privacy@example.com").unwrap();
        assert_eq!(env.from().map(|a| a.to_string()).as_deref(), Some("ada@example.org"));
        assert_eq!(env.to()[0].to_string(), "privacy@example.com");
        assert!(envelope("not an address", "a@b.c").is_err());
        assert!(envelope("ada@example.org", "").is_err());
    }
}
