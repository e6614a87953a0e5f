//! `rightsdesk org show|edit` and `rightsdesk mandate add|list|show|sign|attach|document|render|revoke`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use rightsdesk_domain::{Id, MandateDraft, MandateEntry, MandateKind, MandateState, Organisation, RequestKind};
use rightsdesk_store::{Error, Store};

use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// The organisation's profile (nothing: individual mode).
    Show,
    /// Set the profile; only the fields given change.
    Edit(Box<OrgFields>),
}

#[derive(Debug, Args)]
pub struct OrgFields {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    street: Option<String>,
    #[arg(long)]
    postal_code: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    region: Option<String>,
    /// Two-letter country code.
    #[arg(long)]
    country: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    website: Option<String>,
    /// Art. 80(1): a not-for-profit body.
    #[arg(long, value_name = "BOOL")]
    not_for_profit: Option<bool>,
    /// Art. 80(1): statutory objectives in the public interest.
    #[arg(long, value_name = "BOOL")]
    public_interest: Option<bool>,
    /// Art. 80(1): active in the protection of data subjects' rights.
    #[arg(long, value_name = "BOOL")]
    data_protection: Option<bool>,
    /// Where those are documented (statutes, register entry, web page).
    #[arg(long, value_name = "WORDS")]
    evidence: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum MandateCommand {
    /// Record a mandate a person gave (or is to sign): a letter of authority
    /// (requests to controllers) or an Art. 80(1) mandate (complaints).
    Add {
        /// The person's id.
        person: Id,
        #[arg(long, value_parser = ["authority", "art80"])]
        kind: String,
        /// A right covered, by its letter kind (access, erasure, objection…); repeat. None: all of the route.
        #[arg(long = "right", value_name = "KIND")]
        rights: Vec<String>,
        /// A controller covered, by slug; repeat. None: every controller.
        #[arg(long = "controller", value_name = "SLUG")]
        controllers: Vec<String>,
        /// The day it was signed; leave out until it is.
        #[arg(long, value_name = "YYYY-MM-DD")]
        signed: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        expires: Option<String>,
        /// The document's language: en, de, fr, es, it, nl, pl.
        #[arg(long = "lang")]
        language: String,
    },
    /// Mandates, newest first: a person's with `--person`.
    List {
        #[arg(long)]
        person: Option<Id>,
    },
    Show {
        id: Id,
    },
    /// Record the day the person signed.
    Sign {
        id: Id,
        #[arg(value_name = "YYYY-MM-DD")]
        date: String,
    },
    /// Keep the signed scan (PDF, PNG or JPEG, at most 20 MiB) with the mandate, encrypted in the store.
    Attach {
        id: Id,
        file: PathBuf,
    },
    /// Write the signed scan back out.
    Document {
        id: Id,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The document to sign, as a PDF (`--out`) or as text on stdout.
    Render {
        id: Id,
        /// Another of the letter languages than the mandate's own.
        #[arg(long = "lang", default_value = "")]
        language: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// End a mandate: it covers nothing from now on, and stays on record.
    Revoke {
        id: Id,
    },
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn org(cmd: OrgCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    let org = match cmd {
        OrgCommand::Show => rightsdesk_usecases::mandates::organisation(store)?,
        OrgCommand::Edit(f) => {
            let f = *f;
            let mut o = rightsdesk_usecases::mandates::organisation(store)?.unwrap_or_default();
            for (slot, value) in [
                (&mut o.name, f.name),
                (&mut o.address.street, f.street),
                (&mut o.address.postal_code, f.postal_code),
                (&mut o.address.city, f.city),
                (&mut o.address.region, f.region),
                (&mut o.address.country, f.country),
                (&mut o.email, f.email),
                (&mut o.website, f.website),
                (&mut o.evidence, f.evidence),
            ] {
                if let Some(v) = value {
                    *slot = v;
                }
            }
            for (slot, value) in [
                (&mut o.not_for_profit, f.not_for_profit),
                (&mut o.public_interest, f.public_interest),
                (&mut o.data_protection, f.data_protection),
            ] {
                if let Some(v) = value {
                    *slot = v;
                }
            }
            Some(rightsdesk_usecases::mandates::set_organisation(store, o)?)
        }
    };
    if out.json {
        out.print_json(&org);
    } else {
        print_org(org.as_ref());
    }
    Ok(())
}

fn print_org(org: Option<&Organisation>) {
    let Some(o) = org else {
        println!("No organisation profile: RightsDesk works for you alone (individual mode).");
        return;
    };
    println!("{}", o.name);
    let a = &o.address;
    let line = [a.street.as_str(), &format!("{} {}", a.postal_code, a.city), &a.region, &a.country]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if !line.is_empty() {
        println!("  address:  {line}");
    }
    for (label, v) in [("e-mail", &o.email), ("website", &o.website)] {
        if !v.is_empty() {
            println!("  {label:<9} {v}");
        }
    }
    let missing = o.art80_missing();
    if missing.is_empty() {
        println!("  Art. 80(1): may act (documented: {})", o.evidence);
    } else {
        println!("  Art. 80(1): may not act — not stated: {}", missing.join("; "));
    }
}

pub fn run(cmd: MandateCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    use rightsdesk_usecases::mandates as uc;
    match cmd {
        MandateCommand::Add { person, kind, rights, controllers, signed, expires, language } => {
            let mut unknown = Vec::new();
            let rights = rights
                .iter()
                .filter_map(|r| {
                    let k = RequestKind::parse(r.trim());
                    if k.is_none() {
                        unknown.push(r.clone());
                    }
                    k
                })
                .collect();
            if !unknown.is_empty() {
                let all: Vec<&str> = RequestKind::ALL.iter().map(|k| k.as_str()).collect();
                return Err(Error::new(
                    rightsdesk_domain::ErrorCode::Invalid,
                    format!("--right {}: not a kind of letter ({})", unknown.join(", "), all.join(", ")),
                ));
            }
            let draft = MandateDraft {
                person_id: person,
                kind: MandateKind::parse(&kind),
                rights,
                controllers,
                signed_on: signed.unwrap_or_default(),
                expires_on: expires.unwrap_or_default(),
                language,
            };
            show(out, &uc::add(store, draft, today())?);
        }
        MandateCommand::List { person } => {
            let list = uc::list(store, person, today())?;
            if out.json {
                out.print_json(&list);
            } else if list.is_empty() {
                println!("No mandates recorded.");
            } else {
                for e in &list {
                    println!("{}", line(e));
                }
            }
        }
        MandateCommand::Show { id } => show(out, &uc::show(store, id, today())?),
        MandateCommand::Sign { id, date } => show(out, &uc::sign(store, id, &date, today())?),
        MandateCommand::Attach { id, file } => show(out, &uc::attach(store, id, &file, today())?),
        MandateCommand::Document { id, out: to } => {
            let (path, doc) = uc::save_document(store, id, &to)?;
            if out.json {
                out.print_json(&serde_json::json!({"path": path, "sha256": doc.sha256, "size": doc.size}));
            } else {
                println!("Wrote {} ({} bytes, SHA-256 {}).", path.display(), doc.size, doc.sha256);
            }
        }
        MandateCommand::Render { id, language, out: to } => match to {
            Some(to) => {
                let path = uc::save_pdf(store, id, &language, &to, today())?;
                if out.json {
                    out.print_json(&serde_json::json!({ "path": path }));
                } else {
                    println!("Wrote {}, ready to sign.", path.display());
                }
            }
            None => {
                let doc = uc::document(store, id, &language, today())?;
                if out.json {
                    out.print_json(&doc);
                } else {
                    print!("{}", doc.plain_text());
                }
            }
        },
        MandateCommand::Revoke { id } => show(out, &uc::revoke(store, id, today())?),
    }
    Ok(())
}

fn state_words(e: &MandateEntry) -> String {
    match e.state {
        MandateState::Unsigned => "not signed yet".into(),
        MandateState::Active { days_left: None } => "in force, until revoked".into(),
        MandateState::Active { days_left: Some(d) } => {
            let soon = if e.expires_soon { " — renew it" } else { "" };
            format!("in force, {d} day(s) left{soon}")
        }
        MandateState::Expired => "expired".into(),
        MandateState::Revoked => "revoked".into(),
    }
}

fn line(e: &MandateEntry) -> String {
    let m = &e.mandate;
    format!("{:>4}  {:<24} {:<20} {}", m.id, e.person, m.kind.label(), state_words(e))
}

fn show(out: &Out, e: &MandateEntry) {
    if out.json {
        return out.print_json(e);
    }
    let m = &e.mandate;
    println!("Mandate {}: {} of {} (person {}) — {}", m.id, m.kind.label(), e.person, m.person_id, state_words(e));
    let rights: Vec<&str> = m.rights.iter().map(|k| k.as_str()).collect();
    println!("  rights:      {}", if rights.is_empty() { "all of the route".into() } else { rights.join(", ") });
    println!("  controllers: {}", if m.controllers.is_empty() { "all".into() } else { m.controllers.join(", ") });
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    println!("  signed:      {}", day(m.signed_on));
    println!("  expires:     {}", day(m.expires_on));
    println!("  language:    {}", m.language.name());
    match &m.document {
        Some(d) => {
            println!("  document:    {} ({}, {} bytes, SHA-256 {})", d.file_name, d.media_type, d.size, d.sha256)
        }
        None => println!("  document:    none attached"),
    }
}
