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
  # If the daemon goes away mid-run, D-Bus starts a locked one in its place
  # and keyring tests fail with "unlock prompt was dismissed" (seen once in a
  # full run, not reproduced): say when it went, so the log shows the cause.
  daemon=$(pgrep -n -x gnome-keyring-d || true)
  if [ -n "$daemon" ]; then
    ( while kill -0 "$daemon" 2>/dev/null; do sleep 1; done
      echo "with-keyring: gnome-keyring-daemon (pid $daemon) ended at $(date +%T) (after the run: expected)" >&2 ) &
  fi
  exec "$@"
' bash "$@"
