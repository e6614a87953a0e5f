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
