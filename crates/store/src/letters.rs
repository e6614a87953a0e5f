//! Letters of requests: drafting (render + store in one transaction with the
//! request), previews that store nothing, the user's edits, batches, and the
//! PDF / .eml / mailto outputs.
//!
//! Invariants: a request and its letter are created together or not at all;
//! a letter whose text the user edited is never re-rendered over; only drafts
//! change (what was sent stays as it was sent).

use rightsdesk_domain::letter::{
    Batch, BatchItem, LetterRequest, StoredLetter, TimelineEntry, choose_language, validate_options,
};
use rightsdesk_domain::letter::{LetterInput, WriteError};
use rightsdesk_domain::{
    Controller, ErrorCode, FieldError, Id, IdentityKind, Invalid, Letter, LetterOptions, Party, Person, Request,
    RequestKind, RequestStatus,
};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::events;
use crate::{Error, Result, Store};
use rightsdesk_domain::{EventCause, EventKind};

impl From<WriteError> for Error {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::Invalid(invalid) => invalid.into(),
            WriteError::Failed { code, message } => Error::new(code, message),
        }
    }
}

fn person_party(p: &Person) -> Party {
    let a = &p.address;
    let city = [a.postal_code.trim(), a.city.trim()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>();
    let address = [a.street.trim().to_owned(), city.join(" "), a.region.trim().to_owned(), a.country.trim().to_owned()]
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect();
    Party {
        name: p.display_name.clone(),
        address,
        email: p.emails.first().cloned().unwrap_or_default(),
        web_form: String::new(),
    }
}

/// Identity data the controller requires and the person or the options lack,
/// each named as a field the user can fill.
fn check_identity(person: &Person, controller: &Controller, options: &LetterOptions) -> Result<()> {
    let mut errors = Vec::new();
    let who = &controller.draft.name;
    for field in &controller.draft.required_identity {
        let (name, missing) = match field.kind {
            IdentityKind::Name => ("person.display_name".to_owned(), person.display_name.trim().is_empty()),
            IdentityKind::Email => ("person.emails".to_owned(), person.emails.is_empty()),
            IdentityKind::Address => (
                "person.address".to_owned(),
                person.address.street.trim().is_empty() || person.address.city.trim().is_empty(),
            ),
            IdentityKind::Birthdate | IdentityKind::Other => (
                format!("identity.{}", field.label),
                !options
                    .identity
                    .iter()
                    .any(|v| v.label.trim().eq_ignore_ascii_case(field.label.trim()) && !v.value.trim().is_empty()),
            ),
        };
        if missing {
            errors.push(FieldError::new(name, format!("{who} requires “{}” to identify you", field.label)));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Invalid(errors).into()) }
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::new(ErrorCode::Internal, format!("cannot encode: {e}")))
}

impl Store {
    /// Everything a letter of `kind` from `person` to `controller` is made of.
    fn letter_input(
        &self,
        person: &Person,
        controller: &Controller,
        kind: RequestKind,
        language: &str,
        options: &LetterOptions,
        reference: &str,
    ) -> Result<LetterInput> {
        validate_options(kind, options)?;
        check_identity(person, controller, options)?;
        // For someone the organisation represents, only what a mandate covers.
        self.mandate_for(person.id, kind, &controller.draft.slug)?;
        let mut options = options.clone();
        let mut timeline = Vec::new();
        let mut enclosures = Vec::new();
        if !options.regarding.trim().is_empty() {
            let earlier = self.resolve_request(&options.regarding).map_err(|_| {
                Error::from(Invalid(vec![FieldError::new(
                    "options.regarding",
                    format!("no request “{}”", options.regarding.trim()),
                )]))
            })?;
            let detail = self.request_detail(earlier)?;
            let d = &detail.dates;
            for (date, step) in [
                (&d.sent, "sent"),
                (&d.received, "received"),
                (&d.acknowledged, "acknowledged"),
                (&d.extended, "extended"),
                (&d.identity_requested, "identity_requested"),
                (&d.identity_provided, "identity_provided"),
                (&d.answered, "answered"),
                (&d.refused, "refused"),
                (&d.admonished, "admonished"),
            ] {
                if let Some(date) = date {
                    timeline.push(TimelineEntry { date: date.clone(), step: step.to_owned() });
                }
            }
            timeline.sort_by(|a, b| a.date.cmp(&b.date));
            if options.original_sent.trim().is_empty() {
                options.original_sent = d.sent.clone().unwrap_or_default();
            }
            for l in self.correspondence(earlier)? {
                enclosures.push(format!("{} ({})", l.subject, l.date));
            }
        }
        if kind == RequestKind::Reminder && options.original_sent.trim().is_empty() {
            return Err(Invalid(vec![FieldError::new(
                "options.original_sent",
                "the earlier request has no date it was sent: give the date of your first letter",
            )])
            .into());
        }
        let (recipient, subject_controller) = if kind.goes_to_authority() {
            let authority = match self.authorities_for_person(person.id) {
                Ok(list) => list.into_iter().next(),
                Err(_) => match controller.draft.lead_sa.as_str() {
                    "" | "none" => None,
                    slug => self.get_authority(slug).ok(),
                },
            }
            .ok_or_else(|| {
                Error::from(Invalid(vec![FieldError::new(
                    "person.address.country",
                    "no supervisory authority found for this person or controller: add the person's country \
                     (and Land in Germany) and import the datarequests.org database",
                )]))
            })?;
            let party = Party {
                name: authority.name.clone(),
                address: authority
                    .address
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                email: authority.email.clone(),
                web_form: authority.web_form.clone(),
            };
            (party, Some(controller.recipient()))
        } else {
            (controller.recipient(), None)
        };
        let accounts = person
            .accounts
            .iter()
            .filter(|a| {
                let p = a.platform.trim().to_lowercase();
                p.is_empty()
                    || p == controller.draft.slug
                    || controller.draft.runs.iter().any(|r| r.to_lowercase() == p)
                    || controller.draft.name.to_lowercase().contains(&p)
            })
            .cloned()
            .collect();
        let wanted = (!language.trim().is_empty()).then_some(language);
        Ok(LetterInput {
            kind,
            language: choose_language(wanted, &controller.draft.request_language, &person.address.country),
            reference: reference.to_owned(),
            today: self.clock.today(),
            sender: person_party(person),
            voice: person.voice,
            form_of_address: person.form_of_address.clone(),
            recipient,
            accounts,
            options,
            controller: subject_controller,
            timeline,
            enclosures,
        })
    }

    /// A letter as it would be written, without storing anything (the
    /// composer's live preview). The reference is assigned on saving.
    pub fn preview_letter(&self, req: &LetterRequest, controller_slug: &str) -> Result<Letter> {
        let person = self.get_person(req.person_id)?;
        let controller = self.get_controller(controller_slug)?;
        let reference =
            rightsdesk_domain::Reference::placeholder(chrono::Datelike::year(&self.clock.today())).to_string();
        let input = self.letter_input(&person, &controller, req.kind, &req.language, &req.options, &reference)?;
        Ok(self.writer.render(&input)?)
    }

    /// A new draft request with its letter, in one transaction: bad options or
    /// missing identity data leave nothing behind.
    pub fn create_request(&mut self, req: &LetterRequest, controller_slug: &str) -> Result<Request> {
        self.create_request_in_batch(req, controller_slug, "")
    }

    fn create_request_in_batch(&mut self, req: &LetterRequest, controller_slug: &str, batch: &str) -> Result<Request> {
        let person = self.get_person(req.person_id)?;
        let controller = self.get_controller(controller_slug)?;
        // Everything is checked before anything is written; the reference is
        // known once the row exists.
        let mut input = self.letter_input(&person, &controller, req.kind, &req.language, &req.options, "")?;
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO requests (person_id, controller_id, kind, status, reference, created_at, updated_at, batch)
             VALUES (?1, ?2, ?3, 'draft', 'pending-' || hex(randomblob(8)), ?4, ?4, ?5)",
            params![req.person_id, controller.id, req.kind.as_str(), at, batch],
        )?;
        let id = tx.last_insert_rowid();
        let year = chrono::Datelike::year(&self.clock.now());
        let reference = rightsdesk_domain::Reference::new(year, id as u64).to_string();
        tx.execute("UPDATE requests SET reference = ?2 WHERE id = ?1", params![id, reference])?;
        let detail = format!("{} request to {}", req.kind.as_str(), controller.draft.name);
        events::record(&tx, id, EventKind::Created, EventCause::User, &at, &detail)?;
        input.reference = reference;
        let letter = self.writer.render(&input)?;
        write_letter(&tx, id, &letter, &req.options, false, &at)?;
        tx.commit()?;
        self.get_request(id)
    }

    /// The letter of a request.
    pub fn letter(&self, request_id: Id) -> Result<StoredLetter> {
        let row = self
            .conn
            .query_row(
                "SELECT letter, options, edited, updated_at FROM letters WHERE request_id = ?1",
                [request_id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?, r.get::<_, String>(3)?)),
            )
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("request {request_id} has no letter")))?;
        let letter: Letter = serde_json::from_str(&row.0)
            .map_err(|e| Error::new(ErrorCode::Internal, format!("the stored letter cannot be read: {e}")))?;
        let options = serde_json::from_str(&row.1).unwrap_or_default();
        let mailto = rightsdesk_domain::letter::mailto(&letter);
        let text = letter.plain_text();
        let ways = rightsdesk_domain::sending::ways_to_send(&letter.recipient);
        Ok(StoredLetter { request_id, letter, options, edited: row.2, updated_at: row.3, mailto, text, ways })
    }

    fn ensure_draft(&self, request_id: Id) -> Result<Request> {
        let request = self.get_request(request_id)?;
        if request.status != RequestStatus::Draft {
            return Err(Error::new(
                ErrorCode::Invalid,
                format!("{} was {} already: its letter stays as it was", request.reference, request.status.as_str()),
            ));
        }
        Ok(request)
    }

    /// Renders a draft's letter again with other options or language. Refused
    /// when the user edited the text, unless `discard_edits`.
    pub fn redraft_letter(
        &mut self,
        request_id: Id,
        language: &str,
        options: &LetterOptions,
        discard_edits: bool,
    ) -> Result<StoredLetter> {
        let request = self.ensure_draft(request_id)?;
        if let Ok(existing) = self.letter(request_id)
            && existing.edited
            && !discard_edits
        {
            return Err(Error::new(
                ErrorCode::Invalid,
                "this letter's text was edited by hand; rendering it again would overwrite your edits \
                 (discard them first)",
            ));
        }
        let person = self.get_person(request.person_id)?;
        let controller = self.controller_by_id(request.controller_id)?;
        let input = self.letter_input(&person, &controller, request.kind, language, options, &request.reference)?;
        let letter = self.writer.render(&input)?;
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        write_letter(&tx, request_id, &letter, options, false, &at)?;
        let detail = format!("{} letter, {}", letter.language.name(), letter.template_version);
        events::record(&tx, request_id, EventKind::LetterRendered, EventCause::User, &at, &detail)?;
        tx.commit()?;
        self.letter(request_id)
    }

    /// The user's own text for a draft: kept as typed, marked edited.
    pub fn edit_letter(&mut self, request_id: Id, subject: &str, body: &str) -> Result<StoredLetter> {
        self.ensure_draft(request_id)?;
        let mut errors = Vec::new();
        if subject.contains(['\r', '\n']) {
            errors.push(FieldError::new("subject", "a subject is one line"));
        }
        if subject.trim().is_empty() {
            errors.push(FieldError::new("subject", "the letter needs a subject"));
        }
        if body.trim().is_empty() {
            errors.push(FieldError::new("body", "the letter has no text"));
        }
        if !errors.is_empty() {
            return Err(Invalid(errors).into());
        }
        let mut stored = self.letter(request_id)?;
        stored.letter.subject = subject.trim().to_owned();
        stored.letter.body = body.replace("\r\n", "\n");
        let at = self.clock.stamp();
        let tx = self.conn.transaction()?;
        write_letter(&tx, request_id, &stored.letter, &stored.options, true, &at)?;
        events::record(&tx, request_id, EventKind::LetterEdited, EventCause::User, &at, "")?;
        tx.commit()?;
        self.letter(request_id)
    }

    /// The letters a request's printout holds, in order: its own letter and,
    /// for a complaint about an earlier request, the correspondence it
    /// encloses (that request's letter, then the reminders sent about it).
    pub fn letters_to_print(&self, request_id: Id) -> Result<Vec<Letter>> {
        let letter = self.letter(request_id)?.letter;
        let mut letters = vec![letter];
        if letters[0].kind == RequestKind::Complaint
            && let Some(reference) = self.regarding(request_id)?
            && let Ok(earlier) = self.resolve_request(&reference)
        {
            letters.extend(self.correspondence(earlier)?);
        }
        Ok(letters)
    }

    /// A request's letter and the reminders sent about it, oldest first.
    fn correspondence(&self, request_id: Id) -> Result<Vec<Letter>> {
        let mut out = Vec::new();
        if let Ok(l) = self.letter(request_id) {
            out.push(l.letter);
        }
        let reference = self.get_request(request_id)?.reference;
        for f in self.follow_ups(&reference)? {
            // Only reminders that went out are correspondence; a draft is not.
            if f.kind == RequestKind::Reminder
                && f.status != RequestStatus::Draft
                && let Ok(l) = self.letter(f.id)
            {
                out.push(l.letter);
            }
        }
        Ok(out)
    }

    /// One letter per controller, rendered but not stored: what the batch would send.
    pub fn preview_batch(&self, req: &LetterRequest, controllers: &[String]) -> Result<Batch> {
        let mut items = Vec::new();
        for slug in controllers {
            let controller = self.get_controller(slug)?;
            let (letter, error) = match self.preview_letter(req, slug) {
                Ok(l) => (Some(l), None),
                Err(e) => (None, Some(e.to_string())),
            };
            items.push(BatchItem {
                controller_slug: controller.draft.slug,
                controller: controller.draft.name,
                letter,
                request_id: None,
                reference: None,
                error,
            });
        }
        Ok(Batch { batch: String::new(), items })
    }

    /// One draft request per controller, sharing a batch id. A controller
    /// whose letter cannot be written is reported and skipped; the others are created.
    pub fn create_batch(&mut self, req: &LetterRequest, controllers: &[String]) -> Result<Batch> {
        if controllers.is_empty() {
            return Err(Error::new(ErrorCode::Invalid, "the batch has no controllers"));
        }
        for slug in controllers {
            self.get_controller(slug)?;
        }
        let batch = format!("B-{}", self.clock.stamp().replace([':', '.', '-'], "").trim_end_matches('Z'));
        let mut items = Vec::new();
        for slug in controllers {
            let controller = self.get_controller(slug)?;
            let mut item = BatchItem {
                controller_slug: controller.draft.slug.clone(),
                controller: controller.draft.name.clone(),
                letter: None,
                request_id: None,
                reference: None,
                error: None,
            };
            match self.create_request_in_batch(req, slug, &batch) {
                Ok(r) => {
                    item.request_id = Some(r.id);
                    item.reference = Some(r.reference);
                }
                Err(e) if e.code == ErrorCode::Invalid => item.error = Some(e.to_string()),
                Err(e) => return Err(e),
            }
            items.push(item);
        }
        Ok(Batch { batch, items })
    }

    fn controller_by_id(&self, id: Id) -> Result<Controller> {
        let slug: String = self.conn.query_row("SELECT slug FROM controllers WHERE id = ?1", [id], |r| r.get(0))?;
        self.get_controller(&slug)
    }
}

fn write_letter(
    tx: &Transaction<'_>,
    request_id: Id,
    letter: &Letter,
    options: &LetterOptions,
    edited: bool,
    at: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO letters (request_id, language, notice, options, letter, template_version, edited, rendered_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (request_id) DO UPDATE SET language = ?2, notice = ?3, options = ?4, letter = ?5,
             template_version = ?6, edited = ?7, updated_at = ?8,
             rendered_at = CASE WHEN ?7 THEN rendered_at ELSE ?8 END",
        params![
            request_id,
            letter.language.code(),
            letter.notice.clone().unwrap_or_default(),
            json(options)?,
            json(letter)?,
            letter.template_version,
            edited,
            at
        ],
    )?;
    Ok(())
}
