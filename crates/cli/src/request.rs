//! `rightsdesk request …`, `rightsdesk attention`, `rightsdesk export ics`.

use clap::{ArgGroup, Args, Subcommand};
use rightsdesk_domain::letter::{self, AccessItem, LetterFormat, LetterRequest, OptionType};
use rightsdesk_domain::lifecycle::{Mark, Outcome};
use rightsdesk_domain::{
    Attention, ErrorCode, EventCause, Id, LetterOptions, RequestDetail, RequestKind, RequestStatus, RequestSummary,
};
use rightsdesk_store::{Error, RequestFilter, Store};
use rightsdesk_usecases::Signature;

use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Start a request (a draft) by a person to a controller, with its letter.
    New {
        #[arg(long)]
        person: Id,
        #[arg(long)]
        controller: String,
        #[command(flatten)]
        letter: LetterArgs,
    },
    /// A request with its letter, its dates, the deadline running now explained, and its timeline.
    Show { request: String },
    /// The kinds of letter, the articles each cites and the options each takes.
    Kinds,
    /// Write a request's letter to a file: plain text, PDF (A4, for post) or .eml.
    Render {
        request: String,
        #[arg(long, default_value = "text", value_parser = ["text", "pdf", "eml"])]
        format: String,
        /// The file to write; `-` or nothing: standard output (text only).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// A PNG or JPEG of your signature, placed above your name in the PDF.
        #[arg(long)]
        signature: Option<std::path::PathBuf>,
    },
    /// Render a draft's letter again with other options or language.
    Redraft {
        request: String,
        #[arg(long = "lang")]
        language: Option<String>,
        #[arg(long = "option", value_name = "O")]
        options: Vec<String>,
        /// Overwrite text you edited by hand.
        #[arg(long)]
        discard_edits: bool,
    },
    /// Replace a draft letter's text with your own (kept, never re-rendered over).
    Edit {
        request: String,
        #[arg(long)]
        subject: Option<String>,
        /// A file with the new body text.
        #[arg(long)]
        body_file: Option<std::path::PathBuf>,
    },
    /// One kind of letter to many controllers: one request each.
    Batch(Box<BatchArgs>),
    /// Tick the Art. 15 items an access answer contained; the rest is what a reminder lists.
    Checklist {
        request: String,
        /// Items received, comma-separated: confirmation, purposes, categories, recipients, retention,
        /// rights, complaint_right, source, automated_decisions, safeguards, copy.
        #[arg(long, value_delimiter = ',', num_args = 0..)]
        received: Vec<String>,
    },
    /// Tag requests (for reports and exports).
    Tag(crate::report::TagArgs),
    /// Take a tag off requests.
    Untag(crate::report::TagArgs),
    /// Keep a request out of publication exports until a day (`--until`), or end that (`--clear`).
    Embargo(crate::report::EmbargoArgs),
    /// Write the next letter for an overdue or incomplete request: a reminder, then a complaint.
    Escalate {
        request: String,
        #[arg(long, value_parser = ["reminder", "complaint"])]
        to: String,
    },
    /// Post: registered-mail number, return-receipt day (starts the clock), scans.
    Postal {
        request: String,
        #[arg(long)]
        tracking: Option<String>,
        #[arg(long, value_name = "DATE")]
        return_receipt: Option<String>,
        /// A file to keep with the request (scan, receipt); repeatable.
        #[arg(long, value_name = "FILE")]
        scan: Vec<std::path::PathBuf>,
    },
    /// You submitted the letter through the recipient's web form: sent and received today (the deadline
    /// starts), the letter kept as sent, and the form's confirmation (screenshot, PDF, e-mail) kept with it.
    SentByForm {
        request: String,
        #[arg(long, value_name = "FILE")]
        confirmation: Option<std::path::PathBuf>,
        /// The day you submitted it, if not today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
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

/// What letter to write.
#[derive(Debug, Args)]
pub struct LetterArgs {
    /// See `rightsdesk request kinds`.
    #[arg(long)]
    kind: String,
    /// en, de, fr, es, it, nl, pl (default: the controller's request language, else the person's).
    #[arg(long = "lang")]
    language: Option<String>,
    /// `name` for a switch, `name=value` otherwise; lists take `a,b`; `identity=Label:Value`.
    #[arg(long = "option", value_name = "O")]
    options: Vec<String>,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("to").required(true).args(["controllers", "tcf_li_purpose"])))]
pub struct BatchArgs {
    #[arg(long)]
    person: Id,
    #[command(flatten)]
    letter: LetterArgs,
    /// A file with one controller slug per line (`#` starts a comment).
    #[arg(long, value_name = "FILE")]
    controllers: Option<std::path::PathBuf>,
    /// Every vendor claiming legitimate interest for this IAB TCF purpose.
    #[arg(long, value_name = "N")]
    tcf_li_purpose: Option<u32>,
    /// Show the letters; create nothing.
    #[arg(long)]
    preview: bool,
}

impl LetterArgs {
    fn request(&self, person_id: Id) -> Result<LetterRequest, Error> {
        let kind = RequestKind::parse(&self.kind).ok_or_else(|| {
            invalid(format!(
                "--kind {:?} is not a request kind: {}",
                self.kind,
                RequestKind::ALL.map(|k| k.as_str()).join(", ")
            ))
        })?;
        Ok(LetterRequest {
            person_id,
            kind,
            language: self.language.clone().unwrap_or_default(),
            options: parse_options(kind, &self.options)?,
        })
    }
}

/// `--option` values → LetterOptions, checked against what the kind takes.
fn parse_options(kind: RequestKind, raw: &[String]) -> Result<LetterOptions, Error> {
    use serde_json::{Map, Value};
    let info = letter::kind_info(kind);
    let mut map = Map::new();
    for o in raw {
        let (name, value) = match o.split_once('=') {
            Some((n, v)) => (n.trim(), Some(v)),
            None => (o.trim(), None),
        };
        if name == "identity" {
            let (label, v) = value.and_then(|v| v.split_once(':')).ok_or_else(|| {
                invalid("--option identity=Label:Value, e.g. identity=\"Customer number:C-991\"".into())
            })?;
            let list = map.entry("identity").or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(items) = list {
                items.push(serde_json::json!({"label": label.trim(), "value": v.trim()}));
            }
            continue;
        }
        let Some(option) = info.options.iter().find(|x| x.name == name) else {
            let names: Vec<&str> = info.options.iter().map(|x| x.name.as_str()).chain(["identity"]).collect();
            return Err(invalid(format!(
                "--option {name:?} is not an option of {} letters (options: {})",
                kind.as_str(),
                names.join(", ")
            )));
        };
        let need = |v: Option<&str>| {
            v.map(str::to_owned).ok_or_else(|| invalid(format!("--option {name} needs a value: {name}=…")))
        };
        let v = match option.kind {
            OptionType::Flag => match value.map(str::trim) {
                None | Some("true" | "yes" | "on") => Value::Bool(true),
                Some("false" | "no" | "off") => Value::Bool(false),
                Some(other) => return Err(invalid(format!("--option {name} is a switch, not {other:?}"))),
            },
            OptionType::Text | OptionType::Date => Value::String(need(value)?),
            OptionType::Number => Value::from(
                need(value)?.trim().parse::<u32>().map_err(|_| invalid(format!("--option {name} takes a number")))?,
            ),
            OptionType::List => {
                let mut items = match map.remove(name) {
                    Some(Value::Array(items)) => items,
                    _ => Vec::new(),
                };
                for item in need(value)?.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    if !option.choices.is_empty() && !option.choices.iter().any(|c| c == item) {
                        return Err(invalid(format!(
                            "--option {name}: {item:?} is not one of {}",
                            option.choices.join(", ")
                        )));
                    }
                    items.push(Value::String(item.to_owned()));
                }
                Value::Array(items)
            }
        };
        map.insert(name.to_owned(), v);
    }
    serde_json::from_value(Value::Object(map)).map_err(|e| invalid(format!("options: {e}")))
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
        RequestCommand::New { person, controller, letter } => {
            let r = store.create_request(&letter.request(person)?, &controller)?;
            show_with_letter(store, out, r.id)?;
        }
        RequestCommand::Show { request } => show_with_letter(store, out, store.resolve_request(&request)?)?,
        RequestCommand::Kinds => {
            let kinds = letter::kinds();
            if out.json {
                out.print_json(&kinds);
            } else {
                for k in kinds {
                    println!("{:<28} {}", k.kind.as_str(), k.label);
                    for o in k.options {
                        let choices =
                            if o.choices.is_empty() { String::new() } else { format!(" [{}]", o.choices.join(",")) };
                        println!("    --option {:<22} {}{}", o.name, o.label, choices);
                    }
                }
            }
        }
        RequestCommand::Render { request, format, out: file, signature } => {
            let id = store.resolve_request(&request)?;
            let letter_format = match format.as_str() {
                "pdf" => LetterFormat::Pdf,
                "eml" => LetterFormat::Eml,
                _ => {
                    if let Some(notice) = &store.letter(id)?.letter.notice {
                        eprintln!("note: {notice}");
                    }
                    LetterFormat::Text
                }
            };
            let signature = match signature {
                Some(path) if letter_format == LetterFormat::Pdf => Some(read_signature(&path)?),
                _ => None,
            };
            let bytes =
                rightsdesk_usecases::letters::bytes(store, id, letter_format, signature.as_ref(), chrono::Utc::now())?;
            match file.filter(|f| f.as_os_str() != "-") {
                Some(path) => {
                    rightsdesk_store::write_file_atomically(&path, &bytes)?;
                    if out.json {
                        out.print_json(&serde_json::json!({"written": path, "bytes": bytes.len(), "format": format}));
                    } else {
                        println!("Wrote {} ({} bytes)", path.display(), bytes.len());
                    }
                }
                None if format == "text" => {
                    use std::io::Write;
                    let _ = std::io::stdout().write_all(&bytes);
                }
                None => return Err(invalid(format!("--format {format} needs --out FILE"))),
            }
        }
        RequestCommand::Redraft { request, language, options, discard_edits } => {
            let id = store.resolve_request(&request)?;
            let kind = store.get_request(id)?.kind;
            let current = store.letter(id)?;
            let options = if options.is_empty() { current.options } else { parse_options(kind, &options)? };
            let language = language.unwrap_or_else(|| current.letter.language.code().to_owned());
            store.redraft_letter(id, &language, &options, discard_edits)?;
            show_with_letter(store, out, id)?;
        }
        RequestCommand::Edit { request, subject, body_file } => {
            let id = store.resolve_request(&request)?;
            let current = store.letter(id)?.letter;
            let body = match body_file {
                Some(path) => std::fs::read_to_string(&path)
                    .map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?,
                None => current.body,
            };
            store.edit_letter(id, subject.as_deref().unwrap_or(&current.subject), &body)?;
            show_with_letter(store, out, id)?;
        }
        RequestCommand::Batch(args) => batch(*args, store, out)?,
        RequestCommand::Tag(args) => crate::report::tag(args, true, store, out)?,
        RequestCommand::Untag(args) => crate::report::tag(args, false, store, out)?,
        RequestCommand::Embargo(args) => crate::report::embargo(args, store, out)?,
        RequestCommand::Checklist { request, received } => {
            let id = store.resolve_request(&request)?;
            let items = received
                .iter()
                .map(|r| {
                    AccessItem::parse(r.trim()).ok_or_else(|| {
                        invalid(format!(
                            "--received {r:?} is not an Art. 15 item: {}",
                            AccessItem::ALL.map(|i| i.as_str()).join(", ")
                        ))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            store.set_checklist(id, &items)?;
            show_with_letter(store, out, id)?;
        }
        RequestCommand::Escalate { request, to } => {
            let id = store.resolve_request(&request)?;
            let kind = if to == "complaint" { RequestKind::Complaint } else { RequestKind::Reminder };
            let r = store.escalate(id, kind)?;
            show_with_letter(store, out, r.id)?;
        }
        RequestCommand::Postal { request, tracking, return_receipt, scan } => {
            let id = store.resolve_request(&request)?;
            let current = store.request_detail(id)?.postal;
            if tracking.is_some() || return_receipt.is_some() {
                let postal = rightsdesk_domain::Postal {
                    tracking_number: tracking.unwrap_or(current.tracking_number),
                    return_receipt_on: return_receipt.or(current.return_receipt_on),
                };
                store.set_postal(id, &postal)?;
            }
            for path in scan {
                let bytes =
                    std::fs::read(&path).map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?;
                store.add_attachment(id, &path.display().to_string(), &bytes)?;
            }
            show_with_letter(store, out, id)?;
        }
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
        RequestCommand::SentByForm { request, confirmation, date } => {
            let id = store.resolve_request(&request)?;
            let day = match date {
                Some(d) => rightsdesk_domain::deadline::parse_date("date", &d)?,
                None => store.today(),
            };
            let file = match &confirmation {
                Some(path) => Some((
                    path.display().to_string(),
                    std::fs::read(path).map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?,
                )),
                None => None,
            };
            let detail = store.sent_by_form(id, day, file.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())))?;
            show(out, &detail);
        }
        RequestCommand::Mark(args) => {
            let id = store.resolve_request(&args.request)?;
            let mark = (*args).mark()?;
            show(out, &store.mark_request(id, &mark, EventCause::User)?);
        }
    }
    Ok(())
}

fn read_signature(path: &std::path::Path) -> Result<Signature, Error> {
    let bytes = std::fs::read(path).map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?;
    Signature::from_bytes(bytes).map_err(|_| invalid(format!("{} is not a PNG or JPEG image", path.display())))
}

fn batch(args: BatchArgs, store: &mut Store, out: &Out) -> Result<(), Error> {
    let req = args.letter.request(args.person)?;
    let controllers: Vec<String> = match (&args.controllers, args.tcf_li_purpose) {
        (Some(path), _) => std::fs::read_to_string(path)
            .map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default().trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        (None, Some(purpose)) => store.li_vendors(Some(purpose))?.into_iter().map(|v| v.slug).collect(),
        (None, None) => Vec::new(),
    };
    if controllers.is_empty() {
        return Err(invalid("no controllers for this batch".into()));
    }
    let b =
        if args.preview { store.preview_batch(&req, &controllers)? } else { store.create_batch(&req, &controllers)? };
    if out.json {
        out.print_json(&b);
        return Ok(());
    }
    let ok = b.items.iter().filter(|i| i.error.is_none()).count();
    for item in &b.items {
        match (&item.error, &item.reference, &item.letter) {
            (Some(e), _, _) => println!("✗ {:<28} {e}", item.controller),
            (None, Some(r), _) => println!("✓ {:<28} {r}", item.controller),
            (None, None, Some(l)) => println!("── {} ──\n{}\n\n{}\n", item.controller, l.subject, l.body),
            _ => {}
        }
    }
    if args.preview {
        println!(
            "{ok} of {} letters can be written; nothing was created (drop --preview to create them).",
            b.items.len()
        );
    } else {
        println!("Batch {}: {ok} of {} requests created as drafts.", b.batch, b.items.len());
    }
    Ok(())
}

/// A request with its letter: JSON `{…request detail, "letter": …}`.
fn show_with_letter(store: &Store, out: &Out, id: Id) -> Result<(), Error> {
    let detail = store.request_detail(id)?;
    let letter = store.letter(id).ok();
    if out.json {
        let mut v = serde_json::to_value(&detail).map_err(|e| Error::new(ErrorCode::Internal, e.to_string()))?;
        if let Some(map) = v.as_object_mut() {
            map.insert("letter".into(), serde_json::to_value(&letter).unwrap_or_default());
        }
        out.print_json(&v);
        return Ok(());
    }
    show(out, &detail);
    if let Some(items) = &detail.checklist {
        let missing: Vec<&str> = AccessItem::ALL.iter().filter(|i| !items.contains(i)).map(|i| i.as_str()).collect();
        println!(
            "  Art. 15 checklist: {} of {} items; missing: {}",
            items.len(),
            AccessItem::ALL.len(),
            if missing.is_empty() { "nothing".to_owned() } else { missing.join(", ") }
        );
    }
    if !detail.postal.tracking_number.is_empty() || detail.postal.return_receipt_on.is_some() {
        println!(
            "  Post: {} {}",
            detail.postal.tracking_number,
            detail.postal.return_receipt_on.as_deref().map(|d| format!("(return receipt {d})")).unwrap_or_default()
        );
    }
    for a in &detail.attachments {
        println!("  Kept: {} ({}, {} bytes)", a.name, a.mime, a.size);
    }
    if let Some(r) = &detail.regarding {
        println!("  Follows up {r}");
    }
    for f in &detail.follow_ups {
        println!("  Followed up by {} ({}, {})", f.reference, f.kind.as_str(), f.status.as_str());
    }
    if let Some(l) = letter {
        println!();
        if let Some(notice) = &l.letter.notice {
            println!("  note: {notice}");
        }
        println!(
            "  Letter ({}, {}{}):",
            l.letter.language.name(),
            l.letter.template_version,
            if l.edited { ", edited by you" } else { "" }
        );
        println!(
            "  To: {}{}",
            l.letter.recipient.name,
            if l.letter.recipient.email.is_empty() {
                String::new()
            } else {
                format!(" <{}>", l.letter.recipient.email)
            }
        );
        println!("  Subject: {}\n", l.letter.subject);
        for line in l.letter.body.lines() {
            println!("  {line}");
        }
        if detail.summary.status == RequestStatus::Draft {
            println!();
            for w in &l.ways {
                let how = match w.way {
                    rightsdesk_domain::sending::Way::Email => format!("rightsdesk send {}", detail.summary.reference),
                    rightsdesk_domain::sending::Way::WebForm => {
                        format!("then: rightsdesk request sent-by-form {}", detail.summary.reference)
                    }
                    rightsdesk_domain::sending::Way::Post => {
                        format!("rightsdesk request render {} --format pdf --out FILE", detail.summary.reference)
                    }
                };
                println!("  {}: {} ({how})", w.button, w.target);
            }
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
            if let Some(reading) = &r.overdue_reading {
                println!("  {reading}");
            }
        }
        None => println!("  no deadline running"),
    }
    for e in &d.events {
        println!(
            "  {}  {:<20} ({})",
            &e.at[..16.min(e.at.len())],
            e.kind.as_str(),
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
    let a: Attention = rightsdesk_usecases::requests::attention(store, today, soon_days)?;
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
    println!("Basis changes ({})", a.basis_changes.len());
    for b in &a.basis_changes {
        println!("  {} — for {} (policy version {}, recorded {})", b.title, b.person, b.version_id, b.recorded);
        for s in &b.shifts {
            println!("    {}", s.meaning);
            if let Some(l) = &s.letter {
                println!(
                    "    letter: rightsdesk request new --person {} --controller {} --kind {}",
                    b.person_id,
                    b.platform,
                    l.kind.as_str()
                );
            }
        }
        for e in &b.earlier {
            println!("    {}", e.said);
        }
        println!("    review: rightsdesk policy review {} --accept … | --dismiss", b.version_id);
    }
    Ok(())
}
