//! `rightsdesk backup --out FILE`, `backup verify FILE`, `backup status`,
//! `backup auto --folder DIR [--keep N] | --off`, `restore FILE`.
//! The backup passphrase comes from RIGHTSDESK_BACKUP_PASSPHRASE or the first
//! line of standard input; it is never an argument (arguments are visible to
//! every user of the machine).

use std::io::BufRead;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use rightsdesk_domain::ErrorCode;
use rightsdesk_domain::backup::{AutomaticBackups, BackupState};
use rightsdesk_store::{BackupSummary, DataDir, Error, OsKeyring, Store};
use zeroize::Zeroizing;

use crate::output::Out;

pub const BACKUP_PASSPHRASE_ENV: &str = "RIGHTSDESK_BACKUP_PASSPHRASE";

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    command: Option<BackupCommand>,
    /// Where to write the backup (one encrypted file).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum BackupCommand {
    /// Check a backup completely (passphrase, authentication, database) without writing anything.
    Verify { file: PathBuf },
    /// The last backup, whether one is due (30 days), and automatic backups.
    Status,
    /// Automatic daily backups to a folder, keeping the newest N (the passphrase
    /// as for `backup`, kept in the OS keyring); `--off` stops them.
    Auto {
        #[arg(long, value_name = "DIR", required_unless_present = "off")]
        folder: Option<PathBuf>,
        #[arg(long, default_value_t = rightsdesk_domain::backup::DEFAULT_KEEP)]
        keep: u32,
        #[arg(long, conflicts_with = "folder")]
        off: bool,
    },
}

/// The passphrase: the environment variable, else standard input's first line.
fn passphrase() -> Result<Zeroizing<String>, Error> {
    if let Ok(p) = std::env::var(BACKUP_PASSPHRASE_ENV) {
        return Ok(Zeroizing::new(p));
    }
    let mut line = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::new(ErrorCode::Invalid, format!("cannot read the backup passphrase: {e}")))?;
    let p = Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_owned());
    if p.is_empty() {
        return Err(Error::new(
            ErrorCode::Invalid,
            format!("give the backup passphrase on standard input or in {BACKUP_PASSPHRASE_ENV}"),
        ));
    }
    Ok(p)
}

/// `backup verify` needs no store; `backup --out` opens it.
pub fn run(args: BackupArgs, dir: &DataDir, db_passphrase: Option<&str>, out: &Out) -> Result<(), Error> {
    match (args.command, args.out) {
        (Some(BackupCommand::Verify { file }), _) => {
            let summary = rightsdesk_usecases::backup::verify(&file, &passphrase()?)?;
            print(out, "The backup checks out", &summary);
        }
        (Some(BackupCommand::Status), _) => {
            let store = Store::open(dir, db_passphrase)?;
            state(out, &rightsdesk_usecases::backup::state(&store)?);
        }
        (Some(BackupCommand::Auto { folder, keep, off }), _) => {
            let mut store = Store::open(dir, db_passphrase)?;
            let chosen = match (off, folder) {
                (false, Some(folder)) => {
                    let passphrase = passphrase()?;
                    let auto = AutomaticBackups { folder: folder.display().to_string(), keep };
                    rightsdesk_usecases::backup::set_automatic(&mut store, Some((auto, &passphrase)))?
                }
                _ => rightsdesk_usecases::backup::set_automatic(&mut store, None)?,
            };
            state(out, &chosen);
        }
        (None, Some(file)) => {
            let passphrase = passphrase()?;
            let mut store = Store::open(dir, db_passphrase)?;
            let summary = rightsdesk_usecases::backup::make(&mut store, &file, &passphrase)?;
            print(out, "Backup written", &summary);
        }
        (None, None) => {
            return Err(Error::new(ErrorCode::Invalid, "say where the backup goes: rightsdesk backup --out FILE"));
        }
    }
    Ok(())
}

/// `restore FILE` into the (empty) data directory, with a new key in this machine's keyring.
pub fn restore(file: PathBuf, dir: &DataDir, db_passphrase: Option<&str>, out: &Out) -> Result<(), Error> {
    let passphrase = passphrase()?;
    let (store, summary) =
        rightsdesk_usecases::backup::restore(dir, &file, &passphrase, db_passphrase, OsKeyring::shared())?;
    if out.json {
        out.print_json(&serde_json::json!({ "restored": summary, "store": store.info() }));
    } else {
        print(out, "Restored", &summary);
        println!("Into:      {} (key: {})", store.info().data_dir.display(), store.info().mode.as_str());
        println!("Mail passwords are not in backups: enter them again with `rightsdesk account password ID`.");
    }
    Ok(())
}

fn state(out: &Out, s: &BackupState) {
    if out.json {
        return out.print_json(s);
    }
    match (&s.last, &s.last_path) {
        (Some(when), Some(path)) => println!("Last backup: {when} ({path})"),
        (Some(when), None) => println!("Last backup: {when}"),
        _ => println!("Last backup: none yet"),
    }
    if s.remind {
        println!("Due: no backup for {} days — run `rightsdesk backup --out FILE`", s.reminder_days);
    }
    match &s.automatic {
        Some(a) => println!("Automatic:   daily to {}, keeping the newest {}", a.folder, a.keep),
        None => println!("Automatic:   off"),
    }
}

fn print(out: &Out, what: &str, s: &BackupSummary) {
    if out.json {
        return out.print_json(s);
    }
    println!("{what}: {}", s.path.display());
    println!("Made:      {} (schema {})", s.created_at, s.schema_version);
    println!("Size:      {} bytes", s.bytes);
    println!("Holds:     {} requests, {} messages, {} people", s.requests, s.messages, s.people);
}
