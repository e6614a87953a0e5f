//! `rightsdesk request …`, `rightsdesk attention`, `rightsdesk export ics`.

use clap::{ArgGroup, Args, Subcommand};
use rightsdesk_domain::lifecycle::{Mark, Outcome};
use rightsdesk_domain::{
    Attention, ErrorCode, EventCause, Id, RequestDetail, RequestKind, RequestStatus, RequestSummary,
};
use rightsdesk_store::{Error, RequestFilter, Store};

use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Start a request (a draft) by a person to a controller.
    New {
        #[arg(long)]
        person: Id,
        #[arg(long)]
        controller: String,
        /// access, objection, objection_direct_marketing, withdraw_consent, erasure, rectification,
        /// restriction, portability, complaint, custom
        #[arg(long)]
        kind: String,
    },
    /// A request with its dates, the deadline running now explained, and its timeline.
    Show { request: String },
    /// Requests, newest change first.
    List {
        #[arg(long)]
        status: Option<String>,
        /// Only those with a deadline on or before this day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        due_before: Option<String>,
        #[arg(long)]
        person: Option<Id>,
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Record what happened, and when.
    Mark(Box<MarkArgs>),
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("what").required(true).args([
    "sent", "received", "acknowledged", "extended", "identity_requested", "identity_provided", "answered", "refused",
    "admonished", "complained", "closed"
])))]
pub struct MarkArgs {
    request: String,
    #[arg(long, value_name = "DATE")]
    sent: Option<String>,
    /// The day the controller received it: the deadline counts from here.
    #[arg(long, value_name = "DATE")]
    received: Option<String>,
    #[arg(long, value_name = "DATE")]
    acknowledged: Option<String>,
    #[arg(long, value_name = "DATE")]
    extended: Option<String>,
    #[arg(long, value_name = "DATE")]
    identity_requested: Option<String>,
    #[arg(long, value_name = "DATE")]
    identity_provided: Option<String>,
    #[arg(long, value_name = "DATE")]
    answered: Option<String>,
    /// With --answered: everything asked for was answered.
    #[arg(long, conflicts_with = "partial")]
    complete: bool,
    /// With --answered: something is missing.
    #[arg(long)]
    partial: bool,
    #[arg(long, value_name = "DATE")]
    refused: Option<String>,
    #[arg(long, value_name = "DATE")]
    admonished: Option<String>,
    #[arg(long, value_name = "DATE")]
    complained: Option<String>,
    #[arg(long, value_name = "DATE", requires = "outcome")]
    closed: Option<String>,
    /// With --closed: fulfilled, partially_fulfilled, refused, ignored, withdrawn.
    #[arg(long)]
    outcome: Option<String>,
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::Invalid, message)
}

impl MarkArgs {
    fn mark(self) -> Result<Mark, Error> {
        Ok(if let Some(date) = self.sent {
            Mark::Sent { date }
        } else if let Some(date) = self.received {
            Mark::Received { date }
        } else if let Some(date) = self.acknowledged {
            Mark::Acknowledged { date }
        } else if let Some(date) = self.extended {
            Mark::Extended { date }
        } else if let Some(date) = self.identity_requested {
            Mark::IdentityRequested { date }
        } else if let Some(date) = self.identity_provided {
            Mark::IdentityProvided { date }
        } else if let Some(date) = self.answered {
            if !self.complete && !self.partial {
                return Err(invalid("--answered needs --complete or --partial".into()));
            }
            Mark::Answered { date, complete: self.complete }
        } else if let Some(date) = self.refused {
            Mark::Refused { date }
        } else if let Some(date) = self.admonished {
            Mark::Admonished { date }
        } else if let Some(date) = self.complained {
            Mark::Complained { date }
        } else if let Some(date) = self.closed {
            let o = self.outcome.unwrap_or_default();
            let outcome = Outcome::parse(&o).ok_or_else(|| {
                invalid(format!(
                    "--outcome {o:?} is not one of fulfilled, partially_fulfilled, refused, ignored, withdrawn"
                ))
            })?;
            Mark::Closed { date, outcome }
        } else {
            return Err(invalid("say what happened, e.g. --received 2026-01-31".into()));
        })
    }
}

pub fn run(cmd: RequestCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    match cmd {
        RequestCommand::New { person, controller, kind } => {
            let kind = RequestKind::parse(&kind)
                .ok_or_else(|| invalid(format!("--kind {kind:?} is not a request kind; see --help")))?;
            let r = store.create_request(person, &controller, kind)?;
            show(out, &store.request_detail(r.id)?);
        }
        RequestCommand::Show { request } => show(out, &store.request_detail(store.resolve_request(&request)?)?),
        RequestCommand::List { status, due_before, person, limit } => {
            let status = match status {
                Some(s) => {
                    Some(RequestStatus::parse(&s).ok_or_else(|| invalid(format!("--status {s:?} is not a status")))?)
                }
                None => None,
            };
            let due_before = match due_before {
                Some(d) => Some(rightsdesk_domain::deadline::parse_date("due_before", &d)?.to_string()),
                None => None,
            };
            let list = store.list_requests(&RequestFilter { status, due_before, person_id: person, limit })?;
            if out.json {
                out.print_json(&list);
            } else {
                print_list(&list);
            }
        }
        RequestCommand::Mark(args) => {
            let id = store.resolve_request(&args.request)?;
            let mark = (*args).mark()?;
            show(out, &store.mark_request(id, &mark, EventCause::User)?);
        }
    }
    Ok(())
}

fn print_list(list: &[RequestSummary]) {
    if list.is_empty() {
        println!("No requests.");
    }
    for r in list {
        println!(
            "{:<14} {:<22} {:<18} {:<28} {:<16} {}",
            r.reference,
            r.kind.as_str(),
            r.status.as_str(),
            r.controller,
            r.person,
            r.due.as_deref().map(|d| format!("due {d}")).unwrap_or_default()
        );
    }
}

fn show(out: &Out, d: &RequestDetail) {
    if out.json {
        return out.print_json(d);
    }
    let s = &d.summary;
    println!(
        "{} · {} request by {} to {} · {}",
        s.reference,
        s.kind.as_str(),
        s.person,
        s.controller,
        s.status.as_str()
    );
    match &d.running {
        Some(r) => {
            println!("  {}", r.deadline.explanation);
            if let Some(p) = &r.from_identity {
                println!("  counted from the identity information instead: {}", p.explanation);
            }
        }
        None => println!("  no deadline running"),
    }
    for e in &d.events {
        println!(
            "  {}  {:<20} ({})",
            &e.at[..16.min(e.at.len())],
            e.kind,
            match e.cause {
                EventCause::User => "you",
                EventCause::MailImport => "mail",
                EventCause::Clock => "clock",
            }
        );
    }
}

/// `rightsdesk attention`: turns passed deadlines into overdue first.
pub fn attention(store: &mut Store, out: &Out, today: chrono::NaiveDate, soon_days: u32) -> Result<(), Error> {
    store.mark_overdue(today)?;
    let a: Attention = store.attention(today, soon_days)?;
    if out.json {
        out.print_json(&a);
        return Ok(());
    }
    for (title, list) in
        [("Overdue", &a.overdue), ("Due soon", &a.due_soon), ("Decide", &a.decisions), ("Drafts", &a.drafts)]
    {
        println!("{title} ({})", list.len());
        print_list(list);
        println!();
    }
    Ok(())
}
