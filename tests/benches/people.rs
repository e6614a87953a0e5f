//! People-import benchmark (not a test: it prints figures, asserts nothing).
//!   cargo bench -p rightsdesk-tests --bench people
//! Target (issue "Acting for many people"): importing 10,000 people < 2 s.
//! Timed: reading the CSV, the preview, the import into a fresh encrypted
//! store (one transaction), and a re-run that finds everyone already there.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use rightsdesk_store::{DataDir, KeyChoice, Store};

const PEOPLE: usize = 10_000;

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

/// Like a membership list exported from a spreadsheet: semicolons, a BOM,
/// quoted fields, two e-mail addresses for every tenth person.
fn csv() -> String {
    let mut s = String::from("\u{feff}name;email;street;postal_code;city;region;country;accounts;voice\r\n");
    let cities =
        [("Berlin", "Berlin", "10115"), ("München", "Bayern", "80331"), ("Köln", "Nordrhein-Westfalen", "50667")];
    for i in 0..PEOPLE {
        let (city, region, zip) = cities[i % cities.len()];
        let emails = if i % 10 == 0 {
            format!("\"member{i}@example.org;m{i}@example.net\"")
        } else {
            format!("member{i}@example.org")
        };
        let voice = ["", "feminine", "masculine"][i % 3];
        let _ = write!(
            s,
            "\"Müller, Person {i}\";{emails};Hauptstraße {n};{zip};{city};{region};DE;tiktok=@member{i};{voice}\r\n",
            n = i % 200 + 1
        );
    }
    s
}

fn main() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store =
        Store::create(&DataDir::new(tmp.path().join("data")), KeyChoice::Passphrase("benchmark passphrase"))
            .unwrap_or_else(|e| panic!("{e}"));
    let text = csv();
    println!("people file: {PEOPLE} rows, {:.1} MB", text.len() as f64 / 1e6);

    let t = Instant::now();
    let file = rightsdesk_domain::people_file::read(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    println!("read the CSV: {} ({} rows, {} refused)", secs(t.elapsed()), file.rows.len(), file.problems.len());

    let t = Instant::now();
    let preview =
        rightsdesk_usecases::people::import_bytes(&mut store, text.as_bytes(), false).unwrap_or_else(|e| panic!("{e}"));
    println!("preview (read + who is new): {} ({} to add)", secs(t.elapsed()), preview.added.len());

    let t = Instant::now();
    let done =
        rightsdesk_usecases::people::import_bytes(&mut store, text.as_bytes(), true).unwrap_or_else(|e| panic!("{e}"));
    println!("import {} people into a fresh store: {}  (target < 2 s)", done.added.len(), secs(t.elapsed()));

    let t = Instant::now();
    let again =
        rightsdesk_usecases::people::import_bytes(&mut store, text.as_bytes(), true).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "the same file again: {} ({} added, {} already there)",
        secs(t.elapsed()),
        again.added.len(),
        again.known.len()
    );
}
