//! Our reference for a request, `RD-<year>-<number in base 36>` (upper case):
//! short, unique, quotable in a subject line, so a controller's reply that
//! quotes it can be filed to its request. Made and read here only.

use std::fmt;

/// A request's reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference(String);

impl Reference {
    /// The reference of the request numbered `n`, made in `year`.
    pub fn new(year: i32, n: u64) -> Self {
        Self(format!("RD-{year}-{}", base36(n)))
    }

    /// What a letter shows before its request exists (a preview).
    pub fn placeholder(year: i32) -> Self {
        Self(format!("RD-{year}-NEW"))
    }

    /// `RD-2026-1Z`, in any case; anything else is not a reference.
    pub fn parse(text: &str) -> Option<Self> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let ok = parts.len() == 3
            && parts[0].eq_ignore_ascii_case("RD")
            && parts[1].len() == 4
            && parts[1].bytes().all(|b| b.is_ascii_digit())
            && !parts[2].is_empty()
            && parts[2].bytes().all(|b| b.is_ascii_alphanumeric());
        ok.then(|| Self(text.trim().to_ascii_uppercase()))
    }

    /// Every reference quoted in `text` (a subject, a reply's body), in order.
    pub fn find_in(text: &str) -> Vec<Self> {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).filter_map(Self::parse).collect()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut s = Vec::new();
    loop {
        s.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_made_and_read_back() {
        assert_eq!(Reference::new(2026, 0).as_str(), "RD-2026-0");
        assert_eq!(Reference::new(2026, 35).as_str(), "RD-2026-Z");
        assert_eq!(Reference::new(2026, 36).as_str(), "RD-2026-10");
        let r = Reference::new(2026, 12345);
        assert_eq!(Reference::parse(&r.as_str().to_lowercase()), Some(r.clone()));
        assert_eq!(Reference::parse("RD-26-1"), None);
        assert_eq!(Reference::parse("RD-2026-"), None);
        assert_eq!(Reference::parse("XY-2026-1"), None);
    }

    #[test]
    fn references_are_found_in_text() {
        assert!(Reference::find_in("nothing here").is_empty());
        let subject = Reference::find_in("Re: Your request (Our reference: RD-2026-1Z) – ok");
        assert_eq!(subject, [Reference::parse("RD-2026-1Z").unwrap()]);
        let found = Reference::find_in("Re: Ihre Anfrage rd-2026-9ix (und RD-2025-A1), not RD-20-1 or RD-2026-");
        let words: Vec<&str> = found.iter().map(Reference::as_str).collect();
        assert_eq!(words, ["RD-2026-9IX", "RD-2025-A1"]);
    }
}
