#!/usr/bin/env bash
# `make deb`: Tauri's bundler builds the .deb from the release build (the
# app, /usr/bin/rightsdesk — see packaging/rightsdesk —, the desktop entry,
# the icons, the Depends: line). Before, the binary's symbol table is
# stripped (debug info is already left out by the release profile); after,
# the package is rebuilt with xz instead of Tauri's gzip: together they take
# it from 24 MB to under 12 MB. Prints the package and its size.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app="$root/target/release/rightsdesk-app"
[ -x "$app" ] || { echo "deb: $app is missing; run 'make app' first" >&2; exit 2; }
strip --strip-unneeded "$app"
out="$root/target/release/bundle/deb"
rm -rf "$out"
(cd "$root/src-tauri" && ../ui/node_modules/.bin/tauri bundle --bundles deb --features custom-protocol)
deb=$(ls "$out"/*.deb)
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
dpkg-deb -R "$deb" "$tree/pkg"
chmod 0755 "$tree/pkg/usr/bin/rightsdesk"
rm "$deb"
dpkg-deb --root-owner-group -Zxz -z9 -b "$tree/pkg" "$deb" >/dev/null
echo "deb: $deb ($(du -k "$deb" | cut -f1) KiB)"
