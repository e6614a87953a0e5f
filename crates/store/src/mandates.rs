//! The organisation's profile and the mandates people gave it, with their
//! signed scans (migration `0019_mandates.sql`). Which mandate covers what is
//! the domain's rule (`domain::mandate`); this keeps them and applies the rule
//! where a letter is drafted (`Store::mandate_for`).

use rightsdesk_domain::mandate::{self, Refusal};
use rightsdesk_domain::{
    ErrorCode, FieldError, Id, Invalid, Language, Mandate, MandateDocument, MandateDraft, MandateKind, Organisation,
    RequestKind,
};
use rusqlite::{OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use crate::{Error, Result, Store};

const COLUMNS: &str = "m.id, m.person_id, m.kind, m.rights, m.controllers, m.signed_on, m.expires_on, m.language, \
                       m.revoked_at, m.created_at, d.file_name, d.media_type, d.size, d.sha256";
const FROM: &str = "FROM mandates m LEFT JOIN mandate_documents d ON d.mandate_id = m.id";

fn mandate_from_row(r: &Row<'_>) -> rusqlite::Result<Mandate> {
    let day = |s: Option<String>| s.and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
    let document = match r.get::<_, Option<String>>(10)? {
        Some(file_name) => {
            Some(MandateDocument { file_name, media_type: r.get(11)?, size: r.get(12)?, sha256: r.get(13)? })
        }
        None => None,
    };
    Ok(Mandate {
        id: r.get(0)?,
        person_id: r.get(1)?,
        // The columns' CHECK and the writer admit only known names.
        kind: MandateKind::parse(&r.get::<_, String>(2)?).unwrap_or(MandateKind::Authority),
        rights: r.get::<_, String>(3)?.split_whitespace().filter_map(RequestKind::parse).collect(),
        controllers: r.get::<_, String>(4)?.split_whitespace().map(str::to_owned).collect(),
        signed_on: day(r.get(5)?),
        expires_on: day(r.get(6)?),
        language: Language::parse(&r.get::<_, String>(7)?).unwrap_or(Language::En),
        revoked_at: r.get(8)?,
        created_at: r.get(9)?,
        document,
    })
}

fn not_found(id: Id) -> Error {
    Error::new(ErrorCode::NotFound, format!("no mandate with id {id}"))
}

fn joined<T>(items: &[T], f: impl Fn(&T) -> &str) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(" ")
}

fn blank(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

impl Store {
    /// The organisation's profile; `None` in individual mode (never filled in).
    pub fn organisation(&self) -> Result<Option<Organisation>> {
        let json: Option<String> =
            self.conn.query_row("SELECT profile FROM organisation WHERE id = 1", [], |r| r.get(0)).optional()?;
        json.map(|j| {
            serde_json::from_str(&j)
                .map_err(|e| Error::new(ErrorCode::Internal, format!("the organisation's profile cannot be read: {e}")))
        })
        .transpose()
    }

    pub fn set_organisation(&mut self, org: Organisation) -> Result<Organisation> {
        let org = org.validate()?;
        let json = serde_json::to_string(&org).map_err(|e| Error::new(ErrorCode::Internal, e.to_string()))?;
        self.conn.execute(
            "INSERT INTO organisation (id, profile, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at",
            params![json, self.clock.stamp()],
        )?;
        Ok(org)
    }

    /// Records a mandate for a person (who is marked represented by it).
    pub fn add_mandate(&mut self, draft: MandateDraft) -> Result<Mandate> {
        let (kind, d, language) = draft.validate()?;
        let tx = self.conn.transaction()?;
        if tx.execute("UPDATE people SET represented = 1 WHERE id = ?1", [d.person_id])? == 0 {
            return Err(Error::new(ErrorCode::NotFound, format!("no person with id {}", d.person_id)));
        }
        tx.execute(
            "INSERT INTO mandates (person_id, kind, rights, controllers, signed_on, expires_on, language, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                d.person_id,
                kind.as_str(),
                joined(&d.rights, |k| k.as_str()),
                d.controllers.join(" "),
                blank(&d.signed_on),
                blank(&d.expires_on),
                language.code(),
                self.clock.stamp()
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.mandate(id)
    }

    /// Records the date a drafted mandate was signed.
    pub fn sign_mandate(&mut self, id: Id, signed_on: &str) -> Result<Mandate> {
        let m = self.mandate(id)?;
        let day = rightsdesk_domain::deadline::parse_date("signed_on", signed_on)?;
        if let Some(end) = m.expires_on
            && end < day
        {
            return Err(
                Invalid(vec![FieldError::new("signed_on", "a mandate cannot be signed after it expires")]).into()
            );
        }
        self.conn.execute("UPDATE mandates SET signed_on = ?2 WHERE id = ?1", params![id, day.to_string()])?;
        self.mandate(id)
    }

    pub fn mandate(&self, id: Id) -> Result<Mandate> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} {FROM} WHERE m.id = ?1"), [id], mandate_from_row)
            .optional()?
            .ok_or_else(|| not_found(id))
    }

    /// A person's mandates, newest first; everyone's with `None`.
    pub fn mandates(&self, person: Option<Id>) -> Result<Vec<Mandate>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} {FROM} WHERE ?1 IS NULL OR m.person_id = ?1 ORDER BY m.id DESC"
        ))?;
        Ok(stmt.query_map([person], mandate_from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Mandates in force that end within `domain::mandate::EXPIRY_NOTICE_DAYS`
    /// of `today`, soonest first.
    pub fn mandates_expiring(&self, today: chrono::NaiveDate) -> Result<Vec<Mandate>> {
        let until = today + chrono::Duration::days(mandate::EXPIRY_NOTICE_DAYS);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} {FROM} WHERE m.revoked_at IS NULL AND m.expires_on >= ?1 AND m.expires_on <= ?2
             ORDER BY m.expires_on, m.id"
        ))?;
        let found: Vec<Mandate> = stmt
            .query_map(params![today.to_string(), until.to_string()], mandate_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        // The rule is the domain's; the query only narrows the rows.
        Ok(found.into_iter().filter(|m| m.expires_soon(today)).collect())
    }

    /// Revokes a mandate: it covers nothing from now on; it stays on record.
    pub fn revoke_mandate(&mut self, id: Id) -> Result<Mandate> {
        let m = self.mandate(id)?;
        if m.revoked_at.is_some() {
            return Err(Error::new(ErrorCode::Invalid, format!("mandate {id} was revoked already")));
        }
        self.conn.execute("UPDATE mandates SET revoked_at = ?2 WHERE id = ?1", params![id, self.clock.stamp()])?;
        self.mandate(id)
    }

    /// Keeps the signed scan with a mandate (replacing an earlier one). A
    /// file that is not a PDF, PNG or JPEG, or is over 20 MiB, is refused and
    /// nothing changes.
    pub fn attach_mandate_document(&mut self, id: Id, file_name: &str, bytes: &[u8]) -> Result<Mandate> {
        self.mandate(id)?;
        let media_type = mandate::document_type(bytes)
            .map_err(|why| Error::from(Invalid(vec![FieldError::new("document", why)])))?;
        let file_name = std::path::Path::new(file_name.trim())
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| !n.is_empty())
            .unwrap_or("mandate")
            .to_owned();
        let sha256 = hex::encode(Sha256::digest(bytes));
        self.conn.execute(
            "INSERT INTO mandate_documents (mandate_id, file_name, media_type, size, sha256, bytes, attached_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (mandate_id) DO UPDATE SET file_name = excluded.file_name, media_type = excluded.media_type,
               size = excluded.size, sha256 = excluded.sha256, bytes = excluded.bytes, attached_at = excluded.attached_at",
            params![id, file_name, media_type, bytes.len() as i64, sha256, bytes, self.clock.stamp()],
        )?;
        self.mandate(id)
    }

    /// The signed scan's bytes, as attached.
    pub fn mandate_document(&self, id: Id) -> Result<(MandateDocument, Vec<u8>)> {
        let m = self.mandate(id)?;
        let doc = m
            .document
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("mandate {id} has no signed document attached")))?;
        let bytes: Vec<u8> =
            self.conn.query_row("SELECT bytes FROM mandate_documents WHERE mandate_id = ?1", [id], |r| r.get(0))?;
        Ok((doc, bytes))
    }

    /// The mandate a letter of `kind` to `controller` for this person rests
    /// on: `Ok(None)` for someone not represented (the user themself), the
    /// covering mandate for someone who is, or the refusal as an error.
    pub fn mandate_for(&self, person_id: Id, kind: RequestKind, controller: &str) -> Result<Option<Mandate>> {
        let represented: bool =
            self.conn.query_row("SELECT represented FROM people WHERE id = ?1", [person_id], |r| r.get(0))?;
        if !represented {
            return Ok(None);
        }
        let mandates = self.mandates(Some(person_id))?;
        let org = self.organisation()?;
        match mandate::authority_for(&mandates, org.as_ref(), kind, controller, self.clock.today()) {
            Ok(m) => Ok(Some(m.clone())),
            Err(Refusal { reason, .. }) => Err(Invalid(vec![FieldError::new("mandate", reason)]).into()),
        }
    }
}
