//! A file of people, as a spreadsheet writes it (CSV): the rules for reading
//! one, and for telling whether a row is someone RightsDesk already holds.
//!
//! An advocate's people arrive as an export from a membership list or a
//! form tool, not one form at a time. The rules, so that a file is read the
//! same way by both faces and a re-run imports nobody twice:
//! - the first row names the columns, in any order, case and spacing aside
//!   (`name` is required; see [`COLUMNS`], and a few usual other spellings
//!   such as `E-Mail` or `zip`); an unknown column refuses the file rather
//!   than dropping what it holds;
//! - UTF-8 with or without a byte-order mark; anything else (a spreadsheet's
//!   "CSV" in Windows-1252, "Unicode text" in UTF-16) refuses the whole file
//!   with what to do, since a guess would garble names in letters;
//! - comma or semicolon separated, whichever the header row uses; quoted
//!   fields as spreadsheets write them (`"Müller; Anna"`, `""` for a quote,
//!   line breaks inside quotes);
//! - a bad row is reported with the line it starts on and why, and the other
//!   rows still count; a row that is the same person as an earlier row is bad.
//!
//! "The same person" ([`Roster`]): sharing an e-mail address (case aside), or,
//! where a side has no e-mail address, the same name at the same postal
//! address (or the same name with no address at all). Two different people
//! called Anna Müller with different e-mail addresses stay two people.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{AccountId, Id, Invalid, PersonDraft, PostalAddress, Voice};

/// The columns a file may have. `email` and `accounts` hold several values
/// separated by `;` (`accounts`: `platform=id;…`).
pub const COLUMNS: [&str; 12] = [
    "name",
    "email",
    "street",
    "postal_code",
    "city",
    "region",
    "country",
    "accounts",
    "voice",
    "notes",
    "form_of_address",
    "represented",
];

/// Other spellings of a column that spreadsheets and form tools write.
const ALIASES: [(&str, &str); 8] = [
    ("e_mail", "email"),
    ("emails", "email"),
    ("mail", "email"),
    ("display_name", "name"),
    ("postcode", "postal_code"),
    ("zip", "postal_code"),
    ("state", "region"),
    ("account", "accounts"),
];

/// A row the file's reader could not use, by the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RowProblem {
    pub line: u32,
    pub reason: String,
}

/// A row that reads as a valid person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub line: u32,
    /// Validated (`PersonDraft::validate`).
    pub draft: PersonDraft,
}

/// What a file holds: the people it names and the rows it could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleFile {
    /// `,` or `;`.
    pub separator: char,
    pub rows: Vec<PersonRow>,
    pub problems: Vec<RowProblem>,
}

/// Why a whole file is refused (nothing of it is imported).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileRefused {
    #[error("the file is empty: its first row should name the columns (name, email, …)")]
    Empty,
    #[error(
        "the file is UTF-16 (a spreadsheet's \"Unicode text\"); save it as \"CSV UTF-8\" (comma or semicolon separated) and import that"
    )]
    Utf16,
    #[error(
        "the file is not UTF-8: line {line} holds bytes that are not UTF-8 text (probably Windows-1252 or Latin-1); save it as \"CSV UTF-8\" in the spreadsheet and import that"
    )]
    NotUtf8 { line: u32 },
    #[error("the first row has no \"name\" column; it names: {found}. Each person needs a name")]
    NoNameColumn { found: String },
    #[error("column \"{column}\" is not one RightsDesk knows; the columns are: {known}")]
    UnknownColumn { column: String, known: String },
    #[error("column \"{0}\" is named twice in the first row")]
    DuplicateColumn(String),
    #[error("the file cannot be read as CSV at line {line}: {why}")]
    Malformed { line: u32, why: String },
}

/// Reads a people file. Pure: the caller has the bytes.
pub fn read(bytes: &[u8]) -> Result<PeopleFile, FileRefused> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(FileRefused::Utf16);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text =
        std::str::from_utf8(bytes).map_err(|e| FileRefused::NotUtf8 { line: line_of(bytes, e.valid_up_to()) })?;
    if text.trim().is_empty() {
        return Err(FileRefused::Empty);
    }
    let separator = separator_of(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator as u8)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(malformed(&e)),
        None => return Err(FileRefused::Empty),
    };
    let columns = columns_of(&header)?;

    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: Roster<u32> = Roster::default();
    // Lines are counted from byte offsets, as the reader's own count is off
    // after CRLF line ends; counted on from the last row, not from the start.
    let (mut counted_to, mut line) = (0usize, 1u32);
    for record in records {
        let record = record.map_err(|e| malformed(&e))?;
        let mut at = record.position().map_or(counted_to, |p| p.byte() as usize).max(counted_to);
        // After "\r\n" a record's position is at the "\n": its line starts past it.
        while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        line += bytes_newlines(&text.as_bytes()[counted_to..at]);
        counted_to = at;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // a spreadsheet's trailing ";;;;" rows
        }
        if record.len() != columns.len() {
            problems.push(RowProblem {
                line,
                reason: format!("has {} fields, the first row names {} columns", record.len(), columns.len()),
            });
            continue;
        }
        match person_of(&columns, &record) {
            Err(reason) => problems.push(RowProblem { line, reason }),
            Ok(draft) => match seen.find(&draft) {
                Some((earlier, why)) => {
                    problems.push(RowProblem { line, reason: format!("the same person as line {earlier} ({why})") })
                }
                None => {
                    seen.add(&draft, line);
                    rows.push(PersonRow { line, draft });
                }
            },
        }
    }
    Ok(PeopleFile { separator, rows, problems })
}

/// The line (1-based) the byte at `offset` is on.
fn line_of(bytes: &[u8], offset: usize) -> u32 {
    bytes_newlines(&bytes[..offset.min(bytes.len())]) + 1
}

fn bytes_newlines(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u32
}

fn malformed(e: &csv::Error) -> FileRefused {
    let line = e.position().map_or(0, |p| p.line()) as u32; // the reader's count: near enough for a fault
    FileRefused::Malformed { line, why: e.to_string() }
}

/// `;` where the header row has more semicolons than commas outside quotes
/// (German and French spreadsheets write `;`), else `,`.
fn separator_of(text: &str) -> char {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\n' if !quoted => break,
            _ => {}
        }
    }
    if semicolons > commas { ';' } else { ',' }
}

fn columns_of(header: &csv::StringRecord) -> Result<Vec<&'static str>, FileRefused> {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase().replace([' ', '-'], "_")).collect();
    let mut columns: Vec<&'static str> = Vec::with_capacity(names.len());
    for name in &names {
        let wanted = ALIASES.iter().find(|(alias, _)| *alias == name.as_str()).map_or(name.as_str(), |(_, c)| c);
        let Some(column) = COLUMNS.iter().find(|c| **c == wanted) else {
            return Err(FileRefused::UnknownColumn { column: name.clone(), known: COLUMNS.join(", ") });
        };
        if columns.contains(column) {
            return Err(FileRefused::DuplicateColumn(name.clone()));
        }
        columns.push(column);
    }
    if !columns.contains(&"name") {
        return Err(FileRefused::NoNameColumn { found: names.join(", ") });
    }
    Ok(columns)
}

/// One row as a validated person, or the row's reason in words.
fn person_of(columns: &[&'static str], record: &csv::StringRecord) -> Result<PersonDraft, String> {
    let mut draft = PersonDraft::default();
    for (column, value) in columns.iter().zip(record.iter()) {
        let value = value.to_owned();
        match *column {
            "name" => draft.display_name = value,
            "email" => draft.emails = value.split([';', ',']).map(str::to_owned).collect(),
            "street" => draft.address.street = value,
            "postal_code" => draft.address.postal_code = value,
            "city" => draft.address.city = value,
            "region" => draft.address.region = value,
            "country" => draft.address.country = value,
            "accounts" => draft.accounts = accounts_of(&value)?,
            "voice" => {
                let v = value.trim().to_lowercase();
                draft.voice = if v.is_empty() {
                    Voice::Neutral
                } else {
                    Voice::parse(&v)
                        .ok_or_else(|| format!("voice “{}” is none of: neutral, feminine, masculine", value.trim()))?
                };
            }
            "notes" => draft.notes = value,
            "form_of_address" => draft.form_of_address = value,
            // Someone the organisation acts for: their letters need a mandate.
            "represented" => {
                draft.represented = match value.trim().to_lowercase().as_str() {
                    "" | "no" | "false" | "0" | "nein" | "non" => false,
                    "yes" | "true" | "1" | "ja" | "oui" | "x" => true,
                    _ => return Err(format!("represented “{}” is neither yes nor no", value.trim())),
                };
            }
            _ => {}
        }
    }
    draft.validate().map_err(|Invalid(errors)| {
        errors.iter().map(|e| format!("{}: {}", column_of_field(&e.field), e.message)).collect::<Vec<_>>().join("; ")
    })
}

/// `platform=id;platform=id`.
fn accounts_of(value: &str) -> Result<Vec<AccountId>, String> {
    value
        .split(';')
        .filter(|s| !s.trim().is_empty())
        .map(|spec| {
            AccountId::parse(spec).ok_or_else(|| format!("accounts: “{}” must look like platform=id", spec.trim()))
        })
        .collect()
}

/// A draft's field name (`address.city`, `emails[1]`) as the file's column.
fn column_of_field(field: &str) -> &str {
    match field.split(['[', '.']).next().unwrap_or(field) {
        "display_name" => "name",
        "emails" => "email",
        "address" => field.strip_prefix("address.").unwrap_or(field),
        other => other,
    }
}

/// Who is already known, to tell whether a person is one of them (see the
/// module's rule). `T` is what a match gives back: a stored person's id, or a
/// file's line.
#[derive(Debug, Clone)]
pub struct Roster<T> {
    by_email: HashMap<String, T>,
    by_name: HashMap<String, T>,
}

impl<T> Default for Roster<T> {
    fn default() -> Self {
        Self { by_email: HashMap::new(), by_name: HashMap::new() }
    }
}

/// Why a person matched a known one, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SameBecause {
    Email(String),
    NameAndAddress,
}

impl std::fmt::Display for SameBecause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Email(e) => write!(f, "same e-mail address {e}"),
            Self::NameAndAddress => f.write_str("same name and postal address"),
        }
    }
}

fn folded(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The name-and-address key, where it identifies: always when there is an
/// address, and for a name alone only when there is no e-mail address either.
fn name_key(name: &str, address: &PostalAddress, emails: &[String]) -> Option<String> {
    let has_address = !address.street.trim().is_empty() || !address.postal_code.trim().is_empty();
    (has_address || emails.is_empty())
        .then(|| [name, &address.street, &address.postal_code, &address.city].map(folded).join("\u{1f}"))
}

impl<T: Copy> Roster<T> {
    pub fn add_parts(&mut self, name: &str, address: &PostalAddress, emails: &[String], value: T) {
        for e in emails {
            self.by_email.entry(e.to_lowercase()).or_insert(value);
        }
        if let Some(key) = name_key(name, address, emails) {
            self.by_name.entry(key).or_insert(value);
        }
    }

    pub fn add(&mut self, draft: &PersonDraft, value: T) {
        self.add_parts(&draft.display_name, &draft.address, &draft.emails, value);
    }

    /// The known person this draft is, and why.
    pub fn find(&self, draft: &PersonDraft) -> Option<(T, SameBecause)> {
        for e in &draft.emails {
            if let Some(v) = self.by_email.get(&e.to_lowercase()) {
                return Some((*v, SameBecause::Email(e.clone())));
            }
        }
        let key = name_key(&draft.display_name, &draft.address, &draft.emails)?;
        self.by_name.get(&key).map(|v| (*v, SameBecause::NameAndAddress))
    }
}

/// A person of a file as the import shows them: to be added, added, or
/// already held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportedPerson {
    pub line: u32,
    /// The stored person: the new one once added, or the one already held;
    /// `None` in a preview of someone new.
    pub id: Option<Id>,
    pub display_name: String,
    pub emails: Vec<String>,
    pub city: String,
    /// For someone already held: why they are the same person.
    pub because: String,
}

/// What importing a file did, or (a preview) would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PeopleImport {
    /// `false`: a preview; nothing was written.
    pub committed: bool,
    /// The file's separator, `,` or `;`.
    pub separator: String,
    pub added: Vec<ImportedPerson>,
    /// Already held: not imported again.
    pub known: Vec<ImportedPerson>,
    /// Rows refused, each with its line and reason; the others still count.
    pub problems: Vec<RowProblem>,
}

impl ImportedPerson {
    pub fn of(row: &PersonRow, id: Option<Id>, because: String) -> Self {
        Self {
            line: row.line,
            id,
            display_name: row.draft.display_name.clone(),
            emails: row.draft.emails.clone(),
            city: row.draft.address.city.clone(),
            because,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(file: &PeopleFile) -> Vec<&str> {
        file.rows.iter().map(|r| r.draft.display_name.as_str()).collect()
    }

    #[test]
    fn columns_in_any_order_with_a_bom_and_semicolons_as_german_spreadsheets_write() {
        let csv = "\u{feff}City;Name;E-Mail;postal code;country;accounts;voice\r\n\
                   Berlin;\"Müller; Anna\";anna@example.org;10115;de;tiktok=@anna;feminine\r\n\
                   Köln;Ben;\"ben@example.org;b.b@example.org\";50667;DE;;\r\n";
        let file = read(csv.as_bytes()).unwrap();
        assert_eq!(file.separator, ';');
        assert_eq!(names(&file), ["Müller; Anna", "Ben"]);
        let anna = &file.rows[0].draft;
        assert_eq!(anna.address.city, "Berlin");
        assert_eq!(anna.address.postal_code, "10115");
        assert_eq!(anna.address.country, "DE", "validated, so normalised");
        assert_eq!(anna.accounts, [AccountId { platform: "tiktok".into(), identifier: "@anna".into() }]);
        assert_eq!(anna.voice, Voice::Feminine);
        assert_eq!(file.rows[1].draft.emails, ["ben@example.org", "b.b@example.org"]);
        assert_eq!((file.rows[0].line, file.rows[1].line), (2, 3));
        assert!(file.problems.is_empty());
    }

    #[test]
    fn commas_quotes_and_a_line_break_inside_a_field() {
        let csv =
            "name,email,notes\n\"Doe, Jane\",jane@example.org,\"said \"\"no\"\"\nthen left\"\nBo,bo@example.org,\n";
        let file = read(csv.as_bytes()).unwrap();
        assert_eq!(file.separator, ',');
        assert_eq!(names(&file), ["Doe, Jane", "Bo"]);
        assert_eq!(file.rows[0].draft.notes, "said \"no\"\nthen left");
        assert_eq!(file.rows[1].line, 4, "the line a row starts on, counting the break inside quotes");
    }

    #[test]
    fn each_bad_row_has_its_line_and_reason_and_the_rest_still_count() {
        let csv = "name,email,country,voice,accounts\n\
                   Ada,ada@example.org,GB,,\n\
                   ,nobody@example.org,,,\n\
                   Bad Mail,not-an-address,,,\n\
                   Wrong Country,w@example.org,Germany,,\n\
                   Odd Voice,o@example.org,,plural,\n\
                   Half Account,h@example.org,,,tiktok\n\
                   Short,s@example.org\n\
                   Ada Again,ADA@example.org,,,\n\
                   ,,,,\n\
                   Zoe,zoe@example.org,,,\n";
        let file = read(csv.as_bytes()).unwrap();
        assert_eq!(names(&file), ["Ada", "Zoe"]);
        let lines: Vec<u32> = file.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7, 8, 9]);
        let reason = |line: u32| file.problems.iter().find(|p| p.line == line).map(|p| p.reason.as_str()).unwrap();
        assert!(reason(3).starts_with("name: "), "{}", reason(3));
        assert!(reason(4).starts_with("email: "), "{}", reason(4));
        assert!(reason(5).starts_with("country: "), "{}", reason(5));
        assert!(reason(6).contains("plural"), "{}", reason(6));
        assert!(reason(7).contains("platform=id"), "{}", reason(7));
        assert!(reason(8).contains("2 fields"), "{}", reason(8));
        assert_eq!(reason(9), "the same person as line 2 (same e-mail address ADA@example.org)");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_refused_whole_with_what_to_do() {
        assert_eq!(read(b""), Err(FileRefused::Empty));
        assert_eq!(read(b"\xEF\xBB\xBF \r\n"), Err(FileRefused::Empty));
        // "Müller" in Windows-1252 on line 3.
        assert_eq!(read(b"name,city\nAda,London\nM\xFCller,Bonn\n"), Err(FileRefused::NotUtf8 { line: 3 }));
        assert_eq!(read(b"\xFF\xFEn\x00a\x00"), Err(FileRefused::Utf16));
        assert!(
            matches!(read(b"email,city\na@example.org,Bonn\n"), Err(FileRefused::NoNameColumn { found }) if found == "email, city")
        );
        assert_eq!(read(b"name,Name\nA,B\n"), Err(FileRefused::DuplicateColumn("name".into())));
        let err = read(b"name,phone\nA,1\n").unwrap_err().to_string();
        assert!(err.contains("\"phone\"") && err.contains("postal_code"), "{err}");
    }

    #[test]
    fn the_same_person_by_email_or_by_name_and_address_not_by_name_alone() {
        let mut roster: Roster<Id> = Roster::default();
        let person = |name: &str, emails: &[&str], street: &str| PersonDraft {
            display_name: name.into(),
            emails: emails.iter().map(|s| s.to_string()).collect(),
            address: PostalAddress { street: street.into(), postal_code: "10115".into(), ..Default::default() },
            ..Default::default()
        };
        roster.add(&person("Anna Müller", &["anna@example.org"], "Hauptstr. 1"), 1);
        roster.add(&PersonDraft { display_name: "Solo".into(), ..Default::default() }, 2);
        assert_eq!(roster.find(&person("A. M.", &["ANNA@example.org"], "")).map(|f| f.0), Some(1));
        assert_eq!(
            roster.find(&person("anna  müller", &["other@example.org"], "hauptstr. 1")),
            Some((1, SameBecause::NameAndAddress))
        );
        let no_address = PersonDraft {
            display_name: "Anna Müller".into(),
            emails: vec!["am2@example.org".into()],
            ..Default::default()
        };
        assert_eq!(roster.find(&no_address), None, "another Anna Müller, with her own e-mail address");
        assert_eq!(
            roster.find(&PersonDraft { display_name: " solo ".into(), ..Default::default() }).map(|f| f.0),
            Some(2)
        );
    }

    #[test]
    fn a_represented_column_marks_the_people_an_organisation_acts_for() {
        let f = read(b"name,represented\nAda,yes\nBo,\nCy,nein\nDi,maybe\n").unwrap();
        let marked: Vec<(&str, bool)> =
            f.rows.iter().map(|r| (r.draft.display_name.as_str(), r.draft.represented)).collect();
        assert_eq!(marked, [("Ada", true), ("Bo", false), ("Cy", false)]);
        assert_eq!(f.problems[0].line, 5);
        assert!(f.problems[0].reason.contains("neither yes nor no"), "{}", f.problems[0].reason);
    }
}
