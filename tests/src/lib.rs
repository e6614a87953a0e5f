//! Helpers for RightsDesk's integration tests: a throwaway data directory and
//! a runner for the real `rightsdesk` binary. Used by `tests/it` (store,
//! keyring) and by the CLI crate's own tests (which cargo builds the binary for).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the CLI reads a mail password from (besides standard input).
pub const MAIL_PASSWORD_ENV: &str = "RIGHTSDESK_MAIL_PASSWORD";

/// Whether this process runs under `scripts/with-keyring.sh` (as `make test`
/// does): a real, unlocked gnome-keyring on the session bus of its own.
pub fn keyring_required() -> bool {
    std::env::var_os("RIGHTSDESK_REQUIRE_KEYRING").is_some()
}

/// A real Secret Service for the `rightsdesk` processes a test starts: the
/// one `scripts/with-keyring.sh` provides (`None`: the children inherit it),
/// else a private gnome-keyring-daemon on a private D-Bus, started once per
/// test process and gone with it (it lives as long as our end of its stdin).
/// Without gnome-keyring installed this panics, saying so: the test fails,
/// it does not pass without having run.
pub fn secret_service_bus() -> Option<String> {
    use std::io::{BufRead, BufReader};
    use std::sync::{Mutex, OnceLock};
    if keyring_required() {
        return None;
    }
    static BUS: OnceLock<(String, Mutex<std::process::Child>)> = OnceLock::new();
    let (bus, _) = BUS.get_or_init(|| {
        let home = std::env::temp_dir().join(format!("rightsdesk-test-keyring-{}", std::process::id()));
        std::fs::create_dir_all(&home).unwrap_or_else(|e| panic!("{}: {e}", home.display()));
        let script = r#"echo -n throwaway-test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || exit 3
echo "$DBUS_SESSION_BUS_ADDRESS"
exec cat >/dev/null"#;
        let mut child = Command::new("dbus-run-session")
            .args(["--", "bash", "-c", script])
            .env("XDG_DATA_HOME", &home)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("this test needs a Secret Service: install dbus and gnome-keyring (scripts/deps.sh --test): {e}")
            });
        let mut line = String::new();
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        BufReader::new(stdout).read_line(&mut line).unwrap_or_else(|e| panic!("{e}"));
        let bus = line.trim().to_owned();
        assert!(bus.starts_with("unix:"), "gnome-keyring-daemon did not start (scripts/deps.sh --test installs it)");
        (bus, Mutex::new(child))
    });
    Some(bus.clone())
}

#[derive(Debug)]
pub struct Sandbox {
    pub tmp: tempfile::TempDir,
    /// The secrets of stores opened in this process (`Store::create_with` /
    /// `open_with`): held in memory, shared across reopening, never the OS
    /// keyring — the keyring's own tests are `tests/it/keyring.rs`.
    pub secrets: rightsdesk_store::Secrets,
    /// Set by `with_os_keyring`: the Secret Service the CLI's processes use.
    keyring_bus: Option<String>,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            tmp: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
            secrets: rightsdesk_store::MemorySecrets::shared(),
            keyring_bus: None,
        }
    }

    /// A sandbox whose `rightsdesk` processes keep their secrets in a real OS
    /// keyring (`secret_service_bus`): keyring mode, mail passwords.
    pub fn with_os_keyring() -> Self {
        Self { keyring_bus: secret_service_bus(), ..Self::new() }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    /// A new passphrase-protected store in this sandbox, its secrets in `self.secrets`.
    pub fn create_store(&self, passphrase: &str) -> rightsdesk_store::Store {
        let dir = rightsdesk_store::DataDir::new(self.data_dir());
        rightsdesk_store::Store::create_with(
            &dir,
            rightsdesk_store::KeyChoice::Passphrase(passphrase),
            self.secrets.clone(),
        )
        .unwrap_or_else(|e| panic!("create the store: {e}"))
    }

    /// This sandbox's store opened again (as after a restart), with the same secrets.
    pub fn open_store(&self, passphrase: &str) -> rightsdesk_store::Store {
        let dir = rightsdesk_store::DataDir::new(self.data_dir());
        rightsdesk_store::Store::open_with(&dir, Some(passphrase), self.secrets.clone())
            .unwrap_or_else(|e| panic!("open the store: {e}"))
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir().join("rightsdesk.db")
    }

    /// A `rightsdesk` invocation with `--data-dir` set to this sandbox. `bin`
    /// is the binary under test (`env!("CARGO_BIN_EXE_rightsdesk")` in the
    /// CLI crate's tests, so cargo always rebuilds it first).
    pub fn cli(&self, bin: impl AsRef<Path>) -> Cli {
        let mut cmd = Command::new(bin.as_ref());
        cmd.arg("--data-dir").arg(self.data_dir());
        cmd.env_remove("RIGHTSDESK_PASSPHRASE").env_remove("RIGHTSDESK_DATA_DIR");
        if let Some(bus) = &self.keyring_bus {
            cmd.env("DBUS_SESSION_BUS_ADDRESS", bus);
        }
        Cli { cmd }
    }

    /// Every file in the data directory with its bytes, to prove nothing changed.
    pub fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(self.data_dir())
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_file())
                    .map(|p| {
                        let bytes = std::fs::read(&p).unwrap_or_default();
                        (p, bytes)
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    }
}

#[derive(Debug)]
pub struct Cli {
    cmd: Command,
}

#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }

    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "expected success\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn fails_with(self, code: i32) -> Self {
        assert_eq!(self.code, code, "expected exit code {code}\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

impl Cli {
    pub fn passphrase(mut self, p: &str) -> Self {
        self.cmd.env("RIGHTSDESK_PASSPHRASE", p);
        self
    }

    /// Hides the session bus, so the OS keyring is unusable (as on a headless server).
    pub fn without_keyring(mut self) -> Self {
        self.cmd.env_remove("DBUS_SESSION_BUS_ADDRESS").env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
        self.cmd.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/rightsdesk-test-bus");
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Starts the command without waiting (to stop it mid-way, as a crash would).
    pub fn spawn(mut self, args: &[&str]) -> std::process::Child {
        self.cmd
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run rightsdesk: {e}"))
    }

    /// Starts the command without waiting; its stderr is kept for `wait_with_output`.
    pub fn spawn_keeping_stderr(mut self, args: &[&str]) -> std::process::Child {
        self.cmd
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run rightsdesk: {e}"))
    }

    /// `run`, with `input` on standard input (a passphrase, say).
    pub fn run_with_stdin(mut self, args: &[&str], input: &str) -> Output {
        use std::io::Write;
        let mut child = self
            .cmd
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run rightsdesk: {e}"));
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(input.as_bytes()).unwrap_or_else(|e| panic!("stdin: {e}"));
        }
        let out = child.wait_with_output().unwrap_or_else(|e| panic!("cannot run rightsdesk: {e}"));
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn run(mut self, args: &[&str]) -> Output {
        let out = self.cmd.args(args).output().unwrap_or_else(|e| panic!("cannot run rightsdesk: {e}"));
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Real mail servers on 127.0.0.1 for tests: the aiosmtpd SMTP server of
/// `tests/servers/smtp_server.py` with STARTTLS and a fresh self-signed certificate.
#[allow(clippy::unwrap_used)] // test helpers: a panic is the failure report
pub mod smtp {
    use std::io::{BufRead, BufReader};
    use std::path::{Path, PathBuf};
    use std::process::{Child, Command, Stdio};

    /// The SMTP server of `tests/servers/smtp_server.py`, stopped on drop.
    #[derive(Debug)]
    pub struct SmtpServer {
        child: Child,
        pub port: u16,
        pub out: PathBuf,
        pub cert: PathBuf,
        pub key: PathBuf,
    }

    impl Drop for SmtpServer {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    pub fn free_port() -> u16 {
        std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
    }

    /// A self-signed certificate for 127.0.0.1 in `dir` (made once: the SMTP
    /// and IMAP servers of a test share it).
    pub fn certificate(dir: &Path) -> (PathBuf, PathBuf) {
        let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
        if cert.exists() && key.exists() {
            return (cert, key);
        }
        let ok = Command::new("openssl")
            .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost"])
            .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
            // An end-entity certificate (not a CA), as rustls requires of a server's.
            .args([
                "-addext",
                "basicConstraints=critical,CA:FALSE",
                "-addext",
                "extendedKeyUsage=serverAuth",
                "-keyout",
            ])
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .stderr(Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("openssl: {e}"))
            .success();
        assert!(ok, "openssl could not make a test certificate");
        (cert, key)
    }

    pub fn smtp(dir: &Path, extra: &[&str]) -> SmtpServer {
        let (cert, key) = certificate(dir);
        let out = dir.join("delivered");
        std::fs::create_dir_all(&out).unwrap();
        let port = free_port();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("servers/smtp_server.py");
        let mut child = Command::new("/usr/bin/python3")
            .arg(script)
            .args(["--port", &port.to_string(), "--out"])
            .arg(&out)
            .arg("--cert")
            .arg(&cert)
            .arg("--key")
            .arg(&key)
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("python3-aiosmtpd (scripts/deps.sh --test): {e}"));
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP test server did not start");
        SmtpServer { child, port, out, cert, key }
    }

    /// How many client connections the server has seen.
    pub fn connections(server: &SmtpServer) -> usize {
        let log = std::fs::read_to_string(server.out.join("connections.log")).unwrap_or_default();
        let mut peers: Vec<&str> = log.lines().collect();
        peers.sort_unstable();
        peers.dedup();
        peers.len()
    }

    pub fn delivered(server: &SmtpServer) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(&server.out).unwrap().flatten().map(|e| e.path()).collect();
        files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        files.sort();
        files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
    }
}

/// A real Dovecot IMAP server on 127.0.0.1 for tests (Debian dovecot-imapd),
/// from a throwaway config: TLS on its own port with the test certificate,
/// one user, Maildir, stopped on drop.
#[allow(clippy::unwrap_used)] // test helpers: a panic is the failure report
pub mod imap {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use super::smtp::free_port;

    pub const USER: &str = "ada@example.org";

    #[derive(Debug)]
    pub struct Dovecot {
        pub config: PathBuf,
        pub port: u16,
        dir: PathBuf,
    }

    impl Drop for Dovecot {
        fn drop(&mut self) {
            self.stop();
        }
    }

    impl Dovecot {
        /// Stops the server (as when the user's provider is down).
        pub fn stop(&self) {
            let _ = Command::new("doveadm")
                .arg("-c")
                .arg(&self.config)
                .arg("stop")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status();
            for _ in 0..100 {
                if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }

        /// Delivers a message into `folder` as the mail system would (dovecot-lda).
        pub fn deliver(&self, folder: &str, message: &[u8]) {
            use std::io::Write;
            let mut child = Command::new("/usr/lib/dovecot/dovecot-lda")
                .arg("-c")
                .arg(&self.config)
                .args(["-d", USER, "-m", folder])
                .stdin(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(message).unwrap();
            assert!(child.wait().unwrap().success(), "dovecot-lda failed");
        }

        /// The Maildir of the test user (to count what is there).
        pub fn maildir(&self) -> PathBuf {
            self.dir.join("mail").join(USER).join("Maildir")
        }
    }

    /// Starts Dovecot (`tests/servers/dovecot.sh`) with TLS (imaps) on a
    /// free port, using `cert`/`key`, the user `USER` with `password`.
    pub fn dovecot(dir: &Path, cert: &Path, key: &Path, password: &str) -> Dovecot {
        dovecot_with(dir, cert, key, password, None)
    }

    /// `dovecot`, also taking XOAUTH2 logins whose tokens the OAuth2 server
    /// at `introspect` says are active (Dovecot's oauth2 passdb).
    pub fn dovecot_with(dir: &Path, cert: &Path, key: &Path, password: &str, introspect: Option<&str>) -> Dovecot {
        // Dovecot runs the user's session as nobody: `dir` (a test's temp dir, 0700) must be
        // reachable; the script opens up its own folder below it. Never chmod above `dir`.
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let dir = dir.join("dovecot");
        let (port, plain_port) = (free_port(), free_port());
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("servers/dovecot.sh");
        let status = Command::new(script)
            .arg(&dir)
            .arg(cert)
            .arg(key)
            .arg(password)
            .arg(port.to_string())
            .arg(plain_port.to_string())
            .args(introspect)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("tests/servers/dovecot.sh: {e}"));
        assert!(status.success(), "dovecot-imapd did not start (scripts/deps.sh --test): see {}", dir.display());
        Dovecot { config: dir.join("dovecot.conf"), port, dir }
    }
}

/// An OAuth2 authorization server on 127.0.0.1 (`tests/servers/oauth_server.py`):
/// sign-in with PKCE and a loopback redirect, tokens, refresh, introspection
/// for the mail servers, and test controls to revoke or expire. Stopped on drop.
#[allow(clippy::unwrap_used)] // test helpers: a panic is the failure report
pub mod oauth {
    use std::io::{BufRead, BufReader};
    use std::path::Path;
    use std::process::{Child, Command, Stdio};

    pub const CLIENT_ID: &str = "rightsdesk-test-client";

    #[derive(Debug)]
    pub struct OAuthServer {
        child: Child,
        pub base: String,
    }

    impl Drop for OAuthServer {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    impl OAuthServer {
        pub fn introspect_url(&self) -> String {
            format!("{}/introspect", self.base)
        }

        /// The account settings that sign in here.
        pub fn settings(&self) -> rightsdesk_domain::oauth::OAuthSettings {
            rightsdesk_domain::oauth::OAuthSettings {
                auth_url: format!("{}/authorize", self.base),
                token_url: format!("{}/token", self.base),
                scopes: "mail offline_access".into(),
                client_id: CLIENT_ID.into(),
            }
        }

        /// POST /revoke or /expire (the test's hand on the provider).
        pub fn control(&self, what: &str) {
            let status =
                reqwest::blocking::Client::new().post(format!("{}/{what}", self.base)).send().unwrap().status();
            assert!(status.is_success(), "{what}: {status}");
        }

        pub fn stats(&self) -> serde_json::Value {
            serde_json::from_str(&reqwest::blocking::get(format!("{}/stats", self.base)).unwrap().text().unwrap())
                .unwrap()
        }
    }

    /// The browser's part of a sign-in: follows the provider's redirect back
    /// to the loopback address (on a thread: the app is waiting for it).
    pub fn browser(url: &str) -> std::thread::JoinHandle<String> {
        let url = url.to_owned();
        std::thread::spawn(move || {
            reqwest::blocking::get(&url).map(|r| r.text().unwrap_or_default()).unwrap_or_else(|e| e.to_string())
        })
    }

    pub fn oauth_server(extra: &[&str]) -> OAuthServer {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("servers/oauth_server.py");
        let mut child = Command::new("/usr/bin/python3")
            .arg(script)
            .args(["--client-id", CLIENT_ID])
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("/usr/bin/python3: {e}"));
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().strip_prefix("ready ").unwrap_or_else(|| panic!("the OAuth server said {line:?}"));
        OAuthServer { base: format!("http://127.0.0.1:{port}"), child }
    }
}

/// A DNS server on 127.0.0.1 for mailbox setup tests: Debian's dnsmasq,
/// answering only what the test gives it (`--mx-host=…`, `--host-record=…`),
/// asking nobody else, stopped on drop.
pub mod dns {
    use std::net::{SocketAddr, UdpSocket};
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    #[derive(Debug)]
    pub struct Dnsmasq {
        child: Child,
        pub addr: SocketAddr,
    }

    impl Drop for Dnsmasq {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    pub fn dnsmasq(records: &[&str]) -> Dnsmasq {
        let port = UdpSocket::bind("127.0.0.1:0")
            .and_then(|s| s.local_addr())
            .unwrap_or_else(|e| panic!("a free UDP port: {e}"))
            .port();
        let user = if is_root() { "nobody".to_owned() } else { std::env::var("USER").unwrap_or_default() };
        let child = Command::new("dnsmasq")
            .args(["--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll", "--conf-file=/dev/null"])
            .args(["--listen-address=127.0.0.1", "--bind-interfaces", "--pid-file=", "--log-facility=-"])
            .arg(format!("--port={port}"))
            .arg(format!("--user={user}"))
            // Names under .test and .example it does not know are answered "no such domain", not forwarded.
            .args(["--local=/test/", "--local=/example/"])
            .args(records)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("dnsmasq (scripts/deps.sh --test installs dnsmasq-base): {e}"));
        let server = Dnsmasq { child, addr: SocketAddr::from(([127, 0, 0, 1], port)) };
        // Ready when it answers (an empty answer for a name it does not know is an answer).
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            match rightsdesk_mail::dns::mx("ready.test", &[server.addr], Duration::from_millis(200)) {
                Ok(_) | Err(rightsdesk_mail::dns::DnsError::NoSuchDomain(_)) => return server,
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        panic!("dnsmasq did not answer on {}", server.addr);
    }

    fn is_root() -> bool {
        std::fs::read_to_string("/proc/self/status")
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with("Uid:"))
            .is_some_and(|l| l.split_whitespace().nth(1) == Some("0"))
    }
}

/// A small HTTP server on 127.0.0.1 for download tests: answers each request
/// by its path from `routes` (status, content type, body), 404 otherwise,
/// for as long as the returned value lives. Counts the requests it served.
#[derive(Debug)]
pub struct WebServer {
    pub base: String,
    pub hits: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

pub type Routes = std::collections::HashMap<String, (u16, &'static str, Vec<u8>)>;

impl WebServer {
    pub fn start(routes: Routes) -> Self {
        use std::io::{BufRead, BufReader, Write};
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
        listener.set_nonblocking(true).unwrap_or_else(|e| panic!("{e}"));
        let base = format!("http://{}", listener.local_addr().unwrap_or_else(|e| panic!("{e}")));
        let hits = std::sync::Arc::new(AtomicUsize::new(0));
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let (h, s) = (hits.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                let Ok((mut stream, _)) = listener.accept() else {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                };
                let _ = stream.set_nonblocking(false);
                let mut reader = BufReader::new(match stream.try_clone() {
                    Ok(s) => s,
                    Err(_) => continue,
                });
                let mut request = String::new();
                let _ = reader.read_line(&mut request);
                let mut line = String::new();
                while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) && line != "\r\n" {
                    line.clear();
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                h.fetch_add(1, Ordering::Relaxed);
                let (status, ctype, body) =
                    routes.get(&path).cloned().unwrap_or((404, "text/plain", b"not found".to_vec()));
                let head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            }
        });
        Self { base, hits, stop }
    }
}

impl Drop for WebServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}
