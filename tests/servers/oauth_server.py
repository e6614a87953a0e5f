#!/usr/bin/python3
"""A small OAuth2 authorization server on 127.0.0.1 for RightsDesk's tests.

The parts a mail provider's sign-in has, as RFC 6749 / 7636 / 7662 say:
  GET  /authorize   authorization code flow with PKCE (S256 only). The user
                    "signs in" at once (a browser would show a form): the
                    answer is a redirect to redirect_uri with code and state,
                    or with error=access_denied when started with --deny.
  POST /token       grant_type=authorization_code (the verifier checked
                    against the challenge) or refresh_token; a revoked or
                    unknown refresh token → 400 invalid_grant.
  POST /introspect  RFC 7662 for Dovecot's oauth2 passdb and the SMTP test
                    server: {"active": true, "username": …} or {"active": false}.
Test controls (not OAuth): POST /revoke (all refresh tokens revoked),
POST /expire (all access tokens expired), GET /stats (JSON counts).

Prints "ready PORT" on stdout when listening. Standard library only.
"""

import argparse
import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, default=0)
p.add_argument("--client-id", default="rightsdesk-test-client")
p.add_argument("--user", default="ada@example.org")
p.add_argument("--lifetime", type=int, default=3600, help="access token lifetime in seconds")
p.add_argument("--deny", action="store_true", help="the user refuses the sign-in")
args = p.parse_args()

lock = threading.Lock()
codes = {}  # code -> (challenge, redirect_uri)
access = {}  # token -> expiry (unix seconds)
refresh = set()
stats = {"authorize": 0, "code_grants": 0, "refresh_grants": 0, "introspections": 0}


def challenge_of(verifier):
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def issue(with_refresh):
    token = "at-" + secrets.token_urlsafe(24)
    access[token] = time.time() + args.lifetime
    answer = {"access_token": token, "token_type": "Bearer", "expires_in": args.lifetime}
    if with_refresh:
        r = "rt-" + secrets.token_urlsafe(24)
        refresh.add(r)
        answer["refresh_token"] = r
    return answer


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def reply(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def form(self):
        n = int(self.headers.get("Content-Length") or 0)
        return {k: v[0] for k, v in parse_qs(self.rfile.read(n).decode()).items()}

    def do_GET(self):
        url = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/stats":
            with lock:
                return self.reply(200, stats)
        if url.path != "/authorize":
            return self.reply(404, {"error": "not_found"})
        with lock:
            stats["authorize"] += 1
        if q.get("client_id") != args.client_id or q.get("response_type") != "code":
            return self.reply(400, {"error": "invalid_request", "error_description": "unknown client or response type"})
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return self.reply(400, {"error": "invalid_request", "error_description": "PKCE S256 required"})
        redirect = q.get("redirect_uri", "")
        if not redirect.startswith("http://127.0.0.1:"):
            return self.reply(400, {"error": "invalid_request", "error_description": "loopback redirect only"})
        if args.deny:
            answer = {"error": "access_denied", "error_description": "The user declined.", "state": q.get("state", "")}
        else:
            code = "c-" + secrets.token_urlsafe(16)
            with lock:
                codes[code] = (q["code_challenge"], redirect)
            answer = {"code": code, "state": q.get("state", "")}
        sep = "&" if "?" in redirect else "?"
        self.send_response(302)
        self.send_header("Location", redirect + sep + urlencode(answer))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        url = urlsplit(self.path)
        f = self.form()
        with lock:
            if url.path == "/token":
                if f.get("client_id") != args.client_id:
                    return self.reply(401, {"error": "invalid_client"})
                grant = f.get("grant_type")
                if grant == "authorization_code":
                    entry = codes.pop(f.get("code", ""), None)
                    if entry is None or entry[1] != f.get("redirect_uri"):
                        return self.reply(400, {"error": "invalid_grant", "error_description": "unknown code"})
                    if challenge_of(f.get("code_verifier", "")) != entry[0]:
                        return self.reply(400, {"error": "invalid_grant", "error_description": "PKCE verification failed"})
                    stats["code_grants"] += 1
                    return self.reply(200, issue(True))
                if grant == "refresh_token":
                    if f.get("refresh_token") not in refresh:
                        return self.reply(400, {"error": "invalid_grant",
                                                "error_description": "The refresh token has been revoked."})
                    stats["refresh_grants"] += 1
                    return self.reply(200, issue(False))
                return self.reply(400, {"error": "unsupported_grant_type"})
            if url.path == "/introspect":
                stats["introspections"] += 1
                token = f.get("token") or self.headers.get("Authorization", "").removeprefix("Bearer ")
                alive = access.get(token, 0) > time.time()
                return self.reply(200, {"active": True, "username": args.user} if alive else {"active": False})
            if url.path == "/revoke":
                refresh.clear()
                return self.reply(200, {})
            if url.path == "/expire":
                for t in access:
                    access[t] = 0
                return self.reply(200, {})
        return self.reply(404, {"error": "not_found"})


server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
print(f"ready {server.server_address[1]}", flush=True)
server.serve_forever()
