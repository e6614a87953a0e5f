//! E-mail address syntax check.
//!
//! Deliberately conservative: we accept what a mail server will accept for a
//! person's own address (`local@domain.tld`), and reject anything that could
//! break a header (CR, LF, spaces, angle brackets, commas).

/// Why an address was rejected, in words for the user.
pub fn check(address: &str) -> Result<(), &'static str> {
    if address.is_empty() {
        return Err("is empty");
    }
    if address.len() > 254 {
        return Err("is longer than 254 characters");
    }
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces or line breaks");
    }
    if address.chars().any(|c| matches!(c, '<' | '>' | ',' | ';' | '"' | '(' | ')' | '[' | ']' | '\\')) {
        return Err("contains a character not allowed in an address");
    }
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Err("needs an @ between name and domain");
    };
    if local.is_empty() || local.contains('@') {
        return Err("needs exactly one @ with a name before it");
    }
    if local.len() > 64 {
        return Err("has a name part longer than 64 characters");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err("has a misplaced dot before the @");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err("needs a domain with a dot, like example.org");
    }
    for label in &labels {
        if label.is_empty() || label.len() > 63 {
            return Err("has an empty or overlong domain part");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err("has a domain part starting or ending with a hyphen");
        }
        if !label.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Err("has a character not allowed in a domain");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_ordinary_addresses() {
        for ok in ["a@b.eu", "jane.doe+ads@example.org", "x@sub.domain.co.uk", "ä@bücher.de"] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_broken_and_injecting_addresses() {
        for bad in [
            "",
            "plain",
            "@example.org",
            "jane@",
            "jane@localhost",
            "jane@@example.org",
            "jane doe@example.org",
            "jane@example.org\r\nBcc: x@evil.test",
            "jane@exa_mple.org",
            ".jane@example.org",
            "ja..ne@example.org",
            "jane@-example.org",
            "<jane@example.org>",
            "a@b.c,d@e.f",
        ] {
            assert!(check(bad).is_err(), "accepted {bad:?}");
        }
    }
}
