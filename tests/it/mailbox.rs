//! Setting up a mailbox from its address: the built-in table against the
//! ISPDB corpus in ../shared.

use std::path::PathBuf;

use rightsdesk_domain::mail::TlsMode;
use rightsdesk_domain::mailbox::{Auth, parse_config, provider_for};

/// The built-in table is exactly what the ISPDB copy in ../shared says
/// (`UPDATE_ISPDB=1` writes it), and every provider there is in it.
#[test]
fn the_builtin_ispdb_table_is_derived_from_the_corpus() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/ispdb/ispdb");
    if !dir.exists() {
        eprintln!("SKIPPED: {} not found; the ISPDB table test needs ../shared next to the repository", dir.display());
        return;
    }
    let mut providers = Vec::new();
    let mut refused = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "xml")) {
        let xml = std::fs::read_to_string(file).unwrap();
        match parse_config(&xml) {
            Ok(p) => providers.push(p),
            Err(e) => refused.push(format!("{}: {e}", file.display())),
        }
    }
    // Every file of the corpus is one RightsDesk can use.
    assert!(refused.is_empty(), "{refused:#?}");
    assert!(providers.len() >= 160, "{} providers", providers.len());
    let json = rightsdesk_mail::setup::table_json(&providers);
    let shipped = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../crates/mail/data/ispdb.json");
    if std::env::var_os("UPDATE_ISPDB").is_some() {
        std::fs::write(&shipped, &json).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&shipped).unwrap(), json, "regenerate with UPDATE_ISPDB=1");

    let table = rightsdesk_mail::setup::builtin_table();
    assert_eq!(table.len(), providers.len());
    // The providers people have, as the ISPDB describes them.
    let gmail = provider_for(table, "gmail.com").unwrap();
    let imap = gmail.imap.as_ref().unwrap();
    assert_eq!((imap.host.as_str(), imap.port, imap.tls), ("imap.gmail.com", 993, TlsMode::Tls));
    assert!(imap.auth.contains(&Auth::OAuth2));
    assert!(gmail.oauth2.as_ref().is_some_and(|o| o.token_url.starts_with("https://")));
    let outlook = provider_for(table, "hotmail.com").unwrap();
    assert!(outlook.smtp.as_ref().unwrap().auth.contains(&Auth::OAuth2), "{outlook:?}");
    let webde = provider_for(table, "web.de").unwrap();
    assert!(webde.enable_imap_url.is_some(), "{webde:?}");
}
