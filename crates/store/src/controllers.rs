//! Controllers, their claims, supervisory authorities, and applying imports.
//!
//! Invariants: an import never overwrites a record the user edited (its newer
//! version is kept in `pending_import`), never deletes (a record gone from its
//! source is marked `vanished_at`), and never overwrites a record described by
//! a higher-precedence source (the curated registry over imports).

use std::collections::{HashMap, HashSet};

use rightsdesk_domain::import::{ImportBatch, ImportReport};
use rightsdesk_domain::{
    Claim, ContactChannel, ContactKind, ContactRole, Controller, ControllerDetail, ControllerDraft, ControllerHit,
    ErrorCode, Id, LegalBasis, LiVendor, Origin, Purpose, Source, StoredClaim, SupervisoryAuthority, recommend,
};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Error, Result, Store, now};

const COLUMNS: &str = "id, slug, name, address, country, web, policy_url, lead_sa, request_language, runs, categories, \
                       sources, origin, user_edited, vanished_at, redirect_to, tcf_vendor_id, required_identity";

fn json_list(text: String) -> Vec<String> {
    serde_json::from_str(&text).unwrap_or_default()
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

fn controller_from_row(r: &Row<'_>) -> rusqlite::Result<Controller> {
    Ok(Controller {
        id: r.get(0)?,
        draft: ControllerDraft {
            slug: r.get(1)?,
            name: r.get(2)?,
            address: r.get(3)?,
            country: r.get(4)?,
            contacts: Vec::new(),
            web: r.get(5)?,
            policy_url: r.get(6)?,
            lead_sa: r.get(7)?,
            request_language: r.get(8)?,
            runs: json_list(r.get(9)?),
            categories: json_list(r.get(10)?),
            sources: json_list(r.get(11)?),
            required_identity: serde_json::from_str(&r.get::<_, String>(17)?).unwrap_or_default(),
        },
        origin: Origin::parse(&r.get::<_, String>(12)?).unwrap_or(Origin::User),
        user_edited: r.get(13)?,
        vanished_at: r.get(14)?,
        redirect_to: r.get(15)?,
        tcf_vendor_id: r.get(16)?,
    })
}

const SA_COLUMNS: &str =
    "slug, name, country, region, address, email, phone, web_form, web, complaint_language, sources";

fn sa_from_row(r: &Row<'_>) -> rusqlite::Result<SupervisoryAuthority> {
    Ok(SupervisoryAuthority {
        slug: r.get(0)?,
        name: r.get(1)?,
        country: r.get(2)?,
        region: r.get(3)?,
        address: r.get(4)?,
        email: r.get(5)?,
        phone: r.get(6)?,
        web_form: r.get(7)?,
        web: r.get(8)?,
        complaint_language: r.get(9)?,
        sources: json_list(r.get(10)?),
    })
}

fn hash_of<T: Serialize>(value: &T) -> String {
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(value).unwrap_or_default());
    hex::encode(&h.finalize()[..16])
}

/// One controller as search sees it.
#[derive(Debug)]
pub(crate) struct SearchEntry {
    id: Id,
    slug: String,
    name: String,
    name_lower: String,
    country: String,
    origin: Origin,
    runs: Vec<String>,
    vanished: bool,
    /// Lower-cased slug, name, web address and services.
    text: String,
    claims: i64,
}

fn not_found(slug: &str) -> Error {
    Error::new(ErrorCode::NotFound, format!("no controller “{slug}”; try `rightsdesk controller search`"))
}

impl Store {
    /// Applies an import in one transaction (all or nothing).
    pub fn apply_import(&mut self, batch: &ImportBatch) -> Result<ImportReport> {
        let at = now();
        let tx = self.conn.transaction()?;
        let mut report = ImportReport {
            origin: batch.origin.as_str().into(),
            location: batch.location.clone(),
            version: batch.version.clone(),
            rejected: batch.rejected.clone(),
            ..Default::default()
        };

        struct Existing {
            id: Id,
            origin: Origin,
            user_edited: bool,
            hash: String,
            vanished: bool,
        }
        let mut existing: HashMap<String, Existing> = HashMap::new();
        {
            let mut stmt = tx.prepare(
                "SELECT slug, id, origin, user_edited, import_hash, vanished_at IS NOT NULL FROM controllers",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                existing.insert(
                    r.get(0)?,
                    Existing {
                        id: r.get(1)?,
                        origin: Origin::parse(&r.get::<_, String>(2)?).unwrap_or(Origin::User),
                        user_edited: r.get(3)?,
                        hash: r.get(4)?,
                        vanished: r.get(5)?,
                    },
                );
            }
        }

        // A record the source lists as obsolete is handled by its redirect only.
        let redirected: HashSet<&str> = batch.redirects.iter().map(|r| r.slug.as_str()).collect();
        let mut seen: HashSet<&str> = HashSet::new();
        for item in &batch.controllers {
            let slug = item.draft.slug.as_str();
            if redirected.contains(slug) {
                seen.insert(slug);
                continue;
            }
            if !seen.insert(slug) {
                report.rejected.push(rightsdesk_domain::import::RejectedRecord {
                    record: slug.into(),
                    reason: "listed twice in this import; the first one was used".into(),
                });
                continue;
            }
            let hash = hash_of(item);
            match existing.get(slug) {
                None => {
                    let id = write_controller(&tx, None, &item.draft, batch.origin, item.tcf_vendor_id, &hash, &at)?;
                    report.claims += write_claims(&tx, id, batch.origin, &item.claims)?;
                    report.added += 1;
                }
                Some(e) if e.user_edited => {
                    if e.hash != hash {
                        tx.execute(
                            "UPDATE controllers SET pending_import = ?2 WHERE id = ?1",
                            params![e.id, to_json(item)],
                        )?;
                        report.kept_user_edits += 1;
                    } else {
                        report.unchanged += 1;
                    }
                }
                Some(e) if e.origin.rank() > batch.origin.rank() => report.kept_curated += 1,
                Some(e) if e.hash == hash && !e.vanished => report.unchanged += 1,
                Some(e) => {
                    write_controller(&tx, Some(e.id), &item.draft, batch.origin, item.tcf_vendor_id, &hash, &at)?;
                    tx.execute(
                        "DELETE FROM claims WHERE controller_id = ?1 AND origin = ?2",
                        params![e.id, batch.origin.as_str()],
                    )?;
                    report.claims += write_claims(&tx, e.id, batch.origin, &item.claims)?;
                    report.updated += 1;
                }
            }
        }

        for r in &batch.redirects {
            report.redirects += tx.execute(
                "UPDATE controllers SET redirect_to = ?2, vanished_at = coalesce(vanished_at, ?3)
                 WHERE slug = ?1 AND origin = ?4 AND user_edited = 0 AND redirect_to <> ?2",
                params![r.slug, r.redirect_to, at, batch.origin.as_str()],
            )? as u32;
        }

        if batch.complete {
            let mut stmt = tx.prepare(
                "SELECT id, slug FROM controllers WHERE origin = ?1 AND vanished_at IS NULL AND redirect_to = ''",
            )?;
            let gone: Vec<Id> = stmt
                .query_map([batch.origin.as_str()], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, String>(1)?)))?
                .filter_map(|r| r.ok())
                .filter(|(_, slug)| !seen.contains(slug.as_str()))
                .map(|(id, _)| id)
                .collect();
            drop(stmt);
            for id in gone {
                tx.execute("UPDATE controllers SET vanished_at = ?2 WHERE id = ?1", params![id, at])?;
                report.vanished += 1;
            }
        }

        for sa in &batch.authorities {
            report.authorities += upsert_authority(&tx, sa, batch.origin, &at)?;
        }

        tx.execute(
            "INSERT INTO import_runs (source, location, version, at, added, updated, unchanged, vanished, kept_user_edits, rejected)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                batch.origin.as_str(),
                batch.location,
                batch.version,
                at,
                report.added,
                report.updated,
                report.unchanged,
                report.vanished,
                report.kept_user_edits,
                report.rejected.len() as u32
            ],
        )?;
        tx.commit()?;
        self.controllers_changed();
        Ok(report)
    }

    /// Controllers whose name, slug, web address or services contain `query`
    /// (case-insensitive): exact slug first, then names starting with it,
    /// curated records before imported ones. An empty query lists the registry
    /// and the user's own. Runs over an in-memory index (rebuilt after any
    /// change), so a keystroke costs a scan of a few thousand short strings.
    pub fn search_controllers(&self, query: &str, limit: usize) -> Result<Vec<ControllerHit>> {
        let q = query.trim().to_lowercase();
        let index = self.search_index()?;
        let mut hits: Vec<(u8, bool, bool, bool, u8, &str, &SearchEntry)> = index
            .iter()
            .filter(|e| {
                if q.is_empty() { matches!(e.origin, Origin::Registry | Origin::User) } else { e.text.contains(&q) }
            })
            .map(|e| {
                let origin_rank = match e.origin {
                    Origin::Registry => 0,
                    Origin::User => 1,
                    _ => 2,
                };
                (
                    u8::from(e.slug != q),
                    !e.name_lower.starts_with(&q),
                    !e.slug.starts_with(&q),
                    e.vanished,
                    origin_rank,
                    e.name_lower.as_str(),
                    e,
                )
            })
            .collect();
        let key = |h: &(u8, bool, bool, bool, u8, &str, &SearchEntry)| (h.0, h.1, h.2, h.3, h.4, h.5.to_owned());
        if hits.len() > limit {
            hits.select_nth_unstable_by_key(limit, key);
            hits.truncate(limit);
        }
        hits.sort_by_key(key);
        Ok(hits
            .into_iter()
            .map(|h| {
                let e = h.6;
                ControllerHit {
                    id: e.id,
                    slug: e.slug.clone(),
                    name: e.name.clone(),
                    country: e.country.clone(),
                    origin: e.origin,
                    runs: e.runs.clone(),
                    claims: e.claims,
                    vanished: e.vanished,
                }
            })
            .collect())
    }

    fn search_index(&self) -> Result<std::sync::Arc<Vec<SearchEntry>>> {
        if let Some(index) = self.search_index.borrow().as_ref() {
            return Ok(index.clone());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.slug, c.name, c.country, c.origin, c.runs, c.vanished_at IS NOT NULL, c.search_text,
                    coalesce(n.claims, 0)
             FROM controllers c LEFT JOIN (SELECT controller_id, count(*) AS claims FROM claims GROUP BY controller_id) n
               ON n.controller_id = c.id",
        )?;
        let entries: Vec<SearchEntry> = stmt
            .query_map([], |r| {
                let name: String = r.get(2)?;
                Ok(SearchEntry {
                    id: r.get(0)?,
                    slug: r.get(1)?,
                    name_lower: name.to_lowercase(),
                    name,
                    country: r.get(3)?,
                    origin: Origin::parse(&r.get::<_, String>(4)?).unwrap_or(Origin::User),
                    runs: json_list(r.get(5)?),
                    vanished: r.get(6)?,
                    text: r.get(7)?,
                    claims: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let index = std::sync::Arc::new(entries);
        *self.search_index.borrow_mut() = Some(index.clone());
        Ok(index)
    }

    /// Forgets the search index after controllers or claims changed.
    fn controllers_changed(&self) {
        self.search_index.borrow_mut().take();
    }

    pub fn get_controller(&self, slug: &str) -> Result<Controller> {
        let mut c = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM controllers WHERE slug = ?1"),
                [slug.trim()],
                controller_from_row,
            )
            .optional()?
            .ok_or_else(|| not_found(slug))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, value, role FROM controller_contacts WHERE controller_id = ?1 ORDER BY position",
        )?;
        c.draft.contacts = stmt
            .query_map([c.id], |r| {
                Ok(ContactChannel {
                    kind: ContactKind::parse(&r.get::<_, String>(0)?).unwrap_or(ContactKind::Email),
                    value: r.get(1)?,
                    role: ContactRole::parse(&r.get::<_, String>(2)?).unwrap_or(ContactRole::Controller),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(c)
    }

    /// A controller with its lead authority and every claim, each with the
    /// actions that fit it. Claims are ordered by purpose, then oldest first,
    /// so each purpose reads as a timeline.
    pub fn controller_detail(&self, slug: &str) -> Result<ControllerDetail> {
        let controller = self.get_controller(slug)?;
        let lead_sa = match controller.draft.lead_sa.as_str() {
            "" | "none" => None,
            sa => self.get_authority(sa).ok(),
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, purpose, basis, scope, source_url, observed, section, valid_from, valid_to, note, origin, tcf_purpose
             FROM claims WHERE controller_id = ?1
             ORDER BY purpose, coalesce(valid_from, observed), id",
        )?;
        let claims = stmt
            .query_map([controller.id], |r| {
                let purpose = Purpose::parse(&r.get::<_, String>(1)?).unwrap_or(Purpose::ServiceDelivery);
                let basis = LegalBasis::parse(&r.get::<_, String>(2)?).unwrap_or(LegalBasis::Unknown);
                Ok(StoredClaim {
                    id: r.get(0)?,
                    claim: Claim {
                        purpose,
                        basis,
                        scope: r.get(3)?,
                        source: Source { url: r.get(4)?, observed: r.get(5)?, section: r.get(6)? },
                        valid_from: r.get(7)?,
                        valid_to: r.get(8)?,
                        note: r.get(9)?,
                    },
                    origin: Origin::parse(&r.get::<_, String>(10)?).unwrap_or(Origin::User),
                    tcf_purpose: r.get(11)?,
                    actions: recommend(basis, purpose),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let representative_unknown = controller.draft.representative_unknown();
        Ok(ControllerDetail { controller, lead_sa, claims, representative_unknown })
    }

    /// Adds a controller of the user's own.
    pub fn create_controller(&mut self, draft: ControllerDraft) -> Result<Controller> {
        let draft = draft.validate()?;
        if self
            .conn
            .query_row("SELECT 1 FROM controllers WHERE slug = ?1", [&draft.slug], |_| Ok(()))
            .optional()?
            .is_some()
        {
            return Err(Error {
                code: ErrorCode::Invalid,
                message: format!("a controller “{}” already exists; edit it instead", draft.slug),
                fields: vec![rightsdesk_domain::FieldError::new("slug", "is already taken")],
            });
        }
        let tx = self.conn.transaction()?;
        let id = write_controller(&tx, None, &draft, Origin::User, None, "", &now())?;
        tx.execute("UPDATE controllers SET user_edited = 1 WHERE id = ?1", [id])?;
        tx.commit()?;
        self.controllers_changed();
        self.get_controller(&draft.slug)
    }

    /// Changes a controller; from now on imports keep their hands off it.
    pub fn update_controller(&mut self, slug: &str, draft: ControllerDraft) -> Result<Controller> {
        let current = self.get_controller(slug)?;
        let mut draft = draft.validate()?;
        draft.slug = current.draft.slug.clone(); // the slug is the identity; it does not change
        let tx = self.conn.transaction()?;
        write_controller(&tx, Some(current.id), &draft, current.origin, current.tcf_vendor_id, "", &now())?;
        tx.execute("UPDATE controllers SET user_edited = 1 WHERE id = ?1", [current.id])?;
        tx.commit()?;
        self.controllers_changed();
        self.get_controller(slug)
    }

    /// Adds a claim of the user's own to a controller.
    pub fn add_claim(&mut self, slug: &str, claim: Claim) -> Result<StoredClaim> {
        let c = self.get_controller(slug)?;
        let tx = self.conn.transaction()?;
        write_claims(&tx, c.id, Origin::User, &[(claim, None)])?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.controllers_changed();
        self.controller_detail(slug)?
            .claims
            .into_iter()
            .find(|cl| cl.id == id)
            .ok_or_else(|| Error::new(ErrorCode::Internal, "the new claim was not found"))
    }

    /// Vendors from the IAB list claiming legitimate interest, optionally for
    /// one TCF purpose only.
    pub fn li_vendors(&self, tcf_purpose: Option<u32>) -> Result<Vec<LiVendor>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.slug, c.name, c.tcf_vendor_id, c.policy_url, group_concat(cl.tcf_purpose)
             FROM controllers c JOIN claims cl ON cl.controller_id = c.id
             WHERE cl.basis = 'legitimate_interests' AND cl.tcf_purpose IS NOT NULL AND c.vanished_at IS NULL
             GROUP BY c.id
             HAVING ?1 IS NULL OR sum(cl.tcf_purpose = ?1) > 0
             ORDER BY lower(c.name)",
        )?;
        let vendors = stmt
            .query_map([tcf_purpose], |r| {
                let purposes: String = r.get(5)?;
                let mut li: Vec<u32> = purposes.split(',').filter_map(|p| p.parse().ok()).collect();
                li.sort_unstable();
                li.dedup();
                Ok(LiVendor {
                    id: r.get(0)?,
                    slug: r.get(1)?,
                    name: r.get(2)?,
                    tcf_vendor_id: r.get(3)?,
                    policy_url: r.get(4)?,
                    li_purposes: li,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(vendors)
    }

    pub fn get_authority(&self, slug: &str) -> Result<SupervisoryAuthority> {
        self.conn
            .query_row(
                &format!("SELECT {SA_COLUMNS} FROM supervisory_authorities WHERE slug = ?1"),
                [slug],
                sa_from_row,
            )
            .optional()?
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::NotFound,
                    format!("no supervisory authority “{slug}”; import the datarequests.org database"),
                )
            })
    }

    /// Authorities of a country (and, where it has several, of a region first).
    pub fn authorities_for(&self, country: &str, region: &str) -> Result<Vec<SupervisoryAuthority>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SA_COLUMNS} FROM supervisory_authorities WHERE country = ?1 AND vanished_at IS NULL
             ORDER BY (?2 <> '' AND lower(region) = lower(?2)) DESC, region = '' DESC, name"
        ))?;
        let list = stmt
            .query_map(params![country.trim().to_ascii_uppercase(), region.trim()], sa_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// The version of the last import from `origin`, if any.
    pub fn last_import_version(&self, origin: Origin) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT version FROM import_runs WHERE source = ?1 ORDER BY id DESC LIMIT 1",
                [origin.as_str()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The authority a person complains to (Art. 77): the one of their country
    /// and, in Germany, of their Land (the federal and the special authorities
    /// do not supervise companies). A clear error says what is missing.
    pub fn authorities_for_person(&self, person_id: Id) -> Result<Vec<SupervisoryAuthority>> {
        let person = self.get_person(person_id)?;
        let country = person.address.country.trim().to_ascii_uppercase();
        if country.is_empty() {
            return Err(Error {
                code: ErrorCode::Invalid,
                message: format!(
                    "{} has no country in their address; add one to find their authority",
                    person.display_name
                ),
                fields: vec![rightsdesk_domain::FieldError::new(
                    "address.country",
                    "needed to find the supervisory authority",
                )],
            });
        }
        let mut list = self.authorities_for(&country, &person.address.region)?;
        if country == "DE" {
            let region = person.address.region.trim().to_lowercase();
            list.retain(|sa| !region.is_empty() && sa.region.to_lowercase() == region);
            if list.is_empty() {
                return Err(Error {
                    code: ErrorCode::Invalid,
                    message:
                        "in Germany the authority depends on the Land: add it to the address (e.g. Bayern, Berlin)"
                            .into(),
                    fields: vec![rightsdesk_domain::FieldError::new(
                        "address.region",
                        "the Land decides the authority",
                    )],
                });
            }
        }
        if list.is_empty() {
            return Err(Error::new(
                ErrorCode::NotFound,
                format!("no authority known for {country}; import the datarequests.org database"),
            ));
        }
        Ok(list)
    }

    pub fn count_controllers(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM controllers", [], |r| r.get(0))?)
    }
}

/// Writes a controller row and its contacts: a new row when `existing` is
/// `None`, else an update of that row (which also clears `vanished_at` and
/// `pending_import`). Both statements bind the same values from ?2 on; ?1 is
/// the slug of a new row or the id of an existing one.
fn write_controller(
    tx: &Transaction<'_>,
    existing: Option<Id>,
    d: &ControllerDraft,
    origin: Origin,
    tcf_vendor_id: Option<i64>,
    hash: &str,
    at: &str,
) -> Result<Id> {
    const INSERT: &str = "INSERT INTO controllers (slug, name, address, country, web, policy_url, lead_sa, request_language,
                              runs, categories, sources, search_text, origin, tcf_vendor_id, import_hash, created_at, updated_at,
                              required_identity)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17)";
    const UPDATE: &str =
        "UPDATE controllers SET name = ?2, address = ?3, country = ?4, web = ?5, policy_url = ?6, lead_sa = ?7,
                request_language = ?8, runs = ?9, categories = ?10, sources = ?11, search_text = ?12, origin = ?13,
                tcf_vendor_id = ?14, import_hash = ?15, updated_at = ?16, vanished_at = NULL, pending_import = NULL,
                required_identity = ?17
         WHERE id = ?1";
    let (sql, first): (&str, &dyn rusqlite::ToSql) = match &existing {
        None => (INSERT, &d.slug),
        Some(id) => (UPDATE, id),
    };
    tx.prepare_cached(sql)?.execute(params![
        first,
        d.name,
        d.address,
        d.country,
        d.web,
        d.policy_url,
        d.lead_sa,
        d.request_language,
        to_json(&d.runs),
        to_json(&d.categories),
        to_json(&d.sources),
        d.search_text(),
        origin.as_str(),
        tcf_vendor_id,
        hash,
        at,
        to_json(&d.required_identity)
    ])?;
    let id = match existing {
        Some(id) => {
            tx.execute("DELETE FROM controller_contacts WHERE controller_id = ?1", [id])?;
            id
        }
        None => tx.last_insert_rowid(),
    };
    write_contacts(tx, id, &d.contacts)?;
    Ok(id)
}

fn write_contacts(tx: &Transaction<'_>, id: Id, contacts: &[ContactChannel]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO controller_contacts (controller_id, position, kind, value, role) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, c) in contacts.iter().enumerate() {
        stmt.execute(params![id, i as i64, c.kind.as_str(), c.value, c.role.as_str()])?;
    }
    Ok(())
}

fn write_claims(tx: &Transaction<'_>, id: Id, origin: Origin, claims: &[(Claim, Option<u32>)]) -> Result<u32> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO claims (controller_id, purpose, basis, scope, source_url, observed, section, valid_from, valid_to,
                             note, origin, tcf_purpose)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (c, tcf) in claims {
        stmt.execute(params![
            id,
            c.purpose.as_str(),
            c.basis.as_str(),
            c.scope,
            c.source.url,
            c.source.observed,
            c.source.section,
            c.valid_from,
            c.valid_to,
            c.note,
            origin.as_str(),
            tcf
        ])?;
    }
    Ok(claims.len() as u32)
}

fn upsert_authority(tx: &Transaction<'_>, sa: &SupervisoryAuthority, origin: Origin, at: &str) -> Result<u32> {
    let hash = hash_of(sa);
    let existing: Option<(bool, String)> = tx
        .query_row("SELECT user_edited, import_hash FROM supervisory_authorities WHERE slug = ?1", [&sa.slug], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match existing {
        Some((true, _)) => Ok(0),
        Some((false, h)) if h == hash => Ok(0),
        _ => {
            tx.prepare_cached(
                "INSERT INTO supervisory_authorities (slug, name, country, region, address, email, phone, web_form, web,
                                                      complaint_language, sources, origin, import_hash, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                 ON CONFLICT (slug) DO UPDATE SET name = excluded.name, country = excluded.country,
                    region = excluded.region, address = excluded.address, email = excluded.email,
                    phone = excluded.phone, web_form = excluded.web_form, web = excluded.web,
                    complaint_language = excluded.complaint_language, sources = excluded.sources,
                    import_hash = excluded.import_hash, updated_at = excluded.updated_at, vanished_at = NULL",
            )?
            .execute(params![
                sa.slug,
                sa.name,
                sa.country,
                sa.region,
                sa.address,
                sa.email,
                sa.phone,
                sa.web_form,
                sa.web,
                sa.complaint_language,
                to_json(&sa.sources),
                origin.as_str(),
                hash,
                at
            ])?;
            Ok(1)
        }
    }
}
