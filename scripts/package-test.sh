#!/usr/bin/env bash
# The package as a user gets it: `apt-get install ./rightsdesk_….deb`, the
# installed app started under Xvfb (WebDriver sees its first screen), the
# installed CLI's `doctor`, the desktop entry, then `apt-get remove`.
# Needs root or sudo (it installs a package) and a keyring session
# (scripts/with-keyring.sh). Prints the package's size.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deb=$(ls -t "$root"/target/release/bundle/deb/*.deb 2>/dev/null | head -n1 || true)
[ -n "$deb" ] || { echo "package: no .deb in target/release/bundle/deb; run 'make deb'" >&2; exit 2; }
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
name=$(dpkg-deb -f "$deb" Package)
echo "package: $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB; Depends: $(dpkg-deb -f "$deb" Depends)"
size=$(stat -c %s "$deb")
[ "$size" -le $((12 * 1024 * 1024)) ] || { echo "package: $deb is larger than 12 MB" >&2; exit 1; }

work=$(mktemp -d /tmp/rightsdesk-package.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pkill -f /usr/bin/rightsdesk-app 2>/dev/null || true
  if dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed"; then
    $sudo apt-get remove -y -qq "$name" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A package already installed by the user would be replaced: refuse instead.
if dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed"; then
  echo "package: $name is already installed on this machine; not touching it" >&2
  exit 2
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >/dev/null
for f in /usr/bin/rightsdesk-app /usr/bin/rightsdesk /usr/share/applications/RightsDesk.desktop; do
  [ -e "$f" ] || { echo "package: $f is not installed" >&2; exit 1; }
done
grep -q '^Exec=rightsdesk-app' /usr/share/applications/RightsDesk.desktop
ls /usr/share/icons/hicolor/*/apps/rightsdesk-app.png >/dev/null

# The installed CLI, from any directory, on a fresh data directory.
(cd / && rightsdesk --data-dir "$work/cli" init >/dev/null && rightsdesk --data-dir "$work/cli" doctor)

# The installed app's first screen, in the real window.
if [ -z "${DISPLAY:-}" ]; then
  n=98
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n - 1)); done
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  export DISPLAY=":$n"
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
fi
RIGHTSDESK_DATA_DIR="$work/app" tauri-driver --port 4444 --native-port 4445 >"$work/driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fsS http://127.0.0.1:4444/status >/dev/null 2>&1 && break; sleep 0.1; done
RIGHTSDESK_E2E_APP=/usr/bin/rightsdesk-app RIGHTSDESK_E2E_SCREENS="$root/target/e2e-screens" \
  node --test "$root/tests/e2e/installed.e2e.mjs" || { tail -n 40 "$work/driver.log" >&2; exit 1; }

$sudo apt-get remove -y -qq "$name" >/dev/null
for f in /usr/bin/rightsdesk-app /usr/bin/rightsdesk; do
  [ ! -e "$f" ] || { echo "package: $f is still there after removal" >&2; exit 1; }
done
echo "package: installed, started, checked and removed"
