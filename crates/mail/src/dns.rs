//! The few DNS questions mailbox setup asks: a domain's MX records, and a
//! host's addresses when the caller names its own name servers (a test's
//! dnsmasq, a company resolver). One UDP exchange per question, bounded in
//! time; the messages are built and read by `hickory-proto`, not by hand.
//!
//! Why not the system resolver for MX: libc has no MX call, and a whole async
//! resolver would bring its own runtime for two questions.

use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use hickory_proto::op::{Message, MessageType, OpCode, Query, ResponseCode};
use hickory_proto::rr::{Name, RData, RecordType};

/// Why a DNS question got no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DnsError {
    #[error("no name server answered within {ms} ms (asked {servers})")]
    Timeout { ms: u128, servers: String },
    #[error("{0} does not exist in the DNS")]
    NoSuchDomain(String),
    #[error("the name server refused or failed the question ({0})")]
    ServerFailed(String),
    #[error("no name server is configured (/etc/resolv.conf names none)")]
    NoServers,
    #[error("{0}")]
    Other(String),
}

/// The name servers the system uses (`/etc/resolv.conf`), port 53.
pub fn system_nameservers() -> Vec<SocketAddr> {
    let text = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    nameservers_from_resolv_conf(&text)
}

fn nameservers_from_resolv_conf(text: &str) -> Vec<SocketAddr> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("nameserver"))
        .filter_map(|rest| rest.trim().split('%').next()?.parse::<IpAddr>().ok())
        .map(|ip| SocketAddr::new(ip, 53))
        .collect()
}

/// The domain's MX hosts, most preferred first (lower case, no trailing dot).
/// A domain without MX records gives an empty list, not an error.
pub fn mx(domain: &str, servers: &[SocketAddr], timeout: Duration) -> Result<Vec<String>, DnsError> {
    let answer = ask(domain, RecordType::MX, servers, timeout)?;
    let mut hosts: Vec<(u16, String)> = answer
        .answers()
        .iter()
        .filter_map(|r| match r.data() {
            RData::MX(mx) => Some((mx.preference(), host_name(mx.exchange()))),
            _ => None,
        })
        .filter(|(_, h)| !h.is_empty())
        .collect();
    hosts.sort();
    Ok(hosts.into_iter().map(|(_, h)| h).collect())
}

/// The host's IPv4 and IPv6 addresses, asked of `servers`.
pub fn addresses(host: &str, servers: &[SocketAddr], timeout: Duration) -> Result<Vec<IpAddr>, DnsError> {
    let mut found = Vec::new();
    for kind in [RecordType::A, RecordType::AAAA] {
        match ask(host, kind, servers, timeout) {
            Ok(answer) => found.extend(answer.answers().iter().filter_map(|r| match r.data() {
                RData::A(a) => Some(IpAddr::V4(a.0)),
                RData::AAAA(a) => Some(IpAddr::V6(a.0)),
                _ => None,
            })),
            // A name with only IPv4 may still fail the AAAA question on some servers.
            Err(e) if found.is_empty() && kind == RecordType::AAAA => return Err(e),
            Err(DnsError::NoSuchDomain(d)) => return Err(DnsError::NoSuchDomain(d)),
            Err(_) => {}
        }
    }
    Ok(found)
}

fn host_name(name: &Name) -> String {
    name.to_ascii().trim_end_matches('.').to_ascii_lowercase()
}

/// One question to each server in turn, until one answers.
fn ask(name: &str, kind: RecordType, servers: &[SocketAddr], timeout: Duration) -> Result<Message, DnsError> {
    if servers.is_empty() {
        return Err(DnsError::NoServers);
    }
    let fqdn = Name::from_utf8(format!("{}.", name.trim_end_matches('.')))
        .map_err(|e| DnsError::Other(format!("{name:?} is not a domain name: {e}")))?;
    let id: u16 = rand::random();
    let mut query = Message::new();
    query
        .set_id(id)
        .set_message_type(MessageType::Query)
        .set_op_code(OpCode::Query)
        .set_recursion_desired(true)
        .add_query(Query::query(fqdn, kind));
    let bytes = query.to_vec().map_err(|e| DnsError::Other(format!("cannot build the DNS question: {e}")))?;
    // The time is shared by all servers, so a dead resolver list costs `timeout`, not n × timeout.
    let deadline = Instant::now() + timeout;
    let per_server = timeout / servers.len() as u32;
    let mut last = None;
    for server in servers {
        match exchange(&bytes, id, *server, per_server.max(Duration::from_millis(200)), deadline) {
            Ok(answer) => {
                return match answer.response_code() {
                    ResponseCode::NoError => Ok(answer),
                    ResponseCode::NXDomain => Err(DnsError::NoSuchDomain(name.to_owned())),
                    code => Err(DnsError::ServerFailed(code.to_string())),
                };
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or(DnsError::NoServers))
}

fn exchange(bytes: &[u8], id: u16, server: SocketAddr, wait: Duration, deadline: Instant) -> Result<Message, DnsError> {
    let timeout = || DnsError::Timeout { ms: wait.as_millis(), servers: server.to_string() };
    let local: SocketAddr = if server.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { ([0u16; 8], 0).into() };
    let socket = UdpSocket::bind(local).map_err(|e| DnsError::Other(format!("cannot open a UDP socket: {e}")))?;
    socket.connect(server).map_err(|e| DnsError::Other(format!("cannot reach {server}: {e}")))?;
    socket.send(bytes).map_err(|e| DnsError::Other(format!("cannot ask {server}: {e}")))?;
    let until = (Instant::now() + wait).min(deadline);
    let mut buf = [0u8; 4096];
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(timeout());
        }
        socket.set_read_timeout(Some(left)).map_err(|e| DnsError::Other(e.to_string()))?;
        let n = match socket.recv(&mut buf) {
            Ok(n) => n,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return Err(timeout());
            }
            // ICMP "port unreachable": nobody listens there.
            Err(e) => return Err(DnsError::Other(format!("{server} did not answer: {e}"))),
        };
        // Anything that is not the answer to this question (a stray or forged datagram) is ignored.
        let Ok(answer) = Message::from_vec(&buf[..n]) else { continue };
        if answer.id() == id && answer.message_type() == MessageType::Response {
            if answer.truncated() && answer.answers().is_empty() {
                return Err(DnsError::Other(format!("{server}'s answer was too long for UDP")));
            }
            return Ok(answer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolv_conf_gives_its_nameservers_on_port_53() {
        let text = "# comment\nsearch example.org\nnameserver 10.0.0.1\nnameserver fe80::1%eth0\nnameserver bogus\n";
        let servers = nameservers_from_resolv_conf(text);
        assert_eq!(servers.len(), 2);
        assert_eq!(servers[0], "10.0.0.1:53".parse::<SocketAddr>().unwrap_or_else(|e| panic!("{e}")));
        assert!(servers[1].is_ipv6());
    }

    #[test]
    fn a_server_that_never_answers_is_a_timeout_not_a_hang() {
        // A bound socket that reads nothing: the question goes out, no answer comes back.
        let silent = UdpSocket::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
        let addr = silent.local_addr().unwrap_or_else(|e| panic!("{e}"));
        let err = mx("example.org", &[addr], Duration::from_millis(300)).err();
        assert!(matches!(err, Some(DnsError::Timeout { .. })), "{err:?}");
    }
}
