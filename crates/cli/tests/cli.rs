//! The `rightsdesk` binary, run as a user would. Mostly in passphrase mode;
//! the last test uses the real keyring (`make test` provides one).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use rightsdesk_tests::Sandbox;

const BIN: &str = env!("CARGO_BIN_EXE_rightsdesk");

const PASS: &str = "a long enough passphrase";

fn initialised() -> Sandbox {
    initialised_in(Sandbox::new())
}

/// `sb` with a passphrase-protected store.
fn initialised_in(sb: Sandbox) -> Sandbox {
    sb.cli(BIN).passphrase(PASS).run(&["init", "--use-passphrase"]).ok();
    sb
}

#[test]
fn person_lifecycle_through_the_cli() {
    let sb = initialised();
    let added = sb
        .cli(BIN)
        .passphrase(PASS)
        .run(&[
            "--json",
            "person",
            "add",
            "--name",
            "Jane Doe",
            "--email",
            "jane@example.org",
            "--country",
            "ie",
            "--city",
            "Dublin",
            "--account",
            "tiktok=@jane",
        ])
        .ok()
        .json();
    let id = added["id"].as_i64().unwrap();
    assert_eq!(added["address"]["country"], "IE");
    assert_eq!(added["accounts"][0]["platform"], "tiktok");

    let list = sb.cli(BIN).passphrase(PASS).run(&["person", "list", "--json"]).ok().json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["display_name"], "Jane Doe");

    let text = sb.cli(BIN).passphrase(PASS).run(&["person", "list"]).ok().stdout;
    assert!(text.contains("Jane Doe") && text.contains("jane@example.org"), "{text}");

    let id_s = id.to_string();
    let edited = sb
        .cli(BIN)
        .passphrase(PASS)
        .run(&["person", "edit", &id_s, "--name", "Jane Q. Doe", "--add-email", "jq@example.net", "--json"])
        .ok()
        .json();
    assert_eq!(edited["display_name"], "Jane Q. Doe");
    assert_eq!(edited["emails"], serde_json::json!(["jane@example.org", "jq@example.net"]));
    assert_eq!(edited["address"]["city"], "Dublin", "fields not given stay as they were");

    let shown = sb.cli(BIN).passphrase(PASS).run(&["person", "show", &id_s, "--json"]).ok().json();
    assert_eq!(shown, edited);

    // Without a terminal, deleting needs --yes.
    let refused = sb.cli(BIN).passphrase(PASS).run(&["person", "remove", &id_s]).fails_with(1);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    sb.cli(BIN).passphrase(PASS).run(&["person", "remove", &id_s, "--yes"]).ok();
    let gone = sb.cli(BIN).passphrase(PASS).run(&["person", "show", &id_s, "--json"]).fails_with(1);
    assert_eq!(gone.json()["error"]["code"], "not_found");
}

#[test]
fn invalid_input_is_a_one_line_field_error_with_exit_code_1() {
    let sb = initialised();
    let out = sb
        .cli(BIN)
        .passphrase(PASS)
        .run(&["person", "add", "--name", "  ", "--email", "jane(at)example.org"])
        .fails_with(1);
    let line = out.stderr.trim();
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.contains("--name: a name is required"), "{line}");
    assert!(line.contains("--email:"), "{line}");

    let json = sb
        .cli(BIN)
        .passphrase(PASS)
        .run(&["--json", "person", "add", "--name", "X", "--email", "bad"])
        .fails_with(1)
        .json();
    assert_eq!(json["error"]["code"], "invalid");
    assert_eq!(json["error"]["fields"][0]["field"], "emails[0]");

    let header_injection =
        sb.cli(BIN).passphrase(PASS).run(&["person", "add", "--name", "Jane\r\nBcc: victim@example.org"]).fails_with(1);
    assert!(header_injection.stderr.contains("--name"), "{}", header_injection.stderr);
    let list = sb.cli(BIN).passphrase(PASS).run(&["person", "list", "--json"]).ok().json();
    assert_eq!(list, serde_json::json!([]), "nothing was stored");
}

#[test]
fn commands_before_init_say_what_to_do() {
    let sb = Sandbox::new();
    let out = sb.cli(BIN).run(&["person", "list"]).fails_with(1);
    assert!(out.stderr.contains("rightsdesk init"), "{}", out.stderr);
    assert!(!sb.db_path().exists());
}

#[test]
fn wrong_or_missing_passphrase_exits_1_and_changes_nothing() {
    let sb = initialised();
    sb.cli(BIN).passphrase(PASS).run(&["person", "add", "--name", "Jane"]).ok();
    let before = sb.snapshot();
    let wrong = sb.cli(BIN).passphrase("definitely wrong").run(&["person", "list"]).fails_with(1);
    assert!(wrong.stderr.contains("wrong passphrase"), "{}", wrong.stderr);
    assert!(!wrong.stderr.contains("definitely wrong"));
    let missing = sb.cli(BIN).run(&["--json", "person", "list"]).fails_with(1);
    assert_eq!(missing.json()["error"]["code"], "passphrase_required");
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn data_dir_comes_from_the_environment_when_no_flag_is_given() {
    let sb = Sandbox::new();
    let mut cmd = std::process::Command::new(BIN);
    let out = cmd
        .args(["--json", "init", "--use-passphrase"])
        .env("RIGHTSDESK_DATA_DIR", sb.data_dir())
        .env("RIGHTSDESK_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(sb.db_path().exists());
}

#[test]
fn doctor_reports_mode_path_schema_and_integrity() {
    let sb = initialised();
    let report = sb.cli(BIN).passphrase(PASS).run(&["doctor", "--json"]).ok().json();
    assert_eq!(report["key_mode"], "passphrase");
    assert_eq!(report["db_path"], sb.db_path().display().to_string());
    assert_eq!(report["health"]["integrity"], "ok");
    assert_eq!(report["health"]["schema_version"], report["health"]["latest_schema_version"]);
    assert_eq!(report["ok"], true);

    std::fs::write(sb.db_path(), b"not a database at all, but long enough to have a header").unwrap();
    let broken = sb.cli(BIN).passphrase(PASS).run(&["doctor", "--json"]).fails_with(1).json();
    assert_eq!(broken["ok"], false);
    assert_eq!(broken["error"]["code"], "not_a_database");
}

#[test]
fn without_a_keyring_init_asks_for_a_passphrase() {
    let sb = Sandbox::new();
    let out = sb.cli(BIN).without_keyring().run(&["init"]).fails_with(1);
    assert!(out.stderr.contains("RIGHTSDESK_PASSPHRASE"), "{}", out.stderr);
    assert!(!sb.db_path().exists(), "nothing is created when no key can be kept");

    let created = sb.cli(BIN).without_keyring().passphrase(PASS).run(&["--json", "init"]).ok().json();
    assert_eq!(created["mode"], "passphrase");
}

/// `backup status` and `backup auto`: the same state and settings as Settings › Backup.
#[test]
fn backup_status_and_automatic_backups_from_the_cli() {
    let sb = Sandbox::with_os_keyring();
    sb.cli(BIN).run(&["init"]).ok();
    let status = sb.cli(BIN).run(&["--json", "backup", "status"]).ok().json();
    assert_eq!(status["last"], serde_json::Value::Null);
    assert_eq!(status["remind"], false, "nothing to lose yet");
    assert_eq!(status["automatic"], serde_json::Value::Null);

    let folder = sb.tmp.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    let folder_s = folder.to_str().unwrap();
    let short = sb
        .cli(BIN)
        .env("RIGHTSDESK_BACKUP_PASSPHRASE", "short")
        .run(&["backup", "auto", "--folder", folder_s])
        .fails_with(1);
    assert!(short.stderr.contains("10 characters"), "{}", short.stderr);
    let on = sb
        .cli(BIN)
        .env("RIGHTSDESK_BACKUP_PASSPHRASE", "a backup passphrase")
        .run(&["--json", "backup", "auto", "--folder", folder_s, "--keep", "3"])
        .ok()
        .json();
    assert_eq!(on["automatic"]["folder"], folder_s);
    assert_eq!(on["automatic"]["keep"], 3);
    let text = sb.cli(BIN).run(&["backup", "status"]).ok();
    assert!(text.stdout.contains("keeping the newest 3"), "{}", text.stdout);
    let off = sb.cli(BIN).run(&["--json", "backup", "auto", "--off"]).ok().json();
    assert_eq!(off["automatic"], serde_json::Value::Null);
}

/// The keyring gone after the store was made with it: a clear error naming
/// the keyring, exit 1, and not a byte of the data directory changed.
#[test]
fn a_keyring_store_without_its_keyring_is_refused_and_left_alone() {
    let sb = Sandbox::with_os_keyring();
    sb.cli(BIN).run(&["init"]).ok();
    sb.cli(BIN).run(&["person", "add", "--name", "Kim", "--email", "kim@example.org"]).ok();
    let before = sb.snapshot();
    let out = sb.cli(BIN).without_keyring().run(&["--json", "person", "list"]).fails_with(1);
    assert!(out.stderr.contains("keyring"), "{}", out.stderr);
    let doctor = sb.cli(BIN).without_keyring().run(&["--json", "doctor"]).fails_with(1).json();
    assert_eq!(doctor["error"]["code"], "keyring_unavailable", "{doctor}");
    assert_eq!(sb.snapshot(), before, "the data directory is untouched");
    // Back with the keyring, everything is there.
    let people = sb.cli(BIN).run(&["person", "list", "--json"]).ok().json();
    assert_eq!(people[0]["display_name"], "Kim");
}

#[test]
fn cli_uses_the_keyring_and_doctor_says_so() {
    let sb = Sandbox::with_os_keyring();
    let created = sb.cli(BIN).run(&["--json", "init"]).ok().json();
    assert_eq!(created["mode"], "keyring");
    sb.cli(BIN).run(&["person", "add", "--name", "Kim", "--email", "kim@example.org"]).ok();
    let report = sb.cli(BIN).run(&["doctor", "--json"]).ok().json();
    assert_eq!(report["key_mode"], "keyring");
    assert_eq!(report["keyring"], "usable");
    assert_eq!(report["health"]["people"], 1);
    assert_eq!(report["snapshot"]["applied"], true, "init applies the built-in datarequests.org copy");
}

#[test]
fn backup_verify_and_restore_through_the_cli_with_the_keyring() {
    let source = Sandbox::with_os_keyring();
    source.cli(BIN).run(&["init"]).ok();
    source.cli(BIN).run(&["person", "add", "--name", "Kim", "--email", "kim@example.org"]).ok();
    let file = source.tmp.path().join("kim.rdbackup");
    let file_s = file.to_str().unwrap();
    // The passphrase from standard input...
    let made =
        source.cli(BIN).run_with_stdin(&["--json", "backup", "--out", file_s], "a backup passphrase\n").ok().json();
    assert_eq!(made["people"], 1);
    // ... or from the environment.
    let checked = source
        .cli(BIN)
        .env("RIGHTSDESK_BACKUP_PASSPHRASE", "a backup passphrase")
        .run(&["--json", "backup", "verify", file_s])
        .ok()
        .json();
    // A backup as written lists each table's rows; verify adds the content digests.
    let rows = |v: &serde_json::Value| {
        v["tables"].as_array().unwrap().iter().map(|t| (t["table"].clone(), t["rows"].clone())).collect::<Vec<_>>()
    };
    assert_eq!(rows(&checked), rows(&made));
    assert!(checked["tables"].as_array().unwrap().iter().all(|t| t["sha256"].as_str().is_some_and(|h| h.len() == 64)));
    let wrong = source
        .cli(BIN)
        .env("RIGHTSDESK_BACKUP_PASSPHRASE", "another passphrase")
        .run(&["backup", "verify", file_s])
        .fails_with(1);
    assert!(wrong.stderr.contains("wrong backup passphrase"), "{}", wrong.stderr);

    let target = Sandbox::with_os_keyring();
    let restored = target
        .cli(BIN)
        .env("RIGHTSDESK_BACKUP_PASSPHRASE", "a backup passphrase")
        .run(&["--json", "restore", file_s])
        .ok()
        .json();
    assert_eq!(restored["store"]["mode"], "keyring");
    let people = target.cli(BIN).run(&["person", "list", "--json"]).ok().json();
    assert_eq!(people[0]["display_name"], "Kim");
    // A second restore into the now full directory is refused.
    let again = target
        .cli(BIN)
        .env("RIGHTSDESK_BACKUP_PASSPHRASE", "a backup passphrase")
        .run(&["--json", "restore", file_s])
        .fails_with(1);
    assert_eq!(again.json()["error"]["code"], "not_empty");
}

#[test]
fn deadline_follows_the_legal_sheet_and_prints_the_documented_json() {
    let sb = Sandbox::new(); // no store needed: works before init
    for (received, months, country, due) in [
        ("2025-09-03", "1", "", "2025-10-03"),
        ("2026-01-31", "1", "", "2026-03-02"),
        ("2025-11-25", "1", "IE", "2025-12-29"),
        ("2026-04-01", "1", "de", "2026-05-04"),
        ("2026-01-31", "3", "", "2026-04-30"),
    ] {
        let mut args = vec!["deadline", "--received", received, "--months", months, "--json"];
        if !country.is_empty() {
            args.extend(["--country", country]);
        }
        let out = sb.cli(BIN).run(&args).ok();
        assert_eq!(out.json()["due"], due, "{received} {country}");
        let positions: Vec<usize> = ["\"received\"", "\"country\"", "\"months\"", "\"due\"", "\"rolled_over\""]
            .iter()
            .map(|k| out.stdout.find(k).unwrap_or_else(|| panic!("{k} missing")))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "keys out of order:\n{}", out.stdout);
    }
    let json = sb.cli(BIN).run(&["deadline", "--received", "2026-01-31", "--json"]).ok().json();
    assert_eq!(json["rolled_over"][0], serde_json::json!({"date": "2026-02-28", "reason": "Saturday"}));
    let text = sb.cli(BIN).run(&["deadline", "--received", "2026-01-31"]).ok().stdout;
    assert!(text.contains("due Mon 2 Mar 2026: one month from receipt on Sat 31 Jan 2026"), "{text}");
    assert!(!sb.db_path().exists());
}

#[test]
fn deadline_refuses_bad_dates_and_says_when_holidays_are_unknown() {
    let sb = Sandbox::new();
    let bad = sb.cli(BIN).run(&["deadline", "--received", "2026-02-30"]).fails_with(1);
    assert!(bad.stderr.contains("--received") && bad.stderr.contains("not a date"), "{}", bad.stderr);
    let pt = sb.cli(BIN).run(&["deadline", "--received", "2026-11-25", "--country", "PT", "--json"]).ok();
    assert!(pt.stderr.contains("only weekends"), "{}", pt.stderr);
    assert_eq!(pt.json()["due"], "2026-12-25");
}

#[test]
fn controllers_from_the_registry_imports_and_the_user() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);

    let hits = run(&["controller", "search", "tiktok", "--json"]).ok().json();
    assert_eq!(hits[0]["slug"], "tiktok");
    let show = run(&["controller", "show", "tiktok", "--json"]).ok().json();
    assert_eq!(show["controller"]["lead_sa"], "iedpc");
    let claims = show["claims"].as_array().unwrap();
    assert!(claims.iter().all(|c| c["source"]["url"].as_str().unwrap().starts_with("https://")));
    let consent = claims.iter().find(|c| c["purpose"] == "personalised_ads" && c["basis"] == "consent").unwrap();
    assert_eq!(consent["actions"][0]["kind"], "withdraw_consent");

    let dump = sb.tmp.path().join("dump.json");
    std::fs::write(
        &dump,
        serde_json::json!({"companies": [
            {"slug": "acme", "name": "ACME GmbH", "email": "privacy@acme.example", "address": "Weg 1\nDeutschland"},
            {"slug": "no-name"}
        ], "supervisory-authorities": [{"slug": "iedpc", "name": "Irish Data Protection Commission", "relevant-countries": ["ie"], "email": "info@dataprotection.ie"}]})
        .to_string(),
    )
    .unwrap();
    let report = run(&["import", "datenanfragen", dump.to_str().unwrap(), "--json"]).ok().json();
    assert_eq!(report["added"], 1);
    assert_eq!(report["rejected"][0]["record"], "no-name");
    let sa = run(&["sa", "for", "tiktok", "--json"]).ok().json();
    assert_eq!(sa[0]["slug"], "iedpc");
    let bad = run(&["import", "tcf", sb.tmp.path().join("missing.json").to_str().unwrap()]).fails_with(1);
    assert!(bad.stderr.contains("cannot read"), "{}", bad.stderr);

    run(&[
        "controller",
        "add",
        "--slug",
        "my-gym",
        "--name",
        "My Gym Ltd",
        "--email",
        "privacy@gym.example",
        "--country",
        "ie",
    ])
    .ok();
    let claim = run(&[
        "controller",
        "claim",
        "my-gym",
        "--purpose",
        "marketing_messages",
        "--basis",
        "legitimate_interests",
        "--source-url",
        "https://gym.example/privacy",
        "--observed",
        "2026-11-01",
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(claim["actions"][0]["kind"], "objection_direct_marketing", "the absolute objection first");
    assert_eq!(claim["actions"][1]["kind"], "objection");
    let wrong = run(&[
        "controller",
        "claim",
        "my-gym",
        "--purpose",
        "ads",
        "--basis",
        "consent",
        "--source-url",
        "https://x.example",
        "--observed",
        "2026-11-01",
    ])
    .fails_with(1);
    assert!(wrong.stderr.contains("--purpose"), "{}", wrong.stderr);

    run(&["person", "add", "--name", "Jo"]).ok();
    let mine = run(&["sa", "mine"]).fails_with(1);
    assert!(mine.stderr.contains("--country"), "{}", mine.stderr);
}

#[test]
fn requests_are_tracked_from_the_command_line() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    run(&["person", "add", "--name", "Ada"]).ok();
    let new =
        run(&["request", "new", "--person", "1", "--controller", "tiktok", "--kind", "access", "--json"]).ok().json();
    let reference = new["summary"]["reference"].as_str().unwrap().to_owned();
    assert_eq!(new["summary"]["status"], "draft");
    run(&["request", "mark", &reference, "--sent", "2025-11-25"]).ok();
    let shown = run(&["request", "show", &reference, "--json"]).ok().json();
    assert_eq!(shown["running"]["deadline"]["due"], "2025-12-29");
    let partial = run(&["request", "mark", &reference, "--answered", "2025-12-01"]).fails_with(1);
    assert!(partial.stderr.contains("--complete or --partial"), "{}", partial.stderr);
    let draft_only = run(&["request", "mark", &reference, "--sent", "2025-11-26"]).fails_with(1);
    assert!(draft_only.stderr.contains("cannot be marked sent"), "{}", draft_only.stderr);

    let list = run(&["request", "list", "--status", "sent", "--due-before", "2025-12-31", "--json"]).ok().json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let attention = run(&["attention", "--today", "2026-01-02", "--json"]).ok().json();
    assert_eq!(attention["overdue"][0]["reference"], reference.as_str());
    let ics = sb.tmp.path().join("deadlines.ics");
    run(&["export", "ics", "--out", ics.to_str().unwrap()]).ok();
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:20251229"), "{text}");
}

#[test]
fn letters_from_the_command_line() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    run(&["person", "add", "--name", "Ada Lovelace", "--email", "ada@example.org"]).ok();
    let kinds = run(&["request", "kinds", "--json"]).ok().json();
    assert_eq!(kinds.as_array().unwrap().len(), 14);
    assert!(kinds.as_array().unwrap().iter().any(|k| k["kind"] == "identity_contest"));

    let new = run(&[
        "request",
        "new",
        "--person",
        "1",
        "--controller",
        "tiktok",
        "--kind",
        "access",
        "--lang",
        "de",
        "--option",
        "portability",
        "--option",
        "recipients_identity",
        "--json",
    ])
    .ok()
    .json();
    let reference = new["summary"]["reference"].as_str().unwrap().to_owned();
    assert_eq!(new["letter"]["letter"]["language"], "de");
    assert!(new["letter"]["letter"]["body"].as_str().unwrap().contains("Art. 20 Abs. 1 DSGVO"));
    assert_eq!(new["letter"]["options"]["portability"], true);
    let shown = run(&["request", "show", &reference, "--json"]).ok().json();
    assert_eq!(shown["letter"]["letter"]["subject"], new["letter"]["letter"]["subject"]);

    let text = run(&["request", "render", &reference]).ok();
    assert!(text.stdout.starts_with("Auskunftsersuchen") && text.stdout.contains(&reference), "{}", text.stdout);
    let pdf = sb.tmp.path().join("letter.pdf");
    run(&["request", "render", &reference, "--format", "pdf", "--out", pdf.to_str().unwrap()]).ok();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let eml = run(&["request", "render", &reference, "--format", "eml"]).fails_with(1);
    assert!(eml.stderr.contains("no e-mail address on record"), "TikTok takes requests by web form: {}", eml.stderr);

    let bad =
        run(&["request", "new", "--person", "1", "--controller", "tiktok", "--kind", "access", "--option", "nope"])
            .fails_with(1);
    assert!(bad.stderr.contains("portability"), "lists the valid options: {}", bad.stderr);
    let missing =
        run(&["request", "new", "--person", "1", "--controller", "tiktok", "--kind", "rectification"]).fails_with(1);
    assert!(missing.stderr.contains("corrections"), "{}", missing.stderr);
    // An Art. 21(1) objection is not written without a particular situation.
    let no_situation =
        run(&["request", "new", "--person", "1", "--controller", "tiktok", "--kind", "ad_targeting_objection"])
            .fails_with(1);
    assert!(
        no_situation.stderr.contains("options.situation") && no_situation.stderr.contains("particular situation"),
        "{}",
        no_situation.stderr
    );
    assert_eq!(run(&["request", "list", "--json"]).ok().json().as_array().unwrap().len(), 1, "nothing was created");

    let list = sb.tmp.path().join("controllers.txt");
    std::fs::write(&list, "# my platforms\ntiktok\nspotify  # music\n\nlinkedin\n").unwrap();
    let args = ["request", "batch", "--person", "1", "--kind", "objection_direct_marketing", "--controllers"];
    let preview = run(&[&args[..], &[list.to_str().unwrap(), "--preview", "--json"]].concat()).ok().json();
    assert_eq!(preview["items"].as_array().unwrap().len(), 3);
    assert_eq!(run(&["request", "list", "--json"]).ok().json().as_array().unwrap().len(), 1, "preview created nothing");
    let created = run(&[&args[..], &[list.to_str().unwrap(), "--json"]].concat()).ok().json();
    assert!(created["batch"].as_str().unwrap().starts_with("B-"));
    assert_eq!(run(&["request", "list", "--json"]).ok().json().as_array().unwrap().len(), 4);
}

#[test]
fn follow_ups_from_the_command_line() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    run(&["person", "add", "--name", "Ada", "--email", "ada@example.org"]).ok();
    let new =
        run(&["request", "new", "--person", "1", "--controller", "tiktok", "--kind", "access", "--json"]).ok().json();
    let r = new["summary"]["reference"].as_str().unwrap().to_owned();
    run(&["request", "mark", &r, "--sent", "2026-01-29"]).ok();
    let scan = sb.tmp.path().join("receipt.png");
    std::fs::write(&scan, b"\x89PNG fake scan").unwrap();
    let posted = run(&[
        "request",
        "postal",
        &r,
        "--tracking",
        "RR1DE",
        "--return-receipt",
        "2026-02-02",
        "--scan",
        scan.to_str().unwrap(),
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(posted["dates"]["received"], "2026-02-02");
    assert_eq!(posted["attachments"][0]["name"], "receipt.png");
    run(&["request", "mark", &r, "--answered", "2026-02-20", "--partial"]).ok();
    let bad = run(&["request", "checklist", &r, "--received", "purposes,nonsense"]).fails_with(1);
    assert!(bad.stderr.contains("nonsense"), "{}", bad.stderr);
    run(&["request", "checklist", &r, "--received", "confirmation,purposes,copy"]).ok();
    let reminder = run(&["request", "escalate", &r, "--to", "reminder", "--json"]).ok().json();
    assert_eq!(reminder["summary"]["kind"], "reminder");
    assert_eq!(reminder["regarding"], r.as_str());
    assert!(reminder["letter"]["letter"]["body"].as_str().unwrap().contains("Article 15(1)(c) GDPR"));
    let shown = run(&["request", "show", &r]).ok();
    assert!(
        shown.stdout.contains("Followed up by") && shown.stdout.contains("missing: categories"),
        "{}",
        shown.stdout
    );
}

#[test]
fn a_request_is_sent_from_the_users_mailbox() {
    let sb = initialised_in(Sandbox::with_os_keyring());
    let smtp_dir = sb.tmp.path().join("smtp");
    std::fs::create_dir_all(&smtp_dir).unwrap();
    let server = rightsdesk_tests::smtp::smtp(&smtp_dir, &[]);
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    run(&["person", "add", "--name", "Ada Lovelace", "--email", "ada@example.org"]).ok();
    let port = server.port.to_string();
    let cert = server.cert.display().to_string();
    let add = ["account", "add", "--email", "ada@example.org", "--smtp-host", "127.0.0.1", "--smtp-port", &port];
    let plain = run(&[&add[..], &["--smtp-tls", "plain"]].concat()).fails_with(1);
    assert!(plain.stderr.contains("smtp_tls") || plain.stderr.contains("--smtp-tls"), "{}", plain.stderr);
    let cmd = sb.cli(BIN).passphrase(PASS).env(rightsdesk_tests::MAIL_PASSWORD_ENV, "app-password-1");
    let account = cmd.run(&[&add[..], &["--trust-certificate", &cert, "--json"]].concat()).ok().json();
    assert_eq!(account["has_password"], true);
    assert!(!std::fs::read_to_string(sb.db_path()).unwrap_or_default().contains("app-password-1"));
    run(&["account", "test", "1"]).ok();
    let new =
        run(&["request", "new", "--person", "1", "--controller", "spotify", "--kind", "access", "--json"]).ok().json();
    let reference = new["summary"]["reference"].as_str().unwrap().to_owned();
    let sent = run(&["send", &reference, "--json"]).ok().json();
    assert_eq!(sent["sent"][0], reference.as_str());
    assert_eq!(rightsdesk_tests::smtp::delivered(&server).len(), 1);
    let shown = run(&["request", "show", &reference, "--json"]).ok().json();
    assert_eq!(shown["summary"]["status"], "sent");
    let outbox = run(&["outbox", "list", "--json"]).ok().json();
    assert_eq!(outbox[0]["state"], "sent");
    let again = run(&["send", &reference]).fails_with(1);
    assert!(again.stderr.contains("only drafts are sent"), "{}", again.stderr);
}

#[test]
fn replies_are_imported_and_filed_from_the_command_line() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    run(&["person", "add", "--name", "Ada"]).ok();
    let new =
        run(&["request", "new", "--person", "1", "--controller", "spotify", "--kind", "access", "--json"]).ok().json();
    let reference = new["summary"]["reference"].as_str().unwrap().to_owned();
    let eml = sb.tmp.path().join("reply.eml");
    std::fs::write(&eml, format!("From: privacy@spotify.com\r\nSubject: Re: {reference}\r\nMessage-ID: <a1@spotify.com>\r\n\r\nYour data.\r\n")).unwrap();
    let first = run(&["mail", "import", eml.to_str().unwrap(), "--json"]).ok().json();
    assert_eq!(first["imported"][0]["filed_to"], reference.as_str());
    let second = run(&["mail", "import", eml.to_str().unwrap(), "--json"]).ok().json();
    assert_eq!(second["imported"][0]["duplicate"], true);
    let other = sb.tmp.path().join("other.eml");
    std::fs::write(
        &other,
        "From: someone@example.net\r\nSubject: Hello\r\nMessage-ID: <b2@example.net>\r\n\r\nHi.\r\n",
    )
    .unwrap();
    run(&["mail", "import", other.to_str().unwrap()]).ok();
    let inbox = run(&["inbox", "list", "--json"]).ok().json();
    assert_eq!(inbox.as_array().unwrap().len(), 1);
    let id = inbox[0]["id"].to_string();
    let filed = run(&["inbox", "file", &id, &reference, "--json"]).ok().json();
    assert_eq!(filed["state"], "filed");
    let broken = sb.tmp.path().join("broken.eml");
    std::fs::write(&broken, "no headers here").unwrap();
    let err = run(&["mail", "import", broken.to_str().unwrap()]).fails_with(1);
    assert!(err.stdout.contains("no From") || err.stderr.contains("could be read"), "{}{}", err.stdout, err.stderr);
}

/// A keyring-mode store with Ada as the person, and a Dovecot on 127.0.0.1
/// (TLS, with the sandbox's test certificate) holding her mailbox.
fn keyring_sandbox_with_mailbox() -> (Sandbox, rightsdesk_tests::imap::Dovecot) {
    let sb = Sandbox::with_os_keyring();
    sb.cli(BIN).run(&["init"]).ok();
    let (cert, key) = rightsdesk_tests::smtp::certificate(sb.tmp.path());
    let mailbox = rightsdesk_tests::imap::dovecot(sb.tmp.path(), &cert, &key, "app-password-1");
    sb.cli(BIN).run(&["person", "add", "--name", "Ada Lovelace", "--email", "ada@example.org"]).ok();
    (sb, mailbox)
}

/// Adds Ada's account (password from the environment) reading `mailbox`; `smtp` says where it sends.
fn add_account(sb: &Sandbox, mailbox: &rightsdesk_tests::imap::Dovecot, smtp: &[&str]) {
    let cert = sb.tmp.path().join("cert.pem").display().to_string();
    let imap_port = mailbox.port.to_string();
    let mut args = vec!["account", "add", "--email", "ada@example.org", "--trust-certificate", &cert];
    args.extend(["--imap-host", "127.0.0.1", "--imap-port", &imap_port]);
    args.extend(smtp);
    sb.cli(BIN).env(rightsdesk_tests::MAIL_PASSWORD_ENV, "app-password-1").run(&args).ok();
}

/// The outbox's promise, through the real binary and real servers: a batch
/// of 50 killed with SIGKILL part-way, then restarted, delivers each message
/// exactly once. The SMTP server files what it accepts in the Dovecot "Sent"
/// folder (as most providers do), so the message that was in flight when the
/// process died is recognised there by its Message-ID; anything left
/// uncertain is provably undelivered before the user sends it again.
#[test]
fn kill_9_during_a_batch_of_50_delivers_each_exactly_once_after_restart() {
    use rightsdesk_tests::smtp;
    // Keyring mode: 50 quick CLI runs without a passphrase to stretch each time.
    let (sb, mailbox) = keyring_sandbox_with_mailbox();
    let conf = mailbox.config.display().to_string();
    let server = smtp::smtp(sb.tmp.path(), &["--sent-lda", &conf]);
    let run = |args: &[&str]| sb.cli(BIN).run(args);
    add_account(&sb, &mailbox, &["--smtp-host", "127.0.0.1", "--smtp-port", &server.port.to_string()]);
    let test = run(&["account", "test", "1"]).ok();
    assert!(test.stdout.contains("✓ SMTP") && test.stdout.contains("✓ IMAP"), "{}", test.stdout);

    let references: Vec<String> = (0..50)
        .map(|_| {
            let new =
                run(&["request", "new", "--person", "1", "--controller", "spotify", "--kind", "access", "--json"])
                    .ok()
                    .json();
            new["summary"]["reference"].as_str().unwrap().to_owned()
        })
        .collect();
    let mut batch: Vec<&str> = vec!["send", "--pause-ms", "30"];
    batch.extend(references.iter().map(String::as_str));
    let mut child = sb.cli(BIN).spawn(&batch);
    // Kill the moment the 20th message has been accepted: the client is then
    // most likely waiting for the server's answer, i.e. mid-send.
    let started = std::time::Instant::now();
    while smtp::delivered(&server).len() < 20 {
        assert!(started.elapsed().as_secs() < 120, "the batch did not get going");
        assert!(child.try_wait().unwrap().is_none(), "the batch ended before it could be killed");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let before = smtp::delivered(&server).len();
    assert!(before < 50, "killed part-way ({before} delivered)");

    // Restart: reconcile (the Sent folder decides what was in flight), then send the rest.
    run(&["send", "--queued", "--pause-ms", "0"]).ok();
    let outbox = run(&["outbox", "list", "--json"]).ok().json();
    let delivered_ids = |server: &smtp::SmtpServer| -> Vec<String> {
        smtp::delivered(server)
            .iter()
            .map(|m| m.lines().find_map(|l| l.strip_prefix("Message-ID: ")).unwrap().trim().to_owned())
            .collect()
    };
    let ids = delivered_ids(&server);
    for item in outbox.as_array().unwrap() {
        if item["state"] == "uncertain" {
            // Left to the user: only ever a message that did not arrive.
            assert!(!ids.contains(&item["message_id"].as_str().unwrap().to_owned()), "{item}");
            run(&["outbox", "settle", &item["id"].to_string(), "--requeue"]).ok();
        }
    }
    run(&["send", "--queued", "--pause-ms", "0"]).ok();

    let mut ids = delivered_ids(&server);
    assert_eq!(ids.len(), 50, "exactly 50 delivered");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 50, "no message twice");
    let outbox = run(&["outbox", "list", "--json"]).ok().json();
    let items = outbox.as_array().unwrap();
    assert_eq!(items.len(), 50);
    assert!(items.iter().all(|i| i["state"] == "sent"), "{outbox}");
    let mut outbox_ids: Vec<String> = items.iter().map(|i| i["message_id"].as_str().unwrap().to_owned()).collect();
    outbox_ids.sort();
    assert_eq!(outbox_ids, ids, "none missing: every request's own message arrived");
    for r in &references {
        assert_eq!(run(&["request", "show", r, "--json"]).ok().json()["summary"]["status"], "sent");
    }
}

#[test]
fn mail_is_fetched_from_the_command_line_and_a_server_that_is_down_is_reported() {
    let (sb, mailbox) = keyring_sandbox_with_mailbox();
    let run = |args: &[&str]| sb.cli(BIN).run(args);
    let none = run(&["mail", "fetch"]).fails_with(1);
    assert!(none.stderr.contains("no account has an incoming (IMAP) server"), "{}", none.stderr);
    add_account(&sb, &mailbox, &["--smtp-host", "smtp.example.org"]);
    let new =
        run(&["request", "new", "--person", "1", "--controller", "spotify", "--kind", "access", "--json"]).ok().json();
    let reference = new["summary"]["reference"].as_str().unwrap().to_owned();
    mailbox.deliver(
        "INBOX",
        format!("From: privacy@spotify.com\r\nSubject: Re: {reference}\r\nMessage-ID: <x1@spotify.com>\r\n\r\nHi.\r\n")
            .as_bytes(),
    );
    let fetched = run(&["mail", "fetch", "--json"]).ok().json();
    assert_eq!(fetched["fetched"][0]["folders"][0]["filed"], 1, "{fetched}");
    let text = run(&["mail", "fetch"]).ok();
    assert!(text.stdout.contains("INBOX: 0 new"), "{}", text.stdout);
    mailbox.stop();
    let down = run(&["mail", "fetch"]).fails_with(2); // a fault of the system, not of the input
    assert!(down.stderr.contains("cannot connect to 127.0.0.1"), "{}", down.stderr);
    assert!(!down.stderr.contains("app-password-1"));
    let shown = run(&["request", "show", &reference, "--json"]).ok().json();
    assert!(shown.to_string().contains("mail_received"), "the filed reply is still there");
}

/// A keyring-mode store with Ada, her account sending to `server`, and
/// `n` draft access requests to Spotify, all queued. Returns the references.
fn queued_letters(sb: &Sandbox, server: &rightsdesk_tests::smtp::SmtpServer, n: usize) -> Vec<String> {
    let run = |args: &[&str]| sb.cli(BIN).run(args);
    run(&["init"]).ok();
    run(&["person", "add", "--name", "Ada Lovelace", "--email", "ada@example.org"]).ok();
    let cert = server.cert.display().to_string();
    let port = server.port.to_string();
    sb.cli(BIN)
        .env(rightsdesk_tests::MAIL_PASSWORD_ENV, "app-password-1")
        .run(&[
            "account",
            "add",
            "--email",
            "ada@example.org",
            "--trust-certificate",
            &cert,
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            &port,
            "--per-minute",
            "0",
        ])
        .ok();
    let references: Vec<String> = (0..n)
        .map(|_| {
            let new =
                run(&["request", "new", "--person", "1", "--controller", "spotify", "--kind", "access", "--json"])
                    .ok()
                    .json();
            new["summary"]["reference"].as_str().unwrap().to_owned()
        })
        .collect();
    let mut queue = vec!["send", "--queue-only", "--json"];
    queue.extend(references.iter().map(String::as_str));
    let queued = run(&queue).ok().json();
    assert_eq!(queued.as_array().unwrap().len(), n, "all queued in one go");
    references
}

fn delivered_message_ids(server: &rightsdesk_tests::smtp::SmtpServer) -> Vec<String> {
    rightsdesk_tests::smtp::delivered(server)
        .iter()
        .map(|m| m.lines().find_map(|l| l.strip_prefix("Message-ID: ")).unwrap().trim().to_owned())
        .collect()
}

/// Four `rightsdesk send --queued` at once on one data directory, against a
/// slow server, several times over: each of the 50 letters arrives exactly
/// once, and no process calls another live one's message interrupted.
#[test]
fn four_senders_at_once_deliver_each_of_50_letters_exactly_once() {
    for round in 0..2 {
        let sb = Sandbox::with_os_keyring();
        let server = rightsdesk_tests::smtp::smtp(sb.tmp.path(), &["--delay-ms", "20"]);
        let references = queued_letters(&sb, &server, 50);
        let senders: Vec<std::process::Child> =
            (0..4).map(|_| sb.cli(BIN).spawn_keeping_stderr(&["send", "--queued", "--pause-ms", "0"])).collect();
        let mut notes = String::new();
        for child in senders {
            let out = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(out.status.success(), "round {round}: a sender failed: {err}");
            notes.push_str(&err);
        }
        assert!(!notes.contains("were being sent when RightsDesk stopped"), "round {round}: {notes}");
        assert!(!notes.contains("may or may not have arrived"), "round {round}: {notes}");
        let mut ids = delivered_message_ids(&server);
        assert_eq!(ids.len(), 50, "round {round}: the server received exactly 50 messages");
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 50, "round {round}: none twice");
        let outbox = sb.cli(BIN).run(&["outbox", "list", "--json"]).ok().json();
        assert!(outbox.as_array().unwrap().iter().all(|i| i["state"] == "sent"), "{outbox}");
        for r in references.iter().step_by(10) {
            assert_eq!(sb.cli(BIN).run(&["request", "show", r, "--json"]).ok().json()["summary"]["status"], "sent");
        }
    }
}

/// Four senders, and the one sending is killed with SIGKILL mid-run; then a
/// restart. Every letter is delivered once or shown `uncertain` for the user
/// to decide — none twice.
#[test]
fn a_sender_killed_among_four_leaves_every_letter_delivered_once_or_uncertain() {
    let sb = Sandbox::with_os_keyring();
    let server = rightsdesk_tests::smtp::smtp(sb.tmp.path(), &["--delay-ms", "20"]);
    queued_letters(&sb, &server, 50);
    let mut first = sb.cli(BIN).spawn(&["send", "--queued", "--pause-ms", "10"]);
    let started = std::time::Instant::now();
    while rightsdesk_tests::smtp::delivered(&server).len() < 10 {
        assert!(started.elapsed().as_secs() < 120, "the first sender did not get going");
        assert!(first.try_wait().unwrap().is_none(), "the first sender ended before it could be killed");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    // Three more arrive while the first is mid-batch: they wait for its lock.
    let others: Vec<std::process::Child> =
        (0..3).map(|_| sb.cli(BIN).spawn_keeping_stderr(&["send", "--queued", "--pause-ms", "0"])).collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    first.kill().unwrap(); // SIGKILL, mid-run
    first.wait().unwrap();
    let mut waited = false;
    for child in others {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{err}");
        waited |= err.contains("another RightsDesk is sending");
    }
    assert!(waited, "a second sender says plainly that it waits for the first");
    // The restart: whatever is left goes, nothing twice.
    sb.cli(BIN).run(&["send", "--queued", "--pause-ms", "0"]).ok();
    let outbox = sb.cli(BIN).run(&["outbox", "list", "--json"]).ok().json();
    let items = outbox.as_array().unwrap();
    let ids = delivered_message_ids(&server);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "no message twice");
    let uncertain: Vec<&serde_json::Value> = items.iter().filter(|i| i["state"] == "uncertain").collect();
    assert!(uncertain.len() <= 1, "only the message in flight at the kill is in doubt: {outbox}");
    for item in items {
        let id = item["message_id"].as_str().unwrap().to_owned();
        match item["state"].as_str().unwrap() {
            "sent" => assert!(ids.contains(&id), "sent means delivered: {item}"),
            "uncertain" => {}
            other => panic!("every letter is sent or uncertain, not {other}: {item}"),
        }
    }
    let sent = items.iter().filter(|i| i["state"] == "sent").count();
    let in_doubt_arrived =
        uncertain.iter().filter(|u| ids.contains(&u["message_id"].as_str().unwrap().to_owned())).count();
    assert_eq!(items.len(), 50);
    assert_eq!(
        ids.len(),
        sent + in_doubt_arrived,
        "the server has exactly the sent ones (and perhaps the one in doubt)"
    );
}

/// `mail round` runs the app's minute round once from the command line: the
/// account's schedule decides whether it is fetched (just fetched → not due).
#[test]
fn a_mail_round_from_the_command_line_follows_the_fetch_schedule() {
    let (sb, mailbox) = keyring_sandbox_with_mailbox();
    let run = |args: &[&str]| sb.cli(BIN).run(args);
    add_account(&sb, &mailbox, &["--smtp-host", "smtp.example.org", "--fetch-every", "15"]);
    let new =
        run(&["request", "new", "--person", "1", "--controller", "spotify", "--kind", "access", "--json"]).ok().json();
    let reference = new["summary"]["reference"].as_str().unwrap().to_owned();
    mailbox.deliver(
        "INBOX",
        format!("From: privacy@spotify.com\r\nSubject: Re: {reference}\r\nMessage-ID: <r1@spotify.com>\r\n\r\nHi.\r\n")
            .as_bytes(),
    );
    let first = run(&["mail", "round", "--json"]).ok().json();
    assert_eq!(first["fetched_accounts"], serde_json::json!([1]), "{first}");
    assert_eq!(first["new_mail"], 1);
    let second = run(&["mail", "round", "--json"]).ok().json();
    assert_eq!(second["fetched_accounts"], serde_json::json!([]), "fetched a moment ago: not due ({second})");
    let shown = run(&["request", "show", &reference, "--json"]).ok().json();
    assert!(shown.to_string().contains("mail_received"), "the reply was filed by the round");
}

#[test]
fn the_persons_voice_is_asked_once_and_used_in_every_letter() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    let jane = run(&[
        "person",
        "add",
        "--name",
        "Anna Kowalska",
        "--voice",
        "feminine",
        "--form-of-address",
        "Pani",
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(jane["voice"], "feminine");
    let id = jane["id"].to_string();
    let letter = |args: &[&str]| {
        let new = run(&[
            &["request", "new", "--person", &id, "--controller", "tiktok", "--lang", "pl"][..],
            args,
            &["--json"],
        ]
        .concat())
        .ok()
        .json();
        run(&["request", "render", new["summary"]["reference"].as_str().unwrap()]).ok().stdout
    };
    let feminine = letter(&["--kind", "withdraw_consent"]);
    assert!(feminine.contains("której udzieliłam Państwu") && !feminine.contains("udzieliłem"), "{feminine}");
    assert!(feminine.contains("Forma zwracania się: Pani"), "{feminine}");

    run(&["person", "edit", &id, "--voice", "neutral", "--form-of-address", ""]).ok();
    let neutral = letter(&["--kind", "withdraw_consent"]);
    assert!(neutral.contains("udzieloną Państwu przeze mnie") && !neutral.contains("Forma zwracania"), "{neutral}");
    let shown = run(&["person", "show", &id]).ok().stdout;
    assert!(shown.contains("Neutral (no gender)"), "{shown}");

    let bad = run(&["person", "edit", &id, "--voice", "plural"]).fails_with(2);
    assert!(bad.stderr.contains("neutral"), "lists the voices: {}", bad.stderr);
}

#[test]
fn the_letter_book_is_printed_for_review_without_a_store() {
    let sb = Sandbox::new();
    let book = sb.tmp.path().join("book.pdf");
    let made = sb
        .cli(BIN)
        .run(&["letters", "book", "--lang", "pl", "--voice", "feminine", "--out", book.to_str().unwrap(), "--json"])
        .ok()
        .json();
    assert_eq!(made["path"], book.to_str().unwrap());
    let bytes = std::fs::read(&book).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 20_000, "{} bytes", bytes.len());
    let bad = sb.cli(BIN).run(&["letters", "book", "--lang", "xx", "--out", book.to_str().unwrap()]).fails_with(1);
    assert!(bad.stderr.contains("en, de, fr"), "{}", bad.stderr);
    assert_eq!(std::fs::read(&book).unwrap(), bytes, "a refused run leaves the earlier book alone");
}

#[test]
fn the_basis_on_any_day_from_the_command_line() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    let july = run(&["controller", "basis", "tiktok", "--purpose", "personalised_ads", "--on", "2022-07-12", "--json"])
        .ok()
        .json();
    assert_eq!(july["on"], "2022-07-12");
    let purposes = july["purposes"].as_array().unwrap();
    assert_eq!(purposes.len(), 1);
    assert_eq!(purposes[0]["basis"], "consent", "an announced change is not a change in force");
    assert!(purposes[0]["claim"]["source"]["quote"].as_str().unwrap().contains("With your consent"));
    assert_eq!(purposes[0]["announced"][0]["basis"], "legitimate_interests");
    let text = run(&["controller", "basis", "tiktok", "--on", "2022-07-12"]).ok().stdout;
    assert!(text.contains("announced, not applied: legitimate interests from 2022-07-13"), "{text}");
    let bad = run(&["controller", "basis", "tiktok", "--purpose", "ads"]).fails_with(1);
    assert!(bad.stderr.contains("--purpose"), "{}", bad.stderr);
    let day = run(&["controller", "basis", "tiktok", "--on", "12.07.2022"]).fails_with(1);
    assert!(day.stderr.contains("is not a date like"), "{}", day.stderr);
}

/// The policy watch from the command line: two versions of TikTok's policy
/// imported as files, the second moving personalised ads to legitimate
/// interests; `policy changes --json` in the issue's shape; a file that is no
/// policy (empty, binary, 50 MB) is refused with exit 1 and nothing stored.
#[test]
fn policy_versions_and_their_changes_from_the_command_line() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    let dir = sb.tmp.path();
    let text = |ads: &str| {
        format!(
            "# TikTok Privacy Policy\n\n## What we collect\n\nWhat you post, who you follow, how you use the Platform.\n\n\
             ## Legal bases\n\n{ads}\n\n## Your rights\n\nYou can access, correct and delete your information.\n"
        )
    };
    let consent = dir.join("2026-10-01.md");
    std::fs::write(
        &consent,
        text("### Your consent\n\n* With your consent, we show you personalised ads based on your activity."),
    )
    .unwrap();
    let li = dir.join("2026-11-20.md");
    std::fs::write(
        &li,
        text("### Legitimate interests\n\n* We show you personalised ads as necessary for our legitimate interests."),
    )
    .unwrap();

    let first = run(&[
        "policy",
        "import",
        "--platform",
        "tiktok",
        "--recorded",
        "2026-10-01",
        consent.to_str().unwrap(),
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(first["added"], true);
    let again = run(&[
        "policy",
        "import",
        "--platform",
        "tiktok",
        "--recorded",
        "2026-10-02",
        consent.to_str().unwrap(),
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(again["added"], false, "the same text is one version");
    run(&[
        "policy",
        "import",
        "--platform",
        "tiktok",
        "--recorded",
        "2026-11-20",
        "--commit",
        "abc1234",
        li.to_str().unwrap(),
    ])
    .ok();

    let changes = run(&["policy", "changes", "tiktok", "--json"]).ok().json();
    let list = changes.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["recorded"], "2026-10-01");
    assert_eq!(list[0]["basis_related"], false);
    assert_eq!(list[1]["recorded"], "2026-11-20");
    assert_eq!(list[1]["basis_related"], true);
    assert!(list[1]["claims_needing_review"].is_array());
    let suggested = list[1]["suggested"].as_array().unwrap();
    assert!(
        suggested.iter().any(|s| s["purpose"] == "personalised_ads"
            && s["basis"] == "legitimate_interests"
            && s["quote"].as_str().unwrap().contains("legitimate interests")),
        "{suggested:?}"
    );
    let text_out = run(&["policy", "changes", "tiktok", "--diff"]).ok().stdout;
    assert!(text_out.contains("BASIS-RELATED") && text_out.contains("+ We show you personalised ads"), "{text_out}");

    // Not a policy: refused, nothing stored.
    let empty = dir.join("empty.md");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.join("image.md");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let huge = dir.join("huge.md");
    std::fs::File::create(&huge).unwrap().set_len(50 * 1024 * 1024).unwrap();
    for (file, says) in [(&empty, "empty"), (&binary, "binary"), (&huge, "MiB")] {
        let out =
            run(&["policy", "import", "--platform", "tiktok", "--recorded", "2026-12-01", file.to_str().unwrap()])
                .fails_with(1);
        assert!(out.stderr.contains(says), "{says}: {}", out.stderr);
    }
    let after = run(&["policy", "changes", "tiktok", "--json"]).ok().json();
    assert_eq!(after.as_array().unwrap().len(), 2, "nothing was stored");

    // A registry update address that does not answer: a clear error.
    let out = run(&["registry", "update", "--url", "http://127.0.0.1:9/none.json"]).fails_with(2);
    assert!(out.stderr.contains("could not connect") || out.stderr.contains("cannot download"), "{}", out.stderr);
}

#[test]
fn a_letter_submitted_through_the_controllers_web_form_is_sent_and_received_that_day() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    run(&["person", "add", "--name", "Ada Lovelace", "--email", "ada@example.org"]).ok();
    let new =
        run(&["request", "new", "--person", "1", "--controller", "tiktok", "--kind", "access", "--json"]).ok().json();
    let reference = new["summary"]["reference"].as_str().unwrap().to_owned();
    // TikTok has no e-mail on record: its privacy form comes first, then post.
    let ways: Vec<&str> =
        new["letter"]["ways"].as_array().unwrap().iter().map(|w| w["way"].as_str().unwrap()).collect();
    assert_eq!(ways, ["web_form", "post"]);
    assert_eq!(new["letter"]["ways"][0]["target"], "https://www.tiktok.com/legal/report/privacy");
    let text = run(&["request", "show", &reference]).ok();
    assert!(
        text.stdout.contains("Send through their form: https://www.tiktok.com/legal/report/privacy"),
        "{}",
        text.stdout
    );

    // A confirmation that cannot be kept leaves the request a draft.
    let empty = sb.tmp.path().join("empty.png");
    std::fs::write(&empty, b"").unwrap();
    let refused =
        run(&["request", "sent-by-form", &reference, "--confirmation", empty.to_str().unwrap()]).fails_with(1);
    assert!(refused.stderr.contains("empty"), "{}", refused.stderr);
    let still = run(&["request", "show", &reference, "--json"]).ok().json();
    assert_eq!(still["summary"]["status"], "draft");
    assert_eq!(still["attachments"].as_array().unwrap().len(), 0);

    let shot = sb.tmp.path().join("tiktok-confirmation.png");
    std::fs::write(&shot, b"\x89PNG\r\n\x1a\n a screenshot").unwrap();
    let sent = run(&[
        "request",
        "sent-by-form",
        &reference,
        "--confirmation",
        shot.to_str().unwrap(),
        "--date",
        "2025-11-25",
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(sent["summary"]["status"], "sent");
    assert_eq!(sent["dates"]["sent"], "2025-11-25");
    assert_eq!(sent["dates"]["received"], "2025-11-25");
    // Counted from the submission, with Irish holidays (docs/legal.md §3).
    assert_eq!(sent["running"]["deadline"]["due"], "2025-12-29");
    assert_eq!(sent["attachments"][0]["name"], "tiktok-confirmation.png");
    assert_eq!(sent["attachments"][0]["mime"], "image/png");
    let again = run(&["request", "sent-by-form", &reference]).fails_with(1);
    assert!(again.stderr.contains("already"), "{}", again.stderr);
}

#[test]
fn reports_projects_and_publication_exports_from_the_command_line() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    run(&["person", "add", "--name", "Ada Lovelace", "--email", "ada@example.org"]).ok();
    run(&["person", "add", "--name", "Grace Hopper", "--email", "grace@example.org"]).ok();
    let new = |person: &str, controller: &str| {
        let r = run(&["request", "new", "--person", person, "--controller", controller, "--kind", "access", "--json"])
            .ok()
            .json();
        r["summary"]["reference"].as_str().unwrap().to_owned()
    };
    // Sent Mon 2 March 2026 (due Thu 2 April): one on the deadline day, one late, one never.
    let (a, b, c) = (new("1", "tiktok"), new("2", "tiktok"), new("1", "facebook"));
    let draft = new("2", "facebook");
    for r in [&a, &b, &c] {
        run(&["request", "mark", r, "--sent", "2026-03-02"]).ok();
    }
    run(&["request", "mark", &a, "--answered", "2026-04-02", "--complete"]).ok();
    run(&["request", "mark", &b, "--answered", "2026-04-20", "--partial"]).ok();

    let r = run(&["report", "--json"]).ok().json();
    assert_eq!(r["total"]["sent"], 3, "{r}");
    assert_eq!(r["drafts"], 1);
    assert_eq!(r["total"]["answered"], 2);
    assert_eq!(r["total"]["answered_in_time"], 1);
    assert_eq!(r["total"]["never_answered"], 1);
    assert_eq!(r["total"]["median_days_to_first_answer"], 40.0);
    let rate = &r["total"]["response_rate"];
    assert!((rate["value"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9, "{rate}");
    assert!(rate["ci_low"].as_f64().unwrap() < 0.667 && rate["ci_high"].as_f64().unwrap() > 0.667);
    let keys: Vec<&str> = r["groups"].as_array().unwrap().iter().map(|g| g["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["facebook", "tiktok"]);
    assert_eq!(r["groups"][1]["too_small"], true);
    assert!(r["methodology"].as_str().unwrap().contains("Wilson"));

    // A project with a tag narrows the report; the text and CSV say the same.
    run(&["project", "create", "Platform study", "--description", "Round 1"]).ok();
    run(&["project", "add", "Platform study", &a, &c]).ok();
    run(&["request", "tag", "--tag", "Round 1", &a, &b]).ok();
    let p = run(&["report", "--project", "Platform study", "--by", "kind", "--json"]).ok().json();
    assert_eq!((p["total"]["sent"].as_u64(), p["groups"][0]["key"].as_str()), (Some(2), Some("access")));
    assert!(p["methodology"].as_str().unwrap().contains("in the project “Platform study”"));
    let t = run(&["report", "--tag", "round 1", "--json"]).ok().json();
    assert_eq!(t["total"]["sent"], 2);
    let csv = run(&["report", "--csv"]).ok().stdout;
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("key,label,sent,answered,answered_in_time"), "{csv}");
    assert!(lines[1].starts_with("total,All requests,3,2,1,"), "{csv}");
    assert_eq!(lines.len(), 4);
    let charts = sb.tmp.path().join("charts");
    run(&["report", "--charts", charts.to_str().unwrap()]).ok();
    let histogram = std::fs::read_to_string(charts.join("report-histogram.svg")).unwrap();
    assert!(histogram.starts_with("<svg") && histogram.contains("31–45"), "{histogram}");
    let outcomes = std::fs::read_to_string(charts.join("report-outcomes.svg")).unwrap();
    assert!(outcomes.contains("TikTok") && outcomes.contains("currentColor"), "{outcomes}");
    let pdf = sb.tmp.path().join("report.pdf");
    let out = run(&["report", "--pdf", pdf.to_str().unwrap()]).ok();
    assert!(out.stderr.contains("report written to"), "{}", out.stderr);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 20_000, "{} bytes", bytes.len());
    let text = run(&["report"]).ok().stdout;
    assert!(text.contains("3 requests counted") && text.contains("too small to compare"), "{text}");
    let projects = run(&["project", "list", "--json"]).ok().json();
    assert_eq!(projects[0]["requests"], 2);
    assert_eq!(projects[0]["tags"], serde_json::json!(["round 1"]));

    // The embargo keeps c out of the publication export; pseudonymised rows name no one.
    run(&["request", "embargo", &c, "--until", "2099-01-01"]).ok();
    let bad = run(&["request", "embargo", &c, "--until", "soon"]).fails_with(1);
    assert!(bad.stderr.contains("until"), "{}", bad.stderr);
    let out = sb.tmp.path().join("rows.csv");
    let written =
        run(&["export", "requests", "--pseudonymise", "--include-embargoed", "--out", out.to_str().unwrap()]).ok();
    assert!(written.stdout.contains("Wrote 2 requests"), "{}", written.stdout);
    let rows = std::fs::read_to_string(&out).unwrap();
    assert!(!rows.contains("Ada") && !rows.contains("Grace") && !rows.contains("example.org"), "{rows}");
    assert!(!rows.contains("round 1") && !rows.contains(&c) && !rows.contains(&draft), "{rows}");
    assert!(rows.contains(&format!("{a},P1,tiktok")) && rows.contains(&format!("{b},P2,tiktok")), "{rows}");
    let json_out = sb.tmp.path().join("rows.json");
    run(&["export", "requests", "--include-embargoed", "--json", "--out", json_out.to_str().unwrap()]).ok();
    let rows: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json_out).unwrap()).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3, "not pseudonymised and asked for: the embargoed one is there");
    assert_eq!(rows[0]["person"], "Ada Lovelace");
    assert_eq!(rows[0]["answer"], "in_time");
    assert_eq!(rows[2]["embargo_until"], "2099-01-01");

    let zip = sb.tmp.path().join("evidence.zip");
    let e = run(&["export", "evidence", "--project", "Platform study", "--out", zip.to_str().unwrap(), "--json"])
        .ok()
        .json();
    assert_eq!(e["requests"], 2, "{e}");
    // Per request its letter and timeline, then the manifest and SHA256SUMS.
    assert_eq!(e["files"], 6, "{e}");
    assert!(std::fs::read(&zip).unwrap().starts_with(b"PK"));
    let none = run(&["export", "evidence", "--out", zip.to_str().unwrap()]).fails_with(1);
    assert!(none.stderr.contains("--project"), "{}", none.stderr);

    run(&["project", "delete", "Platform study"]).ok();
    let gone = run(&["report", "--project", "Platform study", "--json"]).fails_with(1);
    assert_eq!(gone.json()["error"]["code"], "not_found");
}

/// `account add --auto`: the servers from the provider's autoconfig (served
/// on 127.0.0.1, found through a local DNS), added only once confirmed, with
/// a separate IMAP password, and tested against the real servers.
#[test]
fn account_add_auto_proposes_asks_and_keeps_a_separate_imap_password() {
    let sb = initialised_in(Sandbox::with_os_keyring());
    let dir = sb.tmp.path().join("servers");
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key) = rightsdesk_tests::smtp::certificate(&dir);
    let smtp = rightsdesk_tests::smtp::smtp(&dir, &[]);
    let imap = rightsdesk_tests::imap::dovecot(&dir, &cert, &key, "imap-only-secret");
    let autoconfig = format!(
        r#"<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="example.org">
        <domain>example.org</domain><displayName>Example Org Mail</displayName>
        <incomingServer type="imap"><hostname>127.0.0.1</hostname><port>{}</port><socketType>SSL</socketType>
          <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></incomingServer>
        <outgoingServer type="smtp"><hostname>127.0.0.1</hostname><port>{}</port><socketType>STARTTLS</socketType>
          <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></outgoingServer>
        </emailProvider></clientConfig>"#,
        imap.port, smtp.port
    );
    let mut routes = rightsdesk_tests::Routes::new();
    routes.insert(
        "/mail/config-v1.1.xml?emailaddress=ada%40example.org".into(),
        (200, "text/xml", autoconfig.into_bytes()),
    );
    let web = rightsdesk_tests::WebServer::start(routes);
    let web_port = web.base.rsplit(':').next().unwrap().to_owned();
    let dns = rightsdesk_tests::dns::dnsmasq(&["--host-record=autoconfig.example.org,127.0.0.1"]);
    let ports = format!("{},{web_port}", rightsdesk_tests::smtp::free_port());
    let cert_s = cert.display().to_string();
    let add = ["account", "add", "--email", "ada@example.org", "--auto", "--trust-certificate", &cert_s];
    let cli = || {
        sb.cli(BIN)
            .passphrase(PASS)
            .env("RIGHTSDESK_NAMESERVER", &dns.addr.to_string())
            .env("RIGHTSDESK_AUTOCONFIG_PORTS", &ports)
    };
    // Declined: nothing stored, and the proposal was shown with its source.
    let no = cli().run_with_stdin(&add, "n\n").fails_with(1);
    assert!(
        no.stdout.contains("autoconfig") && no.stdout.contains(&format!("127.0.0.1:{}", smtp.port)),
        "{}",
        no.stdout
    );
    assert!(no.stderr.contains("nothing was stored"), "{}", no.stderr);
    assert_eq!(cli().run(&["account", "list", "--json"]).ok().json(), serde_json::json!([]));
    // Accepted: the SMTP password on the next line, the IMAP one from its variable.
    let added = cli()
        .env("RIGHTSDESK_MAIL_IMAP_PASSWORD", "imap-only-secret")
        .run_with_stdin(&[&add[..], &["--json"]].concat(), "y\napp-password-1\n")
        .ok()
        .json();
    assert_eq!(
        (added["smtp_port"].as_u64(), added["imap_port"].as_u64()),
        (Some(smtp.port.into()), Some(imap.port.into()))
    );
    assert_eq!(
        (added["has_password"].as_bool(), added["has_imap_password"].as_bool()),
        (Some(true), Some(true)),
        "{added}"
    );
    let checks = cli().run(&["account", "test", "1", "--json"]).ok().json();
    assert_eq!(checks.as_array().map(|c| c.iter().all(|c| c["ok"] == true)), Some(true), "{checks}");
    // One password for both again: the IMAP server refuses it, in its own words.
    cli().run(&["account", "password", "1", "--same-for-imap"]).ok();
    let refused = cli().run(&["account", "test", "1"]).fails_with(2);
    assert!(refused.stdout.contains("✓ SMTP") && refused.stdout.contains("✗ IMAP"), "{}", refused.stdout);
    cli().run_with_stdin(&["account", "password", "1", "--imap"], "imap-only-secret\n").ok();
    cli().run(&["account", "test", "1"]).ok();
    // The passwords are in the keyring: no file of the data directory (database, WAL, logs) holds them.
    for f in std::fs::read_dir(sb.data_dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()) {
        let raw = std::fs::read(&f).unwrap();
        assert!(!raw.windows(16).any(|w| w == b"imap-only-secret"), "{} holds the password", f.display());
    }
}

/// `account add` with a provider's OAuth2 endpoints, then `account login`:
/// the address printed (no browser here), the browser's part played by the
/// test, the tokens in the keyring; `account test` logs in with XOAUTH2.
#[test]
fn account_login_signs_in_through_the_printed_address_and_the_account_then_works() {
    use std::io::{BufRead, BufReader};
    let sb = initialised_in(Sandbox::with_os_keyring());
    let dir = sb.tmp.path().join("servers");
    std::fs::create_dir_all(&dir).unwrap();
    let oauth = rightsdesk_tests::oauth::oauth_server(&[]);
    let smtp = rightsdesk_tests::smtp::smtp(&dir, &["--introspect", &oauth.introspect_url()]);
    let settings = oauth.settings();
    let (port, cert) = (smtp.port.to_string(), smtp.cert.display().to_string());
    let cli = || sb.cli(BIN).passphrase(PASS);
    let add = [
        "account",
        "add",
        "--email",
        "ada@example.org",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &port,
        "--trust-certificate",
        &cert,
        "--oauth-auth-url",
        &settings.auth_url,
        "--oauth-token-url",
        &settings.token_url,
        "--oauth-scopes",
        &settings.scopes,
    ];
    // Without a client id the account is not added.
    let none = cli().run(&add).fails_with(1);
    assert!(none.stderr.contains("client id"), "{}", none.stderr);
    assert_eq!(cli().run(&["account", "list", "--json"]).ok().json(), serde_json::json!([]));
    // The client id of the app registration, set once (the environment's would do as well).
    let none_yet = cli().run(&["account", "client-id", "--json"]).ok().json();
    assert_eq!(none_yet, serde_json::json!({"value": null, "from": "none"}));
    assert!(cli().run(&["account", "client-id", "two words"]).fails_with(1).stderr.contains("one word"));
    let set = cli().run(&["account", "client-id", rightsdesk_tests::oauth::CLIENT_ID, "--json"]).ok().json();
    assert_eq!(set["from"], "settings", "{set}");
    let added = cli().run(&[&add[..], &["--json"]].concat()).ok().json();
    assert_eq!(added["oauth"]["client_id"], rightsdesk_tests::oauth::CLIENT_ID, "{added}");
    assert_eq!((added["signed_in"].as_bool(), added["has_password"].as_bool()), (Some(false), Some(false)), "{added}");
    let before = cli().run(&["account", "test", "1"]).fails_with(1);
    assert!(before.stderr.contains("sign in again"), "{}", before.stderr);

    let mut login = cli().spawn_keeping_stderr(&["account", "login", "1", "--no-browser"]);
    let mut stderr = BufReader::new(login.stderr.take().unwrap());
    let mut url = String::new();
    while !url.contains("/authorize?") {
        url.clear();
        assert!(stderr.read_line(&mut url).unwrap() > 0, "the address was never printed");
    }
    let page = rightsdesk_tests::oauth::browser(url.trim()).join().unwrap();
    assert!(page.contains("you are signed in"), "{page}");
    assert!(login.wait().unwrap().success());
    let shown = cli().run(&["account", "list", "--json"]).ok().json();
    assert_eq!(shown[0]["signed_in"], true, "{shown}");
    let checks = cli().run(&["account", "test", "1", "--json"]).ok().json();
    assert_eq!(checks[0]["ok"], true, "{checks}");
    // The provider ends the sign-in: the server's refusal is shown, and the tokens stay
    // until the user signs in again (a refusal never deletes what the user has).
    oauth.control("revoke");
    oauth.control("expire");
    let refused = cli().run(&["account", "test", "1"]).fails_with(2);
    assert!(refused.stdout.contains("✗ SMTP") && refused.stdout.contains("535"), "{}", refused.stdout);
    assert_eq!(cli().run(&["account", "list", "--json"]).ok().json()[0]["signed_in"], true);
}

#[test]
fn account_discover_proposes_servers_from_the_address_and_says_where_they_come_from() {
    let sb = Sandbox::new();
    let gmx = sb.cli(BIN).run(&["--json", "account", "discover", "ada@gmx.de"]).ok().json();
    assert_eq!(gmx["source"]["kind"], "builtin", "{gmx}");
    assert!(gmx["source"]["ispdb"].as_str().unwrap().contains("c6ad796"));
    assert_eq!(gmx["imap"]["host"], "imap.gmx.net");
    assert_eq!(gmx["smtp"]["host"], "mail.gmx.net");
    assert!(gmx["enable_imap_url"].as_str().is_some_and(|u| u.starts_with("https://")), "{gmx}");
    let text = sb.cli(BIN).run(&["account", "discover", "ada@gmail.com"]).ok().stdout;
    assert!(text.contains("built-in table"), "{text}");
    assert!(text.contains("IMAP imap.gmail.com:993 (tls)"), "{text}");
    assert!(text.contains("OAuth2 sign-in"), "{text}");
    // Beyond the table the network is asked: here a dnsmasq on 127.0.0.1 that knows
    // only an MX record (RIGHTSDESK_NAMESERVER), and a web server for autoconfig that
    // has no file (RIGHTSDESK_AUTOCONFIG_PORTS).
    let dns = rightsdesk_tests::dns::dnsmasq(&[
        "--mx-host=newsroom.test,newsroom-test.mail.protection.outlook.com,0",
        "--host-record=rightsdesk-unknown.example,127.0.0.1",
    ]);
    let web = rightsdesk_tests::WebServer::start(Default::default());
    let web_port = web.base.rsplit(':').next().unwrap().to_owned();
    let ports = format!("{},{web_port}", rightsdesk_tests::smtp::free_port());
    let ask = |address: &str| {
        sb.cli(BIN)
            .env("RIGHTSDESK_NAMESERVER", &dns.addr.to_string())
            .env("RIGHTSDESK_AUTOCONFIG_PORTS", &ports)
            .run(&["--json", "account", "discover", address])
            .ok()
            .json()
    };
    let m365 = ask("sam@newsroom.test");
    assert_eq!(m365["source"]["kind"], "mx", "{m365}");
    assert_eq!(m365["source"]["host"], "newsroom-test.mail.protection.outlook.com");
    assert_eq!(m365["guidance"][0]["step"], "sign_in", "{m365}");
    // Nobody describes the domain: the usual names, a plain sentence, and what was asked.
    let guess = ask("kim@rightsdesk-unknown.example");
    assert_eq!(guess["source"]["kind"], "guess");
    assert_eq!(guess["imap"]["host"], "imap.rightsdesk-unknown.example");
    assert!(guess["sentence"].as_str().unwrap().contains("usual names"));
    assert_eq!(guess["tried"][3]["outcome"], "the server answered 404 Not Found", "{guess}");
    assert_eq!(guess["tried"][4]["outcome"], "no MX records", "{guess}");
    let bad_env =
        sb.cli(BIN).env("RIGHTSDESK_NAMESERVER", "nowhere").run(&["account", "discover", "a@b.test"]).fails_with(1);
    assert!(bad_env.stderr.contains("expected host:port"), "{}", bad_env.stderr);
    let bad = sb.cli(BIN).run(&["account", "discover", "not-an-address"]).fails_with(1);
    assert!(bad.stderr.contains("is not an e-mail address"), "{}", bad.stderr);
    // No data directory is needed, and none is made.
    assert!(!sb.db_path().exists());
}

#[test]
fn people_are_imported_from_a_spreadsheet_csv_once_with_bad_rows_by_line() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    run(&["person", "add", "--name", "Kim", "--email", "kim@example.org"]).ok();
    let dir = sb.data_dir().parent().unwrap().to_owned();
    let csv = dir.join("people.csv");
    // As a German spreadsheet saves "CSV UTF-8": BOM, semicolons, CRLF, quotes.
    std::fs::write(
        &csv,
        "\u{feff}Name;E-Mail;Street;Postal_Code;City;Region;Country;Accounts;Voice\r\n\
         \"Müller; Anna\";anna@example.org;Hauptstr. 1;80331;München;Bayern;DE;tiktok=@anna_m;feminine\r\n\
         Ben Ösel;\"ben@example.org;ben.oesel@example.net\";;10115;Berlin;Berlin;DE;;\r\n\
         Kim;KIM@example.org;;;;;;;\r\n\
         Broken;not-an-address;;;;;;;\r\n\
         Chloé;chloe@example.fr;;;Lyon;;FR;;\r\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();

    let preview = run(&["--json", "person", "import", path, "--dry-run"]).ok().json();
    assert_eq!(preview["committed"], false);
    assert_eq!(preview["added"].as_array().unwrap().len(), 3);
    assert_eq!(run(&["--json", "person", "list"]).ok().json().as_array().unwrap().len(), 1, "a dry run adds nobody");

    let report = run(&["--json", "person", "import", path]).ok().json();
    assert_eq!(report["separator"], ";");
    let added: Vec<&str> =
        report["added"].as_array().unwrap().iter().map(|p| p["display_name"].as_str().unwrap()).collect();
    assert_eq!(added, ["Müller; Anna", "Ben Ösel", "Chloé"]);
    assert_eq!(report["known"][0]["line"], 4);
    assert_eq!(report["known"][0]["because"], "same e-mail address KIM@example.org");
    assert_eq!(report["problems"][0]["line"], 5);
    assert!(report["problems"][0]["reason"].as_str().unwrap().starts_with("email: "), "{report}");

    let anna_id = report["added"][0]["id"].as_i64().unwrap().to_string();
    let anna = run(&["--json", "person", "show", &anna_id]).ok().json();
    assert_eq!(anna["address"]["region"], "Bayern");
    assert_eq!(anna["accounts"][0]["identifier"], "@anna_m");
    assert_eq!(anna["voice"], "feminine");
    let ben = run(&["--json", "person", "show", &report["added"][1]["id"].to_string()]).ok().json();
    assert_eq!(ben["emails"], serde_json::json!(["ben@example.org", "ben.oesel@example.net"]));

    // A re-run adds nobody: everyone is already here.
    let again = run(&["person", "import", path]).ok().stdout;
    assert!(again.contains("0 added, 4 already here, 1 row(s) refused"), "{again}");
    assert!(again.contains("line 5: email:"), "{again}");
    assert_eq!(run(&["--json", "person", "list"]).ok().json().as_array().unwrap().len(), 4);

    // A whole file that cannot be read: exit 1, the reason, nobody added.
    let latin1 = dir.join("latin1.csv");
    std::fs::write(&latin1, b"name;city\nJ\xFCrgen;K\xF6ln\n").unwrap();
    let refused = run(&["person", "import", latin1.to_str().unwrap()]).fails_with(1);
    assert!(refused.stderr.contains("not UTF-8") && refused.stderr.contains("line 2"), "{}", refused.stderr);
    let no_name = dir.join("no-name.csv");
    std::fs::write(&no_name, "email,city\nx@example.org,Bonn\n").unwrap();
    let refused = run(&["person", "import", no_name.to_str().unwrap()]).fails_with(1);
    assert!(refused.stderr.contains("no \"name\" column"), "{}", refused.stderr);
    run(&["person", "import", dir.join("absent.csv").to_str().unwrap()]).fails_with(1);
    assert_eq!(run(&["--json", "person", "list"]).ok().json().as_array().unwrap().len(), 4);
}

#[test]
fn a_person_is_exported_then_erased_after_a_confirmation_that_names_what_goes() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    let id = run(&["--json", "person", "add", "--name", "Rhea Gone", "--email", "rhea@example.org"]).ok().json()["id"]
        .to_string();
    run(&["request", "new", "--person", &id, "--controller", "tiktok", "--kind", "access"]).ok();
    let zip = sb.data_dir().parent().unwrap().join("rhea.zip");
    let written = run(&["--json", "person", "export", &id, "--out", zip.to_str().unwrap()]).ok().json();
    assert!(written["files"].as_u64().unwrap() >= 5, "{written}");
    assert!(zip.exists());

    // Without a terminal, erasing needs --yes; nothing goes.
    let refused = run(&["person", "erase", &id]).fails_with(1);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    run(&["person", "show", &id]).ok();
    let erased = run(&["--json", "person", "erase", &id, "--yes"]).ok().json();
    assert_eq!(erased["requests"], 1);
    assert_eq!(erased["letters"], 1);
    assert_eq!(run(&["--json", "person", "show", &id]).fails_with(1).json()["error"]["code"], "not_found");
    assert_eq!(run(&["--json", "request", "list"]).ok().json().as_array().unwrap().len(), 0);
    run(&["person", "erase", &id, "--yes"]).fails_with(1);
}

#[test]
fn an_organisation_records_a_mandate_renders_it_attaches_the_scan_and_drafts_within_it() {
    let sb = initialised();
    let run = |args: &[&str]| sb.cli(BIN).passphrase(PASS).run(args);
    let dir = sb.tmp.path();
    run(&["--json", "org", "show"]).ok();
    let org = run(&[
        "--json",
        "org",
        "edit",
        "--name",
        "Digitale Rechte e.V.",
        "--street",
        "Marktplatz 2",
        "--postal-code",
        "20095",
        "--city",
        "Hamburg",
        "--country",
        "DE",
        "--not-for-profit",
        "true",
        "--public-interest",
        "true",
        "--data-protection",
        "true",
    ])
    .fails_with(1);
    assert!(org.stderr.contains("evidence"), "Art. 80(1) standing needs its source: {}", org.stderr);
    run(&["org", "edit", "--name", "Digitale Rechte e.V.", "--evidence", "Satzung § 2"]).ok();
    let shown = run(&["org", "show"]).ok().stdout;
    assert!(shown.contains("Digitale Rechte e.V.") && shown.contains("Art. 80(1): may not act"), "{shown}");

    let ada = run(&[
        "--json",
        "person",
        "add",
        "--name",
        "Ada Vertreten",
        "--email",
        "ada@example.org",
        "--represented",
        "true",
    ])
    .ok()
    .json()["id"]
        .to_string();
    let refused =
        run(&["request", "new", "--person", &ada, "--controller", "tiktok", "--kind", "access"]).fails_with(1);
    assert!(refused.stderr.contains("none is recorded"), "{}", refused.stderr);

    let bad =
        run(&["mandate", "add", &ada, "--kind", "authority", "--lang", "de", "--right", "complaint"]).fails_with(1);
    assert!(bad.stderr.contains("--right: a letter of authority cannot cover complaint"), "{}", bad.stderr);
    let m = run(&[
        "--json",
        "mandate",
        "add",
        &ada,
        "--kind",
        "authority",
        "--lang",
        "de",
        "--right",
        "access",
        "--controller",
        "tiktok",
    ])
    .ok()
    .json();
    assert_eq!(m["state"]["state"], "unsigned");
    let id = m["mandate"]["id"].to_string();
    let text = run(&["mandate", "render", &id]).ok().stdout;
    assert!(text.starts_with("Vollmacht\n") && text.contains("Ada Vertreten"), "{text}");
    let pdf = dir.join("vollmacht.pdf");
    run(&["mandate", "render", &id, "--lang", "en", "--out", pdf.to_str().unwrap()]).ok();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let huge = dir.join("huge.pdf");
    std::fs::File::create(&huge).unwrap().set_len(21 * 1024 * 1024).unwrap();
    let too_big = run(&["mandate", "attach", &id, huge.to_str().unwrap()]).fails_with(1);
    assert!(too_big.stderr.contains("up to 20 MiB"), "{}", too_big.stderr);
    let scan = dir.join("signed.pdf");
    std::fs::write(&scan, b"%PDF-1.4\n% signed\n").unwrap();
    run(&["mandate", "attach", &id, scan.to_str().unwrap()]).ok();
    let today = chrono::Local::now().date_naive().to_string();
    run(&["mandate", "sign", &id, &today]).ok();
    run(&["request", "new", "--person", &ada, "--controller", "tiktok", "--kind", "access"]).ok();
    let list = run(&["--json", "mandate", "list", "--person", &ada]).ok().json();
    assert_eq!(list[0]["mandate"]["document"]["file_name"], "signed.pdf");
    assert_eq!(list[0]["state"]["state"], "active");
    let back = dir.join("back.pdf");
    run(&["mandate", "document", &id, "--out", back.to_str().unwrap()]).ok();
    assert_eq!(std::fs::read(back).unwrap(), std::fs::read(scan).unwrap());
    run(&["mandate", "revoke", &id]).ok();
    let refused =
        run(&["request", "new", "--person", &ada, "--controller", "tiktok", "--kind", "access"]).fails_with(1);
    assert!(refused.stderr.contains("revoked"), "{}", refused.stderr);
}
