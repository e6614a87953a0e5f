//! Templates → a `Letter`.

use std::sync::OnceLock;

use chrono::NaiveDate;
use minijinja::{Environment, ErrorKind, State, UndefinedBehavior, context};
use rightsdesk_domain::letter::validate_options;
use rightsdesk_domain::{FieldError, Invalid, Language, Letter, RequestKind};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Error, Result, lang};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/templates.rs"));
}

/// Every embedded template, as `(lang/name.txt, source)`.
pub fn templates() -> &'static [(&'static str, &'static str)] {
    embedded::TEMPLATES
}

fn source(name: &str) -> Option<&'static str> {
    templates().iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

fn template_name(lang: Language, kind: RequestKind) -> String {
    format!("{}/{}.txt", lang.code(), kind.as_str())
}

/// `letters-<12 hex>`: a hash of the templates a letter of this kind and
/// language is made from, stored with every draft.
pub fn template_version(lang: Language, kind: RequestKind) -> String {
    let mut h = Sha256::new();
    for name in [format!("{}/_frame.txt", lang.code()), template_name(lang, kind)] {
        h.update(name.as_bytes());
        h.update(source(&name).unwrap_or_default().as_bytes());
    }
    format!("letters-{}", &hex::encode(h.finalize())[..12])
}

pub(crate) fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        // Block tags on their own line leave no blank line behind.
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(false);
        // Plain text: nothing to escape, and a typo in a template is an error,
        // not an empty gap in a legal letter.
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        for (name, src) in templates() {
            // Embedded at build time; a template that does not parse fails the test matrix.
            let _ = env.add_template(name, src);
        }
        env.add_function("art", art);
        env.add_function("date", date);
        env.add_function("voiced", voiced);
        env
    })
}

fn language_of(state: &State) -> Result<Language, minijinja::Error> {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Language::parse))
        .ok_or_else(|| minijinja::Error::new(ErrorKind::UndefinedError, "lang is not set"))
}

thread_local! {
    /// The provisions cited while `render_cited` renders, in order.
    static CITED: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// `{{ art("15(1)(a)") }}`: the provision cited in the letter's language.
fn art(state: &State, provision: String) -> Result<String, minijinja::Error> {
    let lang = language_of(state)?;
    CITED.with(|c| {
        if let Some(list) = c.borrow_mut().as_mut()
            && !list.contains(&provision)
        {
            list.push(provision.clone());
        }
    });
    lang::cite(lang, &provision)
        .ok_or_else(|| minijinja::Error::new(ErrorKind::InvalidOperation, format!("bad provision “{provision}”")))
}

/// `{{ date("2026-03-02") }}`: a date in words in the letter's language.
fn date(state: &State, iso: String) -> Result<String, minijinja::Error> {
    let lang = language_of(state)?;
    let d = NaiveDate::parse_from_str(iso.trim(), "%Y-%m-%d")
        .map_err(|_| minijinja::Error::new(ErrorKind::InvalidOperation, format!("bad date “{iso}”")))?;
    Ok(lang::date(lang, d))
}

/// `{{ voiced("neutral", "feminine", "masculine") }}`: the wording of the
/// person's voice. Templates put every first-person form that marks gender
/// through it, so a feminine letter never carries a masculine form (the
/// gendered-forms test checks this per language).
fn voiced(state: &State, neutral: String, feminine: String, masculine: String) -> Result<String, minijinja::Error> {
    let voice = state
        .lookup("voice")
        .and_then(|v| v.as_str().and_then(rightsdesk_domain::Voice::parse))
        .ok_or_else(|| minijinja::Error::new(ErrorKind::UndefinedError, "voice is not set"))?;
    Ok(match voice {
        rightsdesk_domain::Voice::Neutral => neutral,
        rightsdesk_domain::Voice::Feminine => feminine,
        rightsdesk_domain::Voice::Masculine => masculine,
    })
}

pub use rightsdesk_domain::letter::LetterInput;

#[derive(Serialize)]
struct Reminder {
    period_days: u32,
    period_end: String,
}

/// Renders a letter and lists the provisions it cites (`15(1)(a)`, in the
/// order first cited): the letter book's table comes from what the letter
/// actually says, not from a list kept beside the templates.
pub fn render_cited(input: &LetterInput) -> Result<(Letter, Vec<String>)> {
    CITED.with(|c| *c.borrow_mut() = Some(Vec::new()));
    let letter = render(input);
    let cited = CITED.with(|c| c.borrow_mut().take()).unwrap_or_default();
    Ok((letter?, cited))
}

/// Renders a letter. Fails with field errors when an option the kind needs
/// is missing, and with a template error (a bug) when a template fails.
pub fn render(input: &LetterInput) -> Result<Letter> {
    validate_options(input.kind, &input.options)?;
    if input.sender.name.trim().is_empty() {
        return Err(Invalid(vec![FieldError::new("person.display_name", "the letter needs the sender's name")]).into());
    }
    let lang = input.language.language;
    let name = template_name(lang, input.kind);
    let env = environment();
    let template = env.get_template(&name).map_err(|e| template_error(&name, &e))?;
    let period_days = if input.options.period_days == 0 { 14 } else { input.options.period_days };
    let reminder = Reminder {
        period_days,
        period_end: (input.today + chrono::Days::new(u64::from(period_days))).format("%Y-%m-%d").to_string(),
    };
    let ctx = context! {
        lang => lang.code(),
        reference => &input.reference,
        reference_label => lang::reference_label(lang),
        today => input.today.format("%Y-%m-%d").to_string(),
        sender => &input.sender,
        recipient => &input.recipient,
        accounts => &input.accounts,
        options => &input.options,
        controller => &input.controller,
        timeline => &input.timeline,
        reminder => reminder,
        voice => input.voice.as_str(),
        form_of_address => &input.form_of_address,
    };
    // One evaluation gives the body (the frame's output) and the state the
    // subject block is rendered from.
    let mut captured = template.render_captured(&ctx).map_err(|e| template_error(&name, &e))?;
    let subject =
        captured.with_state_mut(|state| state.render_block("subject")).map_err(|e| template_error(&name, &e))?;
    let body = captured.into_output();
    // One line, whatever the user typed: a line break in a subject would start a new header.
    let subject = one_line(&subject);
    let subject = format!("{subject} – {}: {}", lang::reference_label(lang), input.reference);
    Ok(Letter {
        kind: input.kind,
        language: lang,
        notice: input.language.notice.clone(),
        reference: input.reference.clone(),
        reference_label: lang::reference_label(lang).to_owned(),
        date: input.today.format("%Y-%m-%d").to_string(),
        date_text: lang::date(lang, input.today),
        sender: input.sender.clone(),
        recipient: input.recipient.clone(),
        subject,
        body: tidy(&body),
        template_version: template_version(lang, input.kind),
        enclosures: input.enclosures.clone(),
        page_label: lang::page_label(lang).to_owned(),
    })
}

pub(crate) fn template_error(name: &str, e: &minijinja::Error) -> Error {
    let mut message = e.to_string();
    if let Some(detail) = e.detail() {
        message = format!("{message} ({detail})");
    }
    Error::Template { name: name.to_owned(), message }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trailing spaces off, at most one blank line between paragraphs.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_keeps_single_blank_lines() {
        assert_eq!(tidy("a  \n\n\n\nb\nc\n\n"), "a\n\nb\nc");
    }
}
