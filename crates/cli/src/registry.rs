//! `rightsdesk registry …`: updates of the curated registry between releases.

use clap::Subcommand;
use rightsdesk_domain::import::RegistryDiff;
use rightsdesk_store::{Error, Store};
use rightsdesk_usecases::registry;

use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// Download a signed registry bundle and show what it would change; `--apply` applies it.
    Update {
        /// Where the bundle is [default: the address set with `registry url`].
        #[arg(long)]
        url: Option<String>,
        #[arg(long)]
        apply: bool,
        /// Apply only if the bundle is still this version (as the preview showed).
        #[arg(long, value_name = "VERSION")]
        expect: Option<String>,
    },
    /// Set where registry updates come from.
    Url { url: String },
}

pub fn run(cmd: RegistryCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    match cmd {
        RegistryCommand::Url { url } => {
            registry::set_bundle_url(store, &url)?;
            if out.json {
                out.print_json(&serde_json::json!({ "url": url.trim() }));
            } else {
                println!("Registry updates come from {}", url.trim());
            }
        }
        RegistryCommand::Update { url, apply, expect } => {
            let url = match url {
                Some(u) => u,
                None => registry::bundle_url(store)?.ok_or_else(|| {
                    Error::new(
                        rightsdesk_domain::ErrorCode::Invalid,
                        "no registry update address: give --url or set one with `registry url`",
                    )
                })?,
            };
            let batch = registry::download(&url)?;
            let diff = registry::diff(store, &batch)?;
            if apply {
                let report = registry::apply(store, &batch, expect.as_deref())?;
                if out.json {
                    out.print_json(&serde_json::json!({ "diff": diff, "applied": report }));
                } else {
                    print_diff(&diff);
                    println!(
                        "Applied: {} added, {} updated, {} kept your edits.",
                        report.added, report.updated, report.kept_user_edits
                    );
                }
            } else if out.json {
                out.print_json(&diff);
            } else {
                print_diff(&diff);
                println!("Nothing applied. To apply: rightsdesk registry update --apply --expect \"{}\"", diff.version);
            }
        }
    }
    Ok(())
}

fn print_diff(d: &RegistryDiff) {
    println!(
        "Registry update {}: {} new, {} changed, {} unchanged",
        d.version,
        d.added.len(),
        d.changed.len(),
        d.unchanged
    );
    for name in &d.added {
        println!("  + {name}");
    }
    for c in &d.changed {
        let kept = if c.kept_user_edits { " (your edits are kept; the update waits)" } else { "" };
        println!("  ~ {}{kept}", c.name);
        if !c.fields.is_empty() {
            println!("      fields: {}", c.fields.join(", "));
        }
        for l in &c.claims_added {
            println!(
                "      + {} on {}{}",
                l.purpose.label(),
                l.basis.label(),
                l.valid_from.as_deref().map(|f| format!(" from {f}")).unwrap_or_default()
            );
        }
        for l in &c.claims_removed {
            println!("      - {} on {}", l.purpose.label(), l.basis.label());
        }
    }
}
