//! Finding controllers: an in-memory index over names, slugs, web addresses
//! and services, rebuilt after any change to controllers or claims.

use rightsdesk_domain::{ControllerHit, Id, Origin};

use crate::controllers::json_list;
use crate::{Result, Store};

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

impl Store {
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
    pub(crate) fn controllers_changed(&self) {
        self.search_index.borrow_mut().take();
    }
}
