#!/usr/bin/env bash
# Installs whatever is missing to build, run and test RightsDesk on Debian or
# Ubuntu. Safe to run again: it only installs what is not there yet.
#   scripts/deps.sh          build + run dependencies
#   scripts/deps.sh --test   also what the tests need (Xvfb, WebDriver, keyring, mail servers,
#                            pdftotext to read the PDFs the tests make)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(build-essential pkg-config curl libwebkit2gtk-4.1-dev libsoup-3.0-dev libayatana-appindicator3-dev
  librsvg2-dev libxdo-dev libssl-dev)
if [ "${1:-}" = "--test" ]; then
  packages+=(xvfb xclip webkit2gtk-driver dbus dbus-x11 gnome-keyring libsecret-tools keyutils python3-aiosmtpd
    dovecot-imapd dnsmasq-base imagemagick xauth xdotool poppler-utils)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  echo "deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "deps: Rust is missing; install it from rustup.rs (1.95 or newer)" >&2; exit 1; }
command -v node >/dev/null || { echo "deps: Node.js 20 or newer is missing" >&2; exit 1; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { echo "deps: Node.js $node_major is too old; need 20 or newer" >&2; exit 1; }

if [ "${1:-}" = "--test" ]; then
  command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version 2.1.0
  command -v cargo-nextest >/dev/null || cargo install cargo-nextest --locked
fi

# npm ci only when the lockfile changed since the last install.
stamp="$root/ui/node_modules/.rightsdesk-lock"
if ! cmp -s "$root/ui/package-lock.json" "$stamp" 2>/dev/null; then
  (cd "$root/ui" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$root/ui/package-lock.json" "$stamp"
fi
