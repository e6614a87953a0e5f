//! Helpers for RightsDesk's integration tests: a throwaway data directory and
//! a runner for the real `rightsdesk` binary. Used by `tests/it` (store,
//! keyring) and by the CLI crate's own tests (which cargo builds the binary for).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether the keyring tests must run (set by `make test`, which starts a
/// real gnome-keyring-daemon). Without it they are skipped, loudly.
pub fn keyring_required() -> bool {
    std::env::var_os("RIGHTSDESK_REQUIRE_KEYRING").is_some()
}

#[derive(Debug)]
pub struct Sandbox {
    pub tmp: tempfile::TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Self {
        Self { tmp: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")) }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.tmp.path().join("data")
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

    pub fn run(mut self, args: &[&str]) -> Output {
        let out = self.cmd.args(args).output().unwrap_or_else(|e| panic!("cannot run rightsdesk: {e}"));
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}
