//! One SMTP session a batch reuses, on lettre's `SmtpConnection`.
//!
//! Why not lettre's `SmtpTransport`: it writes a message's content and the
//! final `.` in two writes, so the second (five bytes) waits under Nagle's
//! algorithm for the server's delayed ACK of the first — about 40 ms a
//! message, 16 messages/s to a local server. Here the dot-stuffed content
//! and its terminator go out in one write. Its pool also sent a NOOP before
//! each reuse; a session here is reused as long as the server answers, and
//! opened again after any failure.

use std::fmt;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{SmtpConnection, Tls};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};

use crate::{SendError, classify};

/// Where and how to submit: an account's SMTP server, its TLS and login.
pub struct Submission {
    host: String,
    port: u16,
    tls: Tls,
    credentials: Credentials,
    mechanisms: &'static [Mechanism],
    timeout: Duration,
    hello: ClientId,
    connection: Option<SmtpConnection>,
}

impl fmt::Debug for Submission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the credentials.
        f.debug_struct("Submission")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("connected", &self.connection.is_some())
            .finish()
    }
}

/// A message's content as it goes after `DATA`: lines beginning with a dot
/// get a second one (RFC 5321 §4.5.2), and the content ends with CRLF `.` CRLF.
pub fn data_section(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + message.len() / 64 + 5);
    let mut line_start = true;
    for &b in message {
        if line_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        line_start = b == b'\n';
    }
    if !out.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// A whole data section, written by `SmtpConnection::command` in one write.
struct Whole<'a>(&'a str);

impl fmt::Display for Whole<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Submission {
    pub(crate) fn new(
        host: &str,
        port: u16,
        tls: Tls,
        credentials: Credentials,
        mechanisms: &'static [Mechanism],
        timeout: Duration,
    ) -> Self {
        let hello = ClientId::default();
        Self { host: host.to_owned(), port, tls, credentials, mechanisms, timeout, hello, connection: None }
    }

    fn connect(&self) -> Result<SmtpConnection, lettre::transport::smtp::Error> {
        let wrapper = match &self.tls {
            Tls::Wrapper(p) => Some(p),
            _ => None,
        };
        let mut conn =
            SmtpConnection::connect((self.host.as_str(), self.port), Some(self.timeout), &self.hello, wrapper, None)?;
        match &self.tls {
            Tls::Required(p) => conn.starttls(p, &self.hello)?,
            Tls::Opportunistic(p) if conn.can_starttls() => conn.starttls(p, &self.hello)?,
            _ => {}
        }
        conn.auth(self.mechanisms, &self.credentials)?;
        Ok(conn)
    }

    /// The open session, opened (and logged in) if there is none.
    fn session(&mut self) -> Result<&mut SmtpConnection, SendError> {
        if self.connection.as_ref().is_some_and(|c| c.has_broken()) {
            self.connection = None;
        }
        match self.connection {
            Some(ref mut c) => Ok(c),
            None => {
                let c = self.connect().map_err(|e| classify(&e))?;
                Ok(self.connection.insert(c))
            }
        }
    }

    /// Connects and logs in (a new session each time: this is the test).
    pub fn test(&mut self) -> Result<(), SendError> {
        self.close();
        self.session().map(|_| ())
    }

    /// Sends one message. After any failure the session is closed, and the
    /// next message opens a new one.
    pub fn send(&mut self, envelope: &Envelope, message: &[u8]) -> Result<(), SendError> {
        let conn = self.session()?;
        // As lettre does: never send what the server did not say it takes.
        let mut options = Vec::new();
        let non_ascii = envelope.from().into_iter().chain(envelope.to()).any(|a| !AsRef::<str>::as_ref(a).is_ascii());
        if non_ascii {
            if !conn.server_info().supports_feature(Extension::SmtpUtfEight) {
                return Err(SendError::Permanent(
                    "the addresses are not plain ASCII, and the server does not take SMTPUTF8".into(),
                ));
            }
            options.push(MailParameter::SmtpUtfEight);
        }
        if !message.is_ascii() {
            if !conn.server_info().supports_feature(Extension::EightBitMime) {
                return Err(SendError::Permanent(
                    "the message is not plain ASCII, and the server does not take 8BITMIME".into(),
                ));
            }
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        let sent = (|| -> Result<(), lettre::transport::smtp::Error> {
            conn.command(Mail::new(envelope.from().cloned(), options))?;
            for to in envelope.to() {
                conn.command(Rcpt::new(to.clone(), Vec::new()))?;
            }
            conn.command(Data)?;
            let section = data_section(message);
            match std::str::from_utf8(&section) {
                Ok(text) => conn.command(Whole(text))?,
                // Not UTF-8 (a message from elsewhere): lettre's own two writes.
                Err(_) => conn.message(message)?,
            };
            Ok(())
        })();
        if let Err(e) = sent {
            if let Some(mut c) = self.connection.take() {
                c.abort();
            }
            return Err(classify(&e));
        }
        Ok(())
    }

    /// Says QUIT, if a session is open.
    pub fn close(&mut self) {
        if let Some(mut c) = self.connection.take() {
            let _ = c.quit();
        }
    }
}

impl Drop for Submission {
    fn drop(&mut self) {
        self.close();
    }
}

#[cfg(test)]
mod tests {
    use super::data_section;

    #[test]
    fn a_line_that_begins_with_a_dot_gets_a_second_one_and_the_section_ends_with_the_terminator() {
        assert_eq!(data_section(b".start\r\nmid .dot\r\n.\r\nend"), b"..start\r\nmid .dot\r\n..\r\nend\r\n.\r\n");
        assert_eq!(data_section(b"ends well\r\n"), b"ends well\r\n.\r\n");
    }
}
