#!/usr/bin/env bash
# The Reports screen's first render at scale (issue "Outcomes for journalists":
# < 300 ms over 100,000 requests / 1,000,000 events). Seeds the store with the
# reports benchmark (which prints its own figures), opens it in the release app
# (`make app`) under Xvfb with its passphrase, and times the screen in the page.
#   scripts/with-keyring.sh bench/reports-screen.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app="$root/target/release/rightsdesk-app"
[ -x "$app" ] || { echo "run 'make app' first" >&2; exit 2; }
work=$(mktemp -d /tmp/rightsdesk-reports-screen.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
RIGHTSDESK_BENCH_DATA_DIR="$work/data" cargo bench -q -p rightsdesk-tests --bench reports
if [ -z "${DISPLAY:-}" ]; then
  n=98
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n - 1)); done
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  export DISPLAY=":$n"
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
fi
RIGHTSDESK_DATA_DIR="$work/data" XDG_CONFIG_HOME="$work/config" tauri-driver --port 4444 --native-port 4445 >"$work/driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fsS http://127.0.0.1:4444/status >/dev/null 2>&1 && break; sleep 0.1; done
RIGHTSDESK_E2E_APP="$app" node "$root/bench/reports-screen.mjs"
