//! Setting up a mailbox from its address alone: the servers a provider
//! publishes in Thunderbird's ISPDB format (the built-in table derived from
//! the ISPDB, or the provider's own autoconfig file), where a proposal came
//! from, and the usual guesses when nothing answers.
//!
//! Pure: the XML is parsed here, fetched elsewhere (`rightsdesk-mail`).

use serde::{Deserialize, Serialize};

use crate::mail::TlsMode;

/// How a server wants to be logged in to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Auth {
    /// A password (ISPDB: password-cleartext, plain, password-encrypted, secure).
    Password,
    /// OAuth2 (XOAUTH2 / OAUTHBEARER).
    OAuth2,
}

/// What the login name is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Username {
    /// The whole address (`%EMAILADDRESS%`).
    Address,
    /// The part before the `@` (`%EMAILLOCALPART%`).
    LocalPart,
    /// Something else the provider documents (kept as written).
    Other(String),
}

impl Username {
    fn from_ispdb(text: &str) -> Self {
        match text.trim() {
            "%EMAILADDRESS%" | "" => Self::Address,
            "%EMAILLOCALPART%" => Self::LocalPart,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The login for `address`.
    pub fn login_for(&self, address: &str) -> String {
        match self {
            Self::Address => address.to_owned(),
            Self::LocalPart => address.split('@').next().unwrap_or(address).to_owned(),
            Self::Other(t) => t
                .replace("%EMAILADDRESS%", address)
                .replace("%EMAILLOCALPART%", address.split('@').next().unwrap_or(address))
                .replace("%EMAILDOMAIN%", address.rsplit('@').next().unwrap_or("")),
        }
    }
}

/// One server of a provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Server {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub username: Username,
    pub auth: Vec<Auth>,
}

/// A provider's OAuth2 endpoints (ISPDB `<oAuth2>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuth2Endpoints {
    pub issuer: String,
    pub scope: String,
    pub auth_url: String,
    pub token_url: String,
}

/// What a provider publishes about its mailboxes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provider {
    /// The ISPDB's id (a domain).
    pub id: String,
    pub name: String,
    /// The address domains it serves (lower case).
    pub domains: Vec<String>,
    pub imap: Option<Server>,
    pub smtp: Option<Server>,
    pub oauth2: Option<OAuth2Endpoints>,
    /// Where IMAP must first be switched on, if the provider says so.
    pub enable_imap_url: Option<String>,
}

/// Why a provider's file was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("the configuration is not well-formed XML: {0}")]
    NotXml(String),
    #[error("the configuration is not a Thunderbird autoconfig file (no <clientConfig><emailProvider>)")]
    NotAutoconfig,
    #[error("the configuration names neither an IMAP nor an SMTP server")]
    NoServers,
}

/// Reads a provider's file in the ISPDB / autoconfig format. Servers of a
/// kind RightsDesk does not use (POP3, Exchange) and entries it cannot use
/// (a port that is not a number, an unknown socket type) are left out, not
/// guessed at. Plain-text servers are kept, as `TlsMode::Plain`: whoever
/// proposes them says so and refuses them for anything but this computer.
pub fn parse_config(xml: &str) -> Result<Provider, ConfigError> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| ConfigError::NotXml(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "clientConfig" {
        return Err(ConfigError::NotAutoconfig);
    }
    let provider = child(root, "emailProvider").ok_or(ConfigError::NotAutoconfig)?;
    let text = |node: roxmltree::Node<'_, '_>, name: &str| {
        child(node, name).and_then(|n| n.text()).map(|t| t.trim().to_owned())
    };
    let server = |node: roxmltree::Node<'_, '_>| -> Option<Server> {
        let host = text(node, "hostname")?;
        let port = text(node, "port")?.parse().ok()?;
        let tls = match text(node, "socketType")?.as_str() {
            "SSL" | "TLS" => TlsMode::Tls,
            "STARTTLS" => TlsMode::StartTls,
            "plain" => TlsMode::Plain,
            _ => return None,
        };
        let mut auth = Vec::new();
        for a in node.children().filter(|c| c.has_tag_name("authentication")) {
            let a = match a.text().map(str::trim) {
                Some("OAuth2") => Auth::OAuth2,
                Some("password-cleartext" | "plain" | "password-encrypted" | "secure") => Auth::Password,
                _ => continue,
            };
            if !auth.contains(&a) {
                auth.push(a);
            }
        }
        if auth.is_empty() {
            auth.push(Auth::Password);
        }
        Some(Server {
            host,
            port,
            tls,
            username: Username::from_ispdb(&text(node, "username").unwrap_or_default()),
            auth,
        })
    };
    // The first server of each kind that RightsDesk can use: the provider's order is its preference.
    let first = |tag: &str, kind: &str| {
        provider.children().filter(|c| c.has_tag_name(tag) && c.attribute("type") == Some(kind)).find_map(server)
    };
    let imap = first("incomingServer", "imap");
    let smtp = first("outgoingServer", "smtp");
    if imap.is_none() && smtp.is_none() {
        return Err(ConfigError::NoServers);
    }
    let oauth2 = child(root, "oAuth2").and_then(|o| {
        Some(OAuth2Endpoints {
            issuer: text(o, "issuer")?,
            scope: text(o, "scope").unwrap_or_default(),
            auth_url: text(o, "authURL")?,
            token_url: text(o, "tokenURL")?,
        })
    });
    let mut domains: Vec<String> = provider
        .children()
        .filter(|c| c.has_tag_name("domain"))
        .filter_map(|d| d.text())
        .map(|d| d.trim().to_ascii_lowercase())
        .filter(|d| !d.is_empty())
        .collect();
    domains.dedup();
    Ok(Provider {
        id: provider.attribute("id").unwrap_or_default().to_ascii_lowercase(),
        name: text(provider, "displayName").unwrap_or_else(|| provider.attribute("id").unwrap_or_default().to_owned()),
        domains,
        imap,
        smtp,
        oauth2,
        // Inside <emailProvider> by the format, beside it in some files.
        enable_imap_url: child(provider, "enable")
            .or_else(|| child(root, "enable"))
            .and_then(|e| e.attribute("visiturl"))
            .map(str::to_owned),
    })
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

/// The domain of an address, lower case (`None` if it has none).
pub fn address_domain(address: &str) -> Option<String> {
    let (local, domain) = address.trim().rsplit_once('@')?;
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    (!local.is_empty() && domain.contains('.') && !domain.starts_with('.')).then_some(domain)
}

/// The provider of the built-in table that serves `domain`.
pub fn provider_for<'a>(table: &'a [Provider], domain: &str) -> Option<&'a Provider> {
    let domain = domain.to_ascii_lowercase();
    table.iter().find(|p| p.domains.contains(&domain))
}

/// The usual guesses for a domain nobody describes: `imap.<domain>` on 993
/// with TLS and `smtp.<domain>` on 465 with TLS, the whole address as login.
pub fn guesses(domain: &str) -> (Server, Server) {
    let server = |prefix: &str, port| Server {
        host: format!("{prefix}.{domain}"),
        port,
        tls: TlsMode::Tls,
        username: Username::Address,
        auth: vec![Auth::Password],
    };
    (server("imap", 993), server("smtp", 465))
}

/// Where a provider may publish its own autoconfig file, in the order a
/// mail client asks (Thunderbird's): the `autoconfig.` host, then the
/// domain's `.well-known`; HTTPS before plain HTTP. Host and path only: the
/// caller adds scheme, port and the `emailaddress` query.
pub fn autoconfig_locations(domain: &str) -> Vec<AutoconfigLocation> {
    let mut out = Vec::new();
    for secure in [true, false] {
        out.push(AutoconfigLocation {
            secure,
            host: format!("autoconfig.{domain}"),
            path: "/mail/config-v1.1.xml".into(),
            with_address: true,
        });
        out.push(AutoconfigLocation {
            secure,
            host: domain.to_owned(),
            path: "/.well-known/autoconfig/mail/config-v1.1.xml".into(),
            with_address: false,
        });
    }
    out
}

/// One place an autoconfig file may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoconfigLocation {
    /// HTTPS (else plain HTTP, whose answer anyone on the way could have changed).
    pub secure: bool,
    pub host: String,
    pub path: String,
    /// The address goes along as `?emailaddress=` (providers with per-user servers use it).
    pub with_address: bool,
}

/// The provider that runs a domain's mail, recognised by its MX hosts (a
/// Google Workspace domain's MX is `aspmx.l.google.com`, a Microsoft 365
/// domain's `<tenant>.mail.protection.outlook.com`): the most preferred MX
/// host that ends in a domain of the table, the longest such domain winning
/// (`mail.protection.outlook.com` is Microsoft 365, not Outlook.com).
pub fn provider_for_mx<'a, 'h>(table: &'a [Provider], mx_hosts: &'h [String]) -> Option<(&'a Provider, &'h str)> {
    mx_hosts.iter().find_map(|host| {
        let host_lc = host.trim_end_matches('.').to_ascii_lowercase();
        table
            .iter()
            .flat_map(|p| p.domains.iter().map(move |d| (p, d)))
            .filter(|(_, d)| host_lc == **d || host_lc.ends_with(&format!(".{d}")))
            .max_by_key(|(_, d)| d.len())
            .map(|(p, _)| (p, host.as_str()))
    })
}

/// Servers RightsDesk knows that no ISPDB file describes: Proton Mail is
/// reached only through Proton's Bridge, which runs on the user's own
/// computer (IMAP 1143 and SMTP 1025 with STARTTLS, its own password and a
/// certificate the user exports from it; Bridge's defaults).
pub fn preset_for(domain: &str) -> Option<Provider> {
    const PROTON: [&str; 4] = ["proton.me", "protonmail.com", "protonmail.ch", "pm.me"];
    PROTON.contains(&domain).then(|| {
        let server = |port| Server {
            host: "127.0.0.1".into(),
            port,
            tls: TlsMode::StartTls,
            username: Username::Address,
            auth: vec![Auth::Password],
        };
        Provider {
            id: "proton.me".into(),
            name: "Proton Mail (through Proton Mail Bridge)".into(),
            domains: PROTON.iter().map(|d| (*d).to_owned()).collect(),
            imap: Some(server(1143)),
            smtp: Some(server(1025)),
            oauth2: None,
            enable_imap_url: None,
        }
    })
}

/// A step the user must take at their provider before RightsDesk can log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The account's own password is refused: create an app password (after two-step verification).
    AppPassword,
    /// IMAP (and SMTP) access must first be switched on in the web settings.
    EnableImap,
    /// Password login is switched off: only signing in with the provider (OAuth2) works.
    SignIn,
    /// Only through the provider's Bridge on this computer, with Bridge's password and certificate.
    Bridge,
}

/// What to do, and where the provider explains it. The words are the
/// faces' (in the app's languages); the step and the link are decided here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Guidance {
    pub step: Step,
    /// The provider's name, as the table has it.
    pub provider: String,
    /// The provider's own page for the step.
    pub url: String,
}

/// The steps known providers require, with their own pages (checked 2026-12;
/// Outlook.com ended password login in September 2024, Microsoft 365 ends
/// basic-auth SMTP by default in December 2026).
pub fn guidance_for(provider: &Provider) -> Vec<Guidance> {
    let g = |step, url: &str| Guidance { step, provider: provider.name.clone(), url: url.to_owned() };
    match provider.id.as_str() {
        "googlemail.com" => vec![g(Step::AppPassword, "https://myaccount.google.com/apppasswords")],
        "yahoo.com" => vec![g(Step::AppPassword, "https://login.yahoo.com/account/security/app-passwords")],
        "aol.com" => vec![g(Step::AppPassword, "https://login.aol.com/account/security/app-passwords")],
        "me.com" => vec![g(Step::AppPassword, "https://support.apple.com/en-us/102654")],
        "hotmail.com" => vec![g(
            Step::SignIn,
            "https://support.microsoft.com/office/modern-authentication-methods-now-needed-to-continue-syncing-outlook-email-in-non-microsoft-email-apps-c5d65390-9676-4763-b41f-d7986499a90d",
        )],
        "office365.com" => vec![g(
            Step::SignIn,
            "https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission",
        )],
        "proton.me" => vec![g(Step::Bridge, "https://proton.me/support/protonmail-bridge-install")],
        _ => provider.enable_imap_url.iter().map(|url| g(Step::EnableImap, url)).collect(),
    }
}

/// The step a server's refusal points to, for the classic cases: password
/// login switched off (Microsoft's 5.7.139), an app password required
/// (Google's 5.7.9 and `[ALERT]`), IMAP not switched on. `None` for anything
/// else: the server's own words then stand alone.
pub fn step_for_refusal(server_words: &str) -> Option<Step> {
    let w = server_words.to_ascii_lowercase();
    let any = |needles: &[&str]| needles.iter().any(|n| w.contains(n));
    if any(&["basic authentication is disabled", "smtpclientauthentication is disabled", "5.7.139", "basicauthblocked"])
    {
        Some(Step::SignIn)
    } else if any(&["application-specific password", "app password", "5.7.9 "]) {
        Some(Step::AppPassword)
    } else if any(&[
        "not enabled for imap",
        "imap access is disabled",
        "imap is disabled",
        "imap access disabled",
        "enable imap",
    ]) {
        Some(Step::EnableImap)
    } else {
        None
    }
}

/// What a server's refusal asks of the user, with the provider's own page
/// where RightsDesk knows the provider (by the address's domain, else by the
/// server's host name): the same guidance discovery gives, now because the
/// server said so. `None` when the refusal is none of the classic cases.
pub fn refusal_guidance(table: &[Provider], address: &str, host: &str, server_words: &str) -> Option<Guidance> {
    let step = step_for_refusal(server_words)?;
    let domain = address_domain(address).unwrap_or_default();
    let provider = preset_for(&domain)
        .or_else(|| provider_for(table, &domain).cloned())
        .or_else(|| provider_for_mx(table, &[host.to_owned()]).map(|(p, _)| p.clone()));
    let known = provider.as_ref().and_then(|p| guidance_for(p).into_iter().find(|g| g.step == step));
    Some(known.unwrap_or_else(|| Guidance {
        step,
        provider: provider.map(|p| p.name).unwrap_or_else(|| host.to_owned()),
        url: String::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GMX: &str = r#"<?xml version="1.0"?>
<clientConfig version="1.1">
  <emailProvider id="gmx.net">
    <domain>gmx.net</domain>
    <domain>GMX.de</domain>
    <displayName>GMX Freemail</displayName>
    <incomingServer type="pop3"><hostname>pop.gmx.net</hostname><port>995</port><socketType>SSL</socketType></incomingServer>
    <incomingServer type="imap">
      <hostname>imap.gmx.net</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>mail.gmx.net</hostname><port>587</port><socketType>STARTTLS</socketType>
      <username>%EMAILLOCALPART%</username><authentication>OAuth2</authentication><authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
  <enable visiturl="https://www.gmx.net/mail/pop3-imap/"><instruction>Enable IMAP</instruction></enable>
</clientConfig>"#;

    fn table() -> Vec<Provider> {
        let mut gmx = parse_config(GMX).unwrap_or_else(|e| panic!("{e}"));
        gmx.id = "gmx.net".into();
        let mk = |id: &str, domains: &[&str]| Provider {
            id: id.into(),
            name: id.into(),
            domains: domains.iter().map(|d| (*d).to_owned()).collect(),
            ..gmx.clone()
        };
        vec![
            gmx.clone(),
            mk("googlemail.com", &["gmail.com", "google.com"]),
            mk("hotmail.com", &["outlook.com", "hotmail.com"]),
            mk("office365.com", &["office365.com", "mail.protection.outlook.com"]),
        ]
    }

    #[test]
    fn an_mx_host_names_its_provider_the_longest_matching_domain_winning() {
        let t = table();
        let hosts = |h: &[&str]| h.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let google = hosts(&["aspmx.l.google.com", "alt1.aspmx.l.google.com"]);
        assert_eq!(
            provider_for_mx(&t, &google).map(|(p, h)| (p.id.as_str(), h)),
            Some(("googlemail.com", "aspmx.l.google.com"))
        );
        let m365 = hosts(&["contoso-org.mail.protection.outlook.com"]);
        assert_eq!(provider_for_mx(&t, &m365).map(|(p, _)| p.id.as_str()), Some("office365.com"));
        // A label boundary is needed: "notgoogle.com" is not Google.
        assert_eq!(provider_for_mx(&t, &hosts(&["mx.notgoogle.com", "mx.example.org"])), None);
        // The first MX that matches decides, in the order given (preference).
        let mixed = hosts(&["mx.example.org", "mx00.gmx.net"]);
        assert_eq!(provider_for_mx(&t, &mixed).map(|(p, h)| (p.id.as_str(), h)), Some(("gmx.net", "mx00.gmx.net")));
    }

    #[test]
    fn autoconfig_is_asked_over_https_first_then_plain_http() {
        let l = autoconfig_locations("example.org");
        let urls: Vec<String> = l.iter().map(|l| format!("{} {}{}", l.secure, l.host, l.path)).collect();
        assert_eq!(
            urls,
            [
                "true autoconfig.example.org/mail/config-v1.1.xml",
                "true example.org/.well-known/autoconfig/mail/config-v1.1.xml",
                "false autoconfig.example.org/mail/config-v1.1.xml",
                "false example.org/.well-known/autoconfig/mail/config-v1.1.xml",
            ]
        );
    }

    #[test]
    fn proton_is_a_bridge_preset_on_this_computer_with_starttls() {
        let p = preset_for("proton.me").unwrap_or_else(|| panic!("proton"));
        let imap = p.imap.as_ref().unwrap_or_else(|| panic!("imap"));
        assert_eq!((imap.host.as_str(), imap.port, imap.tls), ("127.0.0.1", 1143, TlsMode::StartTls));
        assert_eq!(p.smtp.as_ref().map(|s| s.port), Some(1025));
        assert_eq!(guidance_for(&p).first().map(|g| g.step), Some(Step::Bridge));
        assert!(preset_for("example.org").is_none());
    }

    #[test]
    fn known_providers_get_their_step_and_gmx_its_enable_imap_page() {
        let t = table();
        assert_eq!(guidance_for(&t[1]).first().map(|g| g.step), Some(Step::AppPassword));
        assert_eq!(guidance_for(&t[2]).first().map(|g| g.step), Some(Step::SignIn));
        let gmx = guidance_for(&t[0]);
        assert_eq!(
            gmx.first().map(|g| (g.step, g.url.as_str())),
            Some((Step::EnableImap, "https://www.gmx.net/mail/pop3-imap/"))
        );
    }

    #[test]
    fn the_classic_refusals_are_recognised_and_others_are_left_alone() {
        assert_eq!(
            step_for_refusal("535 5.7.139 Authentication unsuccessful, basic authentication is disabled."),
            Some(Step::SignIn)
        );
        assert_eq!(
            step_for_refusal(
                "534-5.7.9 Application-specific password required. Learn more at https://support.google.com/mail/?p=InvalidSecondFactor"
            ),
            Some(Step::AppPassword)
        );
        assert_eq!(
            step_for_refusal(
                "NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access."
            ),
            Some(Step::EnableImap)
        );
        assert_eq!(step_for_refusal("535 5.7.8 Error: authentication failed: bad password"), None);
    }

    #[test]
    fn a_refusal_gets_the_providers_page_found_by_address_or_by_server() {
        let table = [Provider {
            id: "office365.com".into(),
            name: "Microsoft 365".into(),
            domains: vec!["office365.com".into()],
            ..Provider::default()
        }];
        let words = "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.";
        // A work domain the table does not list, found by its server's name.
        let g = refusal_guidance(&table, "ed@newsroom.example", "smtp.office365.com", words)
            .unwrap_or_else(|| panic!("recognised"));
        assert_eq!((g.step, g.provider.as_str()), (Step::SignIn, "Microsoft 365"));
        assert!(g.url.starts_with("https://learn.microsoft.com/"), "{}", g.url);
        // Unknown provider: the step without a page, named by the server.
        let g =
            refusal_guidance(&table, "a@b.example", "mail.b.example", words).unwrap_or_else(|| panic!("recognised"));
        assert_eq!((g.step, g.provider.as_str(), g.url.as_str()), (Step::SignIn, "mail.b.example", ""));
        assert_eq!(refusal_guidance(&table, "a@b.example", "mail.b.example", "535 bad password"), None);
    }

    #[test]
    fn a_providers_file_gives_its_imap_and_smtp_servers_not_pop3() {
        let p = parse_config(GMX).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.domains, ["gmx.net", "gmx.de"]);
        let imap = p.imap.as_ref().unwrap_or_else(|| panic!("imap"));
        assert_eq!((imap.host.as_str(), imap.port, imap.tls), ("imap.gmx.net", 993, TlsMode::Tls));
        let smtp = p.smtp.as_ref().unwrap_or_else(|| panic!("smtp"));
        assert_eq!(
            (smtp.port, smtp.tls, &smtp.auth[..]),
            (587, TlsMode::StartTls, &[Auth::OAuth2, Auth::Password][..])
        );
        assert_eq!(smtp.username.login_for("ada@gmx.net"), "ada");
        assert_eq!(p.enable_imap_url.as_deref(), Some("https://www.gmx.net/mail/pop3-imap/"));
        assert_eq!(provider_for(std::slice::from_ref(&p), "GMX.DE").map(|p| p.id.as_str()), Some("gmx.net"));
    }

    #[test]
    fn a_file_that_is_not_xml_or_not_autoconfig_or_without_servers_is_refused_with_the_reason() {
        assert!(matches!(parse_config("<clientConfig><emailProvider>"), Err(ConfigError::NotXml(_))));
        assert_eq!(parse_config("<html><body>404</body></html>"), Err(ConfigError::NotAutoconfig));
        assert_eq!(
            parse_config("<clientConfig><emailProvider id='x'><domain>x.org</domain></emailProvider></clientConfig>"),
            Err(ConfigError::NoServers)
        );
    }

    #[test]
    fn a_plain_text_server_is_kept_as_plain_so_the_caller_can_refuse_it() {
        let xml = GMX.replace("STARTTLS", "plain");
        assert_eq!(parse_config(&xml).unwrap_or_else(|e| panic!("{e}")).smtp.map(|s| s.tls), Some(TlsMode::Plain));
    }

    #[test]
    fn an_address_without_a_domain_has_none_and_guesses_follow_the_domain() {
        assert_eq!(address_domain("Ada@Example.ORG"), Some("example.org".into()));
        assert_eq!(address_domain("ada"), None);
        assert_eq!(address_domain("ada@localhost"), None);
        let (imap, smtp) = guesses("example.org");
        assert_eq!(
            (imap.host.as_str(), imap.port, smtp.host.as_str(), smtp.port),
            ("imap.example.org", 993, "smtp.example.org", 465)
        );
    }
}
