//! Applying an import: the precedence rule (`rightsdesk_domain::import::decide`:
//! the user's edits › the curated registry › imports) over the stored rows.
//!
//! Invariants: an import never overwrites a record the user edited (its newer
//! version is kept in `pending_import`), never deletes (a record gone from its
//! source is marked `vanished_at`), and never overwrites a record described by
//! a higher-precedence source.

use std::collections::{HashMap, HashSet};

use rightsdesk_domain::import::{Decision, Held, ImportBatch, ImportReport};
use rightsdesk_domain::{Id, Origin, SupervisoryAuthority};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::controllers::{to_json, write_claims, write_controller};
use crate::{Result, Store};

/// A controller's dated events from one source.
fn write_events(
    tx: &rusqlite::Transaction<'_>,
    id: Id,
    origin: Origin,
    events: &[rightsdesk_domain::BasisEvent],
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO basis_events (controller_id, origin, day, kind, purpose, title, source_url, observed, section, quote, ota_commit)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for e in events {
        stmt.execute(params![
            id,
            origin.as_str(),
            e.day,
            e.kind.as_str(),
            e.purpose.map(|p| p.as_str()),
            e.title,
            e.source.url,
            e.source.observed,
            e.source.section,
            e.source.quote,
            e.source.commit
        ])?;
    }
    Ok(())
}

fn hash_of<T: Serialize>(value: &T) -> String {
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(value).unwrap_or_default());
    hex::encode(&h.finalize()[..16])
}
impl Store {
    /// Applies an import in one transaction (all or nothing).
    pub fn apply_import(&mut self, batch: &ImportBatch) -> Result<ImportReport> {
        let at = self.clock.stamp();
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
            let e = existing.get(slug);
            let held = e.map(|e| Held {
                origin: e.origin,
                user_edited: e.user_edited,
                same_content: e.hash == hash,
                vanished: e.vanished,
            });
            match (rightsdesk_domain::import::decide(held, batch.origin), e) {
                (Decision::Add, _) | (_, None) => {
                    let id = write_controller(&tx, None, &item.draft, batch.origin, item.tcf_vendor_id, &hash, &at)?;
                    report.claims += write_claims(&tx, id, batch.origin, &item.claims)?;
                    write_events(&tx, id, batch.origin, &item.events)?;
                    report.added += 1;
                }
                (Decision::KeepUserEdits { newer_waits: true }, Some(e)) => {
                    tx.execute(
                        "UPDATE controllers SET pending_import = ?2 WHERE id = ?1",
                        params![e.id, to_json(item)],
                    )?;
                    report.kept_user_edits += 1;
                }
                (Decision::KeepUserEdits { newer_waits: false } | Decision::Unchanged, _) => report.unchanged += 1,
                (Decision::KeepCurated, _) => report.kept_curated += 1,
                (Decision::Update, Some(e)) => {
                    write_controller(&tx, Some(e.id), &item.draft, batch.origin, item.tcf_vendor_id, &hash, &at)?;
                    tx.execute(
                        "DELETE FROM claims WHERE controller_id = ?1 AND origin = ?2",
                        params![e.id, batch.origin.as_str()],
                    )?;
                    report.claims += write_claims(&tx, e.id, batch.origin, &item.claims)?;
                    tx.execute(
                        "DELETE FROM basis_events WHERE controller_id = ?1 AND origin = ?2",
                        params![e.id, batch.origin.as_str()],
                    )?;
                    write_events(&tx, e.id, batch.origin, &item.events)?;
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

    /// When `origin` was last imported from somewhere other than `except`
    /// (e.g. the live database rather than the built-in snapshot), RFC 3339.
    pub fn last_import_at_except(&self, origin: Origin, except: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT at FROM import_runs WHERE source = ?1 AND location <> ?2 ORDER BY id DESC LIMIT 1",
                params![origin.as_str(), except],
                |r| r.get(0),
            )
            .optional()?)
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
