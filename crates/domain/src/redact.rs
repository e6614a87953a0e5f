//! What never reaches a log line: the secrets the app was handed (known by
//! value), and anything shaped like one — a value after `password=` or
//! `token:`, a long run of hex digits (a database key is 64), the argument of
//! `Bearer` or an SMTP/IMAP `AUTH` — replaced by `[redacted]`.

/// The replacement for anything secret.
pub const MARK: &str = "[redacted]";
/// Words whose value, after `=` or `:`, is a secret.
const SECRET_NAMES: [&str; 10] =
    ["password", "passphrase", "passwd", "pwd", "secret", "token", "key", "authorization", "credential", "pass"];
/// Words after which the next word is a secret: an HTTP scheme anywhere, a
/// SASL mechanism right after `AUTH`/`AUTHENTICATE`.
const SCHEMES: [&str; 2] = ["bearer", "basic"];
const MECHANISMS: [&str; 4] = ["plain", "login", "xoauth2", "oauthbearer"];
/// Hex runs this long are keys or digests of keys, never prose.
const HEX_RUN: usize = 32;

/// `text` with every known secret (at least 4 characters) and every
/// secret-shaped value replaced by `[redacted]`.
pub fn redact(text: &str, known: &[&str]) -> String {
    let mut out = text.to_owned();
    let mut known: Vec<&str> = known.iter().copied().filter(|k| k.chars().count() >= 4).collect();
    // The longest first, so a secret containing another goes whole.
    known.sort_by_key(|k| std::cmp::Reverse(k.len()));
    for k in known {
        out = out.replace(k, MARK);
    }
    let out = lead_words(&out);
    let out = named_values(&out);
    hex_runs(&out)
}

fn is_value_end(c: char) -> bool {
    c.is_whitespace() || matches!(c, '&' | ';' | ',' | '"' | '\'' | ')' | ']' | '}' | '>')
}

/// `password=…`, `"token": "…"`, `Authorization: …`.
fn named_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(['=', ':']) {
        let (before, after) = rest.split_at(pos);
        out.push_str(before);
        let name: String = before
            .chars()
            .rev()
            .skip_while(|c| matches!(c, '"' | '\'' | ' '))
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .collect::<String>()
            .chars()
            .rev()
            .collect::<String>()
            .to_lowercase();
        let secret = SECRET_NAMES.iter().any(|n| name.ends_with(n));
        out.push_str(&after[..1]);
        let mut value = &after[1..];
        if !secret {
            rest = value;
            continue;
        }
        // Spaces and an opening quote before the value stay.
        let lead = value.len() - value.trim_start_matches([' ', '"', '\'']).len();
        out.push_str(&value[..lead]);
        value = &value[lead..];
        // "Authorization: Basic xyz": the scheme word stays, its argument goes.
        let end = value.find(is_value_end).unwrap_or(value.len());
        if end == 0 || value.starts_with(MARK) {
            rest = value;
            continue;
        }
        out.push_str(MARK);
        rest = &value[end..];
    }
    out.push_str(rest);
    out
}

/// `Bearer …`, `AUTH PLAIN …`, `AUTHENTICATE XOAUTH2 …`.
fn lead_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut redact_next = false;
    let mut previous = String::new();
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        if word.is_empty() {
            out.push_str(piece);
            continue;
        }
        if redact_next && word != MARK {
            out.push_str(MARK);
            out.push_str(&piece[word.len()..]);
            redact_next = false;
            previous.clear();
            continue;
        }
        let lower = word.to_lowercase();
        redact_next = SCHEMES.contains(&lower.as_str())
            || (MECHANISMS.contains(&lower.as_str()) && matches!(previous.as_str(), "auth" | "authenticate"));
        out.push_str(piece);
        previous = lower;
    }
    out
}

fn hex_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= HEX_RUN {
            out.push_str(MARK);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    #[test]
    fn known_secrets_go_wherever_they_are() {
        let line = redact("login failed for ann with Tr0ub4dor&3 (Tr0ub4dor&3)", &["Tr0ub4dor&3", "ab"]);
        assert_eq!(line, "login failed for ann with [redacted] ([redacted])");
    }

    #[test]
    fn secret_shaped_values_go() {
        assert_eq!(redact("url?user=ann&password=hunter22&x=1", &[]), "url?user=ann&password=[redacted]&x=1");
        assert_eq!(
            redact(r#"{"access_token": "eyJ0eXAi.x.y", "n": 1}"#, &[]),
            r#"{"access_token": "[redacted]", "n": 1}"#
        );
        assert_eq!(redact("Authorization: Bearer abc.def", &[]), "Authorization: [redacted] [redacted]");
        assert_eq!(redact("C: AUTH PLAIN AGFubgBzZWNyZXQ=", &[]), "C: AUTH PLAIN [redacted]");
        assert_eq!(redact(&format!("PRAGMA key = \"x'{KEY}'\""), &[]), "PRAGMA key = \"[redacted]'[redacted]'\"");
        assert_eq!(redact(&format!("the key {KEY} leaked"), &[]), "the key [redacted] leaked");
        // A passphrase with spaces is caught whole only as a known secret.
        assert_eq!(redact("Passphrase: correct horse", &["correct horse"]), "Passphrase: [redacted]");
    }

    #[test]
    fn ordinary_lines_stay_as_they_are() {
        for line in [
            "automatic backup written to /home/ann/backups/rightsdesk-2026-12-02-101500.rdbackup (48213 bytes)",
            "policy watch: 2 new version(s), 0 platform(s) not fetched",
            "request TK-2026-0042 due 2027-01-02: 30 days",
            "commit 0a29c3d6 of 2026-07-21",
            "mail account ann@example.org: 3 new",
        ] {
            assert_eq!(redact(line, &[]), line);
        }
    }
}
