#!/usr/bin/env bash
# End-to-end tests in the real app window under Xvfb, driven over WebDriver
# (tauri-driver + WebKitWebDriver). Expects the custom-protocol release build
# (`make app`) and a keyring session (scripts/with-keyring.sh). Screenshots of
# every screen visited land in target/e2e-screens/.
#
# Two runs, each with its own fresh data directory and its own tauri-driver:
#   people.e2e.mjs     — keyring mode (the session's gnome-keyring)
#   platforms.e2e.mjs  — keyring mode: registry, imports, vendors, own controllers
#   letters.e2e.mjs    — keyring mode: the composer, drafts, PDF, edits, batches
#   mail.e2e.mjs       — keyring mode: a mail account against aiosmtpd and Dovecot, a draft
#                        sent, replies fetched and filed, HTML shown inert
#   watch.e2e.mjs      — keyring mode: the policy watch against a local archive copy on
#                        127.0.0.1: a basis change fetched, flagged, noticed, accepted
#   guide.e2e.mjs      — keyring mode, four times: English light, German dark, German light,
#                        English dark (LANGUAGE and GTK_THEME as a user's desktop sets them): the
#                        guided first start to an objection sent through TikTok's web form (the
#                        browser is a recording xdg-open), shortcuts, axe-core on every screen
#   backup.e2e.mjs     — keyring mode: a CLI-seeded store backed up through the save dialog,
#                        restored through the open dialog by a second app on a second data
#                        directory; diagnostics; the log file with every secret redacted
#   reports.e2e.mjs    — keyring mode: a CLI-seeded store of requests; the Reports screen's numbers
#                        against `rightsdesk report --json` for the same filters; sorting; the
#                        pseudonymised export through the save dialog
#   passphrase.e2e.mjs — no keyring reachable: the app must ask for a passphrase; a store made
#                        with the keyring says the keyring is unreachable and stays untouched
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app="$root/target/release/rightsdesk-app"
[ -x "$app" ] || { echo "e2e: $app is missing; run 'make app' first" >&2; exit 2; }
export RIGHTSDESK_E2E_APP="$app"
export RIGHTSDESK_E2E_SCREENS="$root/target/e2e-screens"
rm -rf "$RIGHTSDESK_E2E_SCREENS"
work=$(mktemp -d /tmp/rightsdesk-e2e.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pkill -f "$app" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  n=99
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n - 1)); done
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  export DISPLAY=":$n"
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
fi

# Stands in for the user's browser: records what the app asks it to open.
mkdir -p "$work/bin"
cat >"$work/bin/xdg-open" <<'SH'
#!/bin/sh
printf '%s\n' "$*" >>"${RIGHTSDESK_E2E_OPENED:-/dev/null}"
SH
chmod +x "$work/bin/xdg-open"

# Runs one e2e file against a fresh tauri-driver; extra args are `env` settings
# for both the app and the test.
runs=0
# RIGHTSDESK_E2E_ONLY=mail (a file's name without .e2e.mjs) runs just that one.
run() {
  local file=$1; shift
  if [ -n "${RIGHTSDESK_E2E_ONLY:-}" ] && [ "$(basename "$file" .e2e.mjs)" != "$RIGHTSDESK_E2E_ONLY" ]; then
    return 0
  fi
  runs=$((runs + 1))
  local data="$work/data-$(basename "$file" .e2e.mjs)-$runs"
  # Each run its own config folder, so the window size one run leaves (window-state) is not the next one's.
  env "$@" RIGHTSDESK_DATA_DIR="$data" XDG_CONFIG_HOME="$work/config-$runs" tauri-driver --port 4444 --native-port 4445 >"$work/driver.log" 2>&1 &
  local driver=$!
  pids+=("$driver")
  for _ in $(seq 100); do
    curl -fsS http://127.0.0.1:4444/status >/dev/null 2>&1 && break
    sleep 0.1
  done
  local rc=0
  env "$@" RIGHTSDESK_E2E_DATA_DIR="$data" node --test --test-concurrency=1 "$file" || rc=$?
  kill "$driver" 2>/dev/null || true
  wait "$driver" 2>/dev/null || true
  if [ "$rc" != 0 ]; then
    echo "---- tauri-driver log ($file) ----" >&2
    tail -n 40 "$work/driver.log" >&2
  fi
  return "$rc"
}

status=0
run "$root/tests/e2e/people.e2e.mjs" || status=1
run "$root/tests/e2e/platforms.e2e.mjs" || status=1
run "$root/tests/e2e/letters.e2e.mjs" || status=1
# Mailbox setup asks a DNS server and the provider's web server: both on
# 127.0.0.1, started by the test on these ports; HTTPS goes where nobody listens.
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# The sign-in page the app opens goes to the xdg-open recorder; the test plays the browser.
dns_port=$(free_port); http_port=$(free_port); https_port=$(free_port); oauth_port=$(free_port)
run "$root/tests/e2e/mail.e2e.mjs" RIGHTSDESK_NAMESERVER="127.0.0.1:$dns_port" \
  RIGHTSDESK_AUTOCONFIG_PORTS="$https_port,$http_port" RIGHTSDESK_E2E_DNS_PORT="$dns_port" RIGHTSDESK_E2E_HTTP_PORT="$http_port" \
  RIGHTSDESK_E2E_OAUTH_PORT="$oauth_port" \
  PATH="$work/bin:$PATH" RIGHTSDESK_E2E_OPENED="$work/opened-mail" || status=1
run "$root/tests/e2e/watch.e2e.mjs" || status=1
for variant in "en light" "de dark" "de light" "en dark"; do
  set -- $variant
  theme=Adwaita
  [ "$2" = dark ] && theme=Adwaita:dark
  locale=C.UTF-8
  [ "$1" = de ] && locale=de_DE.UTF-8
  run "$root/tests/e2e/guide.e2e.mjs" PATH="$work/bin:$PATH" LANGUAGE="$1" LANG="$locale" LC_ALL="$locale" GTK_THEME="$theme" \
    RIGHTSDESK_E2E_LANG="$1" RIGHTSDESK_E2E_THEME="$2" RIGHTSDESK_E2E_OPENED="$work/opened-$1-$2" || status=1
done
# The CLI seeds the backup run's store; the probe goes through every logging path.
cli="$root/target/debug/rightsdesk"
[ -x "$cli" ] || (cd "$root" && cargo build -q -p rightsdesk-cli)
run "$root/tests/e2e/reports.e2e.mjs" RIGHTSDESK_E2E_CLI="$cli" || status=1
run "$root/tests/e2e/backup.e2e.mjs" RIGHTSDESK_E2E_CLI="$cli" \
  RIGHTSDESK_LOG_PROBE="login password=Hunter2Probe token: Hunter2Token key x'5f4dcc3b5aa765d61d8327deb882cf992b95990a9151374abd8ff8c5a7a0fe08'" || status=1
# A store made with this session's keyring, which the passphrase run cannot reach.
keyring_store="$work/keyring-store"
RIGHTSDESK_DATA_DIR="$keyring_store" "$cli" init >/dev/null
RIGHTSDESK_DATA_DIR="$keyring_store" "$cli" person add --name "Grace Hopper" >/dev/null
run "$root/tests/e2e/passphrase.e2e.mjs" -u DBUS_SESSION_BUS_ADDRESS \
  DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/no-keyring-here RIGHTSDESK_E2E_KEYRING_STORE="$keyring_store" || status=1
echo "e2e screenshots: $RIGHTSDESK_E2E_SCREENS"
exit "$status"
