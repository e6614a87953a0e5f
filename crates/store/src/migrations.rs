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

/// The file names of the shipped migrations, in order (for the checksum test).
#[cfg(test)]
const FILES: &[&str] = &[
    "0001_initial.sql",
    "0002_registry.sql",
    "0003_request_lifecycle.sql",
    "0004_letters.sql",
    "0005_tracking.sql",
    "0006_outbox.sql",
    "0007_inbox.sql",
    "0008_imap.sql",
    "0009_outbox_owner.sql",
    "0010_message_ids.sql",
    "0011_special_categories.sql",
    "0012_voice.sql",
    "0013_claim_quotes.sql",
    "0014_policy_versions.sql",
    "0015_projects.sql",
    "0016_answer_days.sql",
    "0017_mail_oauth.sql",
    "0018_erasures.sql",
    "0019_mandates.sql",
];

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
    include_str!("migrations/0010_message_ids.sql"),
    include_str!("migrations/0011_special_categories.sql"),
    include_str!("migrations/0012_voice.sql"),
    include_str!("migrations/0013_claim_quotes.sql"),
    include_str!("migrations/0014_policy_versions.sql"),
    include_str!("migrations/0015_projects.sql"),
    include_str!("migrations/0016_answer_days.sql"),
    include_str!("migrations/0017_mail_oauth.sql"),
    include_str!("migrations/0018_erasures.sql"),
    include_str!("migrations/0019_mandates.sql"),
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

    /// A shipped migration is never edited: its SHA-256 is pinned here when
    /// it ships. A new migration adds its line; an edited one fails this.
    #[test]
    fn shipped_migrations_are_never_edited() {
        use sha2::{Digest, Sha256};
        const SHIPPED: &[(&str, &str)] = &[
            ("0001_initial.sql", "9c64993e55cf1b7c42df395068ee870eaaa25446787eedbc54700a6f9a376f32"),
            ("0002_registry.sql", "809ce27dd9229d2de9200a5a10078b8ad373c443cb64ea2bd940d3fe0a4a455d"),
            ("0003_request_lifecycle.sql", "edcd8f0f7c9bf753b311fe74fae609a100b8da0b3289ee6afa1cfae07c9825fc"),
            ("0004_letters.sql", "e290c297cb30835d5c9876d2ff00d79f412e78144a0ccd3871441944b27500cf"),
            ("0005_tracking.sql", "f9d9ff37c9142a9caf365711fc7e9e3d3d89f352913ccd7dbd8d89e461a2bb7f"),
            ("0006_outbox.sql", "a8e2fbc9c75dcd05fff26c30f64447991cb4f88f8bfea30b540c84862ee3c8cc"),
            ("0007_inbox.sql", "70d26204b1acfad85e10b1b701d7d3cf471f29c882855fdbbba3cf3d76f03527"),
            ("0008_imap.sql", "42576dd890618d9d9663cd524fa6c641354d3595ee27ea9b02702e69aef042a6"),
            ("0009_outbox_owner.sql", "9bad1fc291859cfa25a5b0493b0c5394e62ed4391828f53a832a77bf36f83ff9"),
            ("0010_message_ids.sql", "c073983f344d4c24fb1ef234c4b14dfef77309554cdf74b5d6390202336fe6e2"),
            ("0011_special_categories.sql", "c9f07e90791a05a229abff4216b268ff6538d8cbebd3ea9cd7bcdfdda6b0a3d0"),
            ("0012_voice.sql", "04de32d65275b44a2c4937ec2a7973bc0107879964b2f800adc5596fe7eb5878"),
            ("0013_claim_quotes.sql", "257680b968cc34eb43d0190a04ccd1fc6eb691ad8a092a58f5f88598bd7d4630"),
            ("0014_policy_versions.sql", "4861069633b03f8f391efd8ac1be8db6783238c44d9868e0f17321f14d2a2843"),
            ("0015_projects.sql", "17eb3f55cad70114c512a2b7b3a023244585d91c8ffa0e538207ec96770f3b09"),
            ("0016_answer_days.sql", "00e873b1f6a05489b3584f763f1a328e34ff2ca6cce81c29e82e73e2011c701e"),
            ("0017_mail_oauth.sql", "7a9e2d41321556e790f2396faed103fb910ab03dce22d7d50b59074f6a549c43"),
            ("0018_erasures.sql", "2eaf0b08b93988dbaabc77d9de71c9e9c07a5f32402cb70c47bf926b2539826e"),
            ("0019_mandates.sql", "2faa4a8619ae320d0b378725b9abdcf47222ee2f0f358f4e3b66c73292088a73"),
        ];
        assert_eq!(FILES.len(), MIGRATIONS.len(), "every migration file is listed in FILES");
        assert_eq!(SHIPPED.len(), MIGRATIONS.len(), "a new migration adds its checksum to SHIPPED");
        for ((name, sql), (shipped, sum)) in FILES.iter().zip(MIGRATIONS).zip(SHIPPED) {
            assert_eq!(name, shipped, "migrations keep their order and names");
            assert_eq!(&hex::encode(Sha256::digest(sql.as_bytes())), sum, "{name} was edited after it shipped");
        }
        let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/migrations")).unwrap().count();
        assert_eq!(on_disk, MIGRATIONS.len(), "every .sql file in src/migrations is applied");
    }

    #[test]
    fn received_message_ids_take_the_one_stored_form() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, &MIGRATIONS[..9]).unwrap();
        conn.execute_batch(
            "INSERT INTO mail_in (message_id, in_reply_to, refs, raw, state, received_at)
             VALUES ('a@x.org', '[\"RD-2026-1.ff@me.org\"]', '[\"r1@x.org\",\"<r2@x.org>\"]', x'00', 'unfiled', 't');",
        )
        .unwrap();
        apply(&mut conn, MIGRATIONS).unwrap();
        let (id, reply, refs): (String, String, String) = conn
            .query_row("SELECT message_id, in_reply_to, refs FROM mail_in", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(id, "<a@x.org>");
        assert_eq!(reply, r#"["<RD-2026-1.ff@me.org>"]"#);
        assert_eq!(refs, r#"["<r1@x.org>","<r2@x.org>"]"#);
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
