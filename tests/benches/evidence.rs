//! Evidence bundle benchmark (not a test: it prints figures, asserts nothing).
//!   cargo bench -p rightsdesk-tests --bench evidence
//! Target (issue "Outcomes for journalists"): an evidence ZIP of 1,000
//! requests < 10 s. Each request is made as a user makes it (its letter
//! rendered), queued and marked sent through the outbox (its .eml kept), with
//! a reply imported and filed and a small attachment: per request the bundle
//! holds the letter PDF, the sent .eml, the reply, the attachment and the
//! timeline PDF.

use std::time::{Duration, Instant};

use rightsdesk_domain::letter::LetterRequest;
use rightsdesk_domain::lifecycle::Mark;
use rightsdesk_domain::mail::MailAccountDraft;
use rightsdesk_domain::{EventCause, LetterOptions, PersonDraft, PostalAddress, RequestKind};
use rightsdesk_store::{DataDir, KeyChoice, Store};

const REQUESTS: usize = 1000;

fn main() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut s = Store::create(&DataDir::new(tmp.path().join("data")), KeyChoice::Passphrase("benchmark passphrase"))
        .unwrap_or_else(|e| panic!("{e}"));
    rightsdesk_usecases::ready(&mut s).unwrap_or_else(|e| panic!("{e}"));
    let person = s
        .create_person(PersonDraft {
            display_name: "Ada Lovelace".into(),
            emails: vec!["ada@example.org".into()],
            address: PostalAddress { city: "Dublin".into(), country: "IE".into(), ..Default::default() },
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    let account = s
        .add_mail_account(
            MailAccountDraft {
                label: "Personal".into(),
                email: "ada@example.org".into(),
                smtp_host: "smtp.example.org".into(),
                ..Default::default()
            },
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    let t = Instant::now();
    let mut ids = Vec::new();
    for _ in 0..REQUESTS {
        // Spotify takes requests by e-mail (the outbox needs an address).
        let req = LetterRequest {
            person_id: person,
            kind: RequestKind::Access,
            language: String::new(),
            options: LetterOptions::default(),
        };
        let id = s.create_request(&req, "spotify").unwrap_or_else(|e| panic!("{e}")).id;
        ids.push(id);
    }
    s.queue_letters(&ids, account).unwrap_or_else(|e| panic!("{e}"));
    while let Some((item, _eml)) = s.claim_next_outbox(Some(account), 0).unwrap_or_else(|e| panic!("{e}")) {
        s.outbox_sent(item.id).unwrap_or_else(|e| panic!("{e}"));
    }
    for &id in &ids {
        let reference = s.get_request(id).unwrap_or_else(|e| panic!("{e}")).reference;
        let reply = format!(
            "From: privacy@spotify.example\r\nTo: ada@example.org\r\nSubject: Re: {reference}\r\n\
             Date: Thu, 02 Apr 2026 10:00:00 +0000\r\nMessage-ID: <reply-{id}@spotify.example>\r\n\r\n\
             Your data is attached.\r\n"
        );
        let mail = rightsdesk_mail::parse::parse(reply.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        s.import_mail(&mail, reply.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        s.add_attachment(id, "answer.pdf", &[b'x'; 30_000]).unwrap_or_else(|e| panic!("{e}"));
        s.mark_request(id, &Mark::Answered { date: "2026-04-02".into(), complete: false }, EventCause::User)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    println!("seeded {REQUESTS} requests (letter, sent .eml, reply, attachment) in {:.1} s", t.elapsed().as_secs_f64());

    let out = tmp.path().join("evidence.zip");
    let mut times: Vec<Duration> = (0..3)
        .map(|_| {
            let t = Instant::now();
            rightsdesk_usecases::evidence::save(&s, &ids, &out, s.now()).unwrap_or_else(|e| panic!("{e}"));
            t.elapsed()
        })
        .collect();
    times.sort();
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    let files =
        zip::ZipArchive::new(std::fs::File::open(&out).unwrap_or_else(|e| panic!("{e}"))).map(|z| z.len()).unwrap_or(0);
    println!(
        "evidence ZIP of {REQUESTS} requests (target < 10 s): {:.2} s (median of 3), {files} files, {:.1} MB",
        times[1].as_secs_f64(),
        size as f64 / 1e6
    );
}
