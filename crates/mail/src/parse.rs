//! Reading mail: one RFC 5322 message into an `IncomingMail`, an mbox into
//! its messages. A message that cannot be read is an error naming why;
//! nothing is half-imported.

use mailparse::{DispositionType, MailHeaderMap, ParsedMail};
use rightsdesk_domain::mail::{IncomingAttachment, IncomingMail, MessageId};
use sha2::{Digest, Sha256};

/// The Message-IDs in a header, each in the stored form (`<…>`).
fn ids(header: Option<String>) -> Vec<String> {
    header
        .and_then(|h| mailparse::msgidparse(&h).ok())
        .map(|l| l.iter().filter_map(|id| MessageId::parse(id)).map(MessageId::into_string).collect())
        .unwrap_or_default()
}

/// HTML → readable text: tags dropped, block ends as line breaks, entities for the common characters.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    let mut skip = false;
    for c in html.chars() {
        if in_tag {
            if c == '>' {
                in_tag = false;
                let t = tag.trim_start_matches('/').split_whitespace().next().unwrap_or("").to_ascii_lowercase();
                if matches!(t.as_str(), "script" | "style") {
                    skip = !tag.starts_with('/');
                }
                if matches!(t.as_str(), "br" | "p" | "div" | "li" | "tr" | "h1" | "h2" | "h3") {
                    out.push('\n');
                }
                tag.clear();
            } else {
                tag.push(c);
            }
        } else if c == '<' {
            in_tag = true;
        } else if !skip {
            out.push(c);
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    let out = out.replace("&amp;", "&");
    out.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_owned()
}

fn walk(
    part: &ParsedMail<'_>,
    text: &mut Option<String>,
    html: &mut Option<String>,
    files: &mut Vec<IncomingAttachment>,
) {
    if !part.subparts.is_empty() {
        for p in &part.subparts {
            walk(p, text, html, files);
        }
        return;
    }
    let disposition = part.get_content_disposition();
    let mime = part.ctype.mimetype.to_ascii_lowercase();
    let name = disposition.params.get("filename").cloned().or_else(|| part.ctype.params.get("name").cloned());
    if disposition.disposition == DispositionType::Attachment || (name.is_some() && !mime.starts_with("text/")) {
        if let Ok(bytes) = part.get_body_raw() {
            files.push(IncomingAttachment { name: name.unwrap_or_else(|| "attachment".into()), mime, bytes });
        }
    } else if mime == "text/plain" && text.is_none() {
        *text = part.get_body().ok();
    } else if mime == "text/html" && html.is_none() {
        *html = part.get_body().ok();
    }
}

/// Parses one message. Without a Message-ID, one is made from a hash of the
/// bytes, so importing the same file twice still adds it once.
pub fn parse(raw: &[u8]) -> Result<IncomingMail, String> {
    let mail = mailparse::parse_mail(raw).map_err(|e| format!("not an e-mail message: {e}"))?;
    let h = &mail.headers;
    let from_header = h.get_first_value("From").ok_or("not an e-mail message: it has no From header")?;
    let (from_name, from_address) = match mailparse::addrparse(&from_header).ok().and_then(|l| l.extract_single_info())
    {
        Some(info) => (info.display_name.unwrap_or_default(), info.addr),
        None => (String::new(), from_header.trim().to_owned()),
    };
    let message_id = ids(h.get_first_value("Message-ID"))
        .into_iter()
        .next()
        .unwrap_or_else(|| MessageId::new(&hex::encode(Sha256::digest(raw))[..32], "rightsdesk.sha256").into_string());
    let date = h
        .get_first_value("Date")
        .and_then(|d| mailparse::dateparse(&d).ok())
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|d| d.to_rfc3339());
    let (mut text, mut html, mut attachments) = (None, None, Vec::new());
    walk(&mail, &mut text, &mut html, &mut attachments);
    let text = match (text, &html) {
        (Some(t), _) => t.replace("\r\n", "\n"),
        (None, Some(h)) => html_to_text(h),
        (None, None) => String::new(),
    };
    Ok(IncomingMail {
        message_id,
        in_reply_to: ids(h.get_first_value("In-Reply-To")),
        references: ids(h.get_first_value("References")),
        from_address,
        from_name,
        subject: h.get_first_value("Subject").unwrap_or_default(),
        date,
        text,
        html,
        attachments,
    })
}

/// Splits an mbox file into messages (lines starting "From " begin one;
/// ">From " escapes are undone).
pub fn split_mbox(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<u8>> = None;
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        if line.starts_with(b"From ") {
            if let Some(m) = current.take() {
                out.push(m);
            }
            current = Some(Vec::new());
            continue;
        }
        if let Some(m) = current.as_mut() {
            let unescaped = if line.starts_with(b">From ") { &line[1..] } else { line };
            m.extend_from_slice(unescaped);
        }
    }
    if let Some(m) = current {
        out.push(m);
    }
    out
}

/// Whether a file is an mbox (starts with a "From " line) rather than one message.
pub fn is_mbox(bytes: &[u8]) -> bool {
    bytes.starts_with(b"From ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_is_read_with_its_threading_headers() {
        let raw = b"From: \"Privacy Team\" <privacy@spotify.com>\r\nTo: ada@example.org\r\nSubject: Re: Request\r\n\
Message-ID: <abc@spotify.com>\r\nIn-Reply-To: <RD-2026-1.ff@example.org>\r\nReferences: <x@y> <RD-2026-1.ff@example.org>\r\n\
Date: Tue, 3 Feb 2026 10:00:00 +0000\r\n\r\nHello Ada\r\n";
        let m = parse(raw).unwrap();
        assert_eq!(m.message_id, "<abc@spotify.com>");
        assert_eq!(m.in_reply_to, ["<RD-2026-1.ff@example.org>"]);
        assert_eq!(m.references.len(), 2);
        assert_eq!((m.from_name.as_str(), m.from_address.as_str()), ("Privacy Team", "privacy@spotify.com"));
        assert_eq!(m.date.as_deref(), Some("2026-02-03T10:00:00+00:00"));
        assert_eq!(m.text.trim(), "Hello Ada");
    }

    #[test]
    fn html_only_mail_gets_text_and_keeps_the_html() {
        let raw = b"From: a@b.c\r\nContent-Type: text/html\r\n\r\n<p>Dear Ada,</p><script>alert(1)</script><p>your data &amp; more</p>";
        let m = parse(raw).unwrap();
        assert_eq!(m.text, "Dear Ada,\n\nyour data & more");
        assert!(m.html.unwrap().contains("<script>"), "kept as sent; shown only sanitised");
        assert!(m.message_id.ends_with("@rightsdesk.sha256>"));
    }

    #[test]
    fn broken_input_is_refused_and_mbox_is_split() {
        assert!(parse(b"just some text without headers").unwrap_err().contains("no From"));
        let mbox = b"From a@b Tue Feb 3 10:00:00 2026\nFrom: a@b.c\nSubject: one\n\n>From the start\n\nFrom x@y Tue Feb 3 11:00:00 2026\nFrom: x@y.z\nSubject: two\n\nbody\n";
        let parts = split_mbox(mbox);
        assert_eq!(parts.len(), 2);
        assert!(String::from_utf8_lossy(&parts[0]).contains("\nFrom the start"));
        assert!(is_mbox(mbox) && !is_mbox(b"From: a@b.c\n"));
    }
}
