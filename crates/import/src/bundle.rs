//! Registry updates between releases: a signed bundle from a URL the user
//! sets. The envelope is JSON, `{"bundle": "<the bundle's JSON, as text>",
//! "signature": "<ed25519 over those bytes, hex>"}`; the signature is checked
//! against the public key built into this release before a byte of the
//! bundle is read, so a tampered, unsigned or foreign bundle is refused and
//! nothing changes.
//!
//! Signing happens outside the app, with the registry key's private half,
//! which is not in this repository: `sign` exists for that tool and for tests
//! (which sign with a test key and verify against it).

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rightsdesk_domain::ErrorCode;
use rightsdesk_domain::import::ImportBatch;
use serde::{Deserialize, Serialize};

use crate::ImportError;

/// RightsDesk's registry key (ed25519, public half). Its private half is
/// not in this repository and is not held by this build's authors: before the
/// first bundle is published, the maintainers generate the registry key
/// offline and put its public half here (`public_key` gives it). Until then
/// no bundle verifies, which is the safe failure.
pub const REGISTRY_KEY: [u8; 32] = [
    0x3d, 0x40, 0x17, 0xc3, 0xe8, 0x43, 0x89, 0x5a, 0x92, 0xb7, 0x0a, 0xa7, 0x4d, 0x1b, 0x7e, 0xc4, 0x5f, 0xb2, 0x7e,
    0x9f, 0x31, 0x22, 0x4c, 0x16, 0x5a, 0x3e, 0x13, 0x42, 0x10, 0x3a, 0x1c, 0x8f,
];

/// Largest bundle read (the whole registry is ~150 kB).
pub const MAX_BUNDLE: u64 = 8 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    bundle: String,
    signature: String,
}

fn refused(why: impl Into<String>) -> ImportError {
    ImportError::new(ErrorCode::Invalid, format!("registry update refused: {}; nothing was changed", why.into()))
}

/// Checks the envelope's signature with `key` and reads the bundle in it.
pub fn open_with(envelope: &[u8], key: &[u8; 32], location: &str) -> Result<ImportBatch, ImportError> {
    let env: Envelope =
        serde_json::from_slice(envelope).map_err(|e| refused(format!("it is not a signed registry bundle ({e})")))?;
    if env.signature.trim().is_empty() {
        return Err(refused("the bundle is not signed"));
    }
    let raw = hex::decode(env.signature.trim()).map_err(|_| refused("its signature is not hex"))?;
    let sig = Signature::from_slice(&raw).map_err(|_| refused("its signature has the wrong length"))?;
    let key = VerifyingKey::from_bytes(key).map_err(|_| refused("the built-in key is not a valid ed25519 key"))?;
    key.verify(env.bundle.as_bytes(), &sig).map_err(|_| {
        refused("its signature does not match RightsDesk's registry key (tampered, or signed by someone else)")
    })?;
    crate::registry::bundle_batch(&env.bundle, location)
}

/// Checks a bundle against the key built into this release.
pub fn open(envelope: &[u8], location: &str) -> Result<ImportBatch, ImportError> {
    open_with(envelope, &REGISTRY_KEY, location)
}

/// Signs a bundle's JSON with a private key (the signing tool; tests).
pub fn sign(bundle_json: &str, secret: &[u8; 32]) -> Vec<u8> {
    let key = SigningKey::from_bytes(secret);
    let signature = hex::encode(key.sign(bundle_json.as_bytes()).to_bytes());
    serde_json::to_vec(&Envelope { bundle: bundle_json.to_owned(), signature }).unwrap_or_default()
}

/// The public half of a private key, for tests and the signing tool.
pub fn public_key(secret: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(secret).verifying_key().to_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST_SECRET: [u8; 32] = [7; 32];

    fn bundle() -> String {
        let entry = serde_json::json!({
            "slug": "examplesocial", "name": "Example Social Ltd", "address": "1 Street\nDublin", "country": "IE",
            "contacts": [], "web": "https://social.example", "policy_url": "https://social.example/privacy",
            "lead_sa": "iedpc", "runs": ["Example Social"], "claims": []
        });
        serde_json::json!({"format": crate::registry::BUNDLE_FORMAT, "version": "2026-12-01", "entries": [entry]})
            .to_string()
    }

    #[test]
    fn a_signed_bundle_opens_with_its_key_only() {
        let env = sign(&bundle(), &TEST_SECRET);
        let b = open_with(&env, &public_key(&TEST_SECRET), "test").unwrap();
        assert_eq!(b.controllers[0].draft.slug, "examplesocial");
        assert!(b.version.starts_with("registry bundle 2026-12-01"));
        let e = open(&env, "test").unwrap_err();
        assert!(e.message.contains("does not match"), "{}", e.message);
    }

    #[test]
    fn tampered_unsigned_and_foreign_bundles_are_refused() {
        let key = public_key(&TEST_SECRET);
        let env = String::from_utf8(sign(&bundle(), &TEST_SECRET)).unwrap();
        let tampered = env.replace("Example Social Ltd", "Evil Social Ltd");
        assert!(open_with(tampered.as_bytes(), &key, "t").unwrap_err().message.contains("does not match"));
        let unsigned = serde_json::json!({"bundle": bundle(), "signature": ""}).to_string();
        assert!(open_with(unsigned.as_bytes(), &key, "t").unwrap_err().message.contains("not signed"));
        assert!(
            open_with(bundle().as_bytes(), &key, "t").unwrap_err().message.contains("not a signed registry bundle")
        );
        assert!(open_with(b"<html>", &key, "t").unwrap_err().message.contains("nothing was changed"));
        let wrong_format = bundle().replace("rightsdesk-registry/1", "rightsdesk-registry/9");
        let e = open_with(&sign(&wrong_format, &TEST_SECRET), &key, "t").unwrap_err();
        assert!(e.message.contains("format"), "{}", e.message);
    }
}
