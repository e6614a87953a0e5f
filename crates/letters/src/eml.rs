//! A letter as an RFC 5322 message (`.eml`) and as a `mailto:` link.
//!
//! Header values go through lettre's encoder: a CR or LF the user typed can
//! never start a header of its own.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use lettre::Message;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use rightsdesk_domain::Letter;

use crate::{Error, Result};

fn mailbox(name: &str, address: &str, who: &str) -> Result<Mailbox> {
    let address = address
        .trim()
        .parse()
        .map_err(|e| Error::Mail(format!("the {who} address “{}” is not an e-mail address: {e}", address.trim())))?;
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(Mailbox::new(Some(name).filter(|n| !n.is_empty()), address))
}

/// The letter as a complete e-mail: From the person, To the recipient, the
/// given Message-ID (fixed before sending, so a resend can be recognised) and
/// Date. Fails when either side has no e-mail address.
pub fn eml(letter: &Letter, message_id: &str, date: DateTime<Utc>) -> Result<Vec<u8>> {
    if letter.sender.email.trim().is_empty() {
        return Err(Error::Mail("the person has no e-mail address: add one to send the letter by e-mail".into()));
    }
    if letter.recipient.email.trim().is_empty() {
        return Err(Error::Mail(format!(
            "{} has no e-mail address on record: send the PDF by post or add an address",
            letter.recipient.name
        )));
    }
    let from = mailbox(&letter.sender.name, &letter.sender.email, "sender")?;
    let to = mailbox(&letter.recipient.name, &letter.recipient.email, "recipient")?;
    let when = UNIX_EPOCH + Duration::from_secs(u64::try_from(date.timestamp()).unwrap_or(0));
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(letter.subject.as_str())
        .message_id(Some(message_id.to_owned()))
        .date(if when > UNIX_EPOCH { when } else { SystemTime::UNIX_EPOCH })
        .header(ContentType::TEXT_PLAIN)
        .body(letter.body.clone())
        .map_err(|e| Error::Mail(format!("the e-mail could not be built: {e}")))?;
    Ok(message.formatted())
}

/// A Message-ID for a letter: `<reference.nonce@domain of the sender>`.
pub fn message_id(reference: &str, sender_email: &str, nonce: u64) -> String {
    let domain =
        sender_email.rsplit_once('@').map(|(_, d)| d.trim()).filter(|d| !d.is_empty()).unwrap_or("rightsdesk.invalid");
    let safe: String = reference.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    rightsdesk_domain::mail::MessageId::new(&format!("{safe}.{nonce:x}"), domain).into_string()
}

/// Longest link handed to a mail program; longer letters are copied or exported instead.
pub const MAILTO_MAX: usize = 2000;

/// `mailto:` with subject and body, when the recipient has an address and the
/// link stays under `MAILTO_MAX` characters.
pub fn mailto(letter: &Letter) -> Option<String> {
    let to = letter.recipient.email.trim();
    if to.is_empty() || to.contains(['\r', '\n', '?', '&']) {
        return None;
    }
    let body = letter.body.replace('\n', "\r\n");
    let link = format!("mailto:{}?subject={}&body={}", encode(to), encode(&letter.subject), encode(&body));
    (link.len() <= MAILTO_MAX).then_some(link)
}

/// Percent-encoding of everything but RFC 3986 unreserved characters (and `@` in addresses).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_well_formed() {
        assert_eq!(message_id("RD-2026-1Z", "ana@example.org", 255), "<RD-2026-1Z.ff@example.org>");
        assert_eq!(message_id("RD x\r\n", "", 1), "<RDx.1@rightsdesk.invalid>");
    }

    #[test]
    fn encode_escapes_reserved_characters() {
        assert_eq!(encode("a b&c=d\r\n"), "a%20b%26c%3Dd%0D%0A");
        assert_eq!(encode("ż"), "%C5%BC");
    }
}
