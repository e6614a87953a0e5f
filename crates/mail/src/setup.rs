//! Finding a mailbox's servers from its address: the built-in table derived
//! from Thunderbird's ISP database (`data/ispdb.json`, MPL-2.0 facts, see
//! `data/ISPDB-NOTICE.md`). The provider's own autoconfig and the domain's
//! MX records come next (issue 16); what a proposal rests on is always said.

use std::sync::OnceLock;

use rightsdesk_domain::mailbox::Provider;

/// The ISPDB copy the table was derived from.
pub const ISPDB_VERSION: &str = "thunderbird/autoconfig c6ad796, 2026-03-12";

const TABLE: &str = include_str!("../data/ispdb.json");

/// The built-in table: every ISPDB provider with an IMAP or SMTP server.
pub fn builtin_table() -> &'static [Provider] {
    static PARSED: OnceLock<Vec<Provider>> = OnceLock::new();
    PARSED.get_or_init(|| {
        // Shipped with the binary and checked by a test: a failure here is a build fault.
        serde_json::from_str(TABLE).unwrap_or_default()
    })
}

/// The table as written to `data/ispdb.json` (one provider per line, sorted by id).
pub fn table_json(providers: &[Provider]) -> String {
    let mut sorted = providers.to_vec();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let lines: Vec<String> = sorted.iter().map(|p| serde_json::to_string(p).unwrap_or_default()).collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_table_parses_and_knows_the_big_providers() {
        let table = super::builtin_table();
        assert!(table.len() >= 160, "{} providers: data/ispdb.json did not parse", table.len());
        for domain in ["gmail.com", "outlook.com", "gmx.de", "web.de", "yahoo.com", "t-online.de"] {
            assert!(rightsdesk_domain::mailbox::provider_for(table, domain).is_some(), "{domain}");
        }
    }
}
