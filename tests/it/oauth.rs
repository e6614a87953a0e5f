//! Signing in with the provider (OAuth2), end to end through real parts on
//! 127.0.0.1: a local authorization server (tests/servers/oauth_server.py),
//! aiosmtpd taking XOAUTH2 and Dovecot with its oauth2 passdb, both checking
//! each token at that server's introspection endpoint.

use std::time::Duration;

use rightsdesk_domain::letter::LetterRequest;
use rightsdesk_domain::mail::{MailAccountDraft, OutboxState, TlsMode};
use rightsdesk_domain::{LetterOptions, PersonDraft, RequestKind};
use rightsdesk_mail::oauth::{SignIn, sign_in};
use rightsdesk_mail::{Exclusive, SendOptions, check_stored, send_queued};
use rightsdesk_store::Store;
use rightsdesk_tests::Sandbox;
use rightsdesk_tests::imap::{Dovecot, dovecot_with};
use rightsdesk_tests::oauth::{OAuthServer, browser, oauth_server};
use rightsdesk_tests::smtp::{SmtpServer, certificate, delivered, smtp};

const NOW: SendOptions =
    SendOptions { account: None, pause: Some(Duration::ZERO), backoff: |_| chrono::Duration::zero() };
const WAIT: Duration = Duration::from_secs(20);

struct Provider {
    oauth: OAuthServer,
    smtp: SmtpServer,
    imap: Dovecot,
    store: Store,
    account: i64,
    person: i64,
}

/// The provider's three servers and an account that signs in with it
/// (not signed in yet). `lifetime`: the access tokens' lifetime in seconds.
fn provider(sb: &Sandbox, lifetime: u32) -> Provider {
    let dir = sb.tmp.path();
    let (cert, key) = certificate(dir);
    let oauth = oauth_server(&["--lifetime", &lifetime.to_string()]);
    let smtp = smtp(dir, &["--introspect", &oauth.introspect_url()]);
    let imap = dovecot_with(dir, &cert, &key, "not-used-password", Some(&oauth.introspect_url()));
    let mut store = sb.create_store("correct horse battery");
    rightsdesk_usecases::ready(&mut store).unwrap();
    let person = store
        .create_person(PersonDraft {
            display_name: "Ada Lovelace".into(),
            emails: vec!["ada@example.org".into()],
            ..Default::default()
        })
        .unwrap()
        .id;
    let draft = MailAccountDraft {
        label: "Work".into(),
        email: "ada@example.org".into(),
        smtp_host: "127.0.0.1".into(),
        smtp_port: smtp.port,
        smtp_tls: TlsMode::StartTls,
        trusted_certificate: cert.display().to_string(),
        imap_host: "127.0.0.1".into(),
        imap_port: imap.port,
        imap_tls: TlsMode::Tls,
        oauth: Some(oauth.settings()),
        ..Default::default()
    };
    let account = store.add_mail_account(draft, None).unwrap().id;
    Provider { oauth, smtp, imap, store, account, person }
}

fn queue(store: &mut Store, person: i64, account: i64, controller: &str) -> i64 {
    let req = LetterRequest {
        person_id: person,
        kind: RequestKind::Access,
        language: "en".into(),
        options: LetterOptions::default(),
    };
    let id = store.create_request(&req, controller).unwrap().id;
    store.queue_letter(id, account).unwrap().id
}

/// The user's browser: follows the sign-in page's redirect back to RightsDesk.
fn sign_in_now(store: &mut Store, account: i64) -> Result<rightsdesk_domain::mail::MailAccount, String> {
    let mut page = None;
    let outcome = sign_in(&Exclusive::new(store), account, WAIT, |url| page = Some(browser(url)));
    let said = page.map(|p| p.join().unwrap()).unwrap_or_default();
    if outcome.is_ok() {
        assert!(said.contains("you are signed in"), "the browser's page: {said}");
    }
    outcome.map_err(|e| e.message)
}

#[test]
fn an_account_signs_in_with_pkce_and_sends_and_fetches_with_xoauth2() {
    let sb = Sandbox::new();
    let Provider { oauth, smtp, imap, mut store, account, person } = provider(&sb, 3600);
    // Not signed in yet: the test says so, and a letter waits instead of failing.
    let err = check_stored(&Exclusive::new(&mut store), account).unwrap_err();
    assert!(err.message.contains("sign in again"), "{}", err.message);
    let waiting = queue(&mut store, person, account, "spotify");
    let report = send_queued(&mut store, &NOW).unwrap();
    assert_eq!(report.signed_out.len(), 1, "{report:?}");
    let item = store.outbox_item(waiting).unwrap();
    assert_eq!((item.state, item.attempts), (OutboxState::Queued, 0), "the message waits, its attempt not counted");

    let signed = sign_in_now(&mut store, account).unwrap();
    assert!(signed.signed_in && !signed.has_password);
    assert_eq!(oauth.stats()["code_grants"], 1);
    // Both servers take the token (each asked the authorization server).
    let checks = check_stored(&Exclusive::new(&mut store), account).unwrap();
    assert!(checks.iter().all(|c| c.ok) && checks.len() == 2, "{checks:?}");
    // The waiting letter goes out now, over XOAUTH2.
    let report = send_queued(&mut store, &NOW).unwrap();
    assert_eq!(report.sent.len(), 1, "{report:?}");
    assert_eq!(delivered(&smtp).len(), 1);
    // Replies come in over IMAP with the same sign-in.
    let sent = delivered(&smtp).pop().unwrap();
    let message_id = sent.lines().find_map(|l| l.strip_prefix("Message-ID: ")).unwrap().to_owned();
    imap.deliver(
        "INBOX",
        format!(
            "From: privacy@spotify.com\r\nTo: ada@example.org\r\nSubject: Re: your request\r\nMessage-ID: <r1@spotify.com>\r\nIn-Reply-To: {message_id}\r\n\r\nWe are on it.\r\n"
        )
        .as_bytes(),
    );
    let fetched = rightsdesk_mail::imap::fetch_account(&mut store, account).unwrap();
    assert_eq!((fetched.folders[0].new, fetched.folders[0].filed), (1, 1), "{fetched:?}");
    // No token is in any file of the data directory.
    let tokens = store.mail_tokens(account).unwrap().unwrap();
    for f in std::fs::read_dir(sb.data_dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()) {
        let raw = std::fs::read(&f).unwrap();
        for t in [&tokens.access_token, &tokens.refresh_token] {
            assert!(!raw.windows(t.len()).any(|w| w == t.as_bytes()), "{} holds a token", f.display());
        }
    }
}

#[test]
fn a_token_about_to_expire_is_refreshed_and_a_revoked_sign_in_leaves_the_outbox_waiting() {
    let sb = Sandbox::new();
    // Tokens that live 200 s: under the 300 s margin, so each use refreshes first.
    let Provider { oauth, smtp, mut store, account, person, .. } = provider(&sb, 200);
    sign_in_now(&mut store, account).unwrap();
    let before = store.mail_tokens(account).unwrap().unwrap();
    check_stored(&Exclusive::new(&mut store), account).unwrap();
    let after = store.mail_tokens(account).unwrap().unwrap();
    assert_ne!(before.access_token, after.access_token, "refreshed before it expired");
    assert_eq!(before.refresh_token, after.refresh_token, "the refresh token is kept");
    assert_eq!(oauth.stats()["refresh_grants"], 1);

    // The provider revokes the sign-in: letters wait, nothing is lost, and the user is told.
    oauth.control("revoke");
    let a = queue(&mut store, person, account, "spotify");
    let b = queue(&mut store, person, account, "spotify");
    let report = send_queued(&mut store, &NOW).unwrap();
    assert_eq!(report.signed_out.len(), 2, "{report:?}");
    assert!(report.signed_out[0].1.contains("sign in again"), "{report:?}");
    assert!(report.failed.is_empty() && delivered(&smtp).is_empty());
    for id in [a, b] {
        assert_eq!(store.outbox_item(id).unwrap().state, OutboxState::Queued);
    }
    assert!(store.mail_tokens(account).unwrap().is_some(), "a refusal never deletes what the user has");
    // Signing in again sends them.
    sign_in_now(&mut store, account).unwrap();
    let report = send_queued(&mut store, &NOW).unwrap();
    assert_eq!(report.sent.len(), 2, "{report:?}");
}

#[test]
fn a_callback_with_the_wrong_state_or_a_refusal_is_an_error_and_nothing_is_stored() {
    let sb = Sandbox::new();
    let Provider { oauth, mut store, account, .. } = provider(&sb, 3600);
    // Someone else's answer arrives at the loopback address: refused, and the wait ends.
    let pending = SignIn::start(&oauth.settings(), "ada@example.org").unwrap();
    let redirect = pending.url().split("redirect_uri=").nth(1).unwrap().split('&').next().unwrap();
    let redirect = redirect.replace("%3A", ":").replace("%2F", "/");
    let forged = browser(&format!("{redirect}?code=stolen&state=not-this-one"));
    let err = pending.finish(WAIT).unwrap_err();
    assert!(err.message.contains("wrong state"), "{}", err.message);
    assert!(forged.join().unwrap().contains("did not work"));
    // The user declines at the provider.
    let denying = oauth_server(&["--deny"]);
    let mut draft = store.mail_account(account).unwrap().draft;
    draft.oauth = Some(denying.settings());
    store.update_mail_account(account, draft).unwrap();
    let err = sign_in_now(&mut store, account).unwrap_err();
    assert!(err.contains("access_denied") && err.contains("The user declined."), "{err}");
    assert!(store.mail_tokens(account).unwrap().is_none());
    assert!(!store.mail_account(account).unwrap().signed_in);
    // No browser answers at all: a timeout with what to do.
    let pending = SignIn::start(&oauth.settings(), "").unwrap();
    let err = pending.finish(Duration::from_millis(300)).unwrap_err();
    assert!(err.message.contains("start it again"), "{}", err.message);
    // A sign-in without a client id does not start.
    let mut settings = oauth.settings();
    settings.client_id.clear();
    assert!(SignIn::start(&settings, "").unwrap_err().message.contains("client id"));
}
