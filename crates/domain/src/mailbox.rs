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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
