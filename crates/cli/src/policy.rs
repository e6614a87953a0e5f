//! `rightsdesk policy …`: the policy watch from the command line.

use std::path::PathBuf;

use clap::Subcommand;
use rightsdesk_domain::policy::{DiffTag, Standing, VersionChange, VersionOrigin};
use rightsdesk_domain::{LegalBasis, Purpose};
use rightsdesk_store::{Error, Store};
use rightsdesk_usecases::policies::{self, Decision};

use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Store one recorded version of a platform's privacy policy (the same text twice changes nothing).
    Import {
        #[arg(long, value_name = "SLUG")]
        platform: String,
        /// The day the text was recorded.
        #[arg(long, value_name = "YYYY-MM-DD")]
        recorded: String,
        /// The Open Terms Archive commit it was recorded in, if known.
        #[arg(long, default_value = "")]
        commit: String,
        /// The policy as Markdown or plain text.
        file: PathBuf,
    },
    /// Pull new versions from Open Terms Archive (every watched platform, or one).
    Fetch {
        #[arg(long, value_name = "SLUG")]
        platform: Option<String>,
        /// The versions repository [default: the watch setting, else Open Terms Archive's].
        #[arg(long, value_name = "URL")]
        base: Option<String>,
    },
    /// What changed in each stored version: basis-related or not, claims to review, what the text now says.
    Changes {
        slug: String,
        /// Also print each version's diff.
        #[arg(long)]
        diff: bool,
    },
    /// Settle a basis-related change: accept a claim (the suggested one, or edited), or dismiss it.
    Review {
        version: i64,
        #[arg(long, conflicts_with = "dismiss", requires_all = ["purpose", "basis", "quote"])]
        accept: bool,
        #[arg(long)]
        dismiss: bool,
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        basis: Option<String>,
        /// The passage the claim rests on, verbatim.
        #[arg(long)]
        quote: Option<String>,
        #[arg(long, default_value = "")]
        scope: String,
    },
    /// Show or set the fetch schedule and the versions repository.
    Watch {
        /// Days between fetches by the app (0: only when asked).
        #[arg(long)]
        every_days: Option<u32>,
        #[arg(long, value_name = "URL")]
        base: Option<String>,
    },
}

pub fn run(cmd: PolicyCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    match cmd {
        PolicyCommand::Import { platform, recorded, commit, file } => {
            let bytes = read_bounded(&file)?;
            let source = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let i = policies::import(store, &platform, &recorded, &bytes, VersionOrigin::Import, &source, &commit)?;
            if out.json {
                out.print_json(&i);
            } else if !i.added {
                println!(
                    "Already stored: version {} recorded {}. Nothing changed.",
                    i.change.version.id, i.change.recorded
                );
            } else {
                print_change(&i.change, false);
            }
        }
        PolicyCommand::Fetch { platform, base } => {
            let today = chrono::Local::now().date_naive();
            let outcomes = policies::fetch(store, platform.as_deref(), base.as_deref(), today)?;
            let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
            if out.json {
                out.print_json(&outcomes);
            } else {
                for o in &outcomes {
                    match &o.error {
                        Some(e) => println!("{}: not fetched: {e}", o.platform),
                        None => println!(
                            "{}: {} new version(s), {} only reformatted",
                            o.platform,
                            o.added.len(),
                            o.same_wording
                        ),
                    }
                    for c in &o.added {
                        print_change(c, false);
                    }
                }
            }
            if failed > 0 && failed == outcomes.len() {
                return Err(Error::new(rightsdesk_domain::ErrorCode::Io, "no platform could be fetched"));
            }
        }
        PolicyCommand::Changes { slug, diff } => {
            let changes = policies::changes(store, &slug)?;
            if out.json {
                out.print_json(&changes);
            } else if changes.is_empty() {
                println!("No versions of {slug}'s policy are stored. Add one with `rightsdesk policy import`.");
            } else {
                for c in &changes {
                    print_change(c, diff);
                }
            }
        }
        PolicyCommand::Review { version, accept, dismiss, purpose, basis, quote, scope } => {
            let decision = if dismiss {
                Decision::Dismiss
            } else if accept {
                let purpose = purpose.unwrap_or_default();
                let basis = basis.unwrap_or_default();
                Decision::Accept {
                    purpose: Purpose::parse(&purpose).ok_or_else(|| bad("purpose", &purpose))?,
                    basis: LegalBasis::parse(&basis).ok_or_else(|| bad("basis", &basis))?,
                    quote: quote.unwrap_or_default(),
                    scope,
                }
            } else {
                return Err(Error::new(
                    rightsdesk_domain::ErrorCode::Invalid,
                    "say --accept (with --purpose, --basis, --quote) or --dismiss",
                ));
            };
            let v = policies::review(store, version, decision)?;
            if out.json {
                out.print_json(&v);
            } else {
                println!(
                    "Version {} ({}, recorded {}): {}",
                    v.id,
                    v.platform,
                    v.recorded,
                    v.review.map(|r| r.as_str()).unwrap_or("")
                );
            }
        }
        PolicyCommand::Watch { every_days, base } => {
            let s = if every_days.is_some() || base.is_some() {
                let now = policies::settings(store)?;
                policies::set_settings(
                    store,
                    every_days.unwrap_or(now.every_days),
                    base.as_deref().unwrap_or(&now.base_url),
                )?
            } else {
                policies::settings(store)?
            };
            if out.json {
                out.print_json(&s);
            } else {
                match s.every_days {
                    0 => println!("Fetch: only when asked"),
                    n => println!("Fetch: every {n} day(s)"),
                }
                println!("From: {}", s.base_url);
                println!("Last fetch: {}", s.last_fetch.as_deref().unwrap_or("never"));
            }
        }
    }
    Ok(())
}

fn bad(field: &str, value: &str) -> Error {
    Error::from(rightsdesk_domain::Invalid(vec![rightsdesk_domain::FieldError::new(
        field,
        format!("“{value}” is not a {field}"),
    )]))
}

/// Reads at most a little more than the largest policy accepted, so a 50 MB
/// file is refused without being read whole.
fn read_bounded(path: &std::path::Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(|e| {
        let code = if e.kind() == std::io::ErrorKind::NotFound {
            rightsdesk_domain::ErrorCode::NotFound
        } else {
            rightsdesk_domain::ErrorCode::Io
        };
        Error::new(code, format!("cannot read {}: {e}", path.display()))
    })?;
    let mut bytes = Vec::new();
    f.take(rightsdesk_domain::policy::MAX_POLICY_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(rightsdesk_domain::ErrorCode::Io, format!("cannot read {}: {e}", path.display())))?;
    Ok(bytes)
}

fn print_change(c: &VersionChange, diff: bool) {
    let v = &c.version;
    let head = format!("Version {} recorded {} ({} characters)", v.id, c.recorded, v.chars);
    match v.standing {
        Standing::Suspect => println!("{head}: suspect capture, not compared — {}", v.standing_reason),
        Standing::Variant => println!("{head}: variant, not compared — {}", v.standing_reason),
        Standing::Good => match &c.compared_with {
            None => println!("{head}: the first version stored"),
            Some(base) => println!(
                "{head}: against {base}, +{} −{} passages{}{}",
                c.comparison.added,
                c.comparison.removed,
                if c.comparison.basis_related { ", BASIS-RELATED" } else { "" },
                if c.comparison.language_changed { " (language changed)" } else { "" }
            ),
        },
    }
    for p in &c.comparison.basis_passages {
        if let Some(b) = &p.before {
            println!("    before: {}", clip(b));
        }
        if let Some(a) = &p.after {
            println!("    now:    {}", clip(a));
        }
        for s in &p.after_reads {
            println!("      reads: {} on {}", s.purpose.label(), s.basis.label());
        }
    }
    for r in &c.claims_needing_review {
        println!(
            "    claim {} needs review ({} on {}): its passage is gone",
            r.claim_id,
            r.purpose.label(),
            r.basis.label()
        );
    }
    if diff {
        for l in &c.comparison.diff {
            let mark = match l.tag {
                DiffTag::Same => ' ',
                DiffTag::Added => '+',
                DiffTag::Removed => '-',
            };
            println!("  {mark} {}", clip(&l.text));
        }
    }
}

fn clip(s: &str) -> String {
    if s.chars().count() > 200 { format!("{}…", s.chars().take(200).collect::<String>()) } else { s.to_owned() }
}
