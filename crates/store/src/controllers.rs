//! Controllers and their claims: reading, the detail page (with the actions
//! that fit each claim), the user's own controllers and claims, LI vendors.
//! Imports are applied in `imports.rs`, search is `search.rs`, supervisory
//! authorities `authorities.rs`.

use rightsdesk_domain::{
    Claim, ClaimStatus, ContactChannel, ContactKind, ContactRole, Controller, ControllerDetail, ControllerDraft,
    ErrorCode, Id, LegalBasis, LiVendor, Origin, Purpose, Source, StoredClaim, recommend,
};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use crate::{Error, Result, Store};

const COLUMNS: &str = "id, slug, name, address, country, web, policy_url, lead_sa, request_language, runs, categories, \
                       sources, origin, user_edited, vanished_at, redirect_to, tcf_vendor_id, required_identity";

pub(crate) fn json_list(text: String) -> Vec<String> {
    serde_json::from_str(&text).unwrap_or_default()
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn controller_from_row(r: &Row<'_>) -> rusqlite::Result<Controller> {
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

pub(crate) fn not_found(slug: &str) -> Error {
    Error::new(ErrorCode::NotFound, format!("no controller “{slug}”; try `rightsdesk controller search`"))
}

impl Store {
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
        let today = self.clock.today().format("%Y-%m-%d").to_string();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, purpose, basis, scope, source_url, observed, section, valid_from, valid_to, note, origin, tcf_purpose,
                    special_categories, quote, ota_commit, status
             FROM claims WHERE controller_id = ?1
             ORDER BY purpose, coalesce(valid_from, observed), id",
        )?;
        let claims = stmt
            .query_map([controller.id], |r| {
                let purpose = Purpose::parse(&r.get::<_, String>(1)?).unwrap_or(Purpose::ServiceDelivery);
                let basis = LegalBasis::parse(&r.get::<_, String>(2)?).unwrap_or(LegalBasis::Unknown);
                let special_categories: bool = r.get(12)?;
                // The column's CHECK admits only the two names.
                let status = ClaimStatus::parse(&r.get::<_, String>(15)?).unwrap_or_default();
                let claim = Claim {
                    purpose,
                    basis,
                    scope: r.get(3)?,
                    source: Source {
                        url: r.get(4)?,
                        observed: r.get(5)?,
                        section: r.get(6)?,
                        quote: r.get(13)?,
                        commit: r.get(14)?,
                    },
                    valid_from: r.get(7)?,
                    valid_to: r.get(8)?,
                    note: r.get(9)?,
                    special_categories,
                    status,
                };
                let in_force_now = claim.in_force_on(&today);
                Ok(StoredClaim {
                    id: r.get(0)?,
                    claim,
                    origin: Origin::parse(&r.get::<_, String>(10)?).unwrap_or(Origin::User),
                    tcf_purpose: r.get(11)?,
                    in_force_now,
                    // An announced change or a past claim is history: nothing to act on.
                    actions: if in_force_now { recommend(basis, purpose, special_categories) } else { Vec::new() },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, kind, purpose, title, source_url, observed, section, quote, ota_commit
             FROM basis_events WHERE controller_id = ?1 ORDER BY day, id",
        )?;
        let events = stmt
            .query_map([controller.id], |r| {
                let kind: String = r.get(1)?;
                Ok(rightsdesk_domain::BasisEvent {
                    day: r.get(0)?,
                    // The column's CHECK admits only the kinds' names.
                    kind: rightsdesk_domain::BasisEventKind::parse(&kind)
                        .unwrap_or(rightsdesk_domain::BasisEventKind::Announcement),
                    purpose: r.get::<_, Option<String>>(2)?.and_then(|p| Purpose::parse(&p)),
                    title: r.get(3)?,
                    source: Source {
                        url: r.get(4)?,
                        observed: r.get(5)?,
                        section: r.get(6)?,
                        quote: r.get(7)?,
                        commit: r.get(8)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let representative_unknown = controller.draft.representative_unknown();
        Ok(ControllerDetail { controller, lead_sa, claims, events, representative_unknown })
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
        let id = write_controller(&tx, None, &draft, Origin::User, None, "", &self.clock.stamp())?;
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
        write_controller(
            &tx,
            Some(current.id),
            &draft,
            current.origin,
            current.tcf_vendor_id,
            "",
            &self.clock.stamp(),
        )?;
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

    pub fn count_controllers(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM controllers", [], |r| r.get(0))?)
    }
}

/// Writes a controller row and its contacts: a new row when `existing` is
/// `None`, else an update of that row (which also clears `vanished_at` and
/// `pending_import`). Both statements bind the same values from ?2 on; ?1 is
/// the slug of a new row or the id of an existing one.
pub(crate) fn write_controller(
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

pub(crate) fn write_contacts(tx: &Transaction<'_>, id: Id, contacts: &[ContactChannel]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO controller_contacts (controller_id, position, kind, value, role) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, c) in contacts.iter().enumerate() {
        stmt.execute(params![id, i as i64, c.kind.as_str(), c.value, c.role.as_str()])?;
    }
    Ok(())
}

pub(crate) fn write_claims(
    tx: &Transaction<'_>,
    id: Id,
    origin: Origin,
    claims: &[(Claim, Option<u32>)],
) -> Result<u32> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO claims (controller_id, purpose, basis, scope, source_url, observed, section, valid_from, valid_to,
                             note, origin, tcf_purpose, special_categories, quote, ota_commit, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
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
            tcf,
            c.special_categories,
            c.source.quote,
            c.source.commit,
            c.status.as_str()
        ])?;
    }
    Ok(claims.len() as u32)
}
