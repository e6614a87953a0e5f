//! Setting up a mailbox from its address: what RightsDesk proposes, and on
//! what it rests. In order: RightsDesk's own presets (Proton's Bridge) and
//! its built-in ISPDB table (no network); the provider's autoconfig file
//! (`autoconfig.<domain>`, then `.well-known`, HTTPS before HTTP); the
//! domain's MX records matched against the table (Google Workspace,
//! Microsoft 365 and hosted domains); else the usual guesses. Every place
//! asked is listed with what it answered, so a proposal can be checked.

use rightsdesk_domain::ErrorCode;
use rightsdesk_domain::mail::TlsMode;
use rightsdesk_domain::mailbox::{self, Guidance, OAuth2Endpoints, Provider, Server};
use rightsdesk_mail::setup::{self, Lookup};
use rightsdesk_store::Error;
use serde::Serialize;

/// Where a proposal came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// A provider RightsDesk describes itself (no ISPDB file exists for it).
    Preset,
    /// The built-in table derived from Thunderbird's ISPDB.
    Builtin { ispdb: String },
    /// The provider's own autoconfig file; `secure` false: fetched over plain
    /// HTTP, so anyone on the way could have changed it.
    Autoconfig { url: String, secure: bool },
    /// The domain's MX host belongs to a provider of the built-in table.
    Mx { host: String, ispdb: String },
    /// Nobody describes the domain: the usual names, to be checked by the user.
    Guess,
}

/// One place asked, and what it answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attempt {
    pub place: String,
    pub outcome: String,
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
    /// What the provider requires first (an app password, IMAP switched on,
    /// signing in, Bridge), with the provider's own page.
    pub guidance: Vec<Guidance>,
    /// Every place asked before this proposal, in order.
    pub tried: Vec<Attempt>,
    /// The proposal in one plain sentence.
    pub sentence: String,
}

const CLIENT_ID_SETTING: &str = "oauth_client_id";

/// Where the OAuth2 client id comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientId {
    pub value: Option<String>,
    /// "settings", "environment", "build" or "none".
    pub from: &'static str,
}

/// The OAuth2 client id sign-ins use: the user's (Settings, `account
/// client-id`), else `RIGHTSDESK_OAUTH_CLIENT_ID` at run time, else the one
/// the build was made with (the same variable at build time). A public
/// client must be registered by whoever ships the app (README, "Microsoft
/// sign-in"); none is built in.
pub fn configured_client_id(store: Option<&rightsdesk_store::Store>) -> ClientId {
    let clean = |v: Option<String>| v.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
    if let Some(v) = clean(store.and_then(|s| s.setting(CLIENT_ID_SETTING).ok().flatten())) {
        return ClientId { value: Some(v), from: "settings" };
    }
    if let Some(v) = clean(std::env::var("RIGHTSDESK_OAUTH_CLIENT_ID").ok()) {
        return ClientId { value: Some(v), from: "environment" };
    }
    match clean(option_env!("RIGHTSDESK_OAUTH_CLIENT_ID").map(str::to_owned)) {
        Some(v) => ClientId { value: Some(v), from: "build" },
        None => ClientId { value: None, from: "none" },
    }
}

/// Sets (or, empty, clears) the user's own client id. A client id is an
/// identifier, not a secret (a desktop app is a public client).
pub fn set_client_id(store: &mut rightsdesk_store::Store, value: &str) -> Result<ClientId, Error> {
    let value = value.trim();
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) || value.len() > 200 {
        return Err(Error::new(
            ErrorCode::Invalid,
            "a client id is one word (as the provider's registration shows it)",
        ));
    }
    if value.is_empty() {
        store.delete_setting(CLIENT_ID_SETTING)?;
    } else {
        store.set_setting(CLIENT_ID_SETTING, value)?;
    }
    Ok(configured_client_id(Some(store)))
}

/// The sign-in settings for a proposal whose provider publishes OAuth2
/// endpoints, with `client_id` (possibly none: then `OAuthSettings::problem`
/// says so).
pub fn sign_in_settings(p: &Proposal, client_id: Option<&str>) -> Option<rightsdesk_domain::oauth::OAuthSettings> {
    p.oauth2.as_ref().map(|e| rightsdesk_domain::oauth::OAuthSettings::from_endpoints(e, client_id.unwrap_or_default()))
}

/// Adds an account with its password and, where the provider needs two, the
/// IMAP server's own: both in the OS keyring, or nothing stored at all.
pub fn add_account(
    store: &mut rightsdesk_store::Store,
    draft: rightsdesk_domain::mail::MailAccountDraft,
    password: &str,
    imap_password: Option<&str>,
) -> Result<rightsdesk_domain::mail::MailAccount, Error> {
    // An account that signs in with its provider has no password: it signs in next.
    if draft.oauth.is_some() {
        return store.add_mail_account(draft, None);
    }
    let account = store.add_mail_account(draft, Some(password))?;
    if let Some(imap) = imap_password.filter(|p| !p.is_empty())
        && let Err(e) = store.set_mail_imap_password(account.id, Some(imap))
    {
        // Not half-added: without its IMAP password the account would only fail later.
        let _ = store.remove_mail_account(account.id);
        return Err(e);
    }
    store.mail_account(account.id)
}

/// Connects and logs in to both servers of an account not yet stored (the
/// wizard's "Test" before "Add"): the same checks as a stored account's.
pub fn check_draft(
    draft: rightsdesk_domain::mail::MailAccountDraft,
    password: &str,
    imap_password: Option<&str>,
) -> Result<Vec<rightsdesk_domain::mail::ConnectionCheck>, Error> {
    if draft.oauth.is_some() {
        return Err(Error::new(
            ErrorCode::Invalid,
            "an account that signs in with its provider is tested once added and signed in",
        ));
    }
    let account = rightsdesk_domain::mail::MailAccount {
        id: 0,
        draft: draft.validate()?,
        has_password: true,
        has_imap_password: imap_password.is_some(),
        signed_in: false,
    };
    let imap = imap_password.filter(|p| !p.is_empty()).unwrap_or(password);
    Ok(rightsdesk_mail::check_account(&account, password, imap))
}

/// Takes a proposal's servers into an account draft (hosts, ports, TLS,
/// logins); everything else in the draft stays as the user set it.
pub fn apply(proposal: &Proposal, draft: &mut rightsdesk_domain::mail::MailAccountDraft) {
    if let Some(s) = &proposal.smtp {
        draft.smtp_host.clone_from(&s.host);
        draft.smtp_port = s.port;
        draft.smtp_tls = s.tls;
        draft.smtp_username = proposal.smtp_login.clone().unwrap_or_default();
    }
    if let Some(s) = &proposal.imap {
        draft.imap_host.clone_from(&s.host);
        draft.imap_port = s.port;
        draft.imap_tls = s.tls;
        draft.imap_username = proposal.imap_login.clone().unwrap_or_default();
    }
}

/// What RightsDesk proposes for `address`, asking the network as `lookup` says.
pub fn discover(address: &str, lookup: &Lookup) -> Result<Proposal, Error> {
    let address = address.trim();
    let domain = mailbox::address_domain(address).ok_or_else(|| {
        Error::new(ErrorCode::Invalid, format!("{address:?} is not an e-mail address (name@domain.tld)"))
    })?;
    let ispdb = || setup::ISPDB_VERSION.to_owned();
    if let Some(p) = mailbox::preset_for(&domain) {
        let sentence = format!(
            "{address} is a Proton address: Proton's servers are reached only through Proton Mail Bridge on this computer, with the password Bridge shows (not your Proton password) and the certificate you export from Bridge."
        );
        return Ok(proposal(address, &p, Source::Preset, Vec::new(), sentence));
    }
    let table = setup::builtin_table();
    if let Some(p) = mailbox::provider_for(table, &domain) {
        let sentence = format!(
            "{address} is a {} address: its servers come from RightsDesk's built-in table (Thunderbird's ISP database).",
            p.name
        );
        return Ok(proposal(address, p, Source::Builtin { ispdb: ispdb() }, Vec::new(), sentence));
    }

    let mut tried = Vec::new();
    for location in mailbox::autoconfig_locations(&domain) {
        let url = lookup.url(&location, address);
        let outcome = match lookup.fetch(&location.host, &url) {
            Err(why) => why,
            Ok(xml) => match mailbox::parse_config(&xml) {
                Err(e) => format!("not usable: {e}"),
                Ok(p) => match plain_text_servers(&p) {
                    Some(host) => format!(
                        "names a server without encryption ({host}); RightsDesk sends passwords only encrypted, except to this computer"
                    ),
                    None => {
                        let sentence = format!(
                            "{domain} publishes its own mail settings: the servers come from {url}{}.",
                            if location.secure {
                                ""
                            } else {
                                ", fetched without encryption: check them with your provider before you type your password"
                            }
                        );
                        tried.push(Attempt { place: url.clone(), outcome: "found".into() });
                        let source = Source::Autoconfig { url, secure: location.secure };
                        return Ok(proposal(address, &p, source, tried, sentence));
                    }
                },
            },
        };
        tried.push(Attempt { place: url, outcome });
    }

    let mx_place = format!("MX records of {domain}");
    match lookup.mx(&domain) {
        Ok(hosts) => match mailbox::provider_for_mx(table, &hosts) {
            Some((p, host)) => {
                tried.push(Attempt { place: mx_place, outcome: format!("{host}: {}", p.name) });
                let sentence = format!(
                    "{domain}'s mail is handled by {} (its MX record names {host}): the servers come from RightsDesk's built-in table.",
                    p.name
                );
                let source = Source::Mx { host: host.to_owned(), ispdb: ispdb() };
                return Ok(proposal(address, p, source, tried, sentence));
            }
            None if hosts.is_empty() => tried.push(Attempt { place: mx_place, outcome: "no MX records".into() }),
            None => tried.push(Attempt {
                place: mx_place,
                outcome: format!("{}: not a provider RightsDesk knows", hosts.join(", ")),
            }),
        },
        Err(e) => tried.push(Attempt { place: mx_place, outcome: e.to_string() }),
    }

    let (imap, smtp) = mailbox::guesses(&domain);
    Ok(Proposal {
        address: address.to_owned(),
        source: Source::Guess,
        provider: None,
        imap_login: None,
        smtp_login: None,
        imap: Some(imap),
        smtp: Some(smtp),
        oauth2: None,
        enable_imap_url: None,
        guidance: Vec::new(),
        tried,
        sentence: format!(
            "Nobody describes {domain}'s servers (RightsDesk's table, the domain's own settings and its MX records were asked); these are the usual names. Check them with your provider before you rely on them."
        ),
    })
}

/// The first server that would carry a password in plain text to another computer.
fn plain_text_servers(p: &Provider) -> Option<String> {
    [&p.imap, &p.smtp]
        .into_iter()
        .flatten()
        .find(|s| s.tls == TlsMode::Plain && !rightsdesk_domain::mail::is_local(&s.host))
        .map(|s| s.host.clone())
}

fn proposal(address: &str, p: &Provider, source: Source, tried: Vec<Attempt>, sentence: String) -> Proposal {
    Proposal {
        address: address.to_owned(),
        source,
        provider: Some(p.name.clone()),
        imap_login: p.imap.as_ref().map(|s| s.username.login_for(address)).filter(|l| l != address),
        smtp_login: p.smtp.as_ref().map(|s| s.username.login_for(address)).filter(|l| l != address),
        imap: p.imap.clone(),
        smtp: p.smtp.clone(),
        oauth2: p.oauth2.clone(),
        enable_imap_url: p.enable_imap_url.clone(),
        guidance: mailbox::guidance_for(p),
        tried,
        sentence,
    }
}
