//! Append-only schema migrations. The schema version is SQLite's
//! `user_version`; migration N (1-based) brings the schema to version N.
//!
//! Invariants: a shipped migration is never edited, only followed by a new
//! one; all pending migrations apply in one transaction, so a failure leaves
//! the database exactly as it was; a database with a higher version than this
//! build knows is refused before anything is written.

use rightsdesk_domain::ErrorCode;
use rusqlite::Connection;

use crate::{Error, Result};

pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_registry.sql"),
    include_str!("migrations/0003_request_lifecycle.sql"),
    include_str!("migrations/0004_letters.sql"),
    include_str!("migrations/0005_tracking.sql"),
    include_str!("migrations/0006_outbox.sql"),
    include_str!("migrations/0007_inbox.sql"),
    include_str!("migrations/0008_imap.sql"),
    include_str!("migrations/0009_outbox_owner.sql"),
];

/// The schema version this build writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

pub fn schema_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))?)
}

/// Fails if the database was written by a newer RightsDesk.
pub fn refuse_newer(conn: &Connection, known: u32) -> Result<u32> {
    let version = schema_version(conn)?;
    if version > known {
        return Err(Error::new(
            ErrorCode::NewerSchema,
            format!(
                "this database was written by a newer RightsDesk (schema version {version}; this version knows up to {known}). \
                 Update RightsDesk to open it; the database was not changed"
            ),
        ));
    }
    Ok(version)
}

/// Applies the pending migrations of `migrations` all-or-nothing. Returns the
/// number applied.
pub fn apply(conn: &mut Connection, migrations: &[&str]) -> Result<usize> {
    let known = migrations.len() as u32;
    let current = refuse_newer(conn, known)?;
    if current == known {
        return Ok(0);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for (i, sql) in migrations.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql).map_err(|e| {
            Error::new(
                ErrorCode::Internal,
                format!("migration to schema version {} failed: {e}; nothing was changed", i + 1),
            )
        })?;
    }
    tx.pragma_update(None, "user_version", known)?;
    tx.commit()?;
    Ok((known - current) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn applies_in_order_and_records_the_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(apply(&mut conn, MIGRATIONS).unwrap(), MIGRATIONS.len());
        assert_eq!(schema_version(&conn).unwrap(), latest_version());
        assert!(tables(&conn).contains(&"people".to_owned()));
        assert_eq!(apply(&mut conn, MIGRATIONS).unwrap(), 0, "second run is a no-op");
    }

    #[test]
    fn a_failing_migration_leaves_nothing_behind() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, &["CREATE TABLE a (x)"]).unwrap();
        let before = tables(&conn);
        let err = apply(&mut conn, &["CREATE TABLE a (x)", "CREATE TABLE b (y)", "CREATE TABLE broken ("]).unwrap_err();
        assert!(err.message.contains("schema version 3"), "{}", err.message);
        assert_eq!(tables(&conn), before, "table b must have been rolled back");
        assert_eq!(schema_version(&conn).unwrap(), 1);
    }

    #[test]
    fn a_newer_database_is_refused_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let err = apply(&mut conn, MIGRATIONS).unwrap_err();
        assert_eq!(err.code, ErrorCode::NewerSchema);
        assert_eq!(schema_version(&conn).unwrap(), 99);
        assert!(tables(&conn).is_empty());
    }
}
