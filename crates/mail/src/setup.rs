//! Finding a mailbox's servers from its address: the built-in table derived
//! from Thunderbird's ISP database (`data/ispdb.json`, MPL-2.0 facts, see
//! `data/ISPDB-NOTICE.md`), the provider's own autoconfig file over HTTP(S),
//! and the domain's MX records (`dns`). Which to ask in what order, and what
//! a proposal rests on, is the use case's (`usecases::mailbox`).

use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::sync::OnceLock;
use std::time::Duration;

use rightsdesk_domain::mailbox::{AutoconfigLocation, Provider};

use crate::dns::{self, DnsError};

/// Where and how long to look. The default asks the system's name servers
/// and the provider's web server on 443 and 80; tests name their own
/// dnsmasq and web server.
#[derive(Debug, Clone)]
pub struct Lookup {
    /// The name servers to ask; `None`: the system's (`/etc/resolv.conf` for
    /// MX, the system resolver for web hosts). When given, web hosts are
    /// resolved through them too.
    pub nameservers: Option<Vec<SocketAddr>>,
    /// For each question and each download.
    pub timeout: Duration,
    pub https_port: u16,
    pub http_port: u16,
}

impl Default for Lookup {
    fn default() -> Self {
        Self { nameservers: None, timeout: Duration::from_secs(5), https_port: 443, http_port: 80 }
    }
}

/// Largest autoconfig file accepted (real ones are a few kB).
const MAX_AUTOCONFIG: u64 = 256 * 1024;

/// Names the name servers to ask instead of the system's (`host:port`, comma-separated).
pub const NAMESERVER_ENV: &str = "RIGHTSDESK_NAMESERVER";
/// The provider web server's ports to use instead of 443 and 80 (`https,http`).
pub const AUTOCONFIG_PORTS_ENV: &str = "RIGHTSDESK_AUTOCONFIG_PORTS";

impl Lookup {
    /// The default, changed by `RIGHTSDESK_NAMESERVER` and
    /// `RIGHTSDESK_AUTOCONFIG_PORTS` where set: a company resolver, or the
    /// tests' own dnsmasq and web server. Both faces read it here.
    pub fn from_env() -> Result<Self, String> {
        let mut lookup = Self::default();
        if let Ok(v) = std::env::var(NAMESERVER_ENV)
            && !v.trim().is_empty()
        {
            let servers: Result<Vec<SocketAddr>, _> = v.split(',').map(|s| s.trim().parse()).collect();
            lookup.nameservers =
                Some(servers.map_err(|_| format!("{NAMESERVER_ENV}={v:?}: expected host:port[,host:port]"))?);
        }
        if let Ok(v) = std::env::var(AUTOCONFIG_PORTS_ENV)
            && !v.trim().is_empty()
        {
            let ports: Vec<Option<u16>> = v.split(',').map(|p| p.trim().parse().ok()).collect();
            match ports[..] {
                [Some(https), Some(http)] => (lookup.https_port, lookup.http_port) = (https, http),
                _ => return Err(format!("{AUTOCONFIG_PORTS_ENV}={v:?}: expected two ports, https,http")),
            }
        }
        Ok(lookup)
    }

    fn servers(&self) -> Vec<SocketAddr> {
        self.nameservers.clone().unwrap_or_else(dns::system_nameservers)
    }

    /// The URL asked for one location.
    pub fn url(&self, location: &AutoconfigLocation, address: &str) -> String {
        let (scheme, port, default) =
            if location.secure { ("https", self.https_port, 443) } else { ("http", self.http_port, 80) };
        let port = if port == default { String::new() } else { format!(":{port}") };
        let query = if location.with_address {
            let mut q = reqwest::Url::parse("http://x/").ok();
            if let Some(u) = q.as_mut() {
                u.query_pairs_mut().append_pair("emailaddress", address);
            }
            q.and_then(|u| u.query().map(|q| format!("?{q}"))).unwrap_or_default()
        } else {
            String::new()
        };
        format!("{scheme}://{}{port}{}{query}", location.host, location.path)
    }

    /// The body of an autoconfig file at `url` (on `host`), bounded in time
    /// and size; the error is a sentence for the user.
    pub fn fetch(&self, host: &str, url: &str) -> Result<String, String> {
        let mut builder = reqwest::blocking::Client::builder()
            .connect_timeout(self.timeout)
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::limited(3))
            .user_agent(concat!("RightsDesk/", env!("CARGO_PKG_VERSION")));
        if let Some(servers) = &self.nameservers {
            let ips = dns::addresses(host, servers, self.timeout).map_err(|e| e.to_string())?;
            if ips.is_empty() {
                return Err(format!("{host} has no address in the DNS"));
            }
            let addrs: Vec<SocketAddr> = ips.into_iter().map(|ip: IpAddr| SocketAddr::new(ip, 0)).collect();
            builder = builder.resolve_to_addrs(host, &addrs);
        }
        let client = builder.build().map_err(|e| format!("cannot set up the download: {e}"))?;
        let response = client.get(url).send().map_err(|e| match e {
            e if e.is_timeout() => format!("no answer within {} s", self.timeout.as_secs()),
            e if e.is_connect() => "nobody answers there".to_owned(),
            e => format!("the download failed: {}", e.without_url()),
        })?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("the server answered {status}"));
        }
        let mut body = Vec::new();
        response.take(MAX_AUTOCONFIG + 1).read_to_end(&mut body).map_err(|e| format!("the download broke off: {e}"))?;
        if body.len() as u64 > MAX_AUTOCONFIG {
            return Err(format!("the file is over {} kB, which no autoconfig file is", MAX_AUTOCONFIG / 1024));
        }
        String::from_utf8(body).map_err(|_| "the file is not UTF-8 text".to_owned())
    }

    /// The domain's MX hosts, most preferred first.
    pub fn mx(&self, domain: &str) -> Result<Vec<String>, DnsError> {
        dns::mx(domain, &self.servers(), self.timeout)
    }
}

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
