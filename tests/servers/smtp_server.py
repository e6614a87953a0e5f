#!/usr/bin/python3
"""SMTP test server for RightsDesk's tests (Debian python3-aiosmtpd).

Listens on 127.0.0.1 with STARTTLS required (the given self-signed cert) and
AUTH (one user), writes every accepted message to --out as <n>.eml, and can
misbehave on purpose: --delay-ms N thinks N ms over each message, --fail-first N answers "451 try again" (or --fail-code,
e.g. "421 ...") to the first N messages, --reject answers "550" to all. With --sent-lda CONF it also files
each accepted message in the user's Dovecot "Sent" folder (through
dovecot-lda), before answering, as providers that keep a copy of sent mail
do. With --introspect URL it also takes AUTH XOAUTH2, each bearer token
checked at that OAuth2 introspection endpoint (tests/servers/oauth_server.py).
Prints "ready" once listening.
"""
import argparse
import asyncio
import itertools
import os
import ssl
import subprocess
import time

import base64
import json
import urllib.parse
import urllib.request

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--cert", required=True)
p.add_argument("--key", required=True)
p.add_argument("--out", required=True)
p.add_argument("--user", default="ada@example.org")
p.add_argument("--password", default="app-password-1")
p.add_argument("--fail-first", type=int, default=0)
p.add_argument("--fail-code", default="451 4.3.0 Temporary failure, try again later")
p.add_argument("--reject", action="store_true")
p.add_argument("--delay-ms", type=int, default=0, help="think this long before answering each message (a slow server)")
p.add_argument("--refusal", help="answer a failed login with this line (a provider's own words)")
p.add_argument("--introspect", help="take AUTH XOAUTH2, checking tokens at this RFC 7662 endpoint")
p.add_argument("--sent-lda", help="Dovecot config: copy each accepted message to the user's Sent folder")
args = p.parse_args()
seen = itertools.count()


class Handler:
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        # One line per client connection (EHLO comes again after STARTTLS: same peer).
        with open(os.path.join(args.out, "connections.log"), "a") as f:
            f.write(f"{session.peer[1]}\n")
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        if args.delay_ms:
            await asyncio.sleep(args.delay_ms / 1000)
        n = next(seen)
        if args.reject:
            return "550 5.7.1 Recipient rejected by policy"
        if n < args.fail_first:
            return args.fail_code
        if args.sent_lda:
            subprocess.run(
                ["/usr/lib/dovecot/dovecot-lda", "-c", args.sent_lda, "-d", args.user, "-m", "Sent"],
                input=envelope.original_content,
                check=True,
            )
        path = os.path.join(args.out, f"{time.time_ns()}.eml")
        with open(path + ".part", "wb") as f:
            f.write(envelope.original_content)
        os.rename(path + ".part", path)
        return "250 2.0.0 OK"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login.decode() == args.user
        and auth_data.password.decode() == args.password
    )
    # handled=False lets aiosmtpd answer 235/535 itself (else the client hangs).
    return AuthResult(success=ok, handled=False, message=None if ok else args.refusal)


def token_user(token):
    """The user a bearer token belongs to, per the introspection endpoint (None: not active)."""
    body = urllib.parse.urlencode({"token": token}).encode()
    with urllib.request.urlopen(args.introspect, data=body, timeout=5) as r:
        answer = json.load(r)
    return answer.get("username") if answer.get("active") is True else None


class OAuthSMTP(SMTP):
    async def auth_XOAUTH2(self, _, arguments):
        # "AUTH XOAUTH2 <base64 of user=…^Aauth=Bearer …^A^A>", the initial response on the line.
        try:
            raw = base64.b64decode(arguments[1], validate=True).decode()
            fields = dict(f.split("=", 1) for f in raw.split("\x01") if "=" in f)
            user, token = fields["user"], fields["auth"].removeprefix("Bearer ")
        except Exception:
            await self.push("501 5.5.2 Cannot decode the XOAUTH2 response")
            return AuthResult(success=False, handled=True)
        who = await asyncio.get_running_loop().run_in_executor(None, token_user, token)
        if who is not None and who == user == args.user:
            return AuthResult(success=True, handled=False, auth_data=LoginPassword(user.encode(), b""))
        return AuthResult(success=False, handled=False, message="535 5.7.8 Username and Password not accepted (token)")


class OAuthController(Controller):
    def factory(self):
        return OAuthSMTP(self.handler, **self.SMTP_kwargs)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(args.cert, args.key)
controller = (OAuthController if args.introspect else Controller)(
    Handler(),
    hostname="127.0.0.1",
    port=args.port,
    tls_context=context,
    require_starttls=True,
    authenticator=authenticate,
    auth_require_tls=True,
)
controller.start()
print("ready", flush=True)
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
