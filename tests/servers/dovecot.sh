#!/usr/bin/env bash
# Dovecot IMAP test server (Debian dovecot-imapd) for RightsDesk's tests:
# standalone from a throwaway config in DIR, TLS only (imaps on PORT, plain
# IMAP on PLAIN_PORT refuses login without STARTTLS), one user with
# PASSWORD, Maildir, a "Sent" folder. Daemonises; stop it with
#   doveadm -c DIR/dovecot.conf stop
# Deliver a message into FOLDER (as the mail system would) with
#   /usr/lib/dovecot/dovecot-lda -c DIR/dovecot.conf -d ada@example.org -m FOLDER < msg.eml
#
# With INTROSPECT_URL, XOAUTH2 and OAUTHBEARER logins are also taken: each
# token is checked at that OAuth2 introspection endpoint (the oauth2 passdb,
# POST token=…; the answer's "active" must be true, "username" is the user).
#
#   tests/servers/dovecot.sh DIR CERT KEY PASSWORD PORT PLAIN_PORT [INTROSPECT_URL]
set -euo pipefail
dir=$1 cert=$2 key=$3 password=$4 port=$5 plain_port=$6 introspect=${7:-}
user=ada@example.org
mkdir -p "$dir/run" "$dir/state" "$dir/mail"
# The user's session runs as nobody: it must reach DIR and own the mail. (The caller makes
# DIR's parent reachable: a test's own temp dir, never a shared one like /tmp.)
chmod 755 "$dir"
chown -R nobody:nogroup "$dir/mail"
printf '%s:{PLAIN}%s\n' "$user" "$password" > "$dir/users"
oauth_passdb=""
if [ -n "$introspect" ]; then
  cat > "$dir/oauth2.conf.ext" <<OAUTH
introspection_mode = post
introspection_url = $introspect
username_attribute = username
active_attribute = active
active_value = true
force_introspection = yes
OAUTH
  oauth_passdb="auth_mechanisms = plain login xoauth2 oauthbearer
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $dir/oauth2.conf.ext
}"
fi
cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = required
ssl_cert = <$cert
ssl_key = <$key
disable_plaintext_auth = yes
mail_location = maildir:$dir/mail/%u/Maildir
first_valid_uid = 1
lda_mailbox_autocreate = yes
$oauth_passdb
passdb {
  driver = passwd-file
  args = $dir/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$dir/mail/%u
}
service imap-login {
  inet_listener imap {
    port = $plain_port
  }
  inet_listener imaps {
    port = $port
  }
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \Sent
    auto = create
  }
}
CONF
# Dovecot daemonises; its children keep inherited output open, so do not pipe it.
dovecot -c "$dir/dovecot.conf" </dev/null >/dev/null 2>&1
# Ready means a real login works, not just an open port: the master listens
# before imap-login and auth are up, and a freshly installed Dovecot's first
# start (cold disk, first exec of each process) can take a while. The login
# here also makes the user's Maildir, so a test's first login is not the one
# racing to create it.
for _ in $(seq 200); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    answer=$(printf 'r1 LOGIN %s %s\r\nr2 LOGOUT\r\n' "$user" "$password" |
      timeout 10 openssl s_client -quiet -connect "127.0.0.1:$port" 2>/dev/null || true)
    case "$answer" in *"r1 OK"*) exit 0 ;; esac
  fi
  sleep 0.05
done
echo "dovecot did not accept a login on $port: see $dir/dovecot.log" >&2
exit 1
