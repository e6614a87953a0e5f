//! Mail benchmarks (not tests: they print figures, assert nothing).
//!   cargo bench -p rightsdesk-tests --bench mail
//! Issue "Send and receive from the user's own mailbox": 500 messages sent to
//! the local SMTP server (aiosmtpd, STARTTLS, one reused connection, no
//! pause), and 10,000 messages fetched from a local Dovecot over IMAP (TLS)
//! into the store. Needs the Debian test servers (scripts/deps.sh --test); the
//! account's password is kept in memory, not the OS keyring.

#![allow(clippy::unwrap_used)] // a benchmark: a panic is the report

use std::time::Instant;

use rightsdesk_domain::letter::LetterRequest;
use rightsdesk_domain::mail::{MailAccountDraft, TlsMode};
use rightsdesk_domain::{LetterOptions, PersonDraft, RequestKind};
use rightsdesk_mail::{SendOptions, send_queued};
use rightsdesk_tests::Sandbox;
use rightsdesk_tests::imap::dovecot;
use rightsdesk_tests::smtp::{certificate, delivered, smtp};

const PASSWORD: &str = "app-password-1";

fn main() {
    let sb = Sandbox::new();
    let dir = sb.tmp.path();
    let (cert, key) = certificate(dir);
    let imap = dovecot(dir, &cert, &key, PASSWORD);
    let server = smtp(dir, &[]);
    let mut store = sb.create_store("bench passphrase");
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
                email: "ada@example.org".into(),
                smtp_host: "127.0.0.1".into(),
                smtp_port: server.port,
                smtp_tls: TlsMode::StartTls,
                trusted_certificate: cert.display().to_string(),
                imap_host: "127.0.0.1".into(),
                imap_port: imap.port,
                ..Default::default()
            },
            Some(PASSWORD),
        )
        .unwrap()
        .id;

    // 500 sends over one connection.
    let req = LetterRequest {
        person_id: person.id,
        kind: RequestKind::Access,
        language: "en".into(),
        options: LetterOptions::default(),
    };
    let t = Instant::now();
    for _ in 0..500 {
        let id = store.create_request(&req, "spotify").unwrap().id;
        store.queue_letter(id, account).unwrap();
    }
    let queued = t.elapsed();
    let t = Instant::now();
    let report = send_queued(
        &mut store,
        &SendOptions { account: None, pause: Some(std::time::Duration::ZERO), backoff: rightsdesk_mail::backoff },
    )
    .unwrap();
    let sending = t.elapsed();
    let n = delivered(&server).len();
    println!(
        "send: {} sent ({n} delivered) in {:.2} s = {:.0} messages/s over one STARTTLS connection \
         (drafting + queueing the 500 beforehand: {:.2} s)",
        report.sent.len(),
        sending.as_secs_f64(),
        report.sent.len() as f64 / sending.as_secs_f64(),
        queued.as_secs_f64()
    );

    // 10,000 messages in the mailbox (written into the Maildir as a delivery
    // agent would, far faster than 10,000 dovecot-lda runs), then fetched.
    let new = imap.maildir().join("new");
    std::fs::create_dir_all(&new).unwrap();
    for i in 0..10_000u32 {
        let body = format!(
            "From: Sender {i} <sender{i}@example{}.net>\r\nTo: ada@example.org\r\nSubject: Message {i}\r\n\
             Message-ID: <bench-{i}@example.net>\r\nDate: {}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
             Hello, this is message {i}.\r\nIt has a few lines of text, like a short reply would.\r\n\r\nRegards\r\n",
            i % 50,
            chrono::Utc::now().to_rfc2822()
        );
        std::fs::write(new.join(format!("{}.M{i}P1.bench", 1_700_000_000 + i)), body).unwrap();
    }
    let _ = std::process::Command::new("chown").args(["-R", "nobody:nogroup"]).arg(imap.maildir()).status();
    let t = Instant::now();
    let report = rightsdesk_mail::imap::fetch_account(&mut store, account).unwrap();
    let fetching = t.elapsed();
    let f = &report.folders[0];
    println!(
        "fetch: {} new messages from INBOX in {:.2} s = {:.0} messages/s ({} unreadable, {} in the Inbox)",
        f.new,
        fetching.as_secs_f64(),
        f64::from(f.new) / fetching.as_secs_f64(),
        f.rejected.len(),
        store.inbox(false).unwrap().len()
    );
    let t = Instant::now();
    let again = rightsdesk_mail::imap::fetch_account(&mut store, account).unwrap();
    println!("fetch again (nothing new: {}): {:.0} ms", again.folders[0].new, t.elapsed().as_secs_f64() * 1000.0);
}
