//! Downloads for imports: rustls only, bounded in time and size, JSON only.

use std::io::Read;
use std::time::Duration;

use rightsdesk_domain::ErrorCode;

use crate::ImportError;

/// Largest download accepted (the full datarequests.org dump is ~15 MB).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Fetches `url` and returns its body, refusing anything that is not JSON.
pub fn json(url: &str, max_bytes: u64) -> Result<Vec<u8>, ImportError> {
    let body = get(url, max_bytes)?;
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if !matches!(first, Some(b'{') | Some(b'[')) {
        return Err(ImportError::new(
            ErrorCode::Invalid,
            format!("{url} did not return JSON (it starts with {:?}); nothing was imported", preview(&body)),
        ));
    }
    Ok(body)
}

/// Fetches `url` and returns its body, bounded in time and size; what the
/// body must be is the caller's to check.
pub fn get(url: &str, max_bytes: u64) -> Result<Vec<u8>, ImportError> {
    let client = reqwest::blocking::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("RightsDesk/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| ImportError::new(ErrorCode::Internal, format!("cannot set up downloads: {e}")))?;
    let response = client
        .get(url)
        .send()
        .map_err(|e| ImportError::new(ErrorCode::Io, format!("cannot download {url}: {}", without_url(&e))))?;
    let status = response.status();
    if !status.is_success() {
        return Err(ImportError::new(ErrorCode::Io, format!("{url} answered {status}; nothing was imported")));
    }
    if let Some(len) = response.content_length()
        && len > max_bytes
    {
        return Err(too_big(url, max_bytes));
    }
    let mut body = Vec::new();
    response
        .take(max_bytes + 1)
        .read_to_end(&mut body)
        .map_err(|e| ImportError::new(ErrorCode::Io, format!("download of {url} broke off: {e}")))?;
    if body.len() as u64 > max_bytes {
        return Err(too_big(url, max_bytes));
    }
    Ok(body)
}

fn too_big(url: &str, max: u64) -> ImportError {
    ImportError::new(
        ErrorCode::Invalid,
        format!("{url} is larger than {} MiB; nothing was imported", max / (1024 * 1024)),
    )
}

pub(crate) fn preview(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(40)]).trim().to_owned()
}

fn without_url(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    if e.is_timeout() {
        s = "timed out".into();
    } else if e.is_connect() {
        s = "could not connect".into();
    }
    s
}
