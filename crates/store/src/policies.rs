//! Recorded policy versions, the review of each basis-related change, and
//! the watch's settings. Storage only: which version is compared with which,
//! and what counts as a change, are the domain's (`policy`), the order of
//! steps the use-case layer's (`usecases::policies`).

use rightsdesk_domain::policy::{NewPolicyVersion, PolicyVersion, ReviewState, Standing, VersionOrigin};
use rightsdesk_domain::{ErrorCode, Id};
use rusqlite::{OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use crate::{Error, Result, Store};

const COLUMNS: &str = "v.id, c.slug, v.recorded, v.content_hash, v.origin, v.source, v.ota_commit, v.standing, \
                       v.standing_reason, v.added_at, v.chars, r.state";
const FROM: &str = "FROM policy_versions v JOIN controllers c ON c.id = v.controller_id \
                    LEFT JOIN policy_reviews r ON r.version_id = v.id";

fn version_from_row(r: &Row<'_>) -> rusqlite::Result<PolicyVersion> {
    let word =
        |i: usize, s: String| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, s.into());
    let origin: String = r.get(4)?;
    let standing: String = r.get(7)?;
    let review: Option<String> = r.get(11)?;
    Ok(PolicyVersion {
        id: r.get(0)?,
        platform: r.get(1)?,
        recorded: r.get(2)?,
        content_hash: r.get(3)?,
        origin: VersionOrigin::parse(&origin).ok_or_else(|| word(4, origin))?,
        source: r.get(5)?,
        ota_commit: r.get(6)?,
        standing: Standing::parse(&standing).ok_or_else(|| word(7, standing))?,
        standing_reason: r.get(8)?,
        added_at: r.get(9)?,
        chars: r.get(10)?,
        review: match review {
            Some(s) => Some(ReviewState::parse(&s).ok_or_else(|| word(11, s))?),
            None => None,
        },
    })
}

/// The SHA-256 of a policy text, as stored.
pub fn content_hash(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

impl Store {
    /// The version of `slug`'s policy with this text, if one is stored.
    pub fn find_policy_version(&self, slug: &str, text: &str) -> Result<Option<PolicyVersion>> {
        let c = self.get_controller(slug)?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE v.controller_id = ?1 AND v.content_hash = ?2"))?;
        Ok(stmt.query_row(params![c.id, content_hash(text)], version_from_row).optional()?)
    }

    /// Stores a version as the caller judged it, with its review row when it
    /// is a basis-related change (`review`), in one transaction. A text
    /// already stored for the platform is an error: callers look first.
    pub fn add_policy_version(
        &mut self,
        slug: &str,
        v: &NewPolicyVersion,
        standing: Standing,
        reason: &str,
        review: Option<ReviewState>,
    ) -> Result<PolicyVersion> {
        let c = self.get_controller(slug)?;
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        let inserted = tx.execute(
            "INSERT INTO policy_versions (controller_id, recorded, content_hash, body, chars, origin, source, ota_commit, standing, standing_reason, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (controller_id, content_hash) DO NOTHING",
            params![
                c.id,
                v.recorded,
                content_hash(&v.text),
                v.text,
                v.text.chars().count() as i64,
                v.origin.as_str(),
                v.source,
                v.ota_commit,
                standing.as_str(),
                reason,
                at
            ],
        )?;
        if inserted == 0 {
            return Err(Error::new(
                ErrorCode::Invalid,
                format!("this version of {slug}'s policy is already stored; nothing was added"),
            ));
        }
        let id = tx.last_insert_rowid();
        if let Some(state) = review {
            tx.execute("INSERT INTO policy_reviews (version_id, state) VALUES (?1, ?2)", params![id, state.as_str()])?;
        }
        tx.commit()?;
        self.policy_version(id)
    }

    pub fn policy_version(&self, id: Id) -> Result<PolicyVersion> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE v.id = ?1"))?;
        stmt.query_row([id], version_from_row)
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no policy version {id}")))
    }

    /// A platform's versions in recorded order (same day: as stored).
    pub fn policy_versions(&self, slug: &str) -> Result<Vec<PolicyVersion>> {
        let c = self.get_controller(slug)?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE v.controller_id = ?1 ORDER BY v.recorded, v.id"))?;
        Ok(stmt.query_map([c.id], version_from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// One version's text.
    pub fn policy_text(&self, id: Id) -> Result<String> {
        let mut stmt = self.conn.prepare_cached("SELECT body FROM policy_versions WHERE id = ?1")?;
        stmt.query_row([id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no policy version {id}")))
    }

    /// A platform's versions with their texts, in recorded order (a whole
    /// history: for a replay; single steps read only the texts they compare).
    pub fn policy_history(&self, slug: &str) -> Result<Vec<(PolicyVersion, String)>> {
        let versions = self.policy_versions(slug)?;
        let mut stmt = self.conn.prepare_cached("SELECT body FROM policy_versions WHERE id = ?1")?;
        versions
            .into_iter()
            .map(|v| {
                let body: String = stmt.query_row([v.id], |r| r.get(0))?;
                Ok((v, body))
            })
            .collect()
    }

    /// The platforms with at least one stored version.
    pub fn watched_platforms(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT c.slug FROM policy_versions v JOIN controllers c ON c.id = v.controller_id ORDER BY c.slug",
        )?;
        Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// Records what the user did with a basis-related change.
    pub fn set_review(&mut self, version_id: Id, state: ReviewState) -> Result<()> {
        let at = self.clock.stamp();
        let n = self.conn.execute(
            "UPDATE policy_reviews SET state = ?2, decided_at = ?3 WHERE version_id = ?1",
            params![version_id, state.as_str(), at],
        )?;
        if n == 0 {
            return Err(Error::new(
                ErrorCode::NotFound,
                format!("version {version_id} is no basis-related change to review"),
            ));
        }
        Ok(())
    }

    /// Open reviews, newest first.
    pub fn open_reviews(&self) -> Result<Vec<PolicyVersion>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} {FROM} WHERE r.state = 'open' ORDER BY v.recorded DESC, v.id DESC LIMIT 200"
        ))?;
        Ok(stmt.query_map([], version_from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// The people who deal with a platform: a request to it, or an account on it.
    pub fn people_dealing_with(&self, slug: &str) -> Result<Vec<(Id, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.display_name FROM people p WHERE
               EXISTS (SELECT 1 FROM requests r JOIN controllers c ON c.id = r.controller_id
                       WHERE r.person_id = p.id AND c.slug = ?1)
               OR EXISTS (SELECT 1 FROM person_accounts a WHERE a.person_id = p.id AND lower(a.platform) = lower(?1))
             ORDER BY p.display_name",
        )?;
        Ok(stmt.query_map([slug], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
    }

    /// A watch setting, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub fn delete_setting(&mut self, key: &str) -> Result<()> {
        self.conn.execute("DELETE FROM settings WHERE key = ?1", [key])?;
        Ok(())
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}
