//! The datarequests.org snapshot built into the app (CC0-1.0, Datenanfragen.de
//! e. V.; see `data/README.md`): a compressed dump read like any other dump,
//! so a record means the same whether it came from here or the live database.

use std::io::Read;

use rightsdesk_domain::ErrorCode;
use rightsdesk_domain::import::ImportBatch;

use crate::ImportError;

const PACKED: &[u8] = include_bytes!("../data/datenanfragen.json.z");
const VERSION: &str = include_str!("../data/datenanfragen.version");
/// The `location` its import runs are recorded under, so live imports can be told apart.
pub const LOCATION: &str = "built-in snapshot";
/// Unpacked, the dump is under 2 MB; anything much larger is not ours.
const MAX_UNPACKED: u64 = 32 * 1024 * 1024;

/// "<commit> <YYYY-MM-DD>" of the database the snapshot was taken from.
pub fn version() -> &'static str {
    VERSION.trim()
}

/// The day the snapshot's commit was made.
pub fn date() -> chrono::NaiveDate {
    version()
        .rsplit(' ')
        .next()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or(chrono::NaiveDate::MIN)
}

/// The snapshot as an import batch.
pub fn batch() -> Result<ImportBatch, ImportError> {
    let mut json = Vec::with_capacity(2 * 1024 * 1024);
    flate2::read::ZlibDecoder::new(PACKED).take(MAX_UNPACKED).read_to_end(&mut json).map_err(|e| {
        ImportError::new(ErrorCode::Internal, format!("the built-in datarequests.org snapshot is damaged: {e}"))
    })?;
    let mut batch = crate::datenanfragen::from_dump(&json, LOCATION)?;
    batch.version = version().to_owned();
    Ok(batch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snapshot_holds_the_whole_database_and_every_record_reads() {
        let b = batch().unwrap();
        assert!(b.controllers.len() >= 3000, "{} controllers", b.controllers.len());
        assert!(b.authorities.len() >= 50, "{} authorities", b.authorities.len());
        assert!(!b.redirects.is_empty());
        assert!(b.rejected.len() < 10, "{:?}", b.rejected);
        assert!(b.complete);
        assert_eq!(b.location, LOCATION);
        assert!(date() > chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), "{}", version());
    }
}
