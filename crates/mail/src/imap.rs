//! The incoming side of the user's mailbox: fetch replies from IMAP folders,
//! find an interrupted message in the Sent folder by its Message-ID, and
//! append a copy of a sent message there.
//!
//! Invariants: folders are opened read-only (EXAMINE, BODY.PEEK), so fetching
//! never changes the user's mailbox; a folder's position (UIDVALIDITY, last
//! UID) advances only after every message up to it is in the store, so a
//! failure part-way re-reads, never skips (Message-IDs keep imports once-only);
//! the same rustls stack and trusted certificate as SMTP; no error carries
//! the password.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

use rightsdesk_domain::mail::{
    FetchFailure, FetchReport, FetchSummary, FolderFetch, IncomingMail, MailAccount, OutboxState, RejectedMail, TlsMode,
};
use rightsdesk_domain::{ErrorCode, Id};
use rightsdesk_store::{Error, Store};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};

use crate::{Exclusive, StoreAccess, parse};

const TIMEOUT: Duration = Duration::from_secs(30);
/// Messages fetched per round trip; the folder position is saved after each chunk.
const CHUNK: usize = 200;

/// A TCP connection, TLS from the start or after STARTTLS, or plain (only to
/// this computer, only when the account allows it).
#[derive(Debug)]
pub enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Self::Plain(s) => s.read(buf),
            Self::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Self::Plain(s) => s.write(buf),
            Self::Tls(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Self::Plain(s) => s.flush(),
            Self::Tls(s) => s.flush(),
        }
    }
}

/// A logged-in IMAP session.
pub type Session = imap::Session<Stream>;

/// The system's certificates plus the one the account trusts (self-hosted servers).
pub(crate) fn tls_config(trusted_certificate: &str) -> Result<Arc<rustls::ClientConfig>, String> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if !trusted_certificate.is_empty() {
        let pem = std::fs::read(trusted_certificate)
            .map_err(|e| format!("cannot read the trusted certificate {trusted_certificate}: {e}"))?;
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
            .collect::<Result<_, _>>()
            .map_err(|e| format!("{trusted_certificate} is not a PEM certificate: {e}"))?;
        if certs.is_empty() {
            return Err(format!("{trusted_certificate} holds no certificate"));
        }
        for cert in certs {
            roots.add(cert).map_err(|e| format!("{trusted_certificate}: {e}"))?;
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS setup failed: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

fn tcp(host: &str, port: u16) -> Result<TcpStream, String> {
    let addrs = (host, port).to_socket_addrs().map_err(|e| format!("cannot find {host}: {e}"))?;
    let mut last = format!("{host} has no address");
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, TIMEOUT) {
            Ok(s) => {
                let _ = s.set_read_timeout(Some(TIMEOUT));
                let _ = s.set_write_timeout(Some(TIMEOUT));
                return Ok(s);
            }
            Err(e) => last = format!("cannot connect to {host}:{port}: {e}"),
        }
    }
    Err(last)
}

fn tls(host: &str, trusted: &str, tcp: TcpStream) -> Result<Stream, String> {
    let name = ServerName::try_from(host.to_owned()).map_err(|e| format!("“{host}” is not a server name: {e}"))?;
    let mut conn = rustls::ClientConnection::new(tls_config(trusted)?, name).map_err(|e| format!("TLS: {e}"))?;
    let mut tcp = tcp;
    // Handshake now, so a certificate problem is reported as such.
    while conn.is_handshaking() {
        conn.complete_io(&mut tcp).map_err(|e| format!("TLS handshake with {host} failed: {e}"))?;
    }
    Ok(Stream::Tls(Box::new(rustls::StreamOwned::new(conn, tcp))))
}

/// One line from the server, read byte by byte so nothing meant for the TLS
/// layer is swallowed.
fn read_line(tcp: &mut TcpStream) -> std::io::Result<String> {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while line.len() < 8192 {
        if tcp.read(&mut byte)? == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the server closed the connection"));
        }
        line.push(byte[0]);
        if byte[0] == b'\n' {
            break;
        }
    }
    Ok(String::from_utf8_lossy(&line).trim_end().to_owned())
}

/// The plain-text start of an IMAP session up to STARTTLS (RFC 3501 6.2.1):
/// greeting, command, the tagged answer. Refused unless the server says OK.
fn starttls(host: &str, mut tcp: TcpStream) -> Result<TcpStream, String> {
    let io = |e: std::io::Error| format!("{host}: {e}");
    let greeting = read_line(&mut tcp).map_err(io)?;
    if !greeting.starts_with("* OK") {
        return Err(format!("{host} did not greet as an IMAP server: {greeting}"));
    }
    tcp.write_all(b"rd0 STARTTLS\r\n").map_err(io)?;
    loop {
        let line = read_line(&mut tcp).map_err(io)?;
        if let Some(answer) = line.strip_prefix("rd0 ") {
            return if answer.starts_with("OK") { Ok(tcp) } else { Err(format!("{host} refused STARTTLS: {answer}")) };
        }
    }
}

/// Connects and logs in; the server's own words on failure, never the password.
pub fn connect(account: &MailAccount, password: &str) -> Result<Session, String> {
    let d = &account.draft;
    if !d.has_imap() {
        return Err("this account has no incoming (IMAP) server".into());
    }
    let host = d.imap_host.as_str();
    let tcp = tcp(host, d.imap_port)?;
    let words = |e: imap::Error| format!("{host}: {e}");
    let client = match d.imap_tls {
        TlsMode::Tls => {
            let mut c = imap::Client::new(tls(host, &d.trusted_certificate, tcp)?);
            c.read_greeting().map_err(words)?;
            c
        }
        TlsMode::StartTls => {
            let tcp = starttls(host, tcp)?;
            // No second greeting after STARTTLS (RFC 3501 6.2.1).
            imap::Client::new(tls(host, &d.trusted_certificate, tcp)?)
        }
        TlsMode::Plain if d.allow_plaintext => {
            let mut c = imap::Client::new(Stream::Plain(tcp));
            c.read_greeting().map_err(words)?;
            c
        }
        TlsMode::Plain => return Err("plain-text IMAP is not allowed for this account".into()),
    };
    if d.oauth.is_some() {
        // `password` is the access token: SASL XOAUTH2, as Microsoft and Google want it.
        let auth = XOAuth2(rightsdesk_domain::oauth::xoauth2(d.imap_login(), password));
        return client.authenticate("XOAUTH2", &auth).map_err(|(e, _)| words(e));
    }
    client.login(d.imap_login(), password).map_err(|(e, _)| words(e))
}

/// The XOAUTH2 response, sent whatever the (empty) challenge.
struct XOAuth2(String);

impl imap::Authenticator for XOAuth2 {
    type Response = String;
    fn process(&self, _challenge: &[u8]) -> String {
        self.0.clone()
    }
}

/// Connects, logs in and opens the folders the account reads and its Sent folder.
pub fn test_connection(account: &MailAccount, password: &str) -> Result<(), String> {
    let mut session = connect(account, password)?;
    let d = &account.draft;
    for folder in d.imap_folders.iter().chain([&d.sent_folder]) {
        session.examine(folder).map_err(|e| format!("{}: folder “{folder}”: {e}", d.imap_host))?;
    }
    let _ = session.logout();
    Ok(())
}

/// Is the message with this Message-ID in `folder`?
pub fn find_message(session: &mut Session, folder: &str, message_id: &str) -> Result<bool, String> {
    if message_id.contains(['"', '\\', '\r', '\n']) {
        return Ok(false);
    }
    session.examine(folder).map_err(|e| format!("folder “{folder}”: {e}"))?;
    let found = session
        .uid_search(format!("HEADER Message-ID \"{message_id}\""))
        .map_err(|e| format!("searching “{folder}”: {e}"))?;
    Ok(!found.is_empty())
}

/// Appends a sent message to `folder`, marked as read.
pub fn append(session: &mut Session, folder: &str, eml: &[u8]) -> Result<(), String> {
    session
        .append(folder, eml)
        .flag(imap::types::Flag::Seen)
        .finish()
        .map(|_| ())
        .map_err(|e| format!("appending to “{folder}”: {e}"))
}

/// "1-Jan-2026", the date form IMAP's SEARCH SINCE takes.
fn imap_date(date: chrono::NaiveDate) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    use chrono::Datelike;
    format!("{}-{}-{}", date.day(), MONTHS[date.month0() as usize], date.year())
}

/// Reads the messages of `folder` that are new since the last fetch into the
/// store. On the first read of a folder only mail since `since` is read: the
/// user's older mail has nothing to do with their requests. The store is
/// held only to read the position and to take in each chunk.
pub fn fetch_folder(
    session: &mut Session,
    access: &impl StoreAccess,
    account_id: Id,
    folder: &str,
    since: chrono::NaiveDate,
) -> Result<FolderFetch, Error> {
    let mut report = FolderFetch { folder: folder.to_owned(), ..FolderFetch::default() };
    let io = |e: String| Error::new(ErrorCode::Io, e);
    let mailbox = session.examine(folder).map_err(|e| io(format!("folder “{folder}”: {e}")))?;
    let validity = mailbox.uid_validity.unwrap_or(0);
    let (known_validity, mut last) = access.with(|s| s.imap_folder_position(account_id, folder))?;
    let first_read = known_validity != validity || last == 0;
    if known_validity != validity {
        last = 0;
    }
    if mailbox.exists == 0 || mailbox.uid_next.is_some_and(|next| next <= last + 1) {
        access.with(|s| s.set_imap_folder_position(account_id, folder, validity, last))?;
        return Ok(report);
    }
    let query = if first_read {
        format!("UID {}:* SINCE {}", last + 1, imap_date(since))
    } else {
        format!("UID {}:*", last + 1)
    };
    // "N:*" matches the last message even when its UID is below N: filter.
    let mut uids: Vec<u32> = session
        .uid_search(&query)
        .map_err(|e| io(format!("searching “{folder}”: {e}")))?
        .into_iter()
        .filter(|uid| *uid > last)
        .collect();
    uids.sort_unstable();
    for chunk in uids.chunks(CHUNK) {
        let set = chunk.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
        let fetches =
            session.uid_fetch(&set, "(UID BODY.PEEK[])").map_err(|e| io(format!("reading “{folder}”: {e}")))?;
        let mut got: Vec<(u32, Vec<u8>)> = fetches.iter().filter_map(|f| Some((f.uid?, f.body()?.to_vec()))).collect();
        got.sort_by_key(|(uid, _)| *uid);
        // Parsed before taking the store; then the whole chunk and the new position at once.
        let parsed: Vec<(u32, &[u8], Result<IncomingMail, String>)> =
            got.iter().map(|(uid, raw)| (*uid, raw.as_slice(), parse::parse(raw))).collect();
        let max = chunk.iter().max().copied().unwrap_or(last);
        access.with(|s| {
            for (uid, raw, mail) in &parsed {
                match mail {
                    // Our own letter (its copy in Sent): already kept with its request.
                    Ok(mail) if s.is_own_message(&mail.message_id)? => report.duplicates += 1,
                    Ok(mail) => {
                        let done = s.import_mail(mail, raw)?;
                        if done.duplicate {
                            report.duplicates += 1;
                        } else {
                            report.new += 1;
                            report.filed += u32::from(done.filed_to.is_some());
                        }
                    }
                    Err(error) => report.rejected.push(RejectedMail { position: *uid, error: error.clone() }),
                }
            }
            // Every message of the chunk is in the store (or was unreadable and is listed): move on.
            s.set_imap_folder_position(account_id, folder, validity, max)
        })?;
        last = max;
    }
    if uids.is_empty() {
        access.with(|s| s.set_imap_folder_position(account_id, folder, validity, last))?;
    }
    Ok(report)
}

/// Messages of `account_id` left uncertain by an interrupted send: those the
/// Sent folder holds (by Message-ID) did go out and are marked sent; the rest
/// stay uncertain for the user, with what was checked. Returns the references
/// confirmed.
pub fn confirm_from_sent(
    session: &mut Session,
    access: &impl StoreAccess,
    account: &MailAccount,
) -> Result<Vec<String>, Error> {
    let mut confirmed = Vec::new();
    let folder = account.draft.sent_folder.clone();
    for item in access.with(|s| s.outbox_in_state(OutboxState::Uncertain))? {
        if item.account_id != account.id {
            continue;
        }
        match find_message(session, &folder, &item.message_id) {
            Ok(true) => {
                access.with(|s| s.outbox_found_in_sent(item.id))?;
                confirmed.push(item.reference);
            }
            Ok(false) => {
                let note = format!("not in “{folder}” (checked {})", now_minute());
                access.with(|s| s.set_sent_copy(item.id, &note))?;
            }
            Err(e) => access.with(|s| s.set_sent_copy(item.id, &format!("could not check “{folder}”: {e}")))?,
        }
    }
    Ok(confirmed)
}

fn now_minute() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M").to_string()
}

/// Fetches every folder the account reads, and settles interrupted sends
/// found in its Sent folder. A server that cannot be reached is an error
/// (recorded on each folder); nothing already stored is touched.
pub fn fetch_account(store: &mut Store, account_id: Id) -> Result<FetchReport, Error> {
    fetch_account_shared(&Exclusive::new(store), account_id)
}

/// `fetch_account`, holding the store only between network steps.
pub fn fetch_account_shared(access: &impl StoreAccess, account_id: Id) -> Result<FetchReport, Error> {
    let (account, since) = access.with(|s| {
        let since = s.earliest_request_day()?.unwrap_or_else(|| chrono::Local::now().date_naive());
        Ok((s.mail_account(account_id)?, since - chrono::Duration::days(1)))
    })?;
    if !account.draft.has_imap() {
        return Err(Error::new(
            ErrorCode::Invalid,
            format!("{} has no incoming (IMAP) server: add one in the account's settings", account.draft.email),
        ));
    }
    let password = if account.draft.oauth.is_some() {
        crate::oauth::access_token(access, &account)?
    } else {
        access.with(|s| s.mail_imap_password(account_id))?
    };
    let mut session = match connect(&account, &password) {
        Ok(s) => s,
        Err(e) => {
            access.with(|s| {
                account.draft.imap_folders.iter().try_for_each(|f| s.set_imap_folder_error(account_id, f, &e))
            })?;
            return Err(Error::new(ErrorCode::Io, format!("cannot fetch mail: {e}")));
        }
    };
    let mut report = FetchReport { account_id, ..FetchReport::default() };
    report.confirmed_sent = confirm_from_sent(&mut session, access, &account)?;
    for folder in &account.draft.imap_folders {
        match fetch_folder(&mut session, access, account_id, folder, since) {
            Ok(f) => report.folders.push(f),
            Err(e) if e.code == ErrorCode::Io => {
                access.with(|s| s.set_imap_folder_error(account_id, folder, &e.message))?;
                report.folders.push(FolderFetch {
                    folder: folder.clone(),
                    error: Some(e.message),
                    ..FolderFetch::default()
                });
            }
            Err(e) => return Err(e),
        }
    }
    let _ = session.logout();
    Ok(report)
}

/// Fetches `only` that account, or every account with an incoming server;
/// one account's failure does not stop the others (it is in the result).
pub fn fetch_all(store: &mut Store, only: Option<Id>) -> Result<FetchSummary, Error> {
    fetch_all_shared(&Exclusive::new(store), only)
}

/// `fetch_all`, holding the store only between network steps.
pub fn fetch_all_shared(access: &impl StoreAccess, only: Option<Id>) -> Result<FetchSummary, Error> {
    let accounts = access.with(|s| match only {
        Some(id) => Ok(vec![s.mail_account(id)?]),
        None => Ok(s.mail_accounts()?.into_iter().filter(|a| a.draft.has_imap()).collect()),
    })?;
    let mut summary = FetchSummary::default();
    for a in accounts {
        match fetch_account_shared(access, a.id) {
            Ok(report) => summary.fetched.push(report),
            // A fault of the store itself is not the server's: stop.
            Err(e) if matches!(e.code, ErrorCode::Io | ErrorCode::Invalid | ErrorCode::KeyMissing) => {
                summary.failed.push(FetchFailure { account_id: a.id, email: a.draft.email, message: e.message })
            }
            Err(e) => return Err(e),
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_dates_are_in_imap_form() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(imap_date(d), "5-Jan-2026");
        assert_eq!(imap_date(chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()), "31-Dec-2026");
    }

    #[test]
    fn a_bad_trusted_certificate_is_a_clear_error() {
        let dir = std::env::temp_dir().join(format!("rd-imap-cert-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("not.pem");
        std::fs::write(&path, "hello").unwrap();
        let e = tls_config(&path.display().to_string()).unwrap_err();
        assert!(e.contains("holds no certificate") || e.contains("not a PEM"), "{e}");
        assert!(tls_config("/nonexistent/cert.pem").unwrap_err().contains("cannot read"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
