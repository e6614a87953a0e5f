//! Open Terms Archive's public versions repositories: which document of
//! which service is a platform's privacy policy, the per-document Atom feed
//! of its recorded versions, and the text of one version.
//!
//! Versions are recorded by Open Terms Archive (dataset PGA v2,
//! `OpenTermsArchive/pga-versions`), ODC-By 1.0: attribute "Open Terms
//! Archive / Platform Governance Archive". The base URL is the user's to set
//! (tests serve a local copy on 127.0.0.1); every URL is made here, once.

use rightsdesk_domain::ErrorCode;

use crate::ImportError;
use crate::fetch::{get, preview};

/// The versions repository RightsDesk reads by default.
pub const DEFAULT_BASE: &str = "https://github.com/OpenTermsArchive/pga-versions";

/// The document type of a privacy policy in Open Terms Archive.
pub const DOCUMENT: &str = "Privacy Policy";

/// Largest feed read (a GitHub commits feed is ~20 kB).
const MAX_FEED: u64 = 4 * 1024 * 1024;

/// Platforms (registry slug) and their service name in the archive.
pub const SERVICES: &[(&str, &str)] = &[
    ("bereal", "BeReal"),
    ("bluesky", "Bluesky"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("line", "LINE"),
    ("linkedin", "LinkedIn"),
    ("moltbook", "Moltbook"),
    ("parler", "Parler"),
    ("pinterest", "Pinterest"),
    ("quora", "Quora"),
    ("reddit", "Reddit"),
    ("snapchat", "Snapchat"),
    ("spotify", "Spotify"),
    ("telegram", "Telegram"),
    ("threads", "Threads"),
    ("tiktok", "TikTok"),
    ("truthsocial", "TruthSocial"),
    ("tumblr", "Tumblr"),
    ("twitch", "Twitch"),
    ("twitter", "X"),
    ("upscrolled", "Upscrolled"),
    ("wechat", "WeChat"),
    ("whatsapp", "WhatsApp"),
    ("youtube", "YouTube"),
];

/// The archive's service name for a platform, if it is watched.
pub fn service(slug: &str) -> Option<&'static str> {
    SERVICES.iter().find(|(s, _)| *s == slug).map(|(_, n)| *n)
}

fn path(service: &str) -> String {
    format!("{}/{}.md", encode(service), encode(DOCUMENT))
}

fn encode(s: &str) -> String {
    s.replace('%', "%25").replace(' ', "%20")
}

/// The Atom feed of a service's privacy-policy versions.
pub fn feed_url(base: &str, service: &str) -> String {
    format!("{}/commits/main/{}.atom", base.trim_end_matches('/'), path(service))
}

/// The text of one version.
pub fn version_url(base: &str, service: &str, commit: &str) -> String {
    format!("{}/raw/{commit}/{}", base.trim_end_matches('/'), path(service))
}

/// One recorded version listed in a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    pub commit: String,
    /// YYYY-MM-DD.
    pub recorded: String,
}

/// The versions a feed lists, oldest first. A page that is not an Atom
/// feed (a portal's HTML error page, say) is an error, not an empty feed.
pub fn parse_feed(body: &str) -> Result<Vec<FeedEntry>, ImportError> {
    let head = body.trim_start();
    if !(head.starts_with("<?xml") || head.starts_with("<feed")) || !body.contains("<feed") {
        return Err(ImportError::new(
            ErrorCode::Invalid,
            format!("the answer is not an Atom feed (it starts with {:?})", preview(head.as_bytes())),
        ));
    }
    let mut out = Vec::new();
    for entry in body.split("<entry").skip(1) {
        let entry = entry.split("</entry>").next().unwrap_or_default();
        let commit = between(entry, "Commit/", "<")
            .or_else(|| between(entry, "/commit/", "\""))
            .filter(|c| c.len() >= 7 && c.chars().all(|x| x.is_ascii_hexdigit()));
        let recorded = between(entry, "<updated>", "</updated>").filter(|d| d.len() >= 10).map(|d| d[..10].to_owned());
        match (commit, recorded) {
            (Some(commit), Some(recorded)) => out.push(FeedEntry { commit: commit.to_owned(), recorded }),
            _ => return Err(ImportError::new(ErrorCode::Invalid, "a feed entry has no commit or no date")),
        }
    }
    out.sort_by(|a, b| a.recorded.cmp(&b.recorded));
    Ok(out)
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(s[start..end].trim())
}

/// Reads a service's feed.
pub fn feed(base: &str, service: &str) -> Result<Vec<FeedEntry>, ImportError> {
    let url = feed_url(base, service);
    let body = get(&url, MAX_FEED)?;
    let text = String::from_utf8_lossy(&body);
    parse_feed(&text).map_err(|e| ImportError::new(e.code, format!("{url}: {}", e.message)))
}

/// Downloads one version's bytes (checked as a policy text by the caller).
pub fn version(base: &str, service: &str, commit: &str) -> Result<Vec<u8>, ImportError> {
    get(&version_url(base, service, commit), rightsdesk_domain::policy::MAX_POLICY_BYTES as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_the_archive_layout() {
        assert_eq!(
            feed_url("http://127.0.0.1:9/v/", "TikTok"),
            "http://127.0.0.1:9/v/commits/main/TikTok/Privacy%20Policy.md.atom"
        );
        assert_eq!(
            version_url(DEFAULT_BASE, "X", "abc1234"),
            format!("{DEFAULT_BASE}/raw/abc1234/X/Privacy%20Policy.md")
        );
        assert_eq!(service("twitter"), Some("X"));
    }

    #[test]
    fn a_feed_lists_versions_oldest_first_and_html_is_refused() {
        let feed = r#"<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">
          <entry><id>tag:github.com,2008:Grit::Commit/bbbbbbb222</id><updated>2023-11-03T10:00:00Z</updated></entry>
          <entry><id>tag:github.com,2008:Grit::Commit/aaaaaaa111</id><updated>2023-04-04T10:00:00Z</updated></entry>
        </feed>"#;
        let e = parse_feed(feed).unwrap();
        assert_eq!(e.iter().map(|x| x.recorded.as_str()).collect::<Vec<_>>(), ["2023-04-04", "2023-11-03"]);
        assert_eq!(e[0].commit, "aaaaaaa111");
        assert!(
            parse_feed("<!DOCTYPE html><html>Service unavailable</html>")
                .unwrap_err()
                .message
                .contains("not an Atom feed")
        );
        assert!(parse_feed("<feed><entry><updated>2023</updated></entry></feed>").is_err());
    }
}
