//! Signing in to a mail provider with OAuth2 (RFC 6749 authorization code,
//! RFC 7636 PKCE, RFC 8252 loopback redirect): the rules, with no I/O. The
//! caller brings the randomness (verifier, state), the clock (now) and the
//! network; here are the URL the browser opens, what a callback means, when
//! an access token must be refreshed, and what a token endpoint's refusal
//! asks of the user.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::mailbox::OAuth2Endpoints;

/// The scopes Microsoft requires for IMAP and SMTP with XOAUTH2, and a
/// refresh token (`offline_access`).
pub const MICROSOFT_SCOPES: &str =
    "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access";

/// An access token is refreshed when it has less than this left: a batch
/// that starts with a token about to expire must not fail half-way.
pub const REFRESH_MARGIN_SECS: i64 = 300;

/// Where and how an account signs in: the provider's endpoints and the
/// client id the app was registered with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OAuthSettings {
    pub auth_url: String,
    pub token_url: String,
    /// Space-separated, as the provider wants them.
    pub scopes: String,
    /// The public client's id (no secret: a desktop app cannot keep one).
    pub client_id: String,
}

impl OAuthSettings {
    /// The settings for a provider's published endpoints (ISPDB `<oAuth2>`),
    /// with the client id RightsDesk is configured with. Microsoft's scopes
    /// gain `offline_access`, without which no refresh token is issued.
    pub fn from_endpoints(e: &OAuth2Endpoints, client_id: &str) -> Self {
        let mut scopes = e.scope.clone();
        if e.auth_url.contains("login.microsoftonline.com") && !scopes.split_whitespace().any(|s| s == "offline_access")
        {
            scopes = format!("{scopes} offline_access").trim().to_owned();
        }
        Self { auth_url: e.auth_url.clone(), token_url: e.token_url.clone(), scopes, client_id: client_id.to_owned() }
    }

    /// What is missing before a sign-in can start, in words.
    pub fn problem(&self) -> Option<&'static str> {
        if self.client_id.trim().is_empty() {
            Some("no OAuth client id is configured: set one in Settings (see the README, \"Microsoft sign-in\")")
        } else if !is_http_url(&self.auth_url) || !is_http_url(&self.token_url) {
            Some("the provider's sign-in and token addresses must be http(s) URLs")
        } else {
            None
        }
    }
}

fn is_http_url(u: &str) -> bool {
    u.starts_with("https://") || u.starts_with("http://127.0.0.1") || u.starts_with("http://localhost")
}

/// The PKCE challenge for a verifier (S256).
pub fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// A verifier or state from random bytes (43 characters from 32 bytes).
pub fn random_token(bytes: &[u8; 32]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The address the browser opens.
pub fn authorization_url(
    s: &OAuthSettings,
    redirect_uri: &str,
    state: &str,
    verifier: &str,
    login_hint: &str,
) -> String {
    let q = |v: &str| percent(v);
    let sep = if s.auth_url.contains('?') { '&' } else { '?' };
    let mut url = format!(
        "{}{sep}response_type=code&client_id={}&redirect_uri={}&scope={}&state={}&code_challenge={}&code_challenge_method=S256",
        s.auth_url,
        q(&s.client_id),
        q(redirect_uri),
        q(&s.scopes),
        q(state),
        q(&challenge(verifier)),
    );
    if !login_hint.is_empty() {
        url.push_str(&format!("&login_hint={}", q(login_hint)));
    }
    url
}

/// RFC 3986 unreserved characters kept, everything else percent-encoded.
pub fn percent(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn unpercent(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'+', _) => out.push(b' '),
            (b'%', Some(b)) => {
                out.push(b);
                i += 2;
            }
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What the browser brought back to the loopback address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    #[error("the sign-in answer does not belong to this sign-in (wrong state): start again")]
    WrongState,
    #[error("the provider refused the sign-in: {error}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Refused { error: String, description: Option<String> },
    #[error("the sign-in answer has no code")]
    NoCode,
}

/// The authorization code in a callback's request target (`/?code=…&state=…`),
/// if its state is the one this sign-in sent.
pub fn parse_callback(target: &str, expected_state: &str) -> Result<String, CallbackError> {
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or("");
    let mut code = None;
    let mut state = None;
    let mut error = None;
    let mut description = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = unpercent(v);
        match k {
            "code" => code = Some(v),
            "state" => state = Some(v),
            "error" => error = Some(v),
            "error_description" => description = Some(v),
            _ => {}
        }
    }
    // The state is checked first: an answer to someone else's sign-in says nothing about this one.
    if state.as_deref() != Some(expected_state) {
        return Err(CallbackError::WrongState);
    }
    if let Some(error) = error {
        return Err(CallbackError::Refused { error, description });
    }
    code.filter(|c| !c.is_empty()).ok_or(CallbackError::NoCode)
}

/// Tokens as kept in the OS keyring (never on disk): the refresh token, and
/// the current access token with the second (Unix time) it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_at: i64,
}

/// A token endpoint's JSON answer.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenAnswer {
    pub access_token: Option<String>,
    pub refresh_token: Option<String>,
    pub expires_in: Option<i64>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// Why tokens could not be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The refresh token is revoked, expired or unknown: only a new sign-in helps.
    #[error("sign in again: the provider no longer accepts this account's sign-in ({0})")]
    SignInAgain(String),
    #[error("the provider's token endpoint answered: {0}")]
    Refused(String),
}

/// New tokens from a token endpoint's answer at `now`; a refresh that brings
/// no new refresh token keeps the old one (RFC 6749 §6).
pub fn tokens_from(answer: &TokenAnswer, previous_refresh: Option<&str>, now: i64) -> Result<Tokens, TokenError> {
    if let Some(error) = &answer.error {
        let words = match &answer.error_description {
            Some(d) => format!("{error}: {}", d.lines().next().unwrap_or_default()),
            None => error.clone(),
        };
        // invalid_grant: the grant (code or refresh token) is invalid, expired or revoked.
        return Err(if error == "invalid_grant" { TokenError::SignInAgain(words) } else { TokenError::Refused(words) });
    }
    let access = answer.access_token.clone().filter(|t| !t.is_empty());
    let Some(access_token) = access else { return Err(TokenError::Refused("no access token in the answer".into())) };
    let refresh = answer.refresh_token.clone().filter(|t| !t.is_empty()).or(previous_refresh.map(str::to_owned));
    let Some(refresh_token) = refresh else {
        return Err(TokenError::Refused("no refresh token (is offline_access among the scopes?)".into()));
    };
    Ok(Tokens { access_token, refresh_token, expires_at: now + answer.expires_in.unwrap_or(3600).max(0) })
}

/// Whether the access token must be refreshed before use at `now`.
pub fn needs_refresh(tokens: &Tokens, now: i64) -> bool {
    tokens.expires_at - now < REFRESH_MARGIN_SECS
}

/// The SASL XOAUTH2 initial response (before base64), for IMAP and SMTP alike.
pub fn xoauth2(user: &str, access_token: &str) -> String {
    format!("user={user}\x01auth=Bearer {access_token}\x01\x01")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pkce_challenge_is_the_url_safe_sha256_of_the_verifier() {
        // Computed apart: Python base64.urlsafe_b64encode(hashlib.sha256(v).digest()), "=" stripped.
        assert_eq!(
            challenge("dBjftJeZ4CVP-mJ92K9pNfxL0L8BpWXGaR9Pwqg9R_Q"),
            "vYTmoqhYbeEdD1ymsZEwxlxk3Mh9Youva5uIXvUd7I8"
        );
        assert_eq!(random_token(&[0; 32]).len(), 43);
    }

    #[test]
    fn the_authorization_url_carries_client_redirect_scopes_state_and_challenge() {
        let s = OAuthSettings {
            auth_url: "https://login.example/authorize".into(),
            token_url: "https://login.example/token".into(),
            scopes: "mail offline_access".into(),
            client_id: "abc-123".into(),
        };
        let url = authorization_url(&s, "http://127.0.0.1:5555/", "st8", "verifier", "ada@example.org");
        assert!(url.starts_with("https://login.example/authorize?response_type=code&client_id=abc-123&"), "{url}");
        assert!(url.contains("&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2F&scope=mail%20offline_access&state=st8&"));
        assert!(url.contains(&format!("&code_challenge={}&code_challenge_method=S256", challenge("verifier"))));
        assert!(url.ends_with("&login_hint=ada%40example.org"), "{url}");
    }

    #[test]
    fn a_callback_gives_its_code_only_with_the_right_state() {
        assert_eq!(parse_callback("/?code=a%2Bb&state=s1", "s1"), Ok("a+b".into()));
        assert_eq!(parse_callback("/?code=x&state=other", "s1"), Err(CallbackError::WrongState));
        assert_eq!(parse_callback("/?code=x", "s1"), Err(CallbackError::WrongState));
        let refused = parse_callback("/?error=access_denied&error_description=The+user+said+no&state=s1", "s1");
        assert_eq!(
            refused,
            Err(CallbackError::Refused { error: "access_denied".into(), description: Some("The user said no".into()) })
        );
        assert!(refused.unwrap_err().to_string().contains("access_denied (The user said no)"));
        assert_eq!(parse_callback("/?state=s1", "s1"), Err(CallbackError::NoCode));
        // A stray percent sign is kept, not a panic.
        assert_eq!(parse_callback("/?code=50%&state=s1", "s1"), Ok("50%".into()));
    }

    #[test]
    fn tokens_expire_with_a_margin_and_a_revoked_grant_asks_for_a_new_sign_in() {
        let answer = |json: &str| serde_json::from_str::<TokenAnswer>(json).unwrap_or_else(|e| panic!("{e}"));
        let t = tokens_from(&answer(r#"{"access_token":"A","refresh_token":"R","expires_in":3600}"#), None, 1000)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t, Tokens { access_token: "A".into(), refresh_token: "R".into(), expires_at: 4600 });
        assert!(!needs_refresh(&t, 4600 - REFRESH_MARGIN_SECS));
        assert!(needs_refresh(&t, 4600 - REFRESH_MARGIN_SECS + 1));
        // A refresh without a new refresh token keeps the old one.
        let t2 = tokens_from(&answer(r#"{"access_token":"B","expires_in":60}"#), Some("R"), 5000)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((t2.refresh_token.as_str(), t2.expires_at), ("R", 5060));
        let revoked = tokens_from(
            &answer(
                r#"{"error":"invalid_grant","error_description":"AADSTS70008: The refresh token has expired.\r\nTrace ID: 1"}"#,
            ),
            Some("R"),
            0,
        );
        assert_eq!(
            revoked,
            Err(TokenError::SignInAgain("invalid_grant: AADSTS70008: The refresh token has expired.".into()))
        );
        assert!(matches!(tokens_from(&answer(r#"{"error":"invalid_client"}"#), None, 0), Err(TokenError::Refused(_))));
        assert!(matches!(tokens_from(&answer(r#"{"access_token":"A"}"#), None, 0), Err(TokenError::Refused(_))));
    }

    #[test]
    fn microsofts_endpoints_get_offline_access_and_a_missing_client_id_is_said() {
        let e = OAuth2Endpoints {
            issuer: "login.microsoftonline.com".into(),
            scope: "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send".into(),
            auth_url: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize".into(),
            token_url: "https://login.microsoftonline.com/common/oauth2/v2.0/token".into(),
        };
        let s = OAuthSettings::from_endpoints(&e, "");
        assert_eq!(s.scopes, MICROSOFT_SCOPES);
        assert!(s.problem().is_some_and(|p| p.contains("client id")));
        assert_eq!(OAuthSettings::from_endpoints(&e, "id").problem(), None);
        assert_eq!(xoauth2("a@b.c", "T"), "user=a@b.c\x01auth=Bearer T\x01\x01");
    }
}
