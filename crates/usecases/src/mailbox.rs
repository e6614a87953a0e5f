//! Setting up a mailbox from its address: what RightsDesk proposes, and on
//! what it rests. So far the built-in ISPDB table, else the usual guesses;
//! the provider's autoconfig and the domain's MX records come next (issue 16).

use rightsdesk_domain::ErrorCode;
use rightsdesk_domain::mailbox::{self, OAuth2Endpoints, Server};
use rightsdesk_store::Error;
use serde::Serialize;

/// Where a proposal came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// The built-in table derived from Thunderbird's ISPDB.
    Builtin { ispdb: String },
    /// Nobody describes the domain: the usual names, to be checked by the user.
    Guess,
}

/// The servers proposed for an address. The user can still change all of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    pub address: String,
    pub source: Source,
    /// The provider's name, where known.
    pub provider: Option<String>,
    pub imap: Option<Server>,
    pub smtp: Option<Server>,
    /// The login names, only where they are not the address itself (the
    /// provider may want the local part); none means the address.
    pub imap_login: Option<String>,
    pub smtp_login: Option<String>,
    pub oauth2: Option<OAuth2Endpoints>,
    /// Where the provider says IMAP must first be switched on.
    pub enable_imap_url: Option<String>,
    /// The proposal in one plain sentence.
    pub sentence: String,
}

/// What RightsDesk proposes for `address`.
pub fn discover(address: &str) -> Result<Proposal, Error> {
    let address = address.trim();
    let domain = mailbox::address_domain(address).ok_or_else(|| {
        Error::new(ErrorCode::Invalid, format!("{address:?} is not an e-mail address (name@domain.tld)"))
    })?;
    let proposal = match mailbox::provider_for(rightsdesk_mail::setup::builtin_table(), &domain) {
        Some(p) => Proposal {
            address: address.to_owned(),
            source: Source::Builtin { ispdb: rightsdesk_mail::setup::ISPDB_VERSION.to_owned() },
            provider: Some(p.name.clone()),
            imap_login: p.imap.as_ref().map(|s| s.username.login_for(address)).filter(|l| l != address),
            smtp_login: p.smtp.as_ref().map(|s| s.username.login_for(address)).filter(|l| l != address),
            imap: p.imap.clone(),
            smtp: p.smtp.clone(),
            oauth2: p.oauth2.clone(),
            enable_imap_url: p.enable_imap_url.clone(),
            sentence: format!(
                "{} is a {} address: its servers come from RightsDesk's built-in table (Thunderbird's ISP database).",
                address, p.name
            ),
        },
        None => {
            let (imap, smtp) = mailbox::guesses(&domain);
            Proposal {
                address: address.to_owned(),
                source: Source::Guess,
                provider: None,
                imap_login: None,
                smtp_login: None,
                imap: Some(imap),
                smtp: Some(smtp),
                oauth2: None,
                enable_imap_url: None,
                sentence: format!(
                    "RightsDesk does not know {domain}'s servers; these are the usual names. Check them with your provider before you rely on them."
                ),
            }
        }
    };
    Ok(proposal)
}
