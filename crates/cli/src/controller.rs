//! `rightsdesk import …`, `rightsdesk controller …` and `rightsdesk sa …`:
//! who processes data on which basis, and where to complain.

use clap::{Args, Subcommand};
use rightsdesk_domain::import::ImportReport;
use rightsdesk_domain::{
    Claim, ClaimStatus, ContactChannel, ContactKind, ContactRole, ControllerDetail, ControllerDraft, ErrorCode, Id,
    LegalBasis, Purpose, Source, SupervisoryAuthority,
};
use rightsdesk_store::{Error, Store};

use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// The datarequests.org company database: a folder, a JSON dump, or a URL.
    Datenanfragen { location: String },
    /// The IAB TCF Global Vendor List (v2 or v3): a file or a URL [default: the official v3 list].
    Tcf {
        #[arg(default_value = rightsdesk_usecases::imports::TCF_OFFICIAL_URL)]
        location: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ControllerCommand {
    /// Find controllers by name, slug, web address or service.
    Search {
        text: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Contacts, lead authority, and every claim with the actions that fit it.
    Show { slug: String },
    /// Add a controller of your own.
    Add(ControllerFields),
    /// Change a controller; imports will not overwrite your version.
    Edit {
        slug: String,
        #[command(flatten)]
        fields: ControllerFields,
    },
    /// Record a claim: what a controller says it does, on which basis, and where it says so.
    Claim(ClaimFields),
    /// The basis claimed on a day, per purpose, with the passage it rests on and the
    /// changes announced around that day that did not apply.
    Basis {
        slug: String,
        /// Only this purpose (see `controller claim --help` for the names).
        #[arg(long)]
        purpose: Option<String>,
        /// The day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
    },
    /// Ad-tech vendors claiming legitimate interest (IAB vendor list), optionally for one TCF purpose.
    LiVendors {
        #[arg(long, value_name = "N")]
        purpose: Option<u32>,
    },
}

#[derive(Debug, Args)]
pub struct ControllerFields {
    #[arg(long)]
    slug: Option<String>,
    #[arg(long)]
    name: Option<String>,
    /// Postal address; use "\n" between lines.
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    country: Option<String>,
    #[arg(long, value_name = "ADDRESS")]
    email: Option<String>,
    #[arg(long, value_name = "URL")]
    webform: Option<String>,
    #[arg(long, value_name = "ADDRESS")]
    dpo_email: Option<String>,
    #[arg(long)]
    web: Option<String>,
    #[arg(long)]
    policy_url: Option<String>,
    /// Slug of the lead supervisory authority, or "none".
    #[arg(long)]
    lead_sa: Option<String>,
    /// Language requests should be written in (en, de, fr…).
    #[arg(long)]
    language: Option<String>,
}

impl ControllerFields {
    fn apply(self, mut d: ControllerDraft) -> ControllerDraft {
        let set = |slot: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *slot = v;
            }
        };
        set(&mut d.slug, self.slug);
        set(&mut d.name, self.name);
        set(&mut d.address, self.address.map(|a| a.replace("\\n", "\n")));
        set(&mut d.country, self.country);
        set(&mut d.web, self.web);
        set(&mut d.policy_url, self.policy_url);
        set(&mut d.lead_sa, self.lead_sa);
        set(&mut d.request_language, self.language);
        let mut replace = |kind: ContactKind, role: ContactRole, value: Option<String>| {
            if let Some(value) = value {
                d.contacts.retain(|c| !(c.kind == kind && c.role == role));
                if !value.trim().is_empty() {
                    d.contacts.push(ContactChannel { kind, value, role });
                }
            }
        };
        replace(ContactKind::Email, ContactRole::Controller, self.email);
        replace(ContactKind::WebForm, ContactRole::Controller, self.webform);
        replace(ContactKind::Email, ContactRole::Dpo, self.dpo_email);
        if !d.address.is_empty() && !d.contacts.iter().any(|c| c.kind == ContactKind::Post) {
            d.contacts.push(ContactChannel {
                kind: ContactKind::Post,
                value: d.address.clone(),
                role: ContactRole::Controller,
            });
        }
        d
    }
}

#[derive(Debug, Args)]
pub struct ClaimFields {
    slug: String,
    /// personalised_ads, non_personalised_ads, ad_measurement, sharing_with_partners, content_recommendation,
    /// ai_training, analytics, market_research, marketing_messages, device_storage, safety_security, service_delivery
    #[arg(long)]
    purpose: String,
    /// consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests, unknown
    #[arg(long)]
    basis: String,
    #[arg(long, default_value = "")]
    scope: String,
    #[arg(long, value_name = "URL")]
    source_url: String,
    /// Day the source was read (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    observed: String,
    #[arg(long, default_value = "")]
    section: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
    #[arg(long, default_value = "")]
    note: String,
    /// The passage the claim rests on, verbatim.
    #[arg(long, default_value = "")]
    quote: String,
    /// The controller only announced this; it did not (yet) apply.
    #[arg(long)]
    announced: bool,
    /// The processing touches special categories of data (Art. 9(1): health,
    /// religion, sexuality, political opinion …) or inferences of them.
    #[arg(long)]
    special_categories: bool,
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::Invalid, message)
}

pub fn import(cmd: ImportCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    use rightsdesk_usecases::imports::{Source, import};
    let report = match cmd {
        ImportCommand::Datenanfragen { location } => import(store, Source::Datenanfragen, &location)?,
        ImportCommand::Tcf { location } => import(store, Source::Tcf, &location)?,
    };
    print_report(out, &report);
    Ok(())
}

pub fn print_report(out: &Out, r: &ImportReport) {
    if out.json {
        return out.print_json(r);
    }
    println!("Imported {} from {}", r.origin, r.location);
    if !r.version.is_empty() {
        println!("  version:            {}", r.version);
    }
    println!("  added:              {}", r.added);
    println!("  updated:            {}", r.updated);
    println!("  unchanged:          {}", r.unchanged);
    println!("  vanished (marked):  {}", r.vanished);
    println!("  kept your edits:    {}", r.kept_user_edits);
    println!("  kept curated:       {}", r.kept_curated);
    println!("  redirects:          {}", r.redirects);
    println!("  claims written:     {}", r.claims);
    println!("  authorities:        {}", r.authorities);
    println!("  rejected:           {}", r.rejected.len());
    for rej in &r.rejected {
        println!("    {}: {}", rej.record, rej.reason);
    }
}

pub fn run(cmd: ControllerCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    match cmd {
        ControllerCommand::Search { text, limit } => {
            let hits = store.search_controllers(&text, limit)?;
            if out.json {
                out.print_json(&hits);
                return Ok(());
            }
            if hits.is_empty() {
                println!("No controller matches “{text}”. Import more with `rightsdesk import datenanfragen …`.");
            }
            for h in hits {
                let gone = if h.vanished { " (no longer listed at its source)" } else { "" };
                println!(
                    "{:<28} {:<50} {:<3} {:>3} claims  [{}]{gone}",
                    h.slug,
                    h.name,
                    h.country,
                    h.claims,
                    h.origin.as_str()
                );
            }
        }
        ControllerCommand::Show { slug } => show(out, &store.controller_detail(&slug)?),
        ControllerCommand::Add(fields) => {
            let c = store.create_controller(fields.apply(ControllerDraft::default()))?;
            show(out, &store.controller_detail(&c.draft.slug)?);
        }
        ControllerCommand::Edit { slug, fields } => {
            let current = store.get_controller(&slug)?;
            store.update_controller(&slug, fields.apply(current.draft))?;
            show(out, &store.controller_detail(&slug)?);
        }
        ControllerCommand::Basis { slug, purpose, on } => {
            let purpose = purpose
                .map(|p| {
                    Purpose::parse(&p).ok_or_else(|| {
                        invalid(format!(
                            "--purpose {p:?} is not one of the purposes listed in `controller claim --help`"
                        ))
                    })
                })
                .transpose()?;
            let day = on.map(|d| rightsdesk_domain::deadline::parse_date("on", &d)).transpose()?;
            let basis = rightsdesk_usecases::controllers::basis(store, &slug, purpose, day)?;
            if out.json {
                out.print_json(&basis);
            } else {
                println!("{slug} on {}:", basis.on);
                for p in &basis.purposes {
                    let scope = if p.scope.is_empty() { String::new() } else { format!(" ({})", p.scope) };
                    println!("  {:<28} {}{scope}", p.purpose.label(), p.basis.label());
                    if let Some(c) = &p.claim
                        && !c.source.quote.is_empty()
                    {
                        println!("      “{}” — {} (read {})", c.source.quote, c.source.url, c.source.observed);
                    }
                    for a in &p.announced {
                        println!(
                            "      announced, not applied: {} from {}",
                            a.basis.label(),
                            a.valid_from.as_deref().unwrap_or("?")
                        );
                    }
                }
            }
        }
        ControllerCommand::Claim(f) => {
            let purpose = Purpose::parse(&f.purpose).ok_or_else(|| {
                invalid(format!("--purpose {:?} is not one of the purposes listed in --help", f.purpose))
            })?;
            let basis = LegalBasis::parse(&f.basis)
                .ok_or_else(|| invalid(format!("--basis {:?} is not one of the bases listed in --help", f.basis)))?;
            let observed = rightsdesk_domain::deadline::parse_date("observed", &f.observed)?.to_string();
            let date = |d: Option<String>, field: &str| -> Result<Option<String>, Error> {
                Ok(match d {
                    Some(d) => Some(rightsdesk_domain::deadline::parse_date(field, &d)?.to_string()),
                    None => None,
                })
            };
            if !f.source_url.starts_with("http") {
                return Err(invalid("--source-url must be the web address where the claim is made".into()));
            }
            let claim = Claim {
                purpose,
                basis,
                scope: f.scope,
                source: Source {
                    url: f.source_url,
                    observed,
                    section: f.section,
                    quote: f.quote,
                    commit: String::new(),
                },
                valid_from: date(f.from, "from")?,
                valid_to: date(f.to, "to")?,
                note: f.note,
                special_categories: f.special_categories,
                status: if f.announced { ClaimStatus::Announced } else { ClaimStatus::InForce },
            };
            let stored = store.add_claim(&f.slug, claim)?;
            if out.json {
                out.print_json(&stored);
            } else {
                println!("Recorded: {} on {} for {}", stored.claim.purpose.label(), stored.claim.basis.label(), f.slug);
            }
        }
        ControllerCommand::LiVendors { purpose } => {
            let vendors = store.li_vendors(purpose)?;
            if out.json {
                out.print_json(&vendors);
                return Ok(());
            }
            println!(
                "{} vendors claim legitimate interest{}",
                vendors.len(),
                purpose.map(|p| format!(" for TCF purpose {p}")).unwrap_or_default()
            );
            for v in vendors {
                println!("{:<10} {:<60} purposes {:?}", v.slug, v.name, v.li_purposes);
            }
        }
    }
    Ok(())
}

fn show(out: &Out, d: &ControllerDetail) {
    if out.json {
        return out.print_json(d);
    }
    let c = &d.controller;
    println!("{} ({})", c.draft.name, c.draft.slug);
    if !c.draft.address.is_empty() {
        println!("  address:     {}", c.draft.address.replace('\n', ", "));
    }
    for ch in &c.draft.contacts {
        if ch.kind != ContactKind::Post {
            println!("  {:<12} {} ({})", format!("{}:", ch.kind.as_str()), ch.value, ch.role.as_str());
        }
    }
    if !c.draft.policy_url.is_empty() {
        println!("  policy:      {}", c.draft.policy_url);
    }
    if d.representative_unknown {
        println!("  EU repr.:    unknown (a controller outside the EU must name one, Art. 27)");
    }
    match (&d.lead_sa, c.draft.lead_sa.as_str()) {
        (Some(sa), _) => println!("  lead SA:     {} ({})", sa.name, sa.slug),
        (None, "none") => println!("  lead SA:     none (no EU establishment: complain to your own authority)"),
        (None, "") => println!("  lead SA:     unknown"),
        (None, slug) => println!("  lead SA:     {slug} (not imported yet)"),
    }
    if let Some(v) = &c.vanished_at {
        println!("  note:        no longer listed at its source since {v}");
    }
    if !c.redirect_to.is_empty() {
        println!("  note:        merged into “{}”", c.redirect_to);
    }
    if d.claims.is_empty() {
        println!("  claims:      none recorded (basis unknown)");
    }
    for cl in &d.claims {
        let period = match (&cl.claim.valid_from, &cl.claim.valid_to) {
            (Some(f), Some(t)) => format!("{f} – {t}"),
            (Some(f), None) => format!("since {f}"),
            (None, Some(t)) => format!("until {t}"),
            (None, None) => format!("seen {}", cl.claim.source.observed),
        };
        println!(
            "  • {} — {} ({}) [{period}]",
            cl.claim.purpose.label(),
            cl.claim.basis.label(),
            cl.claim.basis.article()
        );
        if !cl.claim.scope.is_empty() {
            println!("      scope:  {}", cl.claim.scope);
        }
        println!("      source: {} ({}, {})", cl.claim.source.url, cl.claim.source.section, cl.claim.source.observed);
        if !cl.claim.note.is_empty() {
            println!("      note:   {}", cl.claim.note);
        }
        for a in &cl.actions {
            println!("      → {} [{}]", a.kind.label(), a.articles.join(", "));
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum SaCommand {
    /// The lead supervisory authority of a controller (Art. 56).
    For { controller: String },
    /// Your own authority, from the person's country (and German Land) (Art. 77).
    Mine {
        /// Person id; may be left out when there is only one person.
        #[arg(long)]
        person: Option<Id>,
    },
}

pub fn sa(cmd: SaCommand, store: &mut Store, out: &Out) -> Result<(), Error> {
    let list: Vec<SupervisoryAuthority> = match cmd {
        SaCommand::For { controller } => {
            let d = store.controller_detail(&controller)?;
            match (d.lead_sa, d.controller.draft.lead_sa.as_str()) {
                (Some(sa), _) => vec![sa],
                (None, "none") => {
                    return Err(Error::new(
                        ErrorCode::NotFound,
                        format!(
                            "{} has no EU establishment, so no lead authority: complain to your own (`rightsdesk sa mine`)",
                            d.controller.draft.name
                        ),
                    ));
                }
                (None, "") => {
                    return Err(Error::new(
                        ErrorCode::NotFound,
                        format!("the lead authority of {} is unknown", d.controller.draft.name),
                    ));
                }
                (None, slug) => {
                    return Err(Error::new(
                        ErrorCode::NotFound,
                        format!(
                            "the lead authority is “{slug}”, which is not imported: run `rightsdesk import datenanfragen …`"
                        ),
                    ));
                }
            }
        }
        SaCommand::Mine { person } => {
            let person = match person {
                Some(id) => store.get_person(id)?,
                None => {
                    let mut people = store.list_people()?;
                    if people.len() != 1 {
                        return Err(invalid(format!(
                            "there are {} people; say whose authority with --person ID",
                            people.len()
                        )));
                    }
                    people.remove(0)
                }
            };
            store.authorities_for_person(person.id)?
        }
    };
    if out.json {
        out.print_json(&list);
        return Ok(());
    }
    for sa in list {
        println!("{} ({})", sa.name, sa.slug);
        for (label, v) in [
            ("address", sa.address.replace('\n', ", ")),
            ("e-mail", sa.email),
            ("web form", sa.web_form),
            ("phone", sa.phone),
            ("language", sa.complaint_language),
        ] {
            if !v.is_empty() {
                println!("  {label:<9} {v}");
            }
        }
    }
    Ok(())
}
