//! The incoming side against a real Dovecot IMAP server on 127.0.0.1 (TLS,
//! the test certificate trusted by the account) next to the aiosmtpd SMTP
//! server: replies delivered into the mailbox are fetched once and filed,
//! chosen folders are read, an interrupted send is confirmed from the Sent
//! folder, a copy is appended to Sent, and a server that is down is a clear
//! error that loses nothing.

use std::path::Path;
use std::time::Duration;

use rightsdesk_domain::letter::LetterRequest;
use rightsdesk_domain::lifecycle::Mark;
use rightsdesk_domain::mail::{MailAccountDraft, MailState, OutboxState, TlsMode};
use rightsdesk_domain::{ErrorCode, EventCause, LetterOptions, PersonDraft, RequestKind};
use rightsdesk_mail::imap::fetch_account;
use rightsdesk_mail::{SendOptions, check_account, reconcile, send_queued};
use rightsdesk_store::Store;
use rightsdesk_tests::Sandbox;
use rightsdesk_tests::imap::{Dovecot, dovecot};
use rightsdesk_tests::smtp::{SmtpServer, certificate, delivered, smtp};

const PASSWORD: &str = "app-password-1";
const NOW: SendOptions =
    SendOptions { account: None, pause: Some(Duration::ZERO), backoff: |_| chrono::Duration::zero() };

struct Mailbox {
    store: Store,
    account: i64,
    person: i64,
    imap: Dovecot,
    smtp: SmtpServer,
}

/// Both servers, the account trusting their certificate; `server_keeps_sent`:
/// the SMTP server files each message in Sent, as many providers do.
fn mailbox(sb: &Sandbox, server_keeps_sent: bool, append_to_sent: bool, folders: &[&str]) -> Mailbox {
    let dir = sb.tmp.path();
    let (cert, key) = certificate(dir);
    let imap = dovecot(dir, &cert, &key, PASSWORD);
    let conf = imap.config.display().to_string();
    let keep = ["--sent-lda", conf.as_str()];
    let smtp = smtp(dir, if server_keeps_sent { &keep[..] } else { &[] });
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
    let account = store
        .add_mail_account(
            MailAccountDraft {
                label: "Test".into(),
                email: "ada@example.org".into(),
                smtp_host: "127.0.0.1".into(),
                smtp_port: smtp.port,
                smtp_tls: TlsMode::StartTls,
                trusted_certificate: cert.display().to_string(),
                imap_host: "127.0.0.1".into(),
                imap_port: imap.port,
                imap_tls: TlsMode::Tls,
                imap_folders: folders.iter().map(|f| f.to_string()).collect(),
                append_to_sent,
                ..Default::default()
            },
            Some(PASSWORD),
        )
        .unwrap()
        .id;
    Mailbox { store, account, person, imap, smtp }
}

fn new_request(store: &mut Store, person: i64, controller: &str) -> i64 {
    let req = LetterRequest {
        person_id: person,
        kind: RequestKind::Access,
        language: "en".into(),
        options: LetterOptions::default(),
    };
    store.create_request(&req, controller).unwrap().id
}

fn message(id: &str, from: &str, subject: &str, in_reply_to: Option<&str>, body: &str) -> Vec<u8> {
    format!(
        "From: Privacy Team <{from}>\r\nTo: ada@example.org\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\n{}\
         Date: {}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n",
        in_reply_to.map(|r| format!("In-Reply-To: {r}\r\n")).unwrap_or_default(),
        chrono::Utc::now().to_rfc2822(),
    )
    .into_bytes()
}

fn files_in(dir: &Path) -> usize {
    ["new", "cur"].iter().filter_map(|d| std::fs::read_dir(dir.join(d)).ok()).map(|rd| rd.count()).sum()
}

#[test]
fn replies_delivered_to_the_mailbox_are_fetched_once_and_filed_to_their_requests() {
    let sb = Sandbox::new();
    let Mailbox { mut store, account, person, imap, smtp } = mailbox(&sb, false, false, &["INBOX", "Privacy"]);
    let acc = store.mail_account(account).unwrap();
    // The chosen folder does not exist yet: the check says which, in the server's words.
    let checks = check_account(&acc, PASSWORD, PASSWORD);
    assert!(checks[0].ok && !checks[1].ok, "{checks:?}");
    assert!(checks[1].message.contains("“Privacy”") && checks[1].message.contains("doesn't exist"), "{checks:?}");
    imap.deliver("Privacy", &message("welcome@example.net", "x@example.net", "Folder made", None, "."));
    let checks = check_account(&acc, PASSWORD, PASSWORD);
    assert!(checks.iter().all(|c| c.ok), "{checks:?}");
    assert_eq!(checks.iter().map(|c| c.server.as_str()).collect::<Vec<_>>(), ["smtp", "imap"]);
    let wrong = check_account(&acc, "wrong-password", "wrong-password");
    let imap_check = wrong.iter().find(|c| c.server == "imap").unwrap();
    assert!(!imap_check.ok && imap_check.message.contains("AUTHENTICATIONFAILED"), "the server's words: {wrong:?}");
    assert!(wrong.iter().all(|c| !c.message.contains("wrong-password")), "no password in errors");

    let spotify = new_request(&mut store, person, "spotify");
    let linkedin = new_request(&mut store, person, "linkedin");
    store.mark_request(linkedin, &Mark::Sent { date: "2026-11-20".into() }, EventCause::User).unwrap();
    let sent = store.queue_letter(spotify, account).unwrap();
    send_queued(&mut store, &NOW).unwrap();
    assert_eq!(delivered(&smtp).len(), 1);
    let linkedin_ref = store.get_request(linkedin).unwrap().reference;

    // The controller answers the e-mail (In-Reply-To), another writes with our
    // reference into a folder the user's filter chose, a third is unrelated.
    imap.deliver(
        "INBOX",
        &message("answer-1@spotify.com", "privacy@spotify.com", "Re: your e-mail", Some(&sent.message_id), "Data."),
    );
    imap.deliver(
        "Privacy",
        &message("answer-2@linkedin.com", "dpo@linkedin.com", &format!("Your request {linkedin_ref}"), None, "Soon."),
    );
    imap.deliver("INBOX", &message("news-1@example.net", "news@example.net", "Newsletter", None, "Hi."));

    let report = fetch_account(&mut store, account).unwrap();
    let inbox = &report.folders[0];
    assert_eq!((inbox.folder.as_str(), inbox.new, inbox.filed), ("INBOX", 2, 1), "{report:?}");
    let privacy = &report.folders[1];
    assert_eq!((privacy.folder.as_str(), privacy.new, privacy.filed), ("Privacy", 2, 1), "{report:?}");
    let spotify_mail = store.mail_for_request(spotify).unwrap();
    assert_eq!(spotify_mail.len(), 1);
    assert_eq!((spotify_mail[0].filed_by.as_str(), spotify_mail[0].text.trim()), ("reply", "Data."));
    assert_eq!(store.mail_for_request(linkedin).unwrap()[0].filed_by, "reference");
    let waiting = store.inbox(false).unwrap();
    let mut subjects: Vec<_> = waiting.iter().map(|m| (m.subject.as_str(), m.state)).collect();
    subjects.sort_by_key(|(s, _)| *s);
    assert_eq!(subjects, [("Folder made", MailState::Unfiled), ("Newsletter", MailState::Unfiled)]);

    // Fetching again adds nothing; a new message is picked up; the mailbox is unchanged.
    let again = fetch_account(&mut store, account).unwrap();
    assert!(again.folders.iter().all(|f| f.new == 0), "{again:?}");
    imap.deliver(
        "INBOX",
        &message("answer-3@spotify.com", "privacy@spotify.com", "Re: Re", Some(&sent.message_id), "More."),
    );
    let third = fetch_account(&mut store, account).unwrap();
    assert_eq!((third.folders[0].new, third.folders[0].filed), (1, 1), "{third:?}");
    assert_eq!(store.mail_for_request(spotify).unwrap().len(), 2);
    assert_eq!(files_in(&imap.maildir()), 3, "fetching never deletes or moves mail");
    assert_eq!(files_in(&imap.maildir().join(".Privacy")), 2);
    let states = store.imap_folder_states().unwrap();
    assert!(states.iter().all(|s| s.fetched_at.is_some() && s.last_error.is_empty()), "{states:?}");
}

#[test]
fn a_server_that_is_down_is_a_clear_error_and_nothing_is_lost() {
    let sb = Sandbox::new();
    let Mailbox { mut store, account, person, imap, smtp: _smtp } = mailbox(&sb, false, false, &["INBOX"]);
    let request = new_request(&mut store, person, "spotify");
    let reference = store.get_request(request).unwrap().reference;
    imap.deliver("INBOX", &message("a@spotify.com", "privacy@spotify.com", &format!("Re: {reference}"), None, "Hi"));
    assert_eq!(fetch_account(&mut store, account).unwrap().folders[0].filed, 1);

    imap.stop();
    let err = fetch_account(&mut store, account).unwrap_err();
    assert_eq!(err.code, ErrorCode::Io);
    assert!(err.message.contains("cannot connect to 127.0.0.1"), "{}", err.message);
    assert!(!err.message.contains(PASSWORD));
    assert_eq!(store.mail_for_request(request).unwrap().len(), 1, "what was fetched stays");
    let state = &store.imap_folder_states().unwrap()[0];
    assert!(state.last_error.contains("cannot connect"), "the failure is shown with the folder: {state:?}");
    assert!(state.fetched_at.is_some(), "the last good fetch is kept");

    // An account without an incoming server says so.
    let mut draft = store.mail_account(account).unwrap().draft;
    draft.imap_host.clear();
    store.update_mail_account(account, draft).unwrap();
    let err = fetch_account(&mut store, account).unwrap_err();
    assert!(err.message.contains("no incoming (IMAP) server"), "{}", err.message);
}

#[test]
fn an_interrupted_send_found_in_the_sent_folder_is_sent_the_rest_stays_uncertain() {
    let sb = Sandbox::new();
    let Mailbox { mut store, account, person, imap, smtp } = mailbox(&sb, false, false, &["INBOX"]);
    let a = new_request(&mut store, person, "spotify");
    let b = new_request(&mut store, person, "reddit");
    let qa = store.queue_letter(a, account).unwrap();
    let qb = store.queue_letter(b, account).unwrap();
    // Both claimed; `a` reached the server (which kept it in Sent), then the app died.
    let (ca, eml_a) = store.claim_next_outbox(None, 0).unwrap().unwrap();
    let (cb, _) = store.claim_next_outbox(None, ca.id).unwrap().unwrap();
    assert_eq!((ca.id, cb.id), (qa.id, qb.id));
    imap.deliver("Sent", &eml_a);
    crate::as_if_the_sender_died(&mut store);
    drop(store);

    let mut store = sb.open_store("correct horse battery");
    let found = reconcile(&mut store).unwrap();
    assert_eq!(found.interrupted, 2);
    assert_eq!(found.confirmed, std::slice::from_ref(&ca.reference));
    let a_now = store.outbox_item(qa.id).unwrap();
    assert_eq!((a_now.state, a_now.sent_copy.as_str()), (OutboxState::Sent, "found"));
    assert_eq!(store.get_request(a).unwrap().status, rightsdesk_domain::RequestStatus::Sent);
    let b_now = store.outbox_item(qb.id).unwrap();
    assert_eq!(b_now.state, OutboxState::Uncertain, "not in Sent: the user decides");
    assert!(b_now.sent_copy.starts_with("not in “Sent”"), "{}", b_now.sent_copy);
    assert!(send_queued(&mut store, &NOW).unwrap().sent.is_empty(), "nothing is resent by itself");
    assert!(delivered(&smtp).is_empty());
}

#[test]
fn a_copy_of_each_sent_message_is_appended_to_the_sent_folder_when_asked() {
    let sb = Sandbox::new();
    let Mailbox { mut store, account, person, imap, smtp } = mailbox(&sb, false, true, &["INBOX"]);
    let a = new_request(&mut store, person, "spotify");
    let item = store.queue_letter(a, account).unwrap();
    assert_eq!(send_queued(&mut store, &NOW).unwrap().sent.len(), 1);
    assert_eq!(delivered(&smtp).len(), 1);
    assert_eq!(store.outbox_item(item.id).unwrap().sent_copy, "appended");
    let sent_dir = imap.maildir().join(".Sent");
    assert_eq!(files_in(&sent_dir), 1);
    let copy = ["new", "cur"]
        .iter()
        .flat_map(|d| std::fs::read_dir(sent_dir.join(d)).unwrap().flatten())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .next()
        .unwrap();
    assert!(copy.contains(&item.message_id), "the exact message: {copy}");
    // Our own copy in Sent is not mistaken for a reply when Sent is fetched too.
    let mut draft = store.mail_account(account).unwrap().draft;
    draft.imap_folders.push("Sent".into());
    store.update_mail_account(account, draft).unwrap();
    let report = fetch_account(&mut store, account).unwrap();
    assert_eq!(report.folders[1].new, 0, "{report:?}");
}
