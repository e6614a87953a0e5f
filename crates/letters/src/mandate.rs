//! The two documents a person signs so that an organisation may act for them
//! (`domain::mandate`): a letter of authority for requests to controllers, an
//! Art. 80(1) mandate for complaints and court remedies. Same templates
//! engine, same line-for-line rule across languages as the letters
//! (`templates/<lang>/mandate_<kind>.txt`); the first line is the title.

use chrono::NaiveDate;
use minijinja::context;
use rightsdesk_domain::{Language, Letter, MandateKind, Party, RequestKind};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Error, Result, lang, render};

/// What a mandate document is written from.
#[derive(Debug, Clone)]
pub struct MandateInput {
    pub kind: MandateKind,
    pub language: Language,
    /// "Mandate 3", as the organisation files it.
    pub reference: String,
    pub today: NaiveDate,
    /// Who signs.
    pub person: Party,
    /// Who is authorised.
    pub organisation: Party,
    /// Art. 80(1): where the organisation's standing is documented.
    pub evidence: String,
    /// Empty: every right of the route.
    pub rights: Vec<RequestKind>,
    /// Controllers by name; empty: all.
    pub controllers: Vec<String>,
    pub expires_on: Option<NaiveDate>,
}

#[derive(Serialize)]
struct Right {
    kind: &'static str,
    provision: &'static str,
}

/// The article a right rests on, as the templates cite it.
fn provision(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Access => "15",
        RequestKind::Objection => "21(1)",
        RequestKind::ObjectionDirectMarketing => "21(2)",
        RequestKind::AdTargetingObjection => "21",
        RequestKind::WithdrawConsent => "7(3)",
        RequestKind::Erasure => "17",
        RequestKind::Rectification => "16",
        RequestKind::Restriction => "18",
        RequestKind::Portability => "20",
        RequestKind::AutomatedDecision => "22",
        RequestKind::IdentityContest => "12(6)",
        RequestKind::Reminder => "12(3)",
        RequestKind::Complaint => "77",
        RequestKind::Custom => "12(2)",
    }
}

fn template_name(language: Language, kind: MandateKind) -> String {
    format!("{}/mandate_{}.txt", language.code(), kind.as_str())
}

/// Renders a mandate document, ready to sign, as a `Letter` (the PDF and text
/// outputs take it as they take a letter): the person is the sender, the
/// organisation the recipient.
pub fn render_mandate(input: &MandateInput) -> Result<Letter> {
    let name = template_name(input.language, input.kind);
    let env = render::environment();
    let template = env.get_template(&name).map_err(|e| render::template_error(&name, &e))?;
    let rights: Vec<Right> =
        input.rights.iter().map(|k| Right { kind: k.as_str(), provision: provision(*k) }).collect();
    let ctx = context! {
        lang => input.language.code(),
        voice => "neutral",
        person => &input.person,
        organisation => &input.organisation,
        evidence => input.evidence.trim(),
        rights => rights,
        controllers => &input.controllers,
        expires_on => input.expires_on.map(|d| d.to_string()),
        today => input.today.to_string(),
    };
    let text = template.render(ctx).map_err(|e| render::template_error(&name, &e))?;
    let text = render::tidy(&text);
    let (title, body) = text.split_once('\n').unwrap_or((text.as_str(), ""));
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(render::templates().iter().find(|(n, _)| *n == name).map(|(_, s)| *s).unwrap_or_default().as_bytes());
    if title.trim().is_empty() {
        return Err(Error::Template { name, message: "the document has no title".into() });
    }
    Ok(Letter {
        kind: if input.kind == MandateKind::Art80 { RequestKind::Complaint } else { RequestKind::Custom },
        language: input.language,
        notice: None,
        reference: input.reference.clone(),
        reference_label: lang::reference_label(input.language).to_owned(),
        date: input.today.to_string(),
        date_text: lang::date(input.language, input.today),
        sender: input.person.clone(),
        recipient: input.organisation.clone(),
        subject: title.trim().to_owned(),
        body: body.trim_start_matches('\n').to_owned(),
        template_version: format!("mandate-{}", &hex::encode(h.finalize())[..12]),
        enclosures: Vec::new(),
        page_label: lang::page_label(input.language).to_owned(),
    })
}
