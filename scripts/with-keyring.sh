#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring-daemon) on
# a private session bus, and a throwaway keyring folder. HOME is left alone:
# rustup needs it.
#   scripts/with-keyring.sh cargo nextest run
set -euo pipefail
keyring_home=$(mktemp -d /tmp/rightsdesk-keyring.XXXXXX)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
export RIGHTSDESK_REQUIRE_KEYRING=1
exec dbus-run-session -- keyctl session - bash -c '
  echo -n "throwaway-test-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' bash "$@"
