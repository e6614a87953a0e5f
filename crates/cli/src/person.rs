//! `rightsdesk person add|list|show|edit|remove`.

use std::io::{BufRead, IsTerminal, Write};

use clap::{Args, Subcommand};
use rightsdesk_domain::{AccountId, ErrorCode, FieldError, Id, PersonDraft, Voice};
use rightsdesk_store::{Error, Store};

use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person.
    Add(Fields),
    /// List everyone.
    List,
    /// Show one person.
    Show { id: Id },
    /// Change a person; only the fields given change.
    Edit {
        id: Id,
        #[command(flatten)]
        fields: Fields,
        /// Add an e-mail address to the existing ones.
        #[arg(long, value_name = "ADDRESS")]
        add_email: Vec<String>,
        /// Remove an e-mail address.
        #[arg(long, value_name = "ADDRESS")]
        remove_email: Vec<String>,
    },
    /// Add everyone in a CSV file not already here: a header row names the
    /// columns (name, email, street, postal_code, city, region, country,
    /// accounts, voice, notes, form_of_address, represented) in any order; comma or
    /// semicolon separated; UTF-8. Bad rows are listed by line, the rest added.
    Import {
        file: std::path::PathBuf,
        /// Say what would be added and what refused, add nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write everything held about a person to one ZIP: person.json, each
    /// letter as PDF, every sent and received e-mail as .eml, attachments,
    /// timelines, and a manifest with the SHA-256 of each file.
    Export {
        id: Id,
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
    /// Erase a person and everything held about them — requests, letters,
    /// messages, attachments, received e-mails, notices, events — keeping only
    /// a record without personal data that it happened. Names what goes and
    /// asks first; `--yes` to skip the question.
    Erase {
        id: Id,
        #[arg(long)]
        yes: bool,
    },
    /// Delete a person (asks first; `--yes` to skip the question).
    Remove {
        id: Id,
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct Fields {
    /// The name letters are signed with.
    #[arg(long)]
    name: Option<String>,
    /// E-mail address (repeat for several; replaces the list on edit).
    #[arg(long = "email", value_name = "ADDRESS")]
    emails: Vec<String>,
    #[arg(long)]
    street: Option<String>,
    #[arg(long)]
    postal_code: Option<String>,
    #[arg(long)]
    city: Option<String>,
    /// State or Land, where it decides the competent authority (e.g. Bayern).
    #[arg(long)]
    region: Option<String>,
    /// Two-letter country code (DE, IE, FR…).
    #[arg(long)]
    country: Option<String>,
    /// Account on a platform as PLATFORM=ID, e.g. tiktok=@jane (repeat; replaces the list on edit).
    #[arg(long = "account", value_name = "PLATFORM=ID")]
    accounts: Vec<String>,
    #[arg(long)]
    notes: Option<String>,
    /// The gender of first-person forms in letters ("je me suis opposée"):
    /// neutral (wording that needs none, the default), feminine, masculine.
    #[arg(long, value_parser = ["neutral", "feminine", "masculine"])]
    voice: Option<String>,
    /// How you want to be addressed in replies (e.g. "Ms", "Dr", "Frau"); "" removes it.
    #[arg(long, value_name = "WORDS")]
    form_of_address: Option<String>,
    /// Someone the organisation acts for (true) or yourself (false): letters
    /// for a represented person need a mandate that covers them.
    #[arg(long, value_name = "BOOL")]
    represented: Option<bool>,
}

impl Fields {
    /// Applies the given fields over `draft`.
    fn apply(self, mut draft: PersonDraft) -> Result<PersonDraft, Error> {
        if let Some(v) = self.name {
            draft.display_name = v;
        }
        if !self.emails.is_empty() {
            draft.emails = self.emails;
        }
        let a = &mut draft.address;
        for (slot, value) in [
            (&mut a.street, self.street),
            (&mut a.postal_code, self.postal_code),
            (&mut a.city, self.city),
            (&mut a.region, self.region),
            (&mut a.country, self.country),
        ] {
            if let Some(v) = value {
                *slot = v;
            }
        }
        if !self.accounts.is_empty() {
            draft.accounts = self
                .accounts
                .iter()
                .enumerate()
                .map(|(i, spec)| match AccountId::parse(spec) {
                    Some(account) => Ok(account),
                    None => Err(Error {
                        code: ErrorCode::Invalid,
                        message: format!("--account {spec:?} must look like PLATFORM=ID"),
                        fields: vec![FieldError::new(
                            format!("accounts[{i}]"),
                            format!("“{spec}” must look like PLATFORM=ID"),
                        )],
                    }),
                })
                .collect::<Result<_, _>>()?;
        }
        if let Some(v) = self.notes {
            draft.notes = v;
        }
        if let Some(v) = self.represented {
            draft.represented = v;
        }
        if let Some(v) = self.voice {
            // clap admits only the three names.
            draft.voice = Voice::parse(&v).unwrap_or_default();
        }
        if let Some(v) = self.form_of_address {
            draft.form_of_address = v;
        }
        Ok(draft)
    }
}

pub fn run(cmd: PersonCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    match cmd {
        PersonCommand::Add(fields) => {
            let person = store.create_person(fields.apply(PersonDraft::default())?)?;
            out.person(&person);
        }
        PersonCommand::List => out.people(&store.list_people()?),
        PersonCommand::Show { id } => out.person(&store.get_person(id)?),
        PersonCommand::Edit { id, fields, add_email, remove_email } => {
            let mut draft = fields.apply(store.get_person(id)?.draft())?;
            draft.emails.extend(add_email);
            draft.emails.retain(|e| !remove_email.iter().any(|r| r.eq_ignore_ascii_case(e)));
            out.person(&store.update_person(id, draft)?);
        }
        PersonCommand::Import { file, dry_run } => {
            let report = rightsdesk_usecases::people::import_file(store, &file, !dry_run)?;
            if out.json {
                out.print_json(&report);
            } else {
                print_import(&file, &report);
            }
        }
        PersonCommand::Export { id, out: to } => {
            let written = rightsdesk_usecases::people::export(store, id, &to, chrono::Utc::now())?;
            if out.json {
                out.print_json(&serde_json::json!({"path": written.path, "files": written.count}));
            } else {
                println!("Wrote {} ({} files, with a SHA-256 manifest).", written.path.display(), written.count);
            }
        }
        PersonCommand::Erase { id, yes } => {
            let what = rightsdesk_usecases::people::erasure(store, id)?;
            if let Some(why) = what.refusal() {
                return Err(Error::new(ErrorCode::Invalid, why));
            }
            if !yes && !confirm(&format!("{} [y/N] ", what.said()))? {
                return Err(Error::new(ErrorCode::Invalid, "not erased"));
            }
            let erased = rightsdesk_usecases::people::erase(store, id)?;
            if out.json {
                out.print_json(&erased);
            } else {
                println!(
                    "Erased person {id}: {} request(s), {} letter(s), {} message(s), {} attachment(s), {} received e-mail(s), {} event(s).",
                    erased.requests, erased.letters, erased.messages, erased.attachments, erased.mail_in, erased.events
                );
            }
        }
        PersonCommand::Remove { id, yes } => {
            let person = store.get_person(id)?;
            if !yes && !confirm(&format!("Delete {} (id {id})? This cannot be undone. [y/N] ", person.display_name))? {
                return Err(Error::new(ErrorCode::Invalid, "not deleted"));
            }
            store.delete_person(id)?;
            if out.json {
                out.print_json(&serde_json::json!({"deleted": id}));
            } else {
                println!("Deleted {} (id {id}).", person.display_name);
            }
        }
    }
    Ok(())
}

fn print_import(file: &std::path::Path, r: &rightsdesk_domain::people_file::PeopleImport) {
    let verb = if r.committed { "added" } else { "to add (dry run: nothing added)" };
    println!(
        "{} (separated by “{}”): {} {verb}, {} already here, {} row(s) refused.",
        file.display(),
        r.separator,
        r.added.len(),
        r.known.len(),
        r.problems.len()
    );
    for p in &r.added {
        let id = p.id.map(|id| format!(" (id {id})")).unwrap_or_default();
        println!("  + line {}: {}{id}", p.line, p.display_name);
    }
    for p in &r.known {
        let id = p.id.map(|id| format!("id {id}, ")).unwrap_or_default();
        println!("  = line {}: {} — already here ({id}{})", p.line, p.display_name, p.because);
    }
    for p in &r.problems {
        println!("  ! line {}: {}", p.line, p.reason);
    }
}

fn confirm(question: &str) -> Result<bool, Error> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Error::new(ErrorCode::Invalid, "refusing without confirmation; pass --yes"));
    }
    eprint!("{question}");
    std::io::stderr().flush()?;
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes"))
}
