//! Mail accounts (the user's own mailbox) and the outbox a request's letter
//! passes through on its way out.
//!
//! A password is never part of these types: it lives in the OS keyring only.

use serde::{Deserialize, Serialize};

use crate::{FieldError, Id, Invalid, email};

/// How the connection to a mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TlsMode {
    /// TLS from the first byte (SMTP 465, IMAP 993).
    Tls,
    /// Plain, then upgraded with STARTTLS (SMTP 587); refused if the server cannot.
    StartTls,
    /// No encryption: only to this computer (127.0.0.1, localhost) and only when switched on.
    Plain,
}

impl TlsMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tls => "tls",
            Self::StartTls => "start_tls",
            Self::Plain => "plain",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Tls, Self::StartTls, Self::Plain].into_iter().find(|m| m.as_str() == s)
    }
}

/// What the user enters for a mail account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailAccountDraft {
    /// A name for the account ("Work", "Personal").
    pub label: String,
    /// The address letters are sent from.
    pub email: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_tls: TlsMode,
    /// Login name; empty: the e-mail address.
    pub smtp_username: String,
    /// A PEM certificate to trust in addition to the system's (self-hosted servers).
    pub trusted_certificate: String,
    /// Plain text to a server on this computer is allowed only when this is on.
    pub allow_plaintext: bool,
    /// The incoming (IMAP) server; empty: no fetching and no Sent-folder check.
    /// The account's one password (in the keyring) serves both servers.
    #[serde(default)]
    pub imap_host: String,
    #[serde(default = "default_imap_port")]
    pub imap_port: u16,
    #[serde(default = "default_imap_tls")]
    pub imap_tls: TlsMode,
    /// IMAP login name; empty: the SMTP login.
    #[serde(default)]
    pub imap_username: String,
    /// The folders replies are fetched from (INBOX and any the user chooses).
    #[serde(default = "default_folders")]
    pub imap_folders: Vec<String>,
    /// Where the server keeps sent mail: searched by Message-ID when a send was interrupted.
    #[serde(default = "default_sent_folder")]
    pub sent_folder: String,
    /// Append a copy of each sent message to the Sent folder (for servers that do not keep one).
    #[serde(default)]
    pub append_to_sent: bool,
    /// Fetch replies every this many minutes while the app runs; 0: only on demand.
    #[serde(default = "default_fetch_every")]
    pub fetch_every_minutes: u32,
    /// A batch sends at most this many messages a minute (providers throttle
    /// bulk senders); 0: no limit.
    #[serde(default = "default_per_minute")]
    pub send_per_minute: u32,
    /// Sign in with the provider (OAuth2, XOAUTH2 for SMTP and IMAP) instead
    /// of a password: its endpoints and the client id. None: a password.
    #[serde(default)]
    pub oauth: Option<crate::oauth::OAuthSettings>,
}

fn default_imap_port() -> u16 {
    993
}
fn default_imap_tls() -> TlsMode {
    TlsMode::Tls
}
fn default_folders() -> Vec<String> {
    vec!["INBOX".into()]
}
fn default_sent_folder() -> String {
    "Sent".into()
}
fn default_fetch_every() -> u32 {
    15
}
fn default_per_minute() -> u32 {
    60
}

impl Default for MailAccountDraft {
    fn default() -> Self {
        Self {
            label: String::new(),
            email: String::new(),
            smtp_host: String::new(),
            smtp_port: 587,
            smtp_tls: TlsMode::StartTls,
            smtp_username: String::new(),
            trusted_certificate: String::new(),
            allow_plaintext: false,
            imap_host: String::new(),
            imap_port: default_imap_port(),
            imap_tls: default_imap_tls(),
            imap_username: String::new(),
            imap_folders: default_folders(),
            sent_folder: default_sent_folder(),
            append_to_sent: false,
            fetch_every_minutes: default_fetch_every(),
            send_per_minute: default_per_minute(),
            oauth: None,
        }
    }
}

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailAccount {
    pub id: Id,
    #[serde(flatten)]
    pub draft: MailAccountDraft,
    /// A password is in the OS keyring for this account.
    pub has_password: bool,
    /// The IMAP server has a password of its own (else it uses the SMTP one).
    #[serde(default)]
    pub has_imap_password: bool,
    /// An OAuth2 account has tokens in the OS keyring (signed in).
    #[serde(default)]
    pub signed_in: bool,
}

/// The host is this computer (plain text may go there, and only there).
pub fn is_local(host: &str) -> bool {
    matches!(host.trim().to_ascii_lowercase().as_str(), "127.0.0.1" | "localhost" | "::1" | "[::1]")
}

impl MailAccountDraft {
    /// Trims and checks the draft; errors name the field.
    pub fn validate(mut self) -> Result<Self, Invalid> {
        let mut errors = Vec::new();
        self.label = self.label.trim().to_owned();
        self.email = self.email.trim().to_owned();
        self.smtp_host = self.smtp_host.trim().to_owned();
        self.smtp_username = self.smtp_username.trim().to_owned();
        self.trusted_certificate = self.trusted_certificate.trim().to_owned();
        if self.label.is_empty() {
            self.label = self.email.clone();
        }
        if let Err(why) = email::check(&self.email) {
            errors.push(FieldError::new("email", why));
        }
        for (field, value) in
            [("label", &self.label), ("smtp_host", &self.smtp_host), ("smtp_username", &self.smtp_username)]
        {
            if value.chars().any(char::is_control) || value.len() > 255 {
                errors.push(FieldError::new(field, "one line, at most 255 characters"));
            }
        }
        if self.smtp_host.is_empty() {
            errors.push(FieldError::new("smtp_host", "the outgoing (SMTP) server is required"));
        } else if self.smtp_host.contains(char::is_whitespace) {
            errors.push(FieldError::new("smtp_host", "a host name has no spaces"));
        }
        if self.smtp_port == 0 {
            errors.push(FieldError::new("smtp_port", "a port from 1 to 65535"));
        }
        if self.smtp_tls == TlsMode::Plain && !(self.allow_plaintext && is_local(&self.smtp_host)) {
            errors.push(FieldError::new(
                "smtp_tls",
                "unencrypted SMTP is allowed only to a server on this computer (127.0.0.1, localhost), \
                 and only with “allow plain text” switched on",
            ));
        }
        self.imap_host = self.imap_host.trim().to_owned();
        self.imap_username = self.imap_username.trim().to_owned();
        self.sent_folder = self.sent_folder.trim().to_owned();
        let mut folders: Vec<String> = Vec::new();
        for f in self.imap_folders.iter().map(|f| f.trim()).filter(|f| !f.is_empty()) {
            if !folders.iter().any(|seen| seen == f) {
                folders.push(f.to_owned());
            }
        }
        self.imap_folders = if folders.is_empty() { default_folders() } else { folders };
        if self.sent_folder.is_empty() {
            self.sent_folder = default_sent_folder();
        }
        for (field, value) in [("imap_host", &self.imap_host), ("imap_username", &self.imap_username)] {
            if value.chars().any(char::is_control) || value.len() > 255 {
                errors.push(FieldError::new(field, "one line, at most 255 characters"));
            }
        }
        // Folder names go into IMAP commands as quoted strings: no quotes, backslashes or line breaks.
        for (field, value) in
            self.imap_folders.iter().map(|f| ("imap_folders", f)).chain([("sent_folder", &self.sent_folder)])
        {
            if value.chars().any(|c| c.is_control() || c == '"' || c == '\\') || value.len() > 200 {
                errors.push(FieldError::new(field, format!("“{value}” is not a folder name RightsDesk can use")));
            }
        }
        if !self.imap_host.is_empty() {
            if self.imap_host.contains(char::is_whitespace) {
                errors.push(FieldError::new("imap_host", "a host name has no spaces"));
            }
            if self.imap_port == 0 {
                errors.push(FieldError::new("imap_port", "a port from 1 to 65535"));
            }
            if self.imap_tls == TlsMode::Plain && !(self.allow_plaintext && is_local(&self.imap_host)) {
                errors.push(FieldError::new(
                    "imap_tls",
                    "unencrypted IMAP is allowed only to a server on this computer (127.0.0.1, localhost), \
                     and only with “allow plain text” switched on",
                ));
            }
        } else if self.append_to_sent {
            errors.push(FieldError::new("append_to_sent", "appending to the Sent folder needs an IMAP server"));
        }
        if self.send_per_minute > 600 {
            errors.push(FieldError::new("send_per_minute", "at most 600 a minute; 0 for no limit"));
        }
        if self.fetch_every_minutes > 24 * 60 {
            errors.push(FieldError::new("fetch_every_minutes", "at most once a day (1440 minutes); 0 for on demand"));
        }
        if errors.is_empty() { Ok(self) } else { Err(Invalid(errors)) }
    }

    /// The login name: the username if given, else the address.
    pub fn login(&self) -> &str {
        if self.smtp_username.is_empty() { &self.email } else { &self.smtp_username }
    }

    /// The IMAP login name: its own if given, else the SMTP login.
    pub fn imap_login(&self) -> &str {
        if self.imap_username.is_empty() { self.login() } else { &self.imap_username }
    }

    /// The pause between two messages of a batch.
    pub fn send_pause(&self) -> std::time::Duration {
        match self.send_per_minute {
            0 => std::time::Duration::ZERO,
            n => std::time::Duration::from_millis(60_000 / u64::from(n)),
        }
    }

    /// An incoming server is configured.
    pub fn has_imap(&self) -> bool {
        !self.imap_host.is_empty()
    }
}

/// Where a message stands in the outbox. Every network step is written down
/// before and after it happens, so a crash leaves a state that says what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    Queued,
    /// Handed to the server; if the app stops here, nobody knows whether it arrived.
    Sending,
    Sent,
    /// The server refused it for good (5xx), or retries ran out.
    Failed,
    /// The app stopped while sending: the user decides (send again or mark sent).
    Uncertain,
}

impl OutboxState {
    pub const ALL: [OutboxState; 5] = [Self::Queued, Self::Sending, Self::Sent, Self::Failed, Self::Uncertain];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Uncertain => "uncertain",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// One message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OutboxItem {
    pub id: Id,
    pub request_id: Id,
    pub reference: String,
    pub account_id: Id,
    /// Fixed when queued, so a resend or a server-side copy can be recognised.
    pub message_id: String,
    pub recipient: String,
    pub state: OutboxState,
    pub attempts: u32,
    /// The server's own words for the last failure.
    pub last_error: String,
    pub queued_at: String,
    pub sent_at: Option<String>,
    /// The copy in the IMAP Sent folder: '' (none wanted, or not yet),
    /// `appended`, `found` (the server kept one), or why appending failed.
    pub sent_copy: String,
}

/// How far one IMAP folder has been read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FolderState {
    pub account_id: Id,
    pub folder: String,
    pub fetched_at: Option<String>,
    /// The server's words for the last failure ('' when the last fetch worked).
    pub last_error: String,
}

/// Whether an account's scheduled fetch is due at `now`, by the mail round
/// that runs every `round`: when its oldest folder's last good fetch (by the
/// schedule or by the user) is `fetch_every_minutes` old — counting half a
/// round early, so a 1-minute schedule is not stretched to 2 — and, for a
/// server that keeps failing, only after the same interval since the last
/// attempt. Never for an account without an incoming server or on demand only.
pub fn fetch_due(
    account: &MailAccount,
    folders: &[FolderState],
    last_attempt: Option<chrono::DateTime<chrono::Utc>>,
    now: chrono::DateTime<chrono::Utc>,
    round: std::time::Duration,
) -> bool {
    let d = &account.draft;
    if !d.has_imap() || d.fetch_every_minutes == 0 {
        return false;
    }
    let every = chrono::Duration::minutes(i64::from(d.fetch_every_minutes));
    let half_round = chrono::Duration::from_std(round / 2).unwrap_or_default();
    let due = |since: chrono::DateTime<chrono::Utc>| now - since + half_round >= every;
    let fetched = folders
        .iter()
        .filter(|f| f.account_id == account.id)
        .map(|f| f.fetched_at.as_deref().and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok()))
        .min()
        .flatten()
        .map(|at| at.with_timezone(&chrono::Utc));
    fetched.is_none_or(due) && last_attempt.is_none_or(due)
}

/// What fetching one folder did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FolderFetch {
    pub folder: String,
    /// Messages new to RightsDesk.
    pub new: u32,
    /// Of those, filed to a request.
    pub filed: u32,
    /// Messages seen before (same Message-ID).
    pub duplicates: u32,
    /// Messages that could not be read, each with why.
    pub rejected: Vec<RejectedMail>,
    /// The folder could not be read: the server's words. Nothing was lost.
    pub error: Option<String>,
}

/// What fetching an account did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FetchReport {
    pub account_id: Id,
    pub folders: Vec<FolderFetch>,
    /// Messages left `sending` by a crash that the Sent folder showed as sent.
    pub confirmed_sent: Vec<String>,
}

/// An account whose mail could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FetchFailure {
    pub account_id: Id,
    pub email: String,
    /// What went wrong, in the server's words where it said any.
    pub message: String,
}

/// What fetching every account did: one account's failure does not stop the others.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FetchSummary {
    pub fetched: Vec<FetchReport>,
    pub failed: Vec<FetchFailure>,
}

/// One server's answer to "test connection".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConnectionCheck {
    /// `smtp` or `imap`.
    pub server: String,
    pub host: String,
    pub ok: bool,
    /// "connected and logged in", or the server's own words.
    pub message: String,
    /// A classic refusal recognised (basic auth off, app password needed,
    /// IMAP off): what to do; the server's words stay in `message`.
    #[serde(default)]
    pub guidance: Option<crate::mailbox::Guidance>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(host: &str, tls: TlsMode, allow: bool) -> MailAccountDraft {
        MailAccountDraft {
            email: "ada@example.org".into(),
            smtp_host: host.into(),
            smtp_tls: tls,
            allow_plaintext: allow,
            ..Default::default()
        }
    }

    #[test]
    fn the_rate_limit_is_a_pause_between_messages() {
        let mut d = draft("smtp.example.org", TlsMode::Tls, false);
        assert_eq!(d.send_pause().as_millis(), 1000, "60 a minute by default");
        d.send_per_minute = 0;
        assert_eq!(d.send_pause().as_millis(), 0);
        d.send_per_minute = 601;
        assert_eq!(d.validate().unwrap_err().0[0].field, "send_per_minute");
    }

    #[test]
    fn imap_is_optional_checked_when_given_and_folders_are_tidied() {
        let mut d = draft("smtp.example.org", TlsMode::StartTls, false);
        d.append_to_sent = true;
        assert_eq!(d.clone().validate().unwrap_err().0[0].field, "append_to_sent");
        d.imap_host = " imap.example.org ".into();
        d.imap_folders = vec!["INBOX".into(), " Replies ".into(), "INBOX".into(), String::new()];
        let ok = d.clone().validate().unwrap();
        assert_eq!(ok.imap_host, "imap.example.org");
        assert_eq!(ok.imap_folders, ["INBOX", "Replies"]);
        assert_eq!(ok.imap_login(), "ada@example.org");
        d.imap_tls = TlsMode::Plain;
        assert_eq!(d.clone().validate().unwrap_err().0[0].field, "imap_tls");
        d.imap_tls = TlsMode::Tls;
        d.sent_folder = "Sent\" \\ x".into();
        assert_eq!(d.validate().unwrap_err().0[0].field, "sent_folder");
    }

    #[test]
    fn plain_text_only_to_this_computer_and_only_when_allowed() {
        assert!(draft("smtp.example.org", TlsMode::StartTls, false).validate().is_ok());
        assert!(draft("127.0.0.1", TlsMode::Plain, true).validate().is_ok());
        for (host, allow) in [("127.0.0.1", false), ("smtp.example.org", true)] {
            let err = draft(host, TlsMode::Plain, allow).validate().unwrap_err();
            assert_eq!(err.0[0].field, "smtp_tls", "{host} {allow}");
        }
        let d = draft("smtp.example.org", TlsMode::Tls, false).validate().unwrap();
        assert_eq!((d.label.as_str(), d.login()), ("ada@example.org", "ada@example.org"));
        assert_eq!(draft("", TlsMode::Tls, false).validate().unwrap_err().0[0].field, "smtp_host");
    }
}

/// A message read from a mailbox or a file, parsed (bytes kept aside).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IncomingMail {
    /// Without angle brackets; a hash of the bytes when the message has none.
    pub message_id: String,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    pub from_address: String,
    pub from_name: String,
    pub subject: String,
    /// RFC 3339, if the Date header could be read.
    pub date: Option<String>,
    /// The plain-text body (from the HTML, tags dropped, when there is no text part).
    pub text: String,
    /// The HTML body as sent: shown only sanitised, in a sandbox.
    pub html: Option<String>,
    pub attachments: Vec<IncomingAttachment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingAttachment {
    pub name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// Where an incoming message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MailState {
    /// Waiting in the Inbox to be filed or ignored.
    Unfiled,
    Filed,
    Ignored,
}

impl MailState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unfiled => "unfiled",
            Self::Filed => "filed",
            Self::Ignored => "ignored",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Unfiled, Self::Filed, Self::Ignored].into_iter().find(|m| m.as_str() == s)
    }
}

/// An incoming message as the Inbox lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct InboxMail {
    pub id: Id,
    pub message_id: String,
    pub from: String,
    pub subject: String,
    pub date: Option<String>,
    pub state: MailState,
    /// The request it is filed to.
    pub request_id: Option<Id>,
    pub reference: Option<String>,
    /// How it was filed: `reply` (In-Reply-To/References), `reference` (in the text), `user`.
    pub filed_by: String,
    /// A likely request, by the sender's domain, when it could not be filed.
    pub suggested_request_id: Option<Id>,
    pub suggested_reference: Option<String>,
    pub text: String,
    pub attachments: u32,
    /// An HTML body exists (shown only sanitised, in a sandbox, on request).
    pub has_html: bool,
}

/// What importing one message did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailImport {
    pub mail_id: Id,
    /// Seen before (same Message-ID): nothing was added.
    pub duplicate: bool,
    pub filed_to: Option<String>,
    pub suggested: Option<String>,
}

/// What importing a file (.eml or mbox) did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailFileReport {
    pub imported: Vec<MailImport>,
    pub rejected: Vec<RejectedMail>,
}

/// A message in a file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RejectedMail {
    /// 1-based position in the file.
    pub position: u32,
    pub error: String,
}

#[cfg(test)]
mod schedule_tests {
    use super::*;

    fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&chrono::Utc)
    }

    #[test]
    fn a_fetch_is_due_by_the_oldest_folder_and_a_failing_server_waits_its_interval() {
        let account = MailAccount {
            id: 1,
            draft: MailAccountDraft {
                imap_host: "imap.example.org".into(),
                fetch_every_minutes: 5,
                ..MailAccountDraft::default()
            },
            has_password: true,
            has_imap_password: false,
            signed_in: false,
        };
        let round = std::time::Duration::from_secs(60);
        let folder = |name: &str, fetched: Option<&str>| FolderState {
            account_id: 1,
            folder: name.into(),
            fetched_at: fetched.map(str::to_owned),
            last_error: String::new(),
        };
        let now = at("2026-12-01T12:00:00Z");
        assert!(fetch_due(&account, &[], None, now, round), "never fetched");
        let recent = [folder("INBOX", Some("2026-12-01T11:57:00Z"))];
        assert!(!fetch_due(&account, &recent, None, now, round), "3 minutes ago");
        let nearly = [folder("INBOX", Some("2026-12-01T11:55:29Z"))];
        assert!(fetch_due(&account, &nearly, None, now, round), "4½ minutes: due within half a round");
        let mixed = [folder("INBOX", Some("2026-12-01T11:59:00Z")), folder("Privacy", Some("2026-12-01T11:50:00Z"))];
        assert!(fetch_due(&account, &mixed, None, now, round), "the oldest folder decides");
        assert!(!fetch_due(&account, &[], Some(at("2026-12-01T11:58:00Z")), now, round), "failed 2 minutes ago");
        let on_demand = MailAccount {
            draft: MailAccountDraft { fetch_every_minutes: 0, ..account.draft.clone() },
            ..account.clone()
        };
        assert!(!fetch_due(&on_demand, &[], None, now, round));
    }
}

/// A Message-ID in the one form RightsDesk stores, compares and writes:
/// `<left@right>`, angle brackets included (RFC 5322 `msg-id`). Outbox,
/// sent messages and received mail all keep this form, so a reply's
/// In-Reply-To is found by plain equality.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageId(String);

impl MessageId {
    /// From a header value or a stored id, with or without the brackets.
    /// Nothing (or whitespace, stray brackets) inside is not an id.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        let inner = t.strip_prefix('<').unwrap_or(t);
        let inner = inner.strip_suffix('>').unwrap_or(inner);
        let ok = !inner.is_empty() && !inner.contains(|c: char| c.is_whitespace() || c == '<' || c == '>');
        ok.then(|| Self(format!("<{inner}>")))
    }

    /// `<left@right>`.
    pub fn new(left: &str, right: &str) -> Self {
        Self(format!("<{left}@{right}>"))
    }

    /// The stored and header form, with brackets.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl std::fmt::Display for MessageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod message_id_tests {
    use super::MessageId;

    #[test]
    fn one_form_with_or_without_brackets() {
        let a = MessageId::parse("abc@spotify.com").unwrap();
        assert_eq!(a.as_str(), "<abc@spotify.com>");
        assert_eq!(MessageId::parse(" <abc@spotify.com> "), Some(a.clone()));
        assert_eq!(MessageId::new("abc", "spotify.com"), a);
        assert_eq!(MessageId::parse("<>"), None);
        assert_eq!(MessageId::parse(""), None);
        assert_eq!(MessageId::parse("a b@c"), None);
    }
}
