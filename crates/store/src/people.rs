//! People (data subjects): create, read, update, delete.

use rightsdesk_domain::people_file::{ImportedPerson, PeopleFile, PeopleImport, Roster};
use rightsdesk_domain::{AccountId, ErrorCode, Id, Person, PersonDraft, PostalAddress, Voice};
use rusqlite::{OptionalExtension, Row, ToSql, Transaction, params};

use crate::{Error, Result, Store};

const COLUMNS: &str = "id, display_name, street, postal_code, city, region, country, notes, created_at, updated_at, voice, form_of_address, represented";

fn person_from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        display_name: r.get(1)?,
        address: PostalAddress {
            street: r.get(2)?,
            postal_code: r.get(3)?,
            city: r.get(4)?,
            region: r.get(5)?,
            country: r.get(6)?,
        },
        notes: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
        // The column's CHECK admits only the three names.
        voice: Voice::parse(&r.get::<_, String>(10)?).unwrap_or_default(),
        form_of_address: r.get(11)?,
        represented: r.get(12)?,
        emails: Vec::new(),
        accounts: Vec::new(),
    })
}

/// A person's columns as named parameters, for both the INSERT and the UPDATE.
fn values<'a>(draft: &'a PersonDraft, at: &'a &'a str, voice: &'a &'static str) -> [(&'static str, &'a dyn ToSql); 11] {
    let a = &draft.address;
    [
        (":display_name", &draft.display_name),
        (":street", &a.street),
        (":postal_code", &a.postal_code),
        (":city", &a.city),
        (":region", &a.region),
        (":country", &a.country),
        (":notes", &draft.notes),
        (":at", at),
        (":voice", voice),
        (":form_of_address", &draft.form_of_address),
        (":represented", &draft.represented),
    ]
}

fn not_found(id: Id) -> Error {
    Error::new(ErrorCode::NotFound, format!("no person with id {id}"))
}

impl Store {
    /// Everyone, by name. Loads e-mails and accounts in two queries, not one per person.
    pub fn list_people(&self) -> Result<Vec<Person>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM people ORDER BY display_name COLLATE NOCASE, id"))?;
        let mut people: Vec<Person> = stmt.query_map([], person_from_row)?.collect::<rusqlite::Result<_>>()?;
        let index: std::collections::HashMap<Id, usize> = people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();

        let mut stmt =
            self.conn.prepare_cached("SELECT person_id, address FROM person_emails ORDER BY person_id, position")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get::<_, Id>(0)?) {
                people[i].emails.push(r.get(1)?);
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT person_id, platform, identifier FROM person_accounts ORDER BY person_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get::<_, Id>(0)?) {
                people[i].accounts.push(AccountId { platform: r.get(1)?, identifier: r.get(2)? });
            }
        }
        Ok(people)
    }

    pub fn get_person(&self, id: Id) -> Result<Person> {
        let mut person = self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1"), [id], person_from_row)
            .optional()?
            .ok_or_else(|| not_found(id))?;
        let mut stmt =
            self.conn.prepare_cached("SELECT address FROM person_emails WHERE person_id = ?1 ORDER BY position")?;
        person.emails = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, identifier FROM person_accounts WHERE person_id = ?1 ORDER BY position",
        )?;
        person.accounts = stmt
            .query_map([id], |r| Ok(AccountId { platform: r.get(0)?, identifier: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(person)
    }

    pub fn create_person(&mut self, draft: PersonDraft) -> Result<Person> {
        let draft = draft.validate()?;
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        let id = insert_person(&tx, &draft, &at)?;
        tx.commit()?;
        self.get_person(id)
    }

    pub fn update_person(&mut self, id: Id, draft: PersonDraft) -> Result<Person> {
        let draft = draft.validate()?;
        let tx = self.conn.transaction()?;
        let at = self.clock.stamp();
        let voice = draft.voice.as_str();
        let at = at.as_str();
        let mut values = values(&draft, &at, &voice).to_vec();
        values.push((":id", &id));
        let changed = tx.execute(
            "UPDATE people SET display_name = :display_name, street = :street, postal_code = :postal_code, city = :city,
                               region = :region, country = :country, notes = :notes, updated_at = :at,
                               voice = :voice, form_of_address = :form_of_address, represented = :represented
             WHERE id = :id",
            &values[..],
        )?;
        if changed == 0 {
            return Err(not_found(id));
        }
        tx.execute("DELETE FROM person_emails WHERE person_id = ?1", [id])?;
        tx.execute("DELETE FROM person_accounts WHERE person_id = ?1", [id])?;
        write_children(&tx, id, &draft)?;
        tx.commit()?;
        self.get_person(id)
    }

    /// Deletes a person. Refused while requests on their behalf exist: the
    /// record of a request outlives address-book tidying.
    pub fn delete_person(&mut self, id: Id) -> Result<()> {
        let requests: i64 =
            self.conn.query_row("SELECT count(*) FROM requests WHERE person_id = ?1", [id], |r| r.get(0))?;
        if requests > 0 {
            return Err(Error::new(
                ErrorCode::Invalid,
                format!(
                    "this person has {requests} request(s), kept as the record of what was asked on their behalf: \
                     a person with requests cannot be deleted (their details can be edited). Nothing was deleted"
                ),
            ));
        }
        if self.conn.execute("DELETE FROM people WHERE id = ?1", [id])? == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }
}

impl Store {
    /// Imports a read people file: everyone not already held, in one
    /// transaction (all or nothing), so a re-run adds nobody twice and a
    /// fault leaves the store as it was. With `commit` false, a preview: the
    /// same decisions, nothing written. Who is "already held" is the
    /// domain's rule (`people_file::Roster`), checked inside the transaction
    /// so that a second process importing at once cannot slip a twin in.
    pub fn import_people(&mut self, file: &PeopleFile, commit: bool) -> Result<PeopleImport> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut roster: Roster<Id> = Roster::default();
        {
            let mut emails: std::collections::HashMap<Id, Vec<String>> = std::collections::HashMap::new();
            let mut stmt = tx.prepare("SELECT person_id, address FROM person_emails")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                emails.entry(r.get(0)?).or_default().push(r.get(1)?);
            }
            let mut stmt = tx.prepare("SELECT id, display_name, street, postal_code, city FROM people")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let id: Id = r.get(0)?;
                let address =
                    PostalAddress { street: r.get(2)?, postal_code: r.get(3)?, city: r.get(4)?, ..Default::default() };
                let name: String = r.get(1)?;
                roster.add_parts(&name, &address, emails.get(&id).map_or(&[][..], |e| &e[..]), id);
            }
        }
        let at = self.clock.stamp();
        let at = at.as_str();
        let mut report = PeopleImport {
            committed: commit,
            separator: file.separator.to_string(),
            added: Vec::new(),
            known: Vec::new(),
            problems: file.problems.clone(),
        };
        for row in &file.rows {
            if let Some((id, because)) = roster.find(&row.draft) {
                report.known.push(ImportedPerson::of(row, Some(id), because.to_string()));
                continue;
            }
            let id = if commit { Some(insert_person(&tx, &row.draft, at)?) } else { None };
            report.added.push(ImportedPerson::of(row, id, String::new()));
        }
        if commit {
            tx.commit()?;
        }
        Ok(report)
    }
}

/// A validated person's row and children; the new id.
fn insert_person(tx: &Transaction<'_>, draft: &PersonDraft, at: &str) -> Result<Id> {
    tx.prepare_cached(
        "INSERT INTO people (display_name, street, postal_code, city, region, country, notes, created_at, updated_at,
                             voice, form_of_address, represented)
         VALUES (:display_name, :street, :postal_code, :city, :region, :country, :notes, :at, :at,
                 :voice, :form_of_address, :represented)",
    )?
    .execute(&values(draft, &at, &draft.voice.as_str())[..])?;
    let id = tx.last_insert_rowid();
    write_children(tx, id, draft)?;
    Ok(id)
}

fn write_children(tx: &Transaction<'_>, id: Id, draft: &PersonDraft) -> Result<()> {
    let mut stmt = tx.prepare_cached("INSERT INTO person_emails (person_id, position, address) VALUES (?1, ?2, ?3)")?;
    for (i, e) in draft.emails.iter().enumerate() {
        stmt.execute(params![id, i as i64, e])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO person_accounts (person_id, position, platform, identifier) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, a) in draft.accounts.iter().enumerate() {
        stmt.execute(params![id, i as i64, a.platform, a.identifier])?;
    }
    Ok(())
}
