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

// --- Asking the network: the provider's autoconfig and the domain's MX, all on 127.0.0.1 ---

use std::collections::HashMap;
use std::time::Duration;

use rightsdesk_mail::setup::Lookup;
use rightsdesk_tests::WebServer;
use rightsdesk_tests::dns::dnsmasq;
use rightsdesk_usecases::mailbox::{Source, discover};

const AUTOCONFIG: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.test">
    <domain>example.test</domain>
    <displayName>Example Mail</displayName>
    <incomingServer type="imap">
      <hostname>imap.mail.example.test</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.mail.example.test</hostname><port>587</port><socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>"#;

fn web(routes: &[(&str, u16, &str)]) -> (WebServer, u16) {
    let routes: HashMap<String, (u16, &'static str, Vec<u8>)> = routes
        .iter()
        .map(|(path, status, body)| ((*path).to_owned(), (*status, "text/xml", body.as_bytes().to_vec())))
        .collect();
    let server = WebServer::start(routes);
    let port = server.base.rsplit(':').next().unwrap().parse().unwrap();
    (server, port)
}

/// HTTPS goes to a port where nobody listens (no test certificate for
/// made-up names), plain HTTP to the test's web server.
fn lookup(dns: &rightsdesk_tests::dns::Dnsmasq, http_port: u16) -> Lookup {
    Lookup {
        nameservers: Some(vec![dns.addr]),
        timeout: Duration::from_secs(2),
        https_port: rightsdesk_tests::smtp::free_port(),
        http_port,
    }
}

#[test]
fn the_providers_autoconfig_is_found_on_its_web_server_and_named_as_the_source() {
    let dns = dnsmasq(&["--host-record=autoconfig.example.test,127.0.0.1", "--host-record=example.test,127.0.0.1"]);
    let (server, port) = web(&[("/mail/config-v1.1.xml?emailaddress=ada%2Bletters%40example.test", 200, AUTOCONFIG)]);
    let p = discover("ada+letters@example.test", &lookup(&dns, port)).unwrap();
    let url =
        format!("http://autoconfig.example.test:{port}/mail/config-v1.1.xml?emailaddress=ada%2Bletters%40example.test");
    assert_eq!(p.source, Source::Autoconfig { url: url.clone(), secure: false }, "{p:#?}");
    assert_eq!(p.imap.as_ref().unwrap().host, "imap.mail.example.test");
    assert_eq!(p.smtp.as_ref().map(|s| (s.port, s.tls)), Some((587, TlsMode::StartTls)));
    // The provider wants the local part for IMAP, the address for SMTP.
    assert_eq!((p.imap_login.as_deref(), p.smtp_login.as_deref()), (Some("ada+letters"), None));
    // HTTPS was asked first and failed; plain HTTP is said to be unverified.
    assert_eq!(p.tried.len(), 3, "{:#?}", p.tried);
    assert!(p.tried[0].place.starts_with("https://autoconfig.example.test:"), "{:#?}", p.tried);
    assert_eq!(p.tried[2].place, url);
    assert!(p.sentence.contains("without encryption"), "{}", p.sentence);
    assert_eq!(server.hits.load(std::sync::atomic::Ordering::Relaxed), 1);
}

#[test]
fn without_an_autoconfig_host_the_domains_well_known_file_is_used() {
    // autoconfig.example.test is not in the DNS at all.
    let dns = dnsmasq(&["--host-record=example.test,127.0.0.1"]);
    let (_server, port) = web(&[("/.well-known/autoconfig/mail/config-v1.1.xml", 200, AUTOCONFIG)]);
    let p = discover("ada@example.test", &lookup(&dns, port)).unwrap();
    assert!(
        matches!(&p.source, Source::Autoconfig { url, .. }
            if *url == format!("http://example.test:{port}/.well-known/autoconfig/mail/config-v1.1.xml")),
        "{p:#?}"
    );
    assert!(p.tried[0].outcome.contains("does not exist in the DNS"), "{:#?}", p.tried);
}

#[test]
fn a_workspace_or_microsoft_365_domain_is_recognised_by_its_mx_record() {
    let dns = dnsmasq(&[
        "--mx-host=newsroom.test,alt1.aspmx.l.google.com,5",
        "--mx-host=newsroom.test,aspmx.l.google.com,1",
        "--mx-host=ngo.test,ngo-test.mail.protection.outlook.com,0",
        "--mx-host=smallshop.test,mx.smallshop.test,10",
    ]);
    let (_server, port) = web(&[]);
    let l = lookup(&dns, port);
    let google = discover("kim@newsroom.test", &l).unwrap();
    assert_eq!(
        google.source,
        Source::Mx { host: "aspmx.l.google.com".into(), ispdb: rightsdesk_mail::setup::ISPDB_VERSION.into() },
        "{google:#?}"
    );
    assert_eq!(google.imap.as_ref().unwrap().host, "imap.gmail.com");
    // Gmail wants an app password; the step comes with Google's own page.
    assert!(google.guidance.iter().any(|g| g.url.starts_with("https://myaccount.google.com/")), "{google:#?}");
    let m365 = discover("sam@ngo.test", &l).unwrap();
    assert!(matches!(&m365.source, Source::Mx { host, .. } if host == "ngo-test.mail.protection.outlook.com"));
    assert_eq!(m365.smtp.as_ref().unwrap().host, "smtp.office365.com");
    assert!(m365.oauth2.as_ref().is_some_and(|o| o.issuer == "login.microsoftonline.com"), "{m365:#?}");
    // An MX nobody knows: the usual guesses, and what was asked.
    let shop = discover("jo@smallshop.test", &l).unwrap();
    assert_eq!(shop.source, Source::Guess);
    assert_eq!(shop.imap.as_ref().unwrap().host, "imap.smallshop.test");
    assert!(shop.tried.last().unwrap().outcome.contains("mx.smallshop.test: not a provider"), "{:#?}", shop.tried);
    assert!(shop.sentence.contains("usual names"), "{}", shop.sentence);
}

#[test]
fn a_malformed_or_plain_text_autoconfig_is_refused_with_the_reason_and_the_search_goes_on() {
    let dns = dnsmasq(&["--host-record=autoconfig.bad.test,127.0.0.1", "--host-record=bad.test,127.0.0.1"]);
    let plain = AUTOCONFIG.replace("STARTTLS", "plain");
    let (_server, port) = web(&[
        ("/mail/config-v1.1.xml?emailaddress=ada%40bad.test", 200, "<clientConfig><emailProvider>"),
        ("/.well-known/autoconfig/mail/config-v1.1.xml", 200, Box::leak(plain.into_boxed_str())),
    ]);
    let p = discover("ada@bad.test", &lookup(&dns, port)).unwrap();
    assert_eq!(p.source, Source::Guess, "{p:#?}");
    let outcomes: Vec<&str> = p.tried.iter().map(|t| t.outcome.as_str()).collect();
    assert!(outcomes[2].contains("not well-formed XML"), "{outcomes:#?}");
    assert!(outcomes[3].contains("without encryption (smtp.mail.example.test)"), "{outcomes:#?}");
    assert_eq!(outcomes[4], "no MX records", "{outcomes:#?}");
}

#[test]
fn a_name_server_that_does_not_answer_ends_in_the_guesses_with_the_reason() {
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let l = Lookup {
        nameservers: Some(vec![silent.local_addr().unwrap()]),
        timeout: Duration::from_millis(300),
        ..Lookup::default()
    };
    let p = discover("ada@quiet.test", &l).unwrap();
    assert_eq!(p.source, Source::Guess);
    assert_eq!(p.tried.len(), 5, "{:#?}", p.tried);
    assert!(p.tried.iter().all(|t| t.outcome.contains("no name server answered")), "{:#?}", p.tried);
}

#[test]
fn a_proton_address_is_the_bridge_preset_without_asking_anyone() {
    // No name server at all: a preset must not need one.
    let l = Lookup { nameservers: Some(vec![]), ..Lookup::default() };
    let p = discover("ada@proton.me", &l).unwrap();
    assert_eq!(p.source, Source::Preset);
    assert!(p.tried.is_empty());
    assert_eq!(p.smtp.as_ref().map(|s| (s.host.as_str(), s.port, s.tls)), Some(("127.0.0.1", 1025, TlsMode::StartTls)));
    assert!(p.sentence.contains("Bridge"));
}

// --- A server's refusal, recognised: the same guidance as discovery gives ---

/// A real SMTP server (aiosmtpd) that answers a failed login as Microsoft's
/// does when basic auth is off: the wizard's test of an account not yet added
/// names the step and Microsoft's page, and keeps the server's own words.
#[test]
fn a_refusal_for_switched_off_password_login_becomes_sign_in_guidance() {
    use rightsdesk_domain::mail::MailAccountDraft;
    use rightsdesk_domain::mailbox::Step;
    let tmp = tempfile::tempdir().unwrap();
    let words = "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.";
    let server = rightsdesk_tests::smtp::smtp(tmp.path(), &["--refusal", words]);
    let draft = MailAccountDraft {
        email: "ada@hotmail.com".into(),
        smtp_host: "127.0.0.1".into(),
        smtp_port: server.port,
        smtp_tls: TlsMode::StartTls,
        trusted_certificate: server.cert.display().to_string(),
        ..Default::default()
    };
    let checks = rightsdesk_usecases::mailbox::check_draft(draft.clone(), "my-normal-password", None).unwrap();
    assert_eq!(checks.len(), 1, "no IMAP server, no IMAP check: {checks:?}");
    assert!(!checks[0].ok && checks[0].message.contains("5.7.139"), "{checks:?}");
    let g = checks[0].guidance.as_ref().unwrap_or_else(|| panic!("recognised: {checks:?}"));
    assert_eq!(g.step, Step::SignIn);
    assert!(g.url.starts_with("https://support.microsoft.com/"), "{}", g.url);
    assert!(!checks[0].message.contains("my-normal-password"));
    // The right login: connected, nothing to do.
    let ok = MailAccountDraft { smtp_username: "ada@example.org".into(), ..draft.clone() };
    let checks = rightsdesk_usecases::mailbox::check_draft(ok, "app-password-1", None).unwrap();
    assert!(checks[0].ok && checks[0].guidance.is_none(), "{checks:?}");
    // A draft the form would refuse is refused here too, before any connection.
    let bad = MailAccountDraft { smtp_host: String::new(), ..draft };
    assert!(rightsdesk_usecases::mailbox::check_draft(bad, "x", None).is_err());
}
