//! A Person is a data subject: someone on whose behalf requests are made.
//! An individual has one (themselves); an advocate has many.

use serde::{Deserialize, Serialize};

use crate::{FieldError, Id, Invalid, email};

/// A postal address, kept as the person would write it. `country` is an ISO
/// 3166-1 alpha-2 code; `region` is the state/Land where it decides which
/// supervisory authority is competent (e.g. German Länder).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PostalAddress {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub region: String,
    pub country: String,
}

impl PostalAddress {
    pub fn is_empty(&self) -> bool {
        [&self.street, &self.postal_code, &self.city, &self.region, &self.country].iter().all(|s| s.trim().is_empty())
    }
}

/// How a platform knows the person: a username, account e-mail, phone number…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AccountId {
    /// The platform or controller, by slug where known (`tiktok`, `facebook`).
    pub platform: String,
    pub identifier: String,
}

impl AccountId {
    /// `platform=id` as people type it (the CLI's `--account`, a people
    /// file's `accounts` column); `None` without an `=`. The validation of
    /// the parts is the draft's.
    pub fn parse(spec: &str) -> Option<Self> {
        let (platform, identifier) = spec.split_once('=')?;
        Some(Self { platform: platform.trim().to_owned(), identifier: identifier.trim().to_owned() })
    }
}

/// The grammatical gender of the person's first-person forms in letters
/// ("je me suis opposée", "udzieliłam"). `Neutral`, the default, words the
/// letter so that it needs no gender where the language allows that; where a
/// language marks the speaker's gender in every wording it has, the neutral
/// letter uses an impersonal or nominal construction instead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    #[default]
    Neutral,
    Feminine,
    Masculine,
}

impl Voice {
    pub const ALL: [Voice; 3] = [Self::Neutral, Self::Feminine, Self::Masculine];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Neutral => "neutral",
            Self::Feminine => "feminine",
            Self::Masculine => "masculine",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Neutral => "Neutral (no gender)",
            Self::Feminine => "Feminine",
            Self::Masculine => "Masculine",
        }
    }
}

/// What the user types in to create or change a person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PersonDraft {
    /// The name letters are signed with. Required.
    pub display_name: String,
    pub emails: Vec<String>,
    pub address: PostalAddress,
    pub accounts: Vec<AccountId>,
    pub notes: String,
    /// The gender of the person's first-person forms in letters.
    #[serde(default)]
    pub voice: Voice,
    /// How the person wants to be addressed in replies ("Ms", "Dr", "Frau");
    /// empty: no form of address is given.
    #[serde(default)]
    pub form_of_address: String,
    /// Someone the organisation acts for (false: the user themself). Letters
    /// for a represented person need a mandate that covers them.
    #[serde(default)]
    pub represented: bool,
}

/// A stored person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Person {
    pub id: Id,
    pub display_name: String,
    pub emails: Vec<String>,
    pub address: PostalAddress,
    pub accounts: Vec<AccountId>,
    pub notes: String,
    pub voice: Voice,
    pub form_of_address: String,
    #[serde(default)]
    pub represented: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
}

impl Person {
    /// The editable part, e.g. to prefill an edit form.
    pub fn draft(&self) -> PersonDraft {
        PersonDraft {
            display_name: self.display_name.clone(),
            emails: self.emails.clone(),
            address: self.address.clone(),
            accounts: self.accounts.clone(),
            notes: self.notes.clone(),
            voice: self.voice,
            form_of_address: self.form_of_address.clone(),
            represented: self.represented,
        }
    }
}

const MAX_NAME: usize = 200;
const MAX_LINE: usize = 500;

/// A single-line field must not carry line breaks: they would end up in
/// letter headers and e-mail headers.
fn single_line(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    if value.chars().any(|c| c.is_control()) {
        errors.push(FieldError::new(field, "must be a single line without control characters"));
    } else if value.chars().count() > MAX_LINE {
        errors.push(FieldError::new(field, format!("must be at most {MAX_LINE} characters")));
    }
}

impl PersonDraft {
    /// Trims every field, drops blank e-mail and account rows, and checks the
    /// rest. Returns every problem at once so a form can show them together.
    pub fn validate(mut self) -> Result<PersonDraft, Invalid> {
        let mut errors = Vec::new();

        self.display_name = self.display_name.trim().to_owned();
        if self.display_name.is_empty() {
            errors.push(FieldError::new("display_name", "a name is required"));
        } else if self.display_name.chars().count() > MAX_NAME {
            errors.push(FieldError::new("display_name", format!("must be at most {MAX_NAME} characters")));
        } else {
            single_line(&mut errors, "display_name", &self.display_name);
        }

        // Errors are numbered by the row the user filled in (blank rows are
        // dropped only afterwards), so each lands next to its own input.
        let emails: Vec<(usize, String)> = self
            .emails
            .iter()
            .enumerate()
            .map(|(i, e)| (i, e.trim().to_owned()))
            .filter(|(_, e)| !e.is_empty())
            .collect();
        for (n, (i, address)) in emails.iter().enumerate() {
            if let Err(why) = email::check(address) {
                errors.push(FieldError::new(format!("emails[{i}]"), format!("“{}” {why}", printable(address))));
            } else if emails[..n].iter().any(|(_, e)| e.eq_ignore_ascii_case(address)) {
                errors.push(FieldError::new(format!("emails[{i}]"), "is listed twice"));
            }
        }
        self.emails = emails.into_iter().map(|(_, e)| e).collect();

        let a = &mut self.address;
        for (field, value) in [
            ("address.street", &mut a.street),
            ("address.postal_code", &mut a.postal_code),
            ("address.city", &mut a.city),
            ("address.region", &mut a.region),
            ("address.country", &mut a.country),
        ] {
            *value = value.trim().to_owned();
            single_line(&mut errors, field, value);
        }
        a.country = a.country.to_ascii_uppercase();
        let two_letters = a.country.len() == 2 && a.country.chars().all(|c| c.is_ascii_alphabetic());
        if !a.country.is_empty() && !two_letters {
            errors.push(FieldError::new("address.country", "must be a two-letter country code, like DE or IE"));
        }

        let accounts: Vec<(usize, AccountId)> = self
            .accounts
            .iter()
            .enumerate()
            .map(|(i, a)| {
                (i, AccountId { platform: a.platform.trim().to_owned(), identifier: a.identifier.trim().to_owned() })
            })
            .filter(|(_, a)| !(a.platform.is_empty() && a.identifier.is_empty()))
            .collect();
        for (i, account) in &accounts {
            if account.platform.is_empty() {
                errors
                    .push(FieldError::new(format!("accounts[{i}].platform"), "say which platform this account is on"));
            }
            if account.identifier.is_empty() {
                errors.push(FieldError::new(format!("accounts[{i}].identifier"), "the account name or ID is missing"));
            }
            single_line(&mut errors, &format!("accounts[{i}].platform"), &account.platform);
            single_line(&mut errors, &format!("accounts[{i}].identifier"), &account.identifier);
        }
        self.accounts = accounts.into_iter().map(|(_, a)| a).collect();

        self.notes = self.notes.trim().to_owned();
        self.form_of_address = self.form_of_address.trim().to_owned();
        if self.form_of_address.chars().count() > 60 {
            errors.push(FieldError::new("form_of_address", "must be at most 60 characters"));
        } else {
            single_line(&mut errors, "form_of_address", &self.form_of_address);
        }

        if errors.is_empty() { Ok(self) } else { Err(Invalid(errors)) }
    }
}

/// Shows control characters escaped, so an error message never carries them.
fn printable(s: &str) -> String {
    s.chars().flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, emails: &[&str]) -> PersonDraft {
        PersonDraft {
            display_name: name.into(),
            emails: emails.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn trims_and_accepts_a_plain_person() {
        let ok = draft("  Jane Doe ", &[" jane@example.org ", ""]).validate().unwrap();
        assert_eq!(ok.display_name, "Jane Doe");
        assert_eq!(ok.emails, vec!["jane@example.org"]);
    }

    #[test]
    fn empty_name_and_bad_email_are_reported_per_field() {
        let Invalid(errors) = draft("   ", &["ok@example.org", "not-an-address"]).validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["display_name", "emails[1]"]);
    }

    #[test]
    fn an_error_names_the_row_the_user_typed_in_not_its_place_after_blank_rows() {
        let Invalid(errors) = draft("J", &["", "bad"]).validate().unwrap_err();
        assert_eq!(errors[0].field, "emails[1]", "the second input, not the blank first one");
        let Invalid(errors) = draft("J", &[" ", "a@example.org", "", "A@example.org"]).validate().unwrap_err();
        assert_eq!(errors[0].field, "emails[3]");
        let mut d = draft("J", &[]);
        d.accounts = vec![
            AccountId { platform: " ".into(), identifier: "".into() },
            AccountId { platform: "tiktok".into(), identifier: "".into() },
        ];
        assert_eq!(d.validate().unwrap_err().0[0].field, "accounts[1].identifier");
        assert_eq!(draft("J", &["", "a@example.org"]).validate().unwrap().emails, ["a@example.org"]);
    }

    #[test]
    fn line_breaks_in_a_name_are_refused() {
        let Invalid(errors) = draft("Jane\r\nBcc: x@evil.test", &[]).validate().unwrap_err();
        assert_eq!(errors[0].field, "display_name");
    }

    #[test]
    fn duplicate_email_is_refused_case_insensitively() {
        let Invalid(errors) = draft("J", &["a@example.org", "A@example.org"]).validate().unwrap_err();
        assert_eq!(errors[0].field, "emails[1]");
    }

    #[test]
    fn country_is_normalised_and_checked() {
        let mut d = draft("J", &[]);
        d.address.country = "de".into();
        assert_eq!(d.clone().validate().unwrap().address.country, "DE");
        d.address.country = "Germany".into();
        assert_eq!(d.validate().unwrap_err().0[0].field, "address.country");
    }

    #[test]
    fn half_filled_account_rows_are_reported() {
        let mut d = draft("J", &[]);
        d.accounts = vec![
            AccountId { platform: "tiktok".into(), identifier: "".into() },
            AccountId { platform: " ".into(), identifier: " ".into() },
        ];
        let Invalid(errors) = d.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "accounts[0].identifier");
    }
}

/// Everything held about a person, counted: what erasing them removes, for
/// the confirmation that names it (an advocate's duty when a mandate ends or
/// the person asks). Received mail counts where it is filed or suggested to
/// one of their requests, or comes from one of their addresses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Erasure {
    pub person_id: Id,
    pub display_name: String,
    pub requests: u32,
    pub letters: u32,
    /// Messages recorded on their requests (sent and received).
    pub messages: u32,
    pub attachments: u32,
    /// Received e-mails (the inbox's copies).
    pub mail_in: u32,
    pub events: u32,
    /// Outgoing e-mails in the outbox, sent or not.
    pub outbox: u32,
    /// Mandates (letters of authority, Art. 80(1)) and their signed scans.
    #[serde(default)]
    pub mandates: u32,
    /// Of those, being sent right now: an erasure waits for them.
    pub sending: u32,
}

impl Erasure {
    /// The confirmation's words: who, and what goes.
    pub fn said(&self) -> String {
        format!(
            "Erase {} (person {}) and everything held about them: {} request(s), {} letter(s), {} message(s), \
             {} attachment(s), {} received e-mail(s), {} timeline event(s), {} outgoing e-mail(s), {} mandate(s). \
             Only a record that an erasure happened, with these counts and no personal data, is kept. \
             This cannot be undone.",
            self.display_name,
            self.person_id,
            self.requests,
            self.letters,
            self.messages,
            self.attachments,
            self.mail_in,
            self.events,
            self.outbox,
            self.mandates
        )
    }

    /// Why it cannot happen now, if it cannot.
    pub fn refusal(&self) -> Option<String> {
        (self.sending > 0).then(|| {
            format!(
                "{} e-mail(s) of this person are being sent right now; erase them once the mail run has finished. \
                 Nothing was erased",
                self.sending
            )
        })
    }
}
