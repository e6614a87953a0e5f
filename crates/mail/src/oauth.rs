//! Signing in to a mail provider (OAuth2 authorization code with PKCE and a
//! loopback redirect, RFC 8252), and keeping the access token fresh. The
//! rules are `domain::oauth`'s; here are the network and the keyring.
//!
//! A sign-in: `SignIn::start` listens on 127.0.0.1 (a port the OS picks) and
//! makes the provider's URL; the face opens it in the system browser (the
//! app through the opener plugin, the CLI with xdg-open, printing it too);
//! `finish` waits for the browser's one redirect back, checks its state,
//! exchanges the code (with the PKCE verifier) for tokens and answers the
//! browser with a short page. Tokens go to the OS keyring only; no token is
//! ever part of an error or a log line.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use rand::RngCore;
use rightsdesk_domain::mail::MailAccount;
use rightsdesk_domain::oauth::{
    self, OAuthSettings, TokenAnswer, TokenError, Tokens, authorization_url, parse_callback, random_token,
};
use rightsdesk_domain::{ErrorCode, Id};
use rightsdesk_store::Error;

use crate::StoreAccess;

/// How long a sign-in waits for the browser.
pub const SIGN_IN_WAIT: Duration = Duration::from_secs(300);

/// A sign-in under way: the loopback listener and what the answer must match.
#[derive(Debug)]
pub struct SignIn {
    listener: TcpListener,
    redirect_uri: String,
    state: String,
    verifier: String,
    url: String,
    settings: OAuthSettings,
}

fn random() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    random_token(&bytes)
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::Invalid, message.into())
}

impl SignIn {
    /// Listens on the loopback address and makes the URL to open.
    pub fn start(settings: &OAuthSettings, login_hint: &str) -> Result<Self, Error> {
        if let Some(problem) = settings.problem() {
            return Err(invalid(problem));
        }
        let listener = TcpListener::bind("127.0.0.1:0")
            .map_err(|e| Error::new(ErrorCode::Io, format!("cannot listen on 127.0.0.1 for the sign-in: {e}")))?;
        let port = listener.local_addr().map_err(|e| Error::new(ErrorCode::Io, e.to_string()))?.port();
        let redirect_uri = format!("http://127.0.0.1:{port}/");
        let (state, verifier) = (random(), random());
        let url = authorization_url(settings, &redirect_uri, &state, &verifier, login_hint);
        Ok(Self { listener, redirect_uri, state, verifier, url, settings: settings.clone() })
    }

    /// The provider's sign-in page, for the system browser.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Waits for the browser's redirect, then trades the code for tokens.
    /// A wrong state, an error from the provider or a timeout is an error,
    /// and nothing is stored.
    pub fn finish(self, wait: Duration) -> Result<Tokens, Error> {
        let code = self.callback(wait)?;
        let answer = post_form(
            &self.settings.token_url,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", &self.redirect_uri),
                ("client_id", &self.settings.client_id),
                ("code_verifier", &self.verifier),
            ],
        )?;
        oauth::tokens_from(&answer, None, now()).map_err(token_error)
    }

    /// The code from the first request that carries an answer; other
    /// requests (a browser's favicon) get a 404 and the wait goes on.
    fn callback(&self, wait: Duration) -> Result<String, Error> {
        let deadline = Instant::now() + wait;
        self.listener.set_nonblocking(true).map_err(|e| Error::new(ErrorCode::Io, e.to_string()))?;
        loop {
            let (mut stream, _) = match self.listener.accept() {
                Ok(s) => s,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if Instant::now() >= deadline {
                        return Err(Error::new(
                            ErrorCode::Io,
                            format!("no answer from the sign-in within {} s: start it again", wait.as_secs()),
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
                Err(e) => return Err(Error::new(ErrorCode::Io, e.to_string())),
            };
            let _ = stream.set_nonblocking(false);
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let mut line = String::new();
            let _ = BufReader::new(&stream).read_line(&mut line);
            let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
            if !target.contains("state=") && !target.contains("code=") && !target.contains("error=") {
                let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                continue;
            }
            let outcome = parse_callback(&target, &self.state);
            let page = match &outcome {
                Ok(_) => "RightsDesk: you are signed in. You can close this window.".to_owned(),
                Err(e) => format!("RightsDesk: the sign-in did not work: {e}"),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
            return outcome.map_err(|e| invalid(e.to_string()));
        }
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn token_error(e: TokenError) -> Error {
    match e {
        TokenError::SignInAgain(_) => Error::new(ErrorCode::KeyMissing, e.to_string()),
        TokenError::Refused(_) => Error::new(ErrorCode::Io, e.to_string()),
    }
}

/// A POST to a token endpoint; its JSON answer, also for 400 (where OAuth2 errors come).
fn post_form(url: &str, form: &[(&str, &str)]) -> Result<TokenAnswer, Error> {
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| Error::new(ErrorCode::Io, e.to_string()))?;
    let body: String = form.iter().map(|(k, v)| format!("{k}={}", oauth::percent(v))).collect::<Vec<_>>().join("&");
    let response = client
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(body)
        .send()
        // reqwest's error names the URL, never the form.
        .map_err(|e| Error::new(ErrorCode::Io, format!("the provider's token endpoint: {e}")))?;
    let status = response.status();
    let text = response.text().map_err(|e| Error::new(ErrorCode::Io, e.to_string()))?;
    serde_json::from_str(&text).map_err(|_| {
        Error::new(ErrorCode::Io, format!("the provider's token endpoint answered {status} without a JSON answer"))
    })
}

/// New tokens for a refresh token.
pub fn refresh(settings: &OAuthSettings, tokens: &Tokens) -> Result<Tokens, Error> {
    let answer = post_form(
        &settings.token_url,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &tokens.refresh_token),
            ("client_id", &settings.client_id),
            ("scope", &settings.scopes),
        ],
    )?;
    oauth::tokens_from(&answer, Some(&tokens.refresh_token), now()).map_err(token_error)
}

/// Signs `account` in: the URL goes to `open` (the face's browser), then the
/// tokens from the browser's answer go to the keyring.
pub fn sign_in(
    access: &impl StoreAccess,
    account_id: Id,
    wait: Duration,
    open: impl FnOnce(&str),
) -> Result<MailAccount, Error> {
    let account = access.with(|s| s.mail_account(account_id))?;
    let Some(settings) = account.draft.oauth.clone() else {
        return Err(invalid(format!("{} signs in with a password, not with the provider", account.draft.email)));
    };
    let sign_in = SignIn::start(&settings, &account.draft.email)?;
    open(sign_in.url());
    let tokens = sign_in.finish(wait)?;
    access.with(|s| {
        s.set_mail_tokens(account_id, &tokens)?;
        s.mail_account(account_id)
    })
}

/// The access token to log in with now: the stored one while it has more
/// than `REFRESH_MARGIN_SECS` left, else a fresh one (kept in the keyring).
/// A revoked or expired sign-in is a `KeyMissing` error saying "sign in again".
pub fn access_token(access: &impl StoreAccess, account: &MailAccount) -> Result<String, Error> {
    let Some(settings) = &account.draft.oauth else {
        return Err(invalid("this account signs in with a password"));
    };
    let Some(tokens) = access.with(|s| s.mail_tokens(account.id))? else {
        return Err(Error::new(
            ErrorCode::KeyMissing,
            format!("sign in again: {} has not signed in with its provider yet", account.draft.email),
        ));
    };
    if !oauth::needs_refresh(&tokens, now()) {
        return Ok(tokens.access_token);
    }
    // The network is asked without holding the store.
    let fresh = refresh(settings, &tokens)?;
    access.with(|s| s.set_mail_tokens(account.id, &fresh))?;
    Ok(fresh.access_token)
}
