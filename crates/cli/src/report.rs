//! `rightsdesk report`, `rightsdesk project …`, `rightsdesk request tag|untag|embargo`,
//! `rightsdesk export requests`: the journalist's side.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use rightsdesk_domain::report::{GroupBy, Report, ReportFilter};
use rightsdesk_domain::{ErrorCode, Id, RequestKind};
use rightsdesk_store::{Error, Store};
use rightsdesk_usecases::reports::{self, Format};

use crate::output::Out;

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::Invalid, message)
}

/// Which requests: every flag narrows.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// A project, by name or id.
    #[arg(long)]
    project: Option<String>,
    #[arg(long)]
    tag: Option<String>,
    /// A person, by id.
    #[arg(long)]
    person: Option<Id>,
    /// access, erasure, objection, …
    #[arg(long)]
    kind: Option<String>,
    /// A controller's slug.
    #[arg(long)]
    controller: Option<String>,
    /// One of the controllers' sectors (datarequests.org categories).
    #[arg(long)]
    sector: Option<String>,
    /// Sent on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Sent on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
    /// Count requests under an embargo too (never in a pseudonymised export).
    #[arg(long)]
    include_embargoed: bool,
}

impl FilterArgs {
    pub fn filter(&self, store: &Store) -> Result<ReportFilter, Error> {
        let project = match self.project.as_deref() {
            Some(p) => Some(store.resolve_project(p)?),
            None => None,
        };
        let kind = match self.kind.as_deref() {
            Some(k) => Some(RequestKind::parse(k).ok_or_else(|| {
                invalid(format!(
                    "--kind {k:?} is not a kind of request: {}",
                    RequestKind::ALL.map(|k| k.as_str()).join(", ")
                ))
            })?),
            None => None,
        };
        let filter = ReportFilter {
            project,
            tag: self.tag.clone(),
            person: self.person,
            kind,
            controller: self.controller.clone(),
            sector: self.sector.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            include_embargoed: self.include_embargoed,
        };
        filter.period()?;
        Ok(filter)
    }
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// How the groups are formed.
    #[arg(long, default_value = "controller", value_parser = ["controller", "kind", "month"])]
    by: String,
    /// Print the report as CSV (the total, then one line per group).
    #[arg(long)]
    csv: bool,
    /// Also write the four charts as SVG files into this folder (histogram,
    /// outcomes, over-time, completeness).
    #[arg(long, value_name = "DIR")]
    charts: Option<PathBuf>,
    /// Also write the report as a PDF (methodology, tables, charts, caveats) to this file.
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
}

pub fn report(args: ReportArgs, store: &Store, out: &Out) -> Result<(), Error> {
    let filter = args.filter.filter(store)?;
    let by = GroupBy::parse(&args.by).unwrap_or_default();
    let view = reports::view(store, &filter, by)?;
    if let Some(dir) = &args.charts {
        let written = reports::save_charts(&view.charts, dir)?;
        eprintln!("{} charts written to {}", written.count, written.path.display());
    }
    if let Some(file) = &args.pdf {
        let written = reports::write_pdf(&view, file)?;
        eprintln!("report written to {}", written.path.display());
    }
    let r = view.report;
    if args.csv {
        print!("{}", reports::report_csv(&r));
    } else if out.json {
        out.print_json(&r);
    } else {
        print_report(&r);
    }
    Ok(())
}

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{:.0} %", v * 100.0)).unwrap_or_else(|| "–".into())
}

fn print_report(r: &Report) {
    let t = &r.total;
    println!("Report as of {} — {} requests counted", r.on, t.sent);
    println!(
        "  answered {} (in time {}, late {}), never answered {}, pending {}",
        t.answered, t.answered_in_time, t.answered_late, t.never_answered, t.pending
    );
    let rate = &t.response_rate;
    println!("  response rate {} (95 % CI {}–{})", pct(rate.value), pct(rate.ci_low), pct(rate.ci_high));
    if let Some(m) = t.median_days_to_first_answer {
        println!(
            "  days to first answer: median {m}, quartiles {}–{}",
            t.days_to_first_answer.q1.unwrap_or(m),
            t.days_to_first_answer.q3.unwrap_or(m)
        );
    }
    println!();
    println!(
        "{:<28} {:>5} {:>8} {:>8} {:>6} {:>18} {:>7}",
        "group", "sent", "answered", "in time", "never", "response (95 % CI)", "median"
    );
    for g in &r.groups {
        let rate = &g.response_rate;
        println!(
            "{:<28} {:>5} {:>8} {:>8} {:>6} {:>18} {:>7}{}",
            g.label.chars().take(28).collect::<String>(),
            g.sent,
            g.answered,
            g.answered_in_time,
            g.never_answered,
            format!("{} ({}–{})", pct(rate.value), pct(rate.ci_low), pct(rate.ci_high)),
            g.median_days_to_first_answer.map(|m| m.to_string()).unwrap_or_else(|| "–".into()),
            if g.too_small { "  (too small to compare)" } else { "" }
        );
    }
    println!();
    println!("{}", r.methodology);
    for c in &r.caveats {
        println!("  • {c}");
    }
}

#[derive(Debug, Subcommand)]
pub enum ProjectCommand {
    /// Start a project (a study, an investigation).
    Create {
        name: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    List,
    /// A project with its requests.
    Show {
        project: String,
    },
    /// Rename it or change its description.
    Edit {
        project: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        description: Option<String>,
    },
    /// Put requests (ids or references) into it.
    Add {
        project: String,
        #[arg(required = true)]
        requests: Vec<String>,
    },
    /// Take requests out of it.
    Remove {
        project: String,
        #[arg(required = true)]
        requests: Vec<String>,
    },
    /// Delete the project; its requests stay.
    Delete {
        project: String,
    },
}

fn resolve_all(store: &Store, requests: &[String]) -> Result<Vec<Id>, Error> {
    requests.iter().map(|r| store.resolve_request(r)).collect()
}

pub fn project(cmd: ProjectCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    let show = |store: &Store, id: Id, out: &Out| -> Result<(), Error> {
        let p = store.project(id)?;
        let requests = store.report_facts(&ReportFilter { project: Some(id), ..Default::default() })?;
        if out.json {
            let refs: Vec<&str> = requests.iter().map(|r| r.reference.as_str()).collect();
            out.print_json(&serde_json::json!({"project": p, "requests": refs}));
        } else {
            println!("Project {}: {} ({} requests)", p.id, p.name, p.requests);
            if !p.description.is_empty() {
                println!("  {}", p.description);
            }
            if !p.tags.is_empty() {
                println!("  tags: {}", p.tags.join(", "));
            }
            for r in &requests {
                println!("  {:<14} {:<10} {:<24} {}", r.reference, r.kind.as_str(), r.controller, r.status.as_str());
            }
        }
        Ok(())
    };
    match cmd {
        ProjectCommand::Create { name, description } => {
            let p = store.create_project(&name, &description)?;
            show(store, p.id, out)?;
        }
        ProjectCommand::List => {
            let projects = store.projects()?;
            if out.json {
                out.print_json(&projects);
            } else if projects.is_empty() {
                println!("No projects yet. Start one with `rightsdesk project create \"…\"`.");
            } else {
                for p in projects {
                    println!("{:>4}  {:<40} {:>5} requests", p.id, p.name, p.requests);
                }
            }
        }
        ProjectCommand::Show { project } => {
            let id = store.resolve_project(&project)?;
            show(store, id, out)?;
        }
        ProjectCommand::Edit { project, name, description } => {
            let id = store.resolve_project(&project)?;
            let current = store.project(id)?;
            store.edit_project(
                id,
                name.as_deref().unwrap_or(&current.name),
                description.as_deref().unwrap_or(&current.description),
            )?;
            show(store, id, out)?;
        }
        ProjectCommand::Add { project, requests } => file(store, out, &project, &requests, true)?,
        ProjectCommand::Remove { project, requests } => file(store, out, &project, &requests, false)?,
        ProjectCommand::Delete { project } => {
            let id = store.resolve_project(&project)?;
            store.delete_project(id)?;
            if out.json {
                out.print_json(&serde_json::json!({"deleted": id}));
            } else {
                println!("Deleted project {id}; its requests stay.");
            }
        }
    }
    Ok(())
}

fn file(store: &mut Store, out: &Out, project: &str, requests: &[String], add: bool) -> Result<(), Error> {
    let id = store.resolve_project(project)?;
    let ids = resolve_all(store, requests)?;
    let changed = store.file_requests(id, &ids, add)?;
    if out.json {
        out.print_json(&serde_json::json!({"project": id, "changed": changed}));
    } else if add {
        println!("Added {changed} requests to project {id}.");
    } else {
        println!("Took {changed} requests out of project {id}.");
    }
    Ok(())
}

/// `request tag|untag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// The tag (lower case, no commas).
    #[arg(long)]
    tag: String,
    /// Requests by id or reference.
    #[arg(required = true)]
    requests: Vec<String>,
}

pub fn tag(args: TagArgs, add: bool, store: &mut Store, out: &Out) -> Result<(), Error> {
    let ids = resolve_all(store, &args.requests)?;
    let changed = store.tag_requests(&ids, &args.tag, add)?;
    if out.json {
        out.print_json(&serde_json::json!({"tag": args.tag, "changed": changed}));
    } else {
        println!("{} “{}” on {changed} requests.", if add { "Tagged" } else { "Untagged" }, args.tag.trim());
    }
    Ok(())
}

/// `request embargo`.
#[derive(Debug, Args)]
pub struct EmbargoArgs {
    request: String,
    /// Keep it out of publication exports until this day.
    #[arg(long, value_name = "YYYY-MM-DD", required_unless_present = "clear")]
    until: Option<String>,
    /// End the embargo now.
    #[arg(long, conflicts_with = "until")]
    clear: bool,
}

pub fn embargo(args: EmbargoArgs, store: &mut Store, out: &Out) -> Result<(), Error> {
    let id = store.resolve_request(&args.request)?;
    let filing = store.set_embargo(id, if args.clear { None } else { args.until.as_deref() })?;
    if out.json {
        out.print_json(&serde_json::json!({"request": id, "embargo_until": filing.embargo_until}));
    } else {
        match filing.embargo_until {
            Some(d) => println!("Embargoed until {d}: left out of publication exports until then."),
            None => println!("No embargo."),
        }
    }
    Ok(())
}

/// `export requests`.
#[derive(Debug, Args)]
pub struct ExportRequestsArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// Write CSV (the default; with `--json`: a JSON array of rows).
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// No names, addresses or e-mails; each person a pseudonym; no free text; no embargoed requests.
    #[arg(long)]
    pseudonymise: bool,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn export_requests(args: ExportRequestsArgs, store: &Store, out: &Out) -> Result<(), Error> {
    let filter = args.filter.filter(store)?;
    let format = if out.json && !args.csv { Format::Json } else { Format::Csv };
    let written = reports::export_requests(store, &filter, format, args.pseudonymise, &args.out)?;
    if out.json {
        out.print_json(&serde_json::json!({"written": written.path, "requests": written.count}));
    } else {
        println!("Wrote {} requests to {}", written.count, written.path.display());
    }
    Ok(())
}

/// `export evidence`.
#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// Requests by id or reference.
    requests: Vec<String>,
    /// Every request of a project (by name or id).
    #[arg(long)]
    project: Option<String>,
    #[arg(long, value_name = "FILE.zip")]
    out: PathBuf,
}

pub fn evidence(args: EvidenceArgs, store: &Store, out: &Out) -> Result<(), Error> {
    let mut ids = resolve_all(store, &args.requests)?;
    if let Some(p) = &args.project {
        let project = store.resolve_project(p)?;
        let filter = ReportFilter { project: Some(project), include_embargoed: true, ..Default::default() };
        ids.extend(store.report_facts(&filter)?.iter().map(|f| f.id));
    }
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(invalid("name the requests (references) or --project".into()));
    }
    let written = rightsdesk_usecases::evidence::save(store, &ids, &args.out, chrono::Utc::now())?;
    if out.json {
        out.print_json(&serde_json::json!({"written": written.path, "requests": ids.len(), "files": written.count}));
    } else {
        println!("Evidence of {} requests ({} files) written to {}", ids.len(), written.count, written.path.display());
    }
    Ok(())
}
