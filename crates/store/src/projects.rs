//! Projects, tags and embargoes: how requests are grouped for reports and kept
//! out of publication. Each change of a request's grouping or embargo writes an
//! Event, as every change of a request does.

use std::collections::BTreeSet;

use rightsdesk_domain::project::{self, Filing, Project};
use rightsdesk_domain::{ErrorCode, EventCause, EventKind, Id};
use rusqlite::{OptionalExtension, params};

use crate::{Error, Result, Store, events};

impl Store {
    pub fn create_project(&mut self, name: &str, description: &str) -> Result<Project> {
        let name = project::project_name(name)?;
        if self.find_project_by_name(&name)?.is_some() {
            return Err(Error::new(ErrorCode::Invalid, format!("a project “{name}” exists already")));
        }
        self.conn.execute(
            "INSERT INTO projects (name, description, created_at) VALUES (?1, ?2, ?3)",
            params![name, description.trim(), self.clock.stamp()],
        )?;
        self.project(self.conn.last_insert_rowid())
    }

    pub fn edit_project(&mut self, id: Id, name: &str, description: &str) -> Result<Project> {
        let name = project::project_name(name)?;
        self.project(id)?;
        if self.find_project_by_name(&name)?.is_some_and(|other| other != id) {
            return Err(Error::new(ErrorCode::Invalid, format!("a project “{name}” exists already")));
        }
        self.conn.execute(
            "UPDATE projects SET name = ?2, description = ?3 WHERE id = ?1",
            params![id, name, description.trim()],
        )?;
        self.project(id)
    }

    /// Removes the project; its requests stay, with their tags.
    pub fn delete_project(&mut self, id: Id) -> Result<()> {
        let project = self.project(id)?;
        let tx = self.conn.transaction()?;
        let at = self.clock.stamp();
        let members: Vec<Id> = tx
            .prepare("SELECT request_id FROM project_requests WHERE project_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for request in members {
            let detail = serde_json::json!({"project": project.name, "removed": true}).to_string();
            events::record(&tx, request, EventKind::Filed, EventCause::User, &at, &detail)?;
        }
        tx.execute("DELETE FROM projects WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    fn find_project_by_name(&self, name: &str) -> Result<Option<Id>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM projects WHERE name = ?1 COLLATE NOCASE", [name], |r| r.get(0))
            .optional()?)
    }

    /// A project by id or by name (any case).
    pub fn resolve_project(&self, id_or_name: &str) -> Result<Id> {
        let text = id_or_name.trim();
        if let Some(id) = self.find_project_by_name(text)? {
            return Ok(id);
        }
        match text.parse::<Id>() {
            Ok(id) => self.project(id).map(|p| p.id),
            Err(_) => Err(Error::new(ErrorCode::NotFound, format!("no project “{text}”"))),
        }
    }

    pub fn project(&self, id: Id) -> Result<Project> {
        self.projects_where("WHERE p.id = ?1", [id])?
            .pop()
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no project #{id}")))
    }

    /// Every project, by name.
    pub fn projects(&self) -> Result<Vec<Project>> {
        self.projects_where("", [])
    }

    fn projects_where<P: rusqlite::Params>(&self, condition: &str, params: P) -> Result<Vec<Project>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT p.id, p.name, p.description, p.created_at,
                    (SELECT count(*) FROM project_requests pr WHERE pr.project_id = p.id),
                    (SELECT json_group_array(tag) FROM (SELECT DISTINCT t.tag FROM project_requests pr
                        JOIN request_tags t ON t.request_id = pr.request_id WHERE pr.project_id = p.id ORDER BY t.tag))
             FROM projects p {condition} ORDER BY p.name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map(params, |r| {
            Ok(Project {
                id: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                created_at: r.get(3)?,
                requests: r.get(4)?,
                tags: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Puts `requests` into the project (`add`) or takes them out; returns how many changed.
    /// All or none: an unknown request changes nothing.
    pub fn file_requests(&mut self, project: Id, requests: &[Id], add: bool) -> Result<usize> {
        let name = self.project(project)?.name;
        self.check_requests(requests)?;
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        let mut changed = 0;
        for &request in requests.iter().collect::<BTreeSet<_>>() {
            let n = if add {
                tx.execute(
                    "INSERT OR IGNORE INTO project_requests (project_id, request_id) VALUES (?1, ?2)",
                    params![project, request],
                )?
            } else {
                tx.execute(
                    "DELETE FROM project_requests WHERE project_id = ?1 AND request_id = ?2",
                    params![project, request],
                )?
            };
            if n > 0 {
                let detail = serde_json::json!({"project": name, "removed": !add}).to_string();
                events::record(&tx, request, EventKind::Filed, EventCause::User, &at, &detail)?;
                changed += 1;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Adds `tag` to `requests` (`add`) or removes it; returns how many changed.
    pub fn tag_requests(&mut self, requests: &[Id], tag: &str, add: bool) -> Result<usize> {
        let tag = project::tag(tag)?;
        self.check_requests(requests)?;
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        let mut changed = 0;
        for &request in requests.iter().collect::<BTreeSet<_>>() {
            let n = if add {
                tx.execute(
                    "INSERT OR IGNORE INTO request_tags (request_id, tag) VALUES (?1, ?2)",
                    params![request, tag],
                )?
            } else {
                tx.execute("DELETE FROM request_tags WHERE request_id = ?1 AND tag = ?2", params![request, tag])?
            };
            if n > 0 {
                let detail = serde_json::json!({"tag": tag, "removed": !add}).to_string();
                events::record(&tx, request, EventKind::Filed, EventCause::User, &at, &detail)?;
                changed += 1;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Sets (a day, YYYY-MM-DD) or lifts (`None`) a request's embargo.
    pub fn set_embargo(&mut self, request: Id, until: Option<&str>) -> Result<Filing> {
        let until = match until.map(str::trim).filter(|s| !s.is_empty()) {
            Some(day) => Some(rightsdesk_domain::deadline::parse_date("embargo_until", day)?.to_string()),
            None => None,
        };
        self.check_requests(&[request])?;
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE requests SET embargo_until = ?2, updated_at = ?3 WHERE id = ?1 AND embargo_until IS NOT ?2",
            params![request, until, at],
        )?;
        if n > 0 {
            let detail = serde_json::json!({"until": until}).to_string();
            events::record(&tx, request, EventKind::Embargo, EventCause::User, &at, &detail)?;
        }
        tx.commit()?;
        self.filing(request)
    }

    /// A request's projects, tags and embargo.
    pub fn filing(&self, request: Id) -> Result<Filing> {
        self.check_requests(&[request])?;
        let projects = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.name FROM project_requests pr JOIN projects p ON p.id = pr.project_id
                 WHERE pr.request_id = ?1 ORDER BY p.name COLLATE NOCASE",
            )?
            .query_map([request], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let tags = self
            .conn
            .prepare_cached("SELECT tag FROM request_tags WHERE request_id = ?1 ORDER BY tag")?
            .query_map([request], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let embargo_until =
            self.conn.query_row("SELECT embargo_until FROM requests WHERE id = ?1", [request], |r| r.get(0))?;
        Ok(Filing { projects, tags, embargo_until })
    }

    /// Every tag in use, each once, in order.
    pub fn tags(&self) -> Result<Vec<String>> {
        Ok(self
            .conn
            .prepare("SELECT DISTINCT tag FROM request_tags ORDER BY tag")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    fn check_requests(&self, requests: &[Id]) -> Result<()> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM requests WHERE id = ?1")?;
        for id in requests {
            if !stmt.exists([id])? {
                return Err(Error::new(ErrorCode::NotFound, format!("no request #{id}")));
            }
        }
        Ok(())
    }
}
