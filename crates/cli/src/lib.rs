//! `rightsdesk`: the command-line face of RightsDesk. A library with one
//! entry point (`main_from`), so the `rightsdesk` binary (`src/main.rs`) and
//! the installed package — where `/usr/bin/rightsdesk` runs the app binary
//! with `--cli`, one program instead of two copies of the core — are the same.
//!
//! Exit codes: 0 ok, 1 the user's error (one-line message), 2 internal error.
//! Every read command takes `--json` and then prints exactly one JSON value on
//! stdout; errors with `--json` are `{"error": {"code", "message", "fields"}}`.

mod backup;
mod controller;
mod mail;
mod mandate;
mod output;
mod person;
mod policy;
mod registry;
mod report;
mod request;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rightsdesk_domain::{ErrorCode, Voice};
use rightsdesk_store::{DataDir, Error, KeyChoice, PASSPHRASE_ENV, Store};

use crate::output::Out;

#[derive(Debug, Parser)]
#[command(
    name = "rightsdesk",
    version,
    about = "See who processes your data on which legal basis, and exercise your GDPR rights."
)]
struct Cli {
    /// Folder holding the encrypted database [default: the OS data directory].
    #[arg(long, global = true, env = "RIGHTSDESK_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Print machine-readable JSON.
    #[arg(long, global = true)]
    json: bool,

    /// Passphrase for a database protected by one (when no OS keyring is used).
    #[arg(long = "passphrase-from-env", hide = true, env = PASSPHRASE_ENV, hide_env_values = true)]
    passphrase: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new encrypted database (key in the OS keyring, else from RIGHTSDESK_PASSPHRASE).
    Init {
        /// Protect the database with RIGHTSDESK_PASSPHRASE even if a keyring is available.
        #[arg(long)]
        use_passphrase: bool,
    },
    /// Check the store: key mode, database path, schema version, integrity.
    Doctor,
    /// When an answer is legally due: months from receipt, rolled over weekends
    /// and the public holidays of a country (GDPR Art. 12(3), Reg. 1182/71).
    Deadline {
        /// The day the controller received the request (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        received: String,
        /// Whose public holidays to skip (AT BE DE ES FR IE IT LU NL SE); others: weekends only.
        #[arg(long, value_name = "CC", default_value = "")]
        country: String,
        /// Length of the period in months: 1 (Art. 12(3)), 3 with an extension.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=12))]
        months: u32,
    },
    /// Import controllers from the datarequests.org database or the IAB vendor list.
    #[command(subcommand)]
    Import(controller::ImportCommand),
    /// Who processes data, on which legal basis, and what you can do about it.
    #[command(subcommand)]
    Controller(Box<controller::ControllerCommand>),
    /// Supervisory authorities: a controller's lead authority, or your own.
    #[command(subcommand)]
    Sa(controller::SaCommand),
    /// Requests: start one, record what happened, see the deadline and timeline.
    #[command(subcommand)]
    Request(Box<request::RequestCommand>),
    /// What needs you today: overdue, due soon, answers to decide on, drafts.
    Attention {
        /// Days ahead that count as "soon".
        #[arg(long, default_value_t = 7)]
        days: u32,
        /// Pretend today is this day (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Export data: deadlines as a calendar (`export ics`), requests as rows (`export requests`).
    #[command(subcommand)]
    Export(ExportCommand),
    /// People on whose behalf requests are made (data subjects).
    #[command(subcommand)]
    Person(Box<person::PersonCommand>),
    /// The organisation acting for people: its profile and, for Art. 80(1), its standing.
    #[command(subcommand)]
    Org(mandate::OrgCommand),
    /// Mandates people gave the organisation: letters of authority and Art. 80(1) mandates.
    #[command(subcommand)]
    Mandate(Box<mandate::MandateCommand>),
    /// Your own mailbox, that letters are sent from (password in the OS keyring).
    #[command(subcommand)]
    Account(mail::AccountCommand),
    /// Send a request's letter by e-mail (or everything queued).
    Send(mail::SendArgs),
    /// Messages on their way out: queued, sending, sent, failed, uncertain.
    #[command(subcommand)]
    Outbox(mail::OutboxCommand),
    /// Import replies from .eml or mbox files.
    #[command(subcommand)]
    Mail(mail::MailCommand),
    /// Mail that could not be filed to a request by itself.
    #[command(subcommand)]
    Inbox(mail::InboxCommand),
    /// The letters themselves, for review.
    #[command(subcommand)]
    Letters(LettersCommand),
    /// The policy watch: recorded versions of platforms' privacy policies and what changed in them.
    #[command(subcommand)]
    Policy(Box<policy::PolicyCommand>),
    /// An encrypted backup of the whole store: `backup --out FILE`, `backup verify FILE`.
    Backup(backup::BackupArgs),
    /// Restore a backup into an empty data directory (a new key in this machine's keyring).
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Outcomes in numbers: answered in time, late, never; time to an answer;
    /// outcomes; Art. 15 completeness; escalations — per controller, kind or month.
    Report(report::ReportArgs),
    /// Projects group requests (a study, an investigation) for reports and exports.
    #[command(subcommand)]
    Project(report::ProjectCommand),
    /// Updates of the curated registry between releases (signed bundles).
    #[command(subcommand)]
    Registry(registry::RegistryCommand),
}

#[derive(Debug, Subcommand)]
enum LettersCommand {
    /// A PDF of every kind of letter in one language, every option on, with a
    /// table of the articles and cases each cites: the document a lawyer reads
    /// to sign off a language.
    Book {
        /// en, de, fr, es, it, nl, pl.
        #[arg(long = "lang")]
        language: String,
        /// The first-person forms: neutral (default), feminine, masculine.
        #[arg(long, default_value = "neutral", value_parser = ["neutral", "feminine", "masculine"])]
        voice: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// All running deadlines as an iCalendar file.
    Ics {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// One row per request (CSV, or JSON with `--json`), pseudonymised for publication on request.
    Requests(report::ExportRequestsArgs),
    /// A ZIP for an editor or a lawyer: each request's letter PDF, the sent .eml, every reply
    /// and attachment, the timeline as PDF, and the SHA-256 of every file.
    Evidence(report::EvidenceArgs),
}

/// Runs the command line `args` (the first is the program name).
pub fn main_from<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    quiet_on_closed_pipe();
    let cli = Cli::parse_from(args);
    let out = Out { json: cli.json };
    match run(cli, &out) {
        Ok(code) => code,
        Err(e) => {
            out.error(&e);
            if e.code.is_user_error() { ExitCode::from(1) } else { ExitCode::from(2) }
        }
    }
}

fn run(cli: Cli, out: &Out) -> Result<ExitCode, Error> {
    // Commands that need no store come first, so they work before `init`.
    if let Command::Deadline { received, country, months } = &cli.command {
        output::deadline(out, received, country, *months)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Letters(LettersCommand::Book { language, voice, out: path }) = &cli.command {
        // clap admits only the three names.
        let voice = Voice::parse(voice).unwrap_or_default();
        let written =
            rightsdesk_usecases::letters::save_book(language, voice, chrono::Local::now().date_naive(), path)?;
        if out.json {
            out.print_json(&serde_json::json!({ "path": written }));
        } else {
            println!("Letter book written to {}", written.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Account(mail::AccountCommand::Discover { address }) = &cli.command {
        mail::discover(out, address)?;
        return Ok(ExitCode::SUCCESS);
    }
    let dir = DataDir::resolve(cli.data_dir)?;
    let passphrase = cli.passphrase.as_deref().filter(|p| !p.is_empty());
    match cli.command {
        Command::Init { use_passphrase } => {
            let choice = if use_passphrase {
                KeyChoice::Passphrase(passphrase.ok_or_else(|| {
                    Error::new(
                        ErrorCode::PassphraseRequired,
                        format!("--use-passphrase needs {PASSPHRASE_ENV} to be set"),
                    )
                })?)
            } else {
                KeyChoice::PreferKeyring { fallback_passphrase: passphrase }
            };
            let mut store = Store::create(&dir, choice).map_err(|mut e| {
                if e.code == ErrorCode::KeyringUnavailable {
                    e.message = format!("{} (set {PASSPHRASE_ENV})", e.message);
                }
                e
            })?;
            out.init(store.info());
            // The CLI's first start, like the app's: the registry and the built-in
            // datarequests.org snapshot, so search and authorities work offline.
            rightsdesk_usecases::ready(&mut store)?;
            if let Some(r) = rightsdesk_usecases::snapshot::ensure_applied(&mut store)? {
                eprintln!(
                    "Built in: the datarequests.org database ({}, CC0): {} controllers, {} supervisory authorities",
                    rightsdesk_import::snapshot::version(),
                    r.added + r.updated + r.unchanged,
                    r.authorities
                );
            }
        }
        // Doctor reports problems itself (also as JSON) and only sets the exit code.
        Command::Doctor => return Ok(output::doctor(out, &dir, passphrase)),
        Command::Person(cmd) => person::run(*cmd, &mut Store::open(&dir, passphrase)?, out)?,
        Command::Import(cmd) => controller::import(cmd, &mut open_with_registry(&dir, passphrase)?, out)?,
        Command::Controller(cmd) => controller::run(*cmd, &mut open_with_registry(&dir, passphrase)?, out)?,
        Command::Sa(cmd) => controller::sa(cmd, &mut open_with_registry(&dir, passphrase)?, out)?,
        Command::Request(cmd) => request::run(*cmd, &mut open_with_registry(&dir, passphrase)?, out)?,
        Command::Attention { days, today } => {
            let today = match today {
                Some(t) => rightsdesk_domain::deadline::parse_date("today", &t)?,
                None => chrono::Local::now().date_naive(),
            };
            request::attention(&mut open_with_registry(&dir, passphrase)?, out, today, days)?;
        }
        Command::Export(ExportCommand::Ics { out: file }) => {
            let store = open_with_registry(&dir, passphrase)?;
            let written = rightsdesk_usecases::exports::deadlines_ics(&store, &file, chrono::Utc::now())?;
            if out.json {
                out.print_json(&serde_json::json!({"written": written.path, "events": written.count}));
            } else {
                println!("Wrote {} deadlines to {}", written.count, written.path.display());
            }
        }
        Command::Export(ExportCommand::Requests(args)) => {
            report::export_requests(args, &open_with_registry(&dir, passphrase)?, out)?
        }
        Command::Export(ExportCommand::Evidence(args)) => {
            report::evidence(args, &open_with_registry(&dir, passphrase)?, out)?
        }
        Command::Report(args) => report::report(args, &open_with_registry(&dir, passphrase)?, out)?,
        Command::Project(cmd) => report::project(cmd, &mut open_with_registry(&dir, passphrase)?, out)?,
        Command::Org(cmd) => mandate::org(cmd, &mut Store::open(&dir, passphrase)?, out)?,
        Command::Mandate(cmd) => mandate::run(*cmd, &mut open_with_registry(&dir, passphrase)?, out)?,
        Command::Account(cmd) => mail::account(cmd, &mut Store::open(&dir, passphrase)?, out)?,
        Command::Send(args) => mail::send(args, &dir, &mut open_with_registry(&dir, passphrase)?, out)?,
        Command::Outbox(cmd) => mail::outbox(cmd, &dir, &mut Store::open(&dir, passphrase)?, out)?,
        Command::Mail(cmd) => mail::mail(cmd, &dir, &mut Store::open(&dir, passphrase)?, out)?,
        Command::Inbox(cmd) => mail::inbox(cmd, &mut Store::open(&dir, passphrase)?, out)?,
        Command::Policy(cmd) => policy::run(*cmd, &mut open_with_registry(&dir, passphrase)?, out)?,
        Command::Registry(cmd) => registry::run(cmd, &mut open_with_registry(&dir, passphrase)?, out)?,
        Command::Backup(args) => backup::run(args, &dir, passphrase, out)?,
        Command::Restore { file } => backup::restore(file, &dir, passphrase, out)?,
        Command::Deadline { .. } | Command::Letters(_) => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the store and brings the built-in registry up to date.
fn open_with_registry(dir: &DataDir, passphrase: Option<&str>) -> Result<Store, Error> {
    rightsdesk_usecases::open(dir, passphrase)
}

/// `rightsdesk … | head` closes stdout early; Rust's print then panics with
/// "Broken pipe". Treat that as the reader being done, like other tools do.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
