//! Printing results and errors, as text for people or JSON for scripts.

use rightsdesk_domain::Person;
use rightsdesk_store::{DataDir, Error, Store, StoreInfo};
use serde::Serialize;
use serde_json::json;

#[derive(Debug)]
pub struct Out {
    pub json: bool,
}

impl Out {
    pub fn print_json(&self, value: &impl Serialize) {
        match serde_json::to_string_pretty(value) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("error: cannot encode output: {e}"),
        }
    }

    /// One line on stderr; with `--json` also a JSON error object on stdout.
    pub fn error(&self, e: &Error) {
        if self.json {
            self.print_json(&json!({"error": {"code": e.code, "message": e.message, "fields": e.fields}}));
        }
        if e.fields.is_empty() {
            eprintln!("error: {}", e.message);
        } else {
            let parts: Vec<String> =
                e.fields.iter().map(|f| format!("{}: {}", cli_flag(&f.field), f.message)).collect();
            eprintln!("error: {}", parts.join("; "));
        }
    }

    pub fn init(&self, info: &StoreInfo) {
        if self.json {
            self.print_json(info);
        } else {
            println!("Created an encrypted database at {}", info.db_path.display());
            println!("Key: {}", mode_words(info.mode));
        }
    }

    pub fn person(&self, p: &Person) {
        if self.json {
            return self.print_json(p);
        }
        println!("Person {}: {}", p.id, p.display_name);
        for e in &p.emails {
            println!("  e-mail:   {e}");
        }
        let a = &p.address;
        if !a.is_empty() {
            let line = [a.street.as_str(), &format!("{} {}", a.postal_code, a.city), &a.region, &a.country]
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            println!("  address:  {line}");
        }
        for acc in &p.accounts {
            println!("  account:  {} {}", acc.platform, acc.identifier);
        }
        println!("  voice:    {}", p.voice.label());
        if p.represented {
            println!("  represented: the organisation acts for them (letters need a mandate)");
        }
        if !p.form_of_address.is_empty() {
            println!("  address as: {}", p.form_of_address);
        }
        if !p.notes.is_empty() {
            println!("  notes:    {}", p.notes);
        }
    }

    pub fn people(&self, people: &[Person]) {
        if self.json {
            return self.print_json(&people);
        }
        if people.is_empty() {
            println!("No people yet. Add one with `rightsdesk person add --name \"…\" --email …`.");
            return;
        }
        println!("{:>5}  {:<30}  {:<32}  COUNTRY", "ID", "NAME", "E-MAIL");
        for p in people {
            println!(
                "{:>5}  {:<30}  {:<32}  {}",
                p.id,
                truncate(&p.display_name, 30),
                truncate(p.emails.first().map(String::as_str).unwrap_or(""), 32),
                p.address.country
            );
        }
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_owned() } else { s.chars().take(n - 1).collect::<String>() + "…" }
}

fn mode_words(mode: rightsdesk_store::KeyMode) -> &'static str {
    match mode {
        rightsdesk_store::KeyMode::Keyring => "256-bit random key in the OS keyring",
        rightsdesk_store::KeyMode::Passphrase => "derived from your passphrase (Argon2id); no keyring in use",
    }
}

/// Maps a field name of the domain to the CLI flag that sets it.
fn cli_flag(field: &str) -> String {
    let base = field.split('[').next().unwrap_or(field);
    match base {
        "display_name" => "--name".into(),
        "emails" => "--email".into(),
        "accounts" => "--account".into(),
        "address.street" => "--street".into(),
        "address.postal_code" => "--postal-code".into(),
        "address.city" => "--city".into(),
        "address.region" => "--region".into(),
        "address.country" => "--country".into(),
        "notes" => "--notes".into(),
        "received" => "--received".into(),
        "country" => "--country".into(),
        "signed_on" => "--signed".into(),
        "expires_on" => "--expires".into(),
        "language" => "--lang".into(),
        "rights" => "--right".into(),
        "controllers" => "--controller".into(),
        "document" => "FILE".into(),
        other => other.to_owned(),
    }
}

#[derive(Serialize)]
struct Doctor {
    data_dir: String,
    db_path: String,
    key_mode: Option<&'static str>,
    keyring: String,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    health: Option<rightsdesk_store::Health>,
    /// The datarequests.org copy built into this release, and whether this store has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot: Option<rightsdesk_domain::import::SnapshotState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<serde_json::Value>,
}

/// Reports what it can even when the database does not open; exits 1 then.
pub fn doctor(out: &Out, dir: &DataDir, passphrase: Option<&str>) -> std::process::ExitCode {
    let key_mode = Store::key_mode(dir).ok().flatten();
    let keyring = match rightsdesk_store::key::probe_keyring(&rightsdesk_store::OsKeyring) {
        Ok(()) => "usable".to_owned(),
        Err(e) => format!("unavailable: {}", e.message),
    };
    let opened =
        Store::open(dir, passphrase).and_then(|s| Ok((s.health()?, rightsdesk_usecases::snapshot::state(&s)?)));
    let (health, snapshot, error) = match opened {
        Ok((h, snap)) => (Some(h), Some(snap), None),
        Err(e) => (None, None, Some(e)),
    };
    let ok = health.as_ref().is_some_and(|h| h.integrity == "ok");
    let report = Doctor {
        data_dir: dir.root().display().to_string(),
        db_path: dir.db_path().display().to_string(),
        key_mode: key_mode.map(|m| m.as_str()),
        keyring,
        ok,
        health: health.clone(),
        snapshot: snapshot.clone(),
        error: error.as_ref().map(|e| json!({"code": e.code, "message": e.message})),
    };
    if out.json {
        out.print_json(&report);
    } else {
        println!("data directory  {}", report.data_dir);
        println!("database        {}", report.db_path);
        println!("key             {}", key_mode.map(mode_words).unwrap_or("none yet"));
        println!("OS keyring      {}", report.keyring);
        if let Some(h) = &health {
            println!("schema version  {} (this build: {})", h.schema_version, h.latest_schema_version);
            println!("SQLCipher       {}", h.cipher_version);
            println!("integrity       {}", h.integrity);
            println!("records         {} people, {} controllers, {} requests", h.people, h.controllers, h.requests);
        }
        if let Some(snap) = &snapshot {
            let applied = match (&snap.live_import, snap.applied) {
                (Some(when), _) => format!("; a live import of {when} is used instead"),
                (None, true) => ", applied".to_owned(),
                (None, false) => ", not applied yet (the app applies it at start)".to_owned(),
            };
            println!("datarequests.org built in: commit {} (CC0){applied}", snap.version);
        }
    }
    let problem = match (error, ok) {
        (Some(e), _) => Some(e.message),
        (None, false) => Some("the integrity check found problems (see above)".to_owned()),
        (None, true) => None,
    };
    match problem {
        Some(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::from(1)
        }
        None => std::process::ExitCode::SUCCESS,
    }
}

/// `rightsdesk deadline`: JSON is exactly `{received, country, months, due,
/// rolled_over: [{date, reason}]}`; text adds the explanation and what the
/// holiday calendar covers.
pub fn deadline(out: &Out, received: &str, country: &str, months: u32) -> Result<(), Error> {
    use rightsdesk_domain::deadline::{parse_country, parse_date};
    let date = parse_date("received", received)?;
    let country = parse_country("country", country)?;
    let d = rightsdesk_domain::deadline::months_from(date, months, &country);
    if !d.holidays_covered && !d.country.is_empty() {
        eprintln!("note: {}", d.calendar_notes);
    }
    if out.json {
        #[derive(Serialize)]
        struct DeadlineJson<'a> {
            received: &'a str,
            country: &'a str,
            months: u32,
            due: &'a str,
            rolled_over: &'a [rightsdesk_domain::deadline::RolledOver],
        }
        out.print_json(&DeadlineJson {
            received: &d.start,
            country: &d.country,
            months: d.months,
            due: &d.due,
            rolled_over: &d.rolled_over,
        });
    } else {
        println!("{}", d.due);
        println!("{}", d.explanation);
        println!("calendar: {}", d.calendar_notes);
    }
    Ok(())
}
