//! Sending through a real SMTP server on 127.0.0.1 (aiosmtpd with STARTTLS
//! and a self-signed certificate the account trusts), passwords in the
//! sandbox's secret store (the OS keyring's own tests are `keyring.rs`): delivery with the right headers, 451-then-accept delivers
//! once, 550 fails with the server's words, a crash mid-send is uncertain; the
//! evidence bundle holds the message as the server received it.

use std::time::Duration;

use rightsdesk_domain::letter::LetterRequest;
use rightsdesk_domain::mail::{MailAccountDraft, OutboxState, TlsMode};
use rightsdesk_domain::{EventCause, LetterOptions, PersonDraft, RequestKind, RequestStatus};
use rightsdesk_mail::{SendOptions, send_queued, test_connection};
use rightsdesk_store::{DataDir, Store};
use rightsdesk_tests::Sandbox;
use rightsdesk_tests::smtp::{SmtpServer, connections, delivered, smtp};

const PASSWORD: &str = "app-password-1";

struct Setup {
    store: Store,
    account: i64,
    requests: Vec<i64>,
}

fn setup(sb: &Sandbox, server: &SmtpServer, password: &str, letters: usize) -> Setup {
    let mut store = sb.create_store("correct horse battery");
    rightsdesk_usecases::ready(&mut store).unwrap();
    let person = store
        .create_person(PersonDraft {
            display_name: "Ada Lovelace".into(),
            emails: vec!["ada@example.org".into()],
            ..Default::default()
        })
        .unwrap();
    let account = store
        .add_mail_account(
            MailAccountDraft {
                label: "Test".into(),
                email: "ada@example.org".into(),
                smtp_host: "127.0.0.1".into(),
                smtp_port: server.port,
                smtp_tls: TlsMode::StartTls,
                trusted_certificate: server.cert.display().to_string(),
                ..Default::default()
            },
            Some(password),
        )
        .unwrap()
        .id;
    // Spotify's registry record has a privacy e-mail address.
    let requests = (0..letters)
        .map(|_| {
            let req = LetterRequest {
                person_id: person.id,
                kind: RequestKind::Access,
                language: "en".into(),
                options: LetterOptions::default(),
            };
            store.create_request(&req, "spotify").unwrap().id
        })
        .collect();
    Setup { store, account, requests }
}

const NOW: SendOptions =
    SendOptions { account: None, pause: Some(Duration::ZERO), backoff: |_| chrono::Duration::zero() };

#[test]
fn a_request_leaves_from_the_users_mailbox_with_the_right_headers_and_is_kept() {
    let sb = Sandbox::new();
    let server = smtp(sb.tmp.path(), &[]);
    let Setup { mut store, account, requests } = setup(&sb, &server, PASSWORD, 1);
    let acc = store.mail_account(account).unwrap();
    assert!(acc.has_password);
    test_connection(&acc, PASSWORD).unwrap();
    let wrong = test_connection(&acc, "wrong").unwrap_err().to_string();
    assert!(wrong.contains("535") || wrong.to_lowercase().contains("auth"), "the server's own words: {wrong}");
    assert!(!wrong.contains("wrong"), "no password in errors: {wrong}");

    let item = store.queue_letter(requests[0], account).unwrap();
    assert_eq!(item.state, OutboxState::Queued);
    let again = store.queue_letter(requests[0], account).unwrap();
    assert_eq!(again.id, item.id, "queued once");
    let report = send_queued(&mut store, &NOW).unwrap();
    assert_eq!(report.sent.len(), 1, "{report:?}");
    let mail = delivered(&server);
    assert_eq!(mail.len(), 1);
    let reference = store.get_request(requests[0]).unwrap().reference;
    assert!(mail[0].contains(&format!("Message-ID: {}", item.message_id)), "{}", mail[0]);
    assert!(
        mail[0].contains("From: \"Ada Lovelace\" <ada@example.org>")
            || mail[0].contains("From: Ada Lovelace <ada@example.org>")
    );
    // Quoted-printable body: join the soft line breaks to read the text.
    let text = mail[0].replace("=\r\n", "").replace("=\n", "");
    assert!(text.contains(&format!("Our reference: {reference}")) && text.contains("(Article 15(3) GDPR)"), "{text}");
    assert!(text.contains("Content-Type: text/plain; charset=utf-8"));
    let sent = store.outbox_item(item.id).unwrap();
    assert_eq!(sent.state, OutboxState::Sent);
    assert_eq!(store.get_request(requests[0]).unwrap().status, RequestStatus::Sent);
    assert!(send_queued(&mut store, &NOW).unwrap().sent.is_empty(), "nothing is sent twice");
    assert_eq!(delivered(&server).len(), 1);
}

#[test]
fn a_temporary_failure_is_retried_and_delivers_once() {
    for answer in ["451 4.3.0 Temporary failure, try again later", "421 4.7.0 Too many messages, slow down"] {
        let sb = Sandbox::new();
        let server = smtp(sb.tmp.path(), &["--fail-first", "1", "--fail-code", answer]);
        let Setup { mut store, account, requests } = setup(&sb, &server, PASSWORD, 1);
        let item = store.queue_letter(requests[0], account).unwrap();
        let first = send_queued(&mut store, &NOW).unwrap();
        let code = &answer[..3];
        assert!(first.retry_later.iter().any(|(_, why)| why.contains(code)), "{answer}: {first:?}");
        assert_eq!(store.outbox_item(item.id).unwrap().state, OutboxState::Queued);
        assert!(delivered(&server).is_empty());
        let second = send_queued(&mut store, &NOW).unwrap();
        assert_eq!(second.sent.len(), 1, "{answer}: {second:?}");
        assert_eq!(delivered(&server).len(), 1, "{answer}: delivered exactly once");
        assert_eq!(store.outbox_item(item.id).unwrap().attempts, 2);
    }
}

#[test]
fn a_batch_keeps_to_the_accounts_rate_limit_over_one_connection() {
    let sb = Sandbox::new();
    let server = smtp(sb.tmp.path(), &[]);
    let Setup { mut store, account, requests } = setup(&sb, &server, PASSWORD, 3);
    let mut draft = store.mail_account(account).unwrap().draft;
    draft.send_per_minute = 300; // one every 200 ms
    store.update_mail_account(account, draft).unwrap();
    for r in &requests {
        store.queue_letter(*r, account).unwrap();
    }
    let started = std::time::Instant::now();
    let report = send_queued(&mut store, &SendOptions { pause: None, ..NOW }).unwrap();
    // A lower bound only (the limit is behaviour, not speed): two pauses between three messages.
    assert!(started.elapsed() >= Duration::from_millis(400), "{:?}", started.elapsed());
    assert_eq!(report.sent.len(), 3);
    assert_eq!(delivered(&server).len(), 3);
    assert_eq!(connections(&server), 1, "one connection serves the batch");
}

#[test]
fn a_permanent_refusal_fails_with_the_servers_reason() {
    let sb = Sandbox::new();
    let server = smtp(sb.tmp.path(), &["--reject"]);
    let Setup { mut store, account, requests } = setup(&sb, &server, PASSWORD, 1);
    let item = store.queue_letter(requests[0], account).unwrap();
    let report = send_queued(&mut store, &NOW).unwrap();
    assert_eq!(report.failed.len(), 1);
    let failed = store.outbox_item(item.id).unwrap();
    assert_eq!(failed.state, OutboxState::Failed);
    assert!(
        failed.last_error.contains("550") && failed.last_error.contains("rejected by policy"),
        "{}",
        failed.last_error
    );
    assert_eq!(store.get_request(requests[0]).unwrap().status, RequestStatus::Draft, "not marked sent");
    assert!(delivered(&server).is_empty());
}

#[test]
fn a_crash_while_sending_leaves_the_message_uncertain_never_resent_silently() {
    let sb = Sandbox::new();
    let server = smtp(sb.tmp.path(), &[]);
    let Setup { mut store, account, requests } = setup(&sb, &server, PASSWORD, 2);
    let a = store.queue_letter(requests[0], account).unwrap();
    let b = store.queue_letter(requests[1], account).unwrap();
    // The app claimed `a` (state written) and died before the server answered.
    let (claimed, _) = store.claim_next_outbox(None, 0).unwrap().unwrap();
    assert_eq!(claimed.id, a.id);
    // A live sender's message is left alone: only a gone one's is settled.
    assert_eq!(store.reconcile_outbox().unwrap(), 0, "its sender (this process) still runs");
    assert_eq!(store.outbox_item(a.id).unwrap().state, OutboxState::Sending);
    crate::as_if_the_sender_died(&mut store);
    drop(store);
    let mut store = sb.open_store("correct horse battery");
    assert_eq!(store.reconcile_outbox().unwrap(), 1);
    let report = send_queued(&mut store, &NOW).unwrap();
    assert_eq!(report.sent.len(), 1, "only the untouched message goes: {report:?}");
    assert_eq!(store.outbox_item(a.id).unwrap().state, OutboxState::Uncertain);
    assert_eq!(store.outbox_item(b.id).unwrap().state, OutboxState::Sent);
    // The user decides: it did not arrive, send it again.
    store.settle_outbox(a.id, false).unwrap();
    assert_eq!(send_queued(&mut store, &NOW).unwrap().sent.len(), 1);
    assert_eq!(delivered(&server).len(), 2);
}

#[test]
fn a_crash_after_the_server_accepted_but_before_the_request_was_marked_is_healed() {
    let sb = Sandbox::new();
    let server = smtp(sb.tmp.path(), &[]);
    let Setup { mut store, account, requests } = setup(&sb, &server, PASSWORD, 1);
    let item = store.queue_letter(requests[0], account).unwrap();
    // The outbox recorded the server's "accepted"; the process died before marking the request.
    store
        .raw_connection()
        .execute("UPDATE outbox SET state = 'sent', sent_at = '2026-03-02T09:00:00.000Z' WHERE id = ?1", [item.id])
        .unwrap();
    drop(store);
    let mut store = sb.open_store("correct horse battery");
    assert_eq!(store.get_request(requests[0]).unwrap().status, RequestStatus::Draft);
    store.reconcile_outbox().unwrap();
    let detail = store.request_detail(requests[0]).unwrap();
    assert_eq!(detail.summary.status, RequestStatus::Sent, "healed at the next start");
    assert_eq!(detail.dates.sent.as_deref(), Some("2026-03-02"), "on the day it went out");
}

fn reply(message_id: &str, in_reply_to: &str, from: &str, subject: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Privacy Team <{from}>\r\nTo: ada@example.org\r\nSubject: {subject}\r\nMessage-ID: <{message_id}>\r\n{}\
         Date: Tue, 3 Feb 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n",
        if in_reply_to.is_empty() { String::new() } else { format!("In-Reply-To: {in_reply_to}\r\n") }
    )
    .into_bytes()
}

#[test]
fn replies_are_filed_to_their_request_once_and_the_rest_waits_in_the_inbox() {
    let sb = Sandbox::new();
    let mut store = sb.create_store("correct horse battery");
    rightsdesk_usecases::ready(&mut store).unwrap();
    let person = store.create_person(PersonDraft { display_name: "Ada".into(), ..Default::default() }).unwrap();
    let req = LetterRequest {
        person_id: person.id,
        kind: RequestKind::Access,
        language: "en".into(),
        options: LetterOptions::default(),
    };
    let a = store.create_request(&req, "spotify").unwrap();
    let b = store.create_request(&req, "linkedin").unwrap();
    store
        .mark_request(
            b.id,
            &rightsdesk_domain::lifecycle::Mark::Sent { date: "2026-01-30".into() },
            rightsdesk_domain::EventCause::User,
        )
        .unwrap();

    // Our reference in the subject files it.
    let by_ref =
        reply("r1@spotify.com", "", "privacy@spotify.com", &format!("Re: your request {}", a.reference), "Hello");
    let report = rightsdesk_mail::import_file(&mut store, &by_ref).unwrap();
    assert_eq!(report.imported[0].filed_to.as_deref(), Some(a.reference.as_str()));
    let again = rightsdesk_mail::import_file(&mut store, &by_ref).unwrap();
    assert!(again.imported[0].duplicate, "imported once");
    assert_eq!(store.mail_for_request(a.id).unwrap().len(), 1);
    assert!(store.request_detail(a.id).unwrap().events.iter().any(|e| e.kind.as_str() == "mail_received"));

    // No thread, no reference: it waits, with a suggestion by the sender's domain (LinkedIn's open request).
    let unknown = reply("r2@linkedin.com", "", "dpo@linkedin.com", "Your data", "See attached.");
    let report = rightsdesk_mail::import_file(&mut store, &unknown).unwrap();
    assert_eq!(report.imported[0].filed_to, None);
    let inbox = store.inbox(false).unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].suggested_reference.as_deref(), Some(b.reference.as_str()), "{inbox:?}");
    store.file_mail(inbox[0].id, b.id).unwrap();
    assert!(store.inbox(false).unwrap().is_empty());
    assert_eq!(store.mail_for_request(b.id).unwrap()[0].filed_by, "user");

    // An mbox with one good and one broken message: the good one is kept, the broken one named.
    let mut mbox = b"From x Tue Feb  3 10:00:00 2026\n".to_vec();
    mbox.extend(reply("r3@example.com", "", "someone@example.com", "Newsletter", "hi"));
    mbox.extend(b"\nFrom y Tue Feb  3 11:00:00 2026\nno headers at all\n");
    let report = rightsdesk_mail::import_file(&mut store, &mbox).unwrap();
    assert_eq!(report.imported.len(), 1);
    assert_eq!(report.rejected.len(), 1);
    assert!(report.rejected[0].error.contains("no From"), "{:?}", report.rejected);
    let ignored = store.ignore_mail(report.imported[0].mail_id).unwrap();
    assert_eq!(ignored.state, rightsdesk_domain::mail::MailState::Ignored);
    assert!(!store.mail_raw(ignored.id).unwrap().is_empty(), "kept, never deleted");
}

#[test]
fn a_reply_to_a_sent_message_is_filed_by_its_thread() {
    let sb = Sandbox::new();
    let server = smtp(sb.tmp.path(), &[]);
    let Setup { mut store, account, requests } = setup(&sb, &server, PASSWORD, 2);
    let item = store.queue_letter(requests[1], account).unwrap();
    send_queued(&mut store, &NOW).unwrap();
    // No reference in the text: only In-Reply-To ties it to the request.
    let raw =
        reply("answer-1@spotify.com", &item.message_id, "privacy@spotify.com", "Re: your e-mail", "Here is your data.");
    let report = rightsdesk_mail::import_file(&mut store, &raw).unwrap();
    let reference = store.get_request(requests[1]).unwrap().reference;
    assert_eq!(report.imported[0].filed_to.as_deref(), Some(reference.as_str()));
    assert_eq!(store.mail_for_request(requests[1]).unwrap()[0].filed_by, "reply");
}

/// The claim itself is atomic, without the mail lock: four connections to
/// one database (as four processes would have) claim from the same queue at
/// once; every message is claimed by exactly one of them.
#[test]
fn concurrent_claims_on_one_database_take_each_message_once() {
    let sb = Sandbox::new();
    let server = smtp(sb.tmp.path(), &[]);
    let Setup { mut store, account, requests } = setup(&sb, &server, PASSWORD, 40);
    store.queue_letters(&requests, account).unwrap();
    drop(store);
    let claimers: Vec<std::thread::JoinHandle<Vec<i64>>> = (0..4)
        .map(|_| {
            let dir = DataDir::new(sb.data_dir());
            let secrets = sb.secrets.clone();
            std::thread::spawn(move || {
                let mut s = Store::open_with(&dir, Some("correct horse battery"), secrets).unwrap();
                let mut mine = Vec::new();
                // Each claimer walks the whole queue from the start, as a fresh run does.
                while let Some((item, _)) = s.claim_next_outbox(None, 0).unwrap() {
                    mine.push(item.id);
                }
                mine
            })
        })
        .collect();
    let mut all: Vec<i64> = claimers.into_iter().flat_map(|c| c.join().unwrap()).collect();
    assert_eq!(all.len(), 40, "forty messages, forty claims");
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), 40, "no message claimed twice");
}

/// A batch is queued whole or not at all: one request that cannot go (here,
/// already sent) leaves nothing of the batch in the outbox.
#[test]
fn a_batch_is_queued_in_one_transaction_or_not_at_all() {
    use rightsdesk_domain::lifecycle::Mark;
    let sb = Sandbox::new();
    let server = smtp(sb.tmp.path(), &[]);
    let Setup { mut store, account, requests } = setup(&sb, &server, PASSWORD, 3);
    store.mark_request(requests[2], &Mark::Sent { date: "2026-11-30".into() }, EventCause::User).unwrap();
    let err = store.queue_letters(&requests, account).unwrap_err();
    assert!(err.message.contains("only drafts are sent"), "{}", err.message);
    assert!(store.outbox().unwrap().is_empty(), "the first two were not queued either");
    let queued = store.queue_letters(&requests[..2], account).unwrap();
    assert_eq!(queued.len(), 2);
    assert_eq!(store.queue_letters(&requests[..2], account).unwrap(), queued, "queued once");
}

#[test]
fn the_evidence_bundle_holds_the_message_exactly_as_the_server_received_it_and_the_reply() {
    use std::io::Read;
    let sb = Sandbox::new();
    let server = smtp(sb.tmp.path(), &[]);
    let Setup { mut store, account, requests } = setup(&sb, &server, PASSWORD, 1);
    let item = store.queue_letter(requests[0], account).unwrap();
    assert_eq!(send_queued(&mut store, &NOW).unwrap().sent.len(), 1);
    let received = delivered(&server).remove(0);
    let answer =
        reply("answer-1@spotify.example", &item.message_id, "privacy@spotify.com", "Re: your request", "Here.");
    let mail = rightsdesk_mail::parse::parse(&answer).unwrap();
    store.import_mail(&mail, &answer).unwrap();

    let path = sb.tmp.path().join("evidence.zip");
    rightsdesk_usecases::evidence::save(&store, &requests, &path, store.now()).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let reference = store.get_request(requests[0]).unwrap().reference;
    let mut read = |name: &str| {
        let mut out = Vec::new();
        zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_end(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let sent = read(&format!("{reference}/sent-1.eml"));
    // What the server stored is the message, after the headers it adds itself.
    let lf = |s: &str| s.replace("\r\n", "\n").trim_end().to_owned();
    assert!(lf(&received).ends_with(&lf(&sent)), "sent:\n{sent}\nreceived:\n{received}");
    assert!(sent.contains(&format!("Message-ID: {}", item.message_id)));
    // The reply, filed by its thread, as received; under the day it is dated.
    assert_eq!(read(&format!("{reference}/replies/01-2026-02-03.eml")), String::from_utf8(answer).unwrap());
}
