//! `rightsdesk account …`, `rightsdesk send …`, `rightsdesk outbox …`: the
//! user's own mailbox and the outbox. Passwords come from standard input or
//! RIGHTSDESK_MAIL_PASSWORD and go straight to the OS keyring.

use std::io::BufRead;

use clap::{Args, Subcommand};
use rightsdesk_domain::mail::{MailAccount, MailAccountDraft, OutboxItem, TlsMode};
use rightsdesk_domain::{ErrorCode, Id};
use rightsdesk_mail::Exclusive;
use rightsdesk_store::{DataDir, Error, Store};
use rightsdesk_usecases::outbox::{Mailroom, Rounds, SendPlan};

use crate::output::Out;

pub const PASSWORD_ENV: &str = "RIGHTSDESK_MAIL_PASSWORD";
/// A separate password for the IMAP server, where the provider needs one.
pub const IMAP_PASSWORD_ENV: &str = "RIGHTSDESK_MAIL_IMAP_PASSWORD";

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Add the mailbox letters are sent from (and replies are fetched from).
    /// With --auto the servers are proposed from the address (as `account
    /// discover` does) and added once you confirm (or with --yes).
    Add {
        #[command(flatten)]
        args: Box<AccountArgs>,
        /// Find the servers from the address instead of --smtp-host/--imap-host.
        #[arg(long, conflicts_with_all = ["smtp_host", "imap_host"])]
        auto: bool,
        /// Accept the proposal without asking.
        #[arg(long, requires = "auto")]
        yes: bool,
        /// With --auto: sign in with the provider (its published OAuth2 endpoints), not a password.
        #[arg(long, requires = "auto", conflicts_with = "oauth_auth_url")]
        oauth: bool,
    },
    /// The OAuth2 client id sign-ins use (the app registration's), and where it comes from;
    /// with an ID, set it (an empty one goes back to the environment's or the build's).
    ClientId {
        id: Option<String>,
    },
    /// Sign an OAuth2 account in with its provider: opens the system browser
    /// (or prints the address to open) and waits for the answer.
    Login {
        account: Id,
        /// Only print the address; do not try to open a browser.
        #[arg(long)]
        no_browser: bool,
    },
    /// Replace an account's settings (the password stays in the keyring).
    Edit {
        account: Id,
        #[command(flatten)]
        args: Box<AccountArgs>,
    },
    /// Propose the servers for an e-mail address, and say where the proposal comes from
    /// (needs no data directory).
    Discover {
        address: String,
    },
    /// Connect and log in to both servers; shows each server's own error on failure.
    Test {
        account: Id,
    },
    List,
    /// Store a new password in the OS keyring (from stdin or RIGHTSDESK_MAIL_PASSWORD).
    Password {
        account: Id,
        /// A password for the IMAP server alone (a provider that needs two).
        #[arg(long)]
        imap: bool,
        /// The IMAP server uses the SMTP password again.
        #[arg(long, conflicts_with = "imap")]
        same_for_imap: bool,
    },
    Remove {
        account: Id,
    },
}

#[derive(Debug, Args)]
pub struct AccountArgs {
    #[arg(long)]
    email: String,
    #[arg(long, default_value = "")]
    label: String,
    #[arg(long, default_value = "")]
    smtp_host: String,
    #[arg(long, default_value_t = 587)]
    smtp_port: u16,
    /// tls (port 465), start_tls (port 587), plain (only to 127.0.0.1 with --allow-plaintext).
    #[arg(long, default_value = "start_tls", value_parser = ["tls", "start_tls", "plain"])]
    smtp_tls: String,
    /// Login name, if not the address.
    #[arg(long, default_value = "")]
    username: String,
    /// A PEM certificate to trust (a self-hosted server).
    #[arg(long, default_value = "")]
    trust_certificate: String,
    /// Plain text (no TLS) to a server on this computer only.
    #[arg(long)]
    allow_plaintext: bool,
    /// The incoming (IMAP) server: replies are fetched from it, and an
    /// interrupted send is looked up in its Sent folder.
    #[arg(long, default_value = "")]
    imap_host: String,
    #[arg(long, default_value_t = 993)]
    imap_port: u16,
    /// tls (port 993), start_tls (port 143), plain (only to 127.0.0.1 with --allow-plaintext).
    #[arg(long, default_value = "tls", value_parser = ["tls", "start_tls", "plain"])]
    imap_tls: String,
    /// IMAP login name, if not the SMTP one.
    #[arg(long, default_value = "")]
    imap_username: String,
    /// A folder replies are fetched from (repeat for several; default INBOX).
    #[arg(long = "folder")]
    folders: Vec<String>,
    /// Where the server keeps sent mail.
    #[arg(long, default_value = "Sent")]
    sent_folder: String,
    /// Append a copy of each sent message to the Sent folder (for servers that do not keep one).
    #[arg(long)]
    append_to_sent: bool,
    /// Fetch replies every N minutes while the app runs (0: only on demand).
    #[arg(long, default_value_t = 15)]
    fetch_every: u32,
    /// Send at most N messages a minute in a batch (0: no limit).
    #[arg(long, default_value_t = 60)]
    per_minute: u32,
    /// Sign in with the provider (OAuth2) instead of a password: its authorization endpoint.
    /// With --auto, --oauth takes the provider's published endpoints instead.
    #[arg(long, requires_all = ["oauth_token_url", "oauth_scopes"])]
    oauth_auth_url: Option<String>,
    #[arg(long)]
    oauth_token_url: Option<String>,
    /// Space-separated scopes.
    #[arg(long)]
    oauth_scopes: Option<String>,
    /// The OAuth client id (default: RIGHTSDESK_OAUTH_CLIENT_ID, or the one this build was made with).
    #[arg(long)]
    oauth_client_id: Option<String>,
}

impl AccountArgs {
    fn draft(self) -> MailAccountDraft {
        MailAccountDraft {
            label: self.label,
            email: self.email,
            smtp_host: self.smtp_host,
            smtp_port: self.smtp_port,
            smtp_tls: TlsMode::parse(&self.smtp_tls).unwrap_or(TlsMode::StartTls),
            smtp_username: self.username,
            trusted_certificate: self.trust_certificate,
            allow_plaintext: self.allow_plaintext,
            imap_host: self.imap_host,
            imap_port: self.imap_port,
            imap_tls: TlsMode::parse(&self.imap_tls).unwrap_or(TlsMode::Tls),
            imap_username: self.imap_username,
            imap_folders: if self.folders.is_empty() { vec!["INBOX".into()] } else { self.folders },
            sent_folder: self.sent_folder,
            append_to_sent: self.append_to_sent,
            fetch_every_minutes: self.fetch_every,
            send_per_minute: self.per_minute,
            oauth: self.oauth_auth_url.map(|auth_url| rightsdesk_domain::oauth::OAuthSettings {
                auth_url,
                token_url: self.oauth_token_url.unwrap_or_default(),
                scopes: self.oauth_scopes.unwrap_or_default(),
                // Empty: the configured one is filled in by `account add` (it has the store).
                client_id: self.oauth_client_id.unwrap_or_default(),
            }),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    List,
    /// Decide an uncertain or failed message: it arrived, or send it again.
    Settle {
        message: Id,
        #[arg(long, conflicts_with = "requeue", required_unless_present = "requeue")]
        arrived: bool,
        #[arg(long)]
        requeue: bool,
    },
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::Invalid, message)
}

/// The password: RIGHTSDESK_MAIL_PASSWORD, else the first line of standard input.
fn password() -> Result<String, Error> {
    if let Some(p) = std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty()) {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| invalid(format!("cannot read the password: {e}")))?;
    let p = line.trim_end_matches(['\r', '\n']).to_owned();
    if p.is_empty() {
        return Err(invalid(format!("give the password on standard input or in {PASSWORD_ENV}")));
    }
    Ok(p)
}

fn print_account(out: &Out, a: &MailAccount) {
    if out.json {
        return out.print_json(a);
    }
    let d = &a.draft;
    println!(
        "{:>3}  {:<20} {:<28} {}:{} ({}){}",
        a.id,
        d.label,
        d.email,
        d.smtp_host,
        d.smtp_port,
        d.smtp_tls.as_str(),
        match (&d.oauth, a.signed_in, a.has_password) {
            (Some(_), true, _) => "  — signs in with the provider",
            (Some(_), false, _) => "  — not signed in: `rightsdesk account login`",
            (None, _, true) => "",
            (None, _, false) => "  — no password in the keyring",
        }
    );
    if d.has_imap() {
        println!(
            "     IMAP {}:{} ({}), folders {}, sent mail in {}{}",
            d.imap_host,
            d.imap_port,
            d.imap_tls.as_str(),
            d.imap_folders.join(", "),
            d.sent_folder,
            if d.append_to_sent { " (copies appended)" } else { "" }
        );
    }
}

/// `account discover ADDRESS`: the proposal and its source.
pub fn discover(out: &Out, address: &str) -> Result<(), Error> {
    let lookup = rightsdesk_mail::setup::Lookup::from_env().map_err(|e| Error::new(ErrorCode::Invalid, e))?;
    let p = rightsdesk_usecases::mailbox::discover(address, &lookup)?;
    if out.json {
        out.print_json(&p);
        return Ok(());
    }
    show_proposal(&p);
    Ok(())
}

/// `account add --auto`: the proposal, said on stderr (stdout stays the
/// added account, as without --auto).
fn propose(out: &Out, address: &str) -> Result<rightsdesk_usecases::mailbox::Proposal, Error> {
    let lookup = rightsdesk_mail::setup::Lookup::from_env().map_err(|e| Error::new(ErrorCode::Invalid, e))?;
    let p = rightsdesk_usecases::mailbox::discover(address, &lookup)?;
    if !out.json {
        show_proposal(&p);
    }
    if p.smtp.is_none() {
        return Err(invalid(format!("{}; give --smtp-host yourself (without --auto)", p.sentence)));
    }
    Ok(p)
}

/// "y" on the first line of standard input (the password, if any, follows).
fn confirmed() -> Result<bool, Error> {
    eprint!("Add this account with these servers? [y/N] ");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| invalid(format!("cannot read the answer: {e}")))?;
    Ok(matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
}

fn show_proposal(p: &rightsdesk_usecases::mailbox::Proposal) {
    println!("{}", p.sentence);
    for t in &p.tried {
        println!("  asked {}: {}", t.place, t.outcome);
    }
    let show = |kind: &str, server: &Option<rightsdesk_domain::mailbox::Server>, login: &Option<String>| {
        if let Some(s) = server {
            let auth: Vec<&str> = s
                .auth
                .iter()
                .map(|a| match a {
                    rightsdesk_domain::mailbox::Auth::Password => "password",
                    rightsdesk_domain::mailbox::Auth::OAuth2 => "OAuth2 sign-in",
                })
                .collect();
            println!(
                "  {kind:<4} {}:{} ({}), login {}, {}",
                s.host,
                s.port,
                s.tls.as_str(),
                login.as_deref().unwrap_or(&p.address),
                auth.join(" or ")
            );
        }
    };
    show("IMAP", &p.imap, &p.imap_login);
    show("SMTP", &p.smtp, &p.smtp_login);
    for g in &p.guidance {
        println!("  First: {} ({})", step_words(g.step), g.url);
    }
}

/// The CLI's words for a step (the app has its own, in its languages).
fn step_words(step: rightsdesk_domain::mailbox::Step) -> &'static str {
    use rightsdesk_domain::mailbox::Step;
    match step {
        Step::AppPassword => "create an app password (after two-step verification) and use it instead of your password",
        Step::EnableImap => "switch IMAP access on in the provider's web settings",
        Step::SignIn => "password login is switched off: sign in with the provider (OAuth2)",
        Step::Bridge => "install and sign in to the provider's Bridge; use the password and certificate it shows",
    }
}

pub fn account(cmd: AccountCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    match cmd {
        AccountCommand::Discover { address } => discover(out, &address)?,
        AccountCommand::Add { args, auto, yes, oauth } => {
            let client_id = args.oauth_client_id.clone();
            let mut draft = args.draft();
            if auto {
                let proposal = propose(out, &draft.email)?;
                rightsdesk_usecases::mailbox::apply(&proposal, &mut draft);
                if oauth {
                    let Some(endpoints) = &proposal.oauth2 else {
                        return Err(invalid(format!("{} publishes no OAuth2 sign-in: use a password", draft.email)));
                    };
                    let configured = rightsdesk_usecases::mailbox::configured_client_id(Some(store)).value;
                    let id = client_id.or(configured).unwrap_or_default();
                    draft.oauth = Some(rightsdesk_domain::oauth::OAuthSettings::from_endpoints(endpoints, &id));
                }
                if !yes && !confirmed()? {
                    return Err(invalid("not added: nothing was stored".into()));
                }
            }
            if let Some(o) = draft.oauth.as_mut().filter(|o| o.client_id.is_empty()) {
                o.client_id = rightsdesk_usecases::mailbox::configured_client_id(Some(store)).value.unwrap_or_default();
            }
            if let Some(problem) = draft.oauth.as_ref().and_then(|o| o.problem()) {
                return Err(invalid(problem.into()));
            }
            if draft.oauth.is_some() {
                let a = store.add_mail_account(draft.validate()?, None)?;
                if !out.json {
                    eprintln!("Added. Now sign in: rightsdesk account login {}", a.id);
                }
                print_account(out, &a);
                return Ok(());
            }
            let draft = draft.validate()?;
            let p = password()?;
            let imap = std::env::var(IMAP_PASSWORD_ENV).ok();
            print_account(out, &rightsdesk_usecases::mailbox::add_account(store, draft, &p, imap.as_deref())?);
        }
        AccountCommand::Edit { account, args } => {
            print_account(out, &store.update_mail_account(account, args.draft())?);
        }
        AccountCommand::Test { account } => {
            let checks = rightsdesk_mail::check_stored(&Exclusive::new(store), account)?;
            if out.json {
                out.print_json(&checks);
            } else {
                for c in &checks {
                    println!("{} {} {}: {}", if c.ok { "✓" } else { "✗" }, c.server.to_uppercase(), c.host, c.message);
                    if let Some(g) = &c.guidance {
                        let at = if g.url.is_empty() { String::new() } else { format!(" ({})", g.url) };
                        println!("  What to do: {}{at}", step_words(g.step));
                    }
                }
            }
            if let Some(bad) = checks.iter().find(|c| !c.ok) {
                return Err(Error::new(ErrorCode::Io, format!("{}: {}", bad.host, bad.message)));
            }
        }
        AccountCommand::ClientId { id } => {
            let c = match id {
                Some(id) => rightsdesk_usecases::mailbox::set_client_id(store, &id)?,
                None => rightsdesk_usecases::mailbox::configured_client_id(Some(store)),
            };
            if out.json {
                out.print_json(&c);
            } else {
                match &c.value {
                    Some(v) => println!("{v} (from the {})", c.from),
                    None => println!(
                        "No OAuth client id: sign-in with a provider needs one (README, \"Microsoft sign-in\")."
                    ),
                }
            }
        }
        AccountCommand::Login { account, no_browser } => {
            let a = rightsdesk_mail::oauth::sign_in(
                &Exclusive::new(store),
                account,
                rightsdesk_mail::oauth::SIGN_IN_WAIT,
                |url| {
                    eprintln!(
                        "Sign in with your provider in the browser. If no browser opens, open this address:\n{url}"
                    );
                    if !no_browser {
                        // Best effort: where no browser can be opened, the printed address does.
                        let _ = std::process::Command::new("xdg-open")
                            .arg(url)
                            .stdout(std::process::Stdio::null())
                            .stderr(std::process::Stdio::null())
                            .spawn();
                    }
                },
            )?;
            if !out.json {
                println!("Signed in: {} (the tokens are in the OS keyring).", a.draft.email);
            }
            print_account(out, &a);
        }
        AccountCommand::List => {
            let list = store.mail_accounts()?;
            if out.json {
                out.print_json(&list);
            } else if list.is_empty() {
                println!("No mail accounts. Add one with `rightsdesk account add`.");
            } else {
                list.iter().for_each(|a| print_account(out, a));
            }
        }
        AccountCommand::Password { account, imap, same_for_imap } => {
            if imap {
                store.set_mail_imap_password(account, Some(&password()?))?;
            } else if same_for_imap {
                store.set_mail_imap_password(account, None)?;
            } else {
                store.set_mail_password(account, &password()?)?;
            }
            print_account(out, &store.mail_account(account)?);
        }
        AccountCommand::Remove { account } => {
            store.remove_mail_account(account)?;
            if out.json {
                out.print_json(&serde_json::json!({"removed": account}));
            } else {
                println!("Removed mail account {account} and its password.");
            }
        }
    }
    Ok(())
}

/// `send R… [--account A]` queues requests and sends everything due;
/// `send --queued` sends what is due. Messages a crash left half-sent are
/// reconciled first (found in the Sent folder → sent, else uncertain).
#[derive(Debug, Args)]
pub struct SendArgs {
    /// The requests (ids or references); omit with --queued.
    #[arg(required_unless_present = "queued")]
    requests: Vec<String>,
    /// The mail account (default: the only one).
    #[arg(long)]
    account: Option<Id>,
    #[arg(long, conflicts_with = "requests")]
    queued: bool,
    /// Put the requests in the outbox without sending yet.
    #[arg(long, conflicts_with = "queued")]
    queue_only: bool,
    /// Pause between messages, in milliseconds (default: the account's "at most N a minute").
    #[arg(long)]
    pause_ms: Option<u64>,
}

/// Says, on stderr, that this run waits for another one on the same data directory.
fn waiting_note() {
    eprintln!(
        "note: another RightsDesk is sending or fetching mail from this data directory; waiting for it to finish…"
    );
}

pub fn send(args: SendArgs, dir: &DataDir, store: &mut Store, out: &Out) -> Result<(), Error> {
    // All are resolved before anything is queued; the queue takes them all or none.
    let requests = args.requests.iter().map(|r| store.resolve_request(r)).collect::<Result<Vec<_>, _>>()?;
    let plan = SendPlan {
        requests,
        account: args.account,
        queue_only: args.queue_only,
        pause: args.pause_ms.map(std::time::Duration::from_millis),
    };
    let access = Exclusive::new(store);
    let outcome = Mailroom::new(dir, &access).send(&plan, waiting_note).map_err(|mut e| {
        if e.message.starts_with("no mail account") {
            e.message = "no mail account: add one with `rightsdesk account add`".into();
        } else if e.message.starts_with("several mail accounts") {
            e.message = "several mail accounts: choose one with --account".into();
        }
        e
    })?;
    if !out.json {
        if let Some(found) = &outcome.reconciled {
            if found.interrupted > 0 {
                eprintln!("note: {} message(s) were being sent when RightsDesk stopped", found.interrupted);
            }
            found.confirmed.iter().for_each(|r| eprintln!("note: {r} is in the Sent folder: marked sent"));
            found.unchecked.iter().for_each(|w| eprintln!("note: could not search the Sent folder of {w}"));
        }
        if outcome.uncertain > 0 {
            eprintln!(
                "note: {} message(s) may or may not have arrived: decide with `rightsdesk outbox settle` \
                 (see `rightsdesk outbox list`)",
                outcome.uncertain
            );
        }
    }
    let Some(report) = outcome.report else {
        if out.json {
            out.print_json(&outcome.queued);
        } else {
            outcome.queued.iter().for_each(|q| println!("queued {} → {}", q.reference, q.recipient));
        }
        return Ok(());
    };
    if out.json {
        out.print_json(&serde_json::json!({
            "sent": report.sent,
            "retry_later": report.retry_later.iter().map(|(r, w)| serde_json::json!({"reference": r, "error": w})).collect::<Vec<_>>(),
            "failed": report.failed.iter().map(|(r, w)| serde_json::json!({"reference": r, "error": w})).collect::<Vec<_>>(),
            "waiting_for_sign_in": report.signed_out.iter().map(|(r, w)| serde_json::json!({"reference": r, "error": w})).collect::<Vec<_>>(),
        }));
    } else {
        report.sent.iter().for_each(|r| println!("✓ sent {r}"));
        report.retry_later.iter().for_each(|(r, w)| println!("… {r}: {w} (will retry)"));
        report.failed.iter().for_each(|(r, w)| println!("✗ {r}: {w}"));
        report.signed_out.iter().for_each(|(r, w)| println!("… {r} waits: {w} (`rightsdesk account login`)"));
    }
    if report.failed.is_empty() {
        Ok(())
    } else {
        Err(Error::new(ErrorCode::Io, format!("{} message(s) failed", report.failed.len())))
    }
}

pub fn outbox(cmd: OutboxCommand, dir: &DataDir, store: &mut Store, out: &Out) -> Result<(), Error> {
    match cmd {
        OutboxCommand::List => {
            let list: Vec<OutboxItem> = store.outbox()?;
            if out.json {
                out.print_json(&list);
                return Ok(());
            }
            if list.is_empty() {
                println!("The outbox is empty.");
            }
            for i in list {
                let copy =
                    if i.sent_copy.is_empty() { String::new() } else { format!(" [Sent folder: {}]", i.sent_copy) };
                println!(
                    "{:>3}  {:<14} {:<10} {:<30} {}{copy}",
                    i.id,
                    i.reference,
                    i.state.as_str(),
                    i.recipient,
                    i.last_error
                );
            }
        }
        OutboxCommand::Settle { message, arrived, .. } => {
            // Settling only decides; `send --queued` sends what was put back (as before).
            let _lock = dir.lock_mail(waiting_note)?;
            store.settle_outbox(message, arrived)?;
            let i = store.outbox_item(message)?;
            if out.json {
                out.print_json(&i);
            } else {
                println!("{} is {} now.", i.reference, i.state.as_str());
            }
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Import an .eml file or an mbox: each message once, filed to its request where possible.
    Import { file: std::path::PathBuf },
    /// Fetch new mail from the accounts' IMAP folders, filing replies to their requests.
    Fetch {
        /// Only this account (default: every account with an IMAP server).
        #[arg(long)]
        account: Option<Id>,
    },
    /// One mail round, as the app runs every minute: settle what a stopped
    /// run left half-sent, send what is due (retries after their backoff),
    /// and fetch each account whose schedule (`account add --fetch-every`)
    /// says it is time. For cron or a systemd timer when the app is not open.
    Round,
}

#[derive(Debug, Subcommand)]
pub enum InboxCommand {
    /// Mail that could not be filed (with --all: every message).
    List {
        #[arg(long)]
        all: bool,
    },
    /// One message, as plain text.
    Show { mail: Id },
    /// File a message to a request.
    File { mail: Id, request: String },
    /// Leave a message out of the Inbox (it is kept).
    Ignore { mail: Id },
}

pub fn mail(cmd: MailCommand, dir: &DataDir, store: &mut Store, out: &Out) -> Result<(), Error> {
    match cmd {
        MailCommand::Import { file } => {
            let bytes = std::fs::read(&file).map_err(|e| invalid(format!("cannot read {}: {e}", file.display())))?;
            let report = rightsdesk_mail::import_file(store, &bytes)?;
            if out.json {
                out.print_json(&report);
            } else {
                for i in &report.imported {
                    match (&i.filed_to, &i.suggested, i.duplicate) {
                        (_, _, true) => println!("= mail {} was imported before", i.mail_id),
                        (Some(r), _, _) => println!("✓ mail {} filed to {r}", i.mail_id),
                        (None, Some(s), _) => println!("? mail {} in the Inbox (perhaps {s})", i.mail_id),
                        (None, None, _) => println!("? mail {} in the Inbox", i.mail_id),
                    }
                }
                for r in &report.rejected {
                    println!("✗ message {} of the file: {}", r.position, r.error);
                }
            }
            if report.imported.is_empty() && !report.rejected.is_empty() {
                return Err(invalid(format!("no message in {} could be read", file.display())));
            }
        }
        MailCommand::Round => {
            let access = Exclusive::new(store);
            // A CLI process runs one round: a failing server is tried again by the next one.
            let mut rounds = Rounds::every(std::time::Duration::from_secs(60));
            let Some(report) = Mailroom::new(dir, &access).round(&mut rounds, chrono::Utc::now())? else {
                if out.json {
                    out.print_json(&serde_json::json!({"skipped": "another RightsDesk is sending or fetching"}));
                } else {
                    println!("Skipped: another RightsDesk is sending or fetching mail from this data directory.");
                }
                return Ok(());
            };
            let sent = report.sent.as_ref().map(|r| r.sent.len()).unwrap_or(0);
            let failed: Vec<String> =
                report
                    .fetched
                    .iter()
                    .filter_map(|(id, r)| r.as_ref().err().map(|e| format!("account {id}: {}", e.message)))
                    .chain(report.fetched.iter().filter_map(|(_, r)| r.as_ref().ok()).flat_map(|s| {
                        s.failed.iter().map(|f| format!("{}: {}", f.email, f.message)).collect::<Vec<_>>()
                    }))
                    .collect();
            let fetched: Vec<Id> = report
                .fetched
                .iter()
                .filter(|(_, r)| r.as_ref().is_ok_and(|s| s.failed.is_empty()))
                .map(|(id, _)| *id)
                .collect();
            let new: u32 = report
                .fetched
                .iter()
                .filter_map(|(_, r)| r.as_ref().ok())
                .flat_map(|s| &s.fetched)
                .flat_map(|f| &f.folders)
                .map(|f| f.new)
                .sum();
            if out.json {
                out.print_json(&serde_json::json!({
                    "interrupted": report.reconciled.as_ref().map(|r| r.interrupted).unwrap_or(0),
                    "sent": sent,
                    "fetched_accounts": fetched,
                    "new_mail": new,
                    "failed": failed,
                }));
            } else {
                println!("sent {sent}; fetched {} account(s), {new} new message(s)", fetched.len());
                failed.iter().for_each(|f| println!("✗ {f}"));
            }
            if !failed.is_empty() {
                return Err(Error::new(ErrorCode::Io, format!("{} account(s) could not be fetched", failed.len())));
            }
        }
        MailCommand::Fetch { account } => {
            let access = Exclusive::new(store);
            let summary = Mailroom::new(dir, &access).fetch(account, waiting_note).map_err(|mut e| {
                if e.message.starts_with("no account has an incoming") {
                    e.message =
                        "no account has an incoming (IMAP) server: add one with `rightsdesk account edit`".into();
                }
                e
            })?;
            let (reports, errors) = (&summary.fetched, &summary.failed);
            if out.json {
                out.print_json(&summary);
            } else {
                for report in reports {
                    for r in &report.confirmed_sent {
                        println!("✓ {r} was in the Sent folder: marked sent");
                    }
                    for f in &report.folders {
                        match &f.error {
                            Some(e) => println!("✗ {}: {e}", f.folder),
                            None => println!(
                                "{}: {} new ({} filed to requests, {} in the Inbox){}",
                                f.folder,
                                f.new,
                                f.filed,
                                f.new - f.filed,
                                if f.rejected.is_empty() {
                                    String::new()
                                } else {
                                    format!(", {} unreadable", f.rejected.len())
                                }
                            ),
                        }
                    }
                }
                // The first error is the command's own (printed by main).
                for e in errors.iter().skip(1) {
                    eprintln!("✗ {}", e.message);
                }
            }
            if let Some(e) = errors.first() {
                return Err(Error::new(ErrorCode::Io, e.message.clone()));
            }
        }
    }
    Ok(())
}

pub fn inbox(cmd: InboxCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    let show = |m: &rightsdesk_domain::mail::InboxMail| {
        if out.json {
            return out.print_json(m);
        }
        let place = match (&m.reference, &m.suggested_reference) {
            (Some(r), _) => format!("filed to {r}"),
            (None, Some(s)) => format!("{} (perhaps {s})", m.state.as_str()),
            (None, None) => m.state.as_str().to_owned(),
        };
        println!("{:>4}  {:<32} {:<40} {}", m.id, m.from, m.subject, place);
    };
    match cmd {
        InboxCommand::List { all } => {
            let list = store.inbox(all)?;
            if out.json {
                out.print_json(&list);
            } else if list.is_empty() {
                println!("The Inbox is empty.");
            } else {
                list.iter().for_each(show);
            }
        }
        InboxCommand::Show { mail } => {
            let m = store.mail(mail)?;
            if out.json {
                out.print_json(&m);
            } else {
                println!(
                    "From: {}\nSubject: {}\nDate: {}\n\n{}",
                    m.from,
                    m.subject,
                    m.date.unwrap_or_default(),
                    m.text
                );
            }
        }
        InboxCommand::File { mail, request } => {
            let id = store.resolve_request(&request)?;
            show(&store.file_mail(mail, id)?);
        }
        InboxCommand::Ignore { mail } => show(&store.ignore_mail(mail)?),
    }
    Ok(())
}
