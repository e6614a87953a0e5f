//! A Policy version — one recorded text of a platform's privacy policy — and
//! what changed in it: a readable diff, the claims whose quoted passage is
//! gone, whether the change speaks of a legal basis for a purpose, and the
//! (purpose, basis, quote) triples the claim extractor reads from the text.
//!
//! Pure: texts in, findings out. The store keeps versions, the use-case layer
//! decides which two are compared (a suspect capture is never one of them).
//!
//! The extractor is a reader of wording, not of law: it knows English and
//! German phrasings of five ad-related purposes and of the Art. 6(1) bases,
//! attributes a purpose to the basis named in the same sentence or, failing
//! that, to the basis the enclosing heading names (how TikTok and Meta lay out
//! their "legal bases" sections). Its figures against the curated registry and
//! the recorded histories are printed by `cargo bench --bench policy`.

use serde::{Deserialize, Serialize};

use crate::basis::{LegalBasis, Purpose};
use crate::{FieldError, Invalid};

/// Largest text taken as a policy. The largest recorded policy (Facebook's,
/// tables included) is under 300 kB; 8 MiB is far beyond any real one.
pub const MAX_POLICY_BYTES: usize = 8 * 1024 * 1024;

/// Shorter than this, a "policy" is a failed capture or the wrong file.
pub const MIN_POLICY_CHARS: usize = 200;

/// A version that kept less than this share of the last good one's text (or
/// of its headings) is a suspect capture: kept, never compared, no alert.
pub const SUSPECT_SHARE: f64 = 0.5;

/// Reads bytes as a policy text, or says why they are not one.
pub fn read_text(bytes: &[u8]) -> Result<String, Invalid> {
    let bad = |m: String| Invalid(vec![FieldError::new("policy", m)]);
    if bytes.len() > MAX_POLICY_BYTES {
        return Err(bad(format!(
            "the file is {} MiB; a privacy policy is far smaller (at most {} MiB is read), so this is not one",
            bytes.len() / (1024 * 1024),
            MAX_POLICY_BYTES / (1024 * 1024)
        )));
    }
    if bytes.contains(&0) {
        return Err(bad("the file is binary, not text (a policy is read as Markdown or plain text)".into()));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        bad(format!("the file is not UTF-8 text (invalid bytes at {}; truncated or binary?)", e.valid_up_to()))
    })?;
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    if controls * 100 > text.len().max(1) {
        return Err(bad("the file is mostly control characters, not a policy text".into()));
    }
    let chars = clean(text).chars().filter(|c| !c.is_whitespace()).count();
    if chars == 0 {
        return Err(bad("the file is empty".into()));
    }
    if chars < MIN_POLICY_CHARS {
        return Err(bad(format!(
            "the file holds only {chars} characters of text: too short to be a privacy policy (a failed capture?)"
        )));
    }
    Ok(text.to_owned())
}

/// Markup taken out, wording kept: links become their text, emphasis,
/// heading marks, list markers, table pipes and `<br>` go; case and
/// punctuation stay (a quote made from it is still the policy's words).
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = clean_line(line);
        if !line.is_empty() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

fn clean_line(line: &str) -> String {
    let line = line.replace("<br>", " ").replace("<br/>", " ").replace("<br />", " ");
    let mut s = strip_links(&line);
    s = s.replace("**", "").replace("__", "").replace('`', "").replace('|', " ");
    let t = s.trim_start();
    let t = t.trim_start_matches('#').trim_start();
    let t = strip_list_marker(t);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_list_marker(t: &str) -> &str {
    for m in ["* ", "- ", "+ ", "• "] {
        if let Some(rest) = t.strip_prefix(m) {
            return rest.trim_start();
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return r.trim_start();
        }
    }
    t
}

/// `[text](url)` → `text`; `![alt](url)` → `alt`.
fn strip_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some(close_rel) = rest[open..].find("](") else { break };
        let close = open + close_rel;
        let Some(end_rel) = rest[close + 2..].find(')') else { break };
        let before = rest[..open].strip_suffix('!').unwrap_or(&rest[..open]);
        out.push_str(before);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[close + 2 + end_rel + 1..];
    }
    out.push_str(rest);
    out
}

/// For comparing wording: [`clean`], lower case, one kind of quote mark and
/// dash, single spaces — so a quote is found again whatever the capture did
/// to whitespace, typographic quotes or list markers.
pub fn normalize(text: &str) -> String {
    let lowered = clean(text).to_lowercase();
    let mut out = String::with_capacity(lowered.len());
    let mut space = false;
    for c in lowered.chars() {
        let c = match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => '\'',
            '\u{2013}' | '\u{2014}' | '\u{2011}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether `quote` is in `text` (both as [`normalize`] makes them). An empty
/// quote is never found: a claim without one cannot be checked.
pub fn quote_in(normalized_text: &str, quote: &str) -> bool {
    let q = normalize(quote);
    !q.is_empty() && normalized_text.contains(&q)
}

/// Whether two texts differ only in formatting (a re-extraction of the same
/// wording), so a fetch need not store the second.
pub fn same_wording(a: &str, b: &str) -> bool {
    normalize(a) == normalize(b)
}

/// Why a version looks like a failed capture next to the last good one, if it does.
pub fn suspect_capture(last_good: &str, new: &str) -> Option<String> {
    let size = |t: &str| clean(t).chars().filter(|c| !c.is_whitespace()).count();
    let (old_len, new_len) = (size(last_good), size(new));
    if old_len > 0 && (new_len as f64) < SUSPECT_SHARE * old_len as f64 {
        return Some(format!(
            "kept {}% of the previous version's text ({new_len} of {old_len} characters): a failed capture?",
            new_len * 100 / old_len
        ));
    }
    let (old_h, new_h) = (headings(last_good), headings(new));
    if old_h >= 4 && (new_h as f64) < SUSPECT_SHARE * old_h as f64 {
        return Some(format!("kept {new_h} of the previous version's {old_h} headings: a failed capture?"));
    }
    None
}

fn headings(text: &str) -> usize {
    text.lines().filter(|l| l.trim_start().starts_with('#')).count()
}

/// How a version came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum VersionOrigin {
    /// `policy import`: a file the user has.
    Import,
    /// `policy fetch`: Open Terms Archive's versions repository.
    Fetch,
}

impl VersionOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Import => "import",
            Self::Fetch => "fetch",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Import, Self::Fetch].into_iter().find(|o| o.as_str() == s)
    }
}

/// What the user did with a basis-related change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// Not reviewed yet: raises a notice for the people who deal with the platform.
    Open,
    /// A suggested claim was accepted (or edited) into the user's own claims.
    Accepted,
    Dismissed,
    /// Found while importing older versions: listed, never alerted.
    History,
}

impl ReviewState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted => "accepted",
            Self::Dismissed => "dismissed",
            Self::History => "history",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Accepted, Self::Dismissed, Self::History].into_iter().find(|o| o.as_str() == s)
    }
}

/// A version to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPolicyVersion {
    /// The day it was recorded (YYYY-MM-DD).
    pub recorded: String,
    pub text: String,
    pub origin: VersionOrigin,
    /// The file or URL it came from.
    pub source: String,
    /// The Open Terms Archive commit, where there is one.
    pub ota_commit: String,
}

/// A stored version, without its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PolicyVersion {
    pub id: crate::Id,
    pub platform: String,
    pub recorded: String,
    /// SHA-256 of the text, hex.
    pub content_hash: String,
    pub origin: VersionOrigin,
    pub source: String,
    pub ota_commit: String,
    pub standing: Standing,
    /// Why a version is not `good`, in words.
    pub standing_reason: String,
    pub added_at: String,
    /// Characters of text.
    pub chars: u32,
    /// Set when the version is a basis-related change.
    pub review: Option<ReviewState>,
}

/// How a recorded version stands next to the versions before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Compared with the last good version; the next is compared with it.
    Good,
    /// Lost most of the last good version's text or headings (a failed
    /// capture, which archives do record): kept, never compared, raises nothing.
    Suspect,
    /// Same wording as a version recorded shortly before the last good one:
    /// the page served two variants side by side (TikTok, December 2022).
    /// Kept, not compared, raises nothing.
    Variant,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Good => "good",
            Self::Suspect => "suspect",
            Self::Variant => "variant",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Good, Self::Suspect, Self::Variant].into_iter().find(|o| o.as_str() == s)
    }
}

/// Days within which a return to an earlier wording is a variant, not a change.
pub const VARIANT_DAYS: i64 = 14;

/// One earlier version, for [`standing`].
#[derive(Debug, Clone, Copy)]
pub struct Earlier<'a> {
    pub recorded: &'a str,
    pub text: &'a str,
    pub good: bool,
}

/// Judges a new version against the earlier ones (oldest first): its
/// standing and, unless good, why.
pub fn standing(earlier: &[Earlier<'_>], recorded: &str, text: &str) -> (Standing, String) {
    let Some(last_good) = earlier.iter().rev().find(|e| e.good) else { return (Standing::Good, String::new()) };
    if let Some(reason) = suspect_capture(last_good.text, text) {
        return (Standing::Suspect, reason);
    }
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let wording = normalize(text);
    if normalize(last_good.text) != wording
        && let Some(twin) = earlier.iter().rev().find(|e| {
            let near = match (day(e.recorded), day(recorded)) {
                (Some(a), Some(b)) => (b - a).num_days().abs() <= VARIANT_DAYS,
                _ => false,
            };
            near && normalize(e.text) == wording
        })
    {
        return (
            Standing::Variant,
            format!(
                "same wording as the version recorded {}: the page served two variants side by side",
                twin.recorded
            ),
        );
    }
    (Standing::Good, String::new())
}

/// A (purpose, basis, quote) triple read from a policy text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Suggestion {
    pub purpose: Purpose,
    pub basis: LegalBasis,
    /// The sentence it was read from, in the policy's words (markup removed).
    pub quote: String,
    /// The heading it stands under, if any.
    pub section: String,
    /// Whom a table row's group heading limits it to ("For users over the
    /// age of 18"), empty where the text sets no such limit.
    #[serde(default)]
    pub scope: String,
}

/// The purposes the extractor reads.
pub const EXTRACTED_PURPOSES: [Purpose; 5] = [
    Purpose::PersonalisedAds,
    Purpose::NonPersonalisedAds,
    Purpose::AdMeasurement,
    Purpose::MarketingMessages,
    Purpose::AiTraining,
];

const NON_PERSONALISED: &[&str] = &[
    "non-personalised ad",
    "non-personalized ad",
    "non-personalised advert",
    "non-personalized advert",
    "nicht-personalisierte werbung",
    "nicht personalisierte werbung",
    "nicht-personalisierte anzeigen",
    "generic ads",
    "contextual ads",
    "contextual advertising",
    "generic advertising",
    "kontextbezogene werbung",
];
const PERSONALISED: &[&str] = &[
    "personalised ad",
    "personalized ad",
    "personalise the ads",
    "personalize the ads",
    "personalise ads",
    "personalize ads",
    "personalising ads",
    "personalizing ads",
    "personalisation of ads",
    "personalization of ads",
    "tailor ads",
    "tailored ads",
    "tailored advertising",
    "targeted ad",
    "targeted advertising",
    "interest-based ad",
    "behavioural advertising",
    "behavioral advertising",
    "ads you see",
    "ads that you see",
    "ads people see",
    "personalisierte werbung",
    "personalisierter werbung",
    "personalisierte anzeigen",
    "personalisierten werbung",
    "interessenbasierte werbung",
    "zielgerichtete werbung",
];
const MEASUREMENT: &[&str] = &[
    "measure",
    "measuring",
    "measurement",
    "effectiveness",
    "ad performance",
    "leistung ihrer werbung",
    "messung",
    "messen",
];
const AD_WORDS: &[&str] = &["ad", "ads", "advert", "advertising", "advertisement", "werbung", "anzeige", "werbe"];
const MARKETING: &[&str] = &[
    "direct marketing",
    "marketing messages",
    "marketing communications",
    "marketing emails",
    "marketing e-mails",
    "promotional messages",
    "promotional emails",
    "marketingnachrichten",
    "direktmarketing",
    "werbenachrichten",
    "werbe-e-mails",
];
const AI: &[&str] = &[
    "artificial intelligence",
    "generative ai",
    "ai model",
    "ai models",
    "ai features",
    "ai at meta",
    "machine learning model",
    "large language model",
    "künstliche intelligenz",
    "ki-modell",
];
const TRAINING: &[&str] = &["train", "develop", "improve", "trainier", "entwickl"];

const CONSENT: &[&str] = &["consent", "einwilligung", "opt in", "opt-in"];
const NOT_CONSENT: &[&str] = &["age of consent", "digital consent", "age of digital consent", "einwilligungsalter"];
const LEGITIMATE: &[&str] = &[
    "legitimate interest",
    "berechtigte interesse",
    "berechtigten interesse",
    "berechtigtes interesse",
    "berechtigter interesse",
];
const CONTRACT: &[&str] = &[
    "performance of a contract",
    "performance of contract",
    "performance of our contract",
    "contractual necessity",
    "necessary to perform",
    "necessary for the performance",
    "necessary to fulfil",
    "perform our contract",
    "perform a contract",
    "perform the contract",
    "vertragliche erforderlichkeit",
    "vertragserfüllung",
    "erfüllung eines vertrag",
    "erfüllung des vertrag",
    "erfüllung unseres vertrag",
];
/// "outside of the performance of our contract with you": a basis denied.
const NOT_CONTRACT: &[&str] =
    &["outside of the performance of", "outside the performance of", "other than the performance of"];
const LEGAL_OBLIGATION: &[&str] = &["legal obligation", "rechtliche verpflichtung", "gesetzliche verpflichtung"];

fn has_any(s: &str, terms: &[&str]) -> bool {
    terms.iter().any(|t| s.contains(t))
}

fn has_word(s: &str, words: &[&str]) -> bool {
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| words.iter().any(|x| w == *x || (x.len() > 4 && w.starts_with(x))))
}

/// The purposes a sentence (normalized) speaks of.
fn purposes_in(s: &str) -> Vec<Purpose> {
    let mut out = Vec::new();
    let mut rest = s.to_owned();
    if has_any(&rest, NON_PERSONALISED) {
        out.push(Purpose::NonPersonalisedAds);
        for t in NON_PERSONALISED {
            rest = rest.replace(t, " ");
        }
    }
    if has_any(&rest, PERSONALISED) {
        out.push(Purpose::PersonalisedAds);
    }
    if has_any(s, MEASUREMENT) && has_word(s, AD_WORDS) {
        out.push(Purpose::AdMeasurement);
    }
    if has_any(s, MARKETING) {
        out.push(Purpose::MarketingMessages);
    }
    if has_any(s, AI) && has_any(s, TRAINING) {
        out.push(Purpose::AiTraining);
    }
    out
}

/// The bases a sentence or heading (normalized) names.
fn bases_in(s: &str) -> Vec<LegalBasis> {
    let mut out = Vec::new();
    let mut c = s.to_owned();
    for t in NOT_CONSENT {
        c = c.replace(t, " ");
    }
    if has_any(&c, CONSENT) {
        out.push(LegalBasis::Consent);
    }
    if has_any(s, LEGITIMATE) {
        out.push(LegalBasis::LegitimateInterests);
    }
    let mut k = s.to_owned();
    for t in NOT_CONTRACT {
        k = k.replace(t, " ");
    }
    if has_any(&k, CONTRACT) {
        out.push(LegalBasis::Contract);
    }
    if has_any(s, LEGAL_OBLIGATION) {
        out.push(LegalBasis::LegalObligation);
    }
    out
}

/// One paragraph, list item or table row of a policy, with the
/// (purpose, basis) pairs it states and the heading that frames it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// As [`normalize`] makes it: what is compared.
    pub key: String,
    /// As [`clean`] makes it: what is shown and quoted.
    pub text: String,
    pub section: String,
    pub found: Vec<Suggestion>,
}

/// What a passage states: a basis for a purpose, for whom.
type Key = (Purpose, LegalBasis, String);

impl Block {
    fn keys(&self) -> std::collections::BTreeSet<Key> {
        keys(&self.found)
    }
}

fn keys(found: &[Suggestion]) -> std::collections::BTreeSet<Key> {
    found.iter().map(|s| (s.purpose, s.basis, normalize(&s.scope))).collect()
}

/// A passage is a basis change when it states, for a purpose, a basis the
/// other version does not state anywhere (for the same people), drops one the
/// new version no longer states anywhere, or, reworded, names another basis
/// for the same purpose than before.
fn is_basis_change(
    before: &[Suggestion],
    after: &[Suggestion],
    old_all: &std::collections::BTreeSet<Key>,
    new_all: &std::collections::BTreeSet<Key>,
) -> bool {
    let (b, a) = (keys(before), keys(after));
    // Stated anywhere, for anyone: an unscoped statement is covered by a
    // scoped one of the same basis (a table merely regrouped is no change).
    let anywhere = |all: &std::collections::BTreeSet<Key>, k: &Key| all.iter().any(|x| x.0 == k.0 && x.1 == k.1);
    let added = a.difference(&b).any(|k| !old_all.contains(k) && (!k.2.is_empty() || !anywhere(old_all, k)));
    let lost = b.difference(&a).any(|k| !anywhere(new_all, k));
    let shifted = EXTRACTED_PURPOSES.iter().any(|p| {
        let of = |v: &[Suggestion]| {
            v.iter().filter(|s| s.purpose == *p).map(|s| s.basis).collect::<std::collections::BTreeSet<_>>()
        };
        let (x, y) = (of(before), of(after));
        !x.is_empty() && !y.is_empty() && x != y
    });
    added || lost || shifted
}

/// The heading level of a line: `#`s for Markdown headings, 7 for a line
/// that is bold all through, 8 for a short line without a full stop (how
/// Meta's policy marks its basis sections); `None` for body text.
fn heading_level(raw: &str) -> Option<usize> {
    let t = raw.trim();
    if t.starts_with('#') {
        return Some(t.chars().take_while(|c| *c == '#').count());
    }
    // Table rows, list items and link-only lines ("Learn more") are body.
    if t.starts_with('|') || t.starts_with("* ") || t.starts_with("- ") || t.starts_with("+ ") || t.starts_with('[') {
        return None;
    }
    if t.len() > 4 && t.starts_with("**") && t.ends_with("**") && t.matches("**").count() == 2 {
        return Some(7);
    }
    let words = t.split_whitespace().count();
    if (1..=6).contains(&words) && !t.ends_with('.') && !t.ends_with(':') && !t.ends_with(',') {
        return Some(8);
    }
    None
}

/// The policy as blocks, each with what the extractor reads in it.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    // (level, heading text, basis it names)
    let mut frame: Vec<(usize, String, Option<LegalBasis>)> = Vec::new();
    // A table takes its basis from its header row or, failing that, from the
    // passage that leads into it ("We rely on our legitimate interests …
    // set out below:"), as Meta's policy does where it has no heading.
    let mut lead_in: Option<LegalBasis> = None;
    let mut table: Option<Option<LegalBasis>> = None;
    let mut row_scope = String::new();
    for raw in text.lines() {
        let row = raw.trim_start().starts_with('|');
        let text = clean_line(raw);
        if text.is_empty() || text.chars().all(|c| !c.is_alphanumeric()) {
            if !row {
                table = None;
                row_scope.clear();
            }
            continue;
        }
        if row && is_group_row(raw) {
            row_scope = text.clone();
        }
        let key = normalize(&text);
        let one = |k: &str| {
            let b = bases_in(k);
            if b.len() == 1 { Some(b[0]) } else { None }
        };
        let table_basis = if row {
            *table.get_or_insert_with(|| one(&key).or(lead_in))
        } else {
            table = None;
            row_scope.clear();
            None
        };
        if let Some(level) = heading_level(raw) {
            while frame.last().is_some_and(|(l, _, _)| *l >= level) {
                frame.pop();
            }
            let bases = bases_in(&key);
            frame.push((level, text.clone(), if bases.len() == 1 { Some(bases[0]) } else { None }));
        }
        let section_basis = table_basis.or_else(|| frame.iter().rev().find_map(|(_, _, b)| *b));
        let section = frame.last().map(|(_, h, _)| h.clone()).unwrap_or_default();
        let mut found = Vec::new();
        // A basis named once in the passage frames its other sentences ("We
        // process your information if you give your consent. For example, …").
        let block_bases = bases_in(&key);
        let block_basis = if block_bases.len() == 1 { Some(block_bases[0]) } else { None };
        for (sentence_key, sentence) in sentences(&key, &text) {
            let purposes = purposes_in(&sentence_key);
            if purposes.is_empty() {
                continue;
            }
            let mut bases = bases_in(&sentence_key);
            if bases.is_empty() {
                bases.extend(block_basis.or(section_basis));
            }
            for p in &purposes {
                for b in &bases {
                    found.push(Suggestion {
                        purpose: *p,
                        basis: *b,
                        quote: sentence.clone(),
                        section: section.clone(),
                        scope: row_scope.clone(),
                    });
                }
            }
        }
        // "Legitimate interest relied on: …" after a passage names the basis
        // of the processing that passage described (TikTok's layout).
        if found.is_empty()
            && let Some(basis) = basis_label(&key)
            && let Some(prev) = out.last_mut()
        {
            let prev: &mut Block = prev;
            for (sentence_key, sentence) in sentences(&prev.key, &prev.text) {
                for p in purposes_in(&sentence_key) {
                    prev.found.push(Suggestion {
                        purpose: p,
                        basis,
                        quote: sentence.clone(),
                        section: prev.section.clone(),
                        scope: row_scope.clone(),
                    });
                }
            }
        }
        if !row && heading_level(raw).is_none() {
            lead_in = one(&key);
        }
        out.push(Block { key, text, section, found });
    }
    out
}

/// The basis a passage opens with as a label ("legitimate interest relied
/// on:", "berechtigtes interesse, auf das wir uns berufen:").
fn basis_label(key: &str) -> Option<LegalBasis> {
    let (label, _) = key.split_once(':')?;
    if label.split_whitespace().count() > 8 {
        return None;
    }
    let b = bases_in(label);
    if b.len() == 1 { Some(b[0]) } else { None }
}

/// A table row that only names a group of people (`| ### For users over
/// the age of 18 | | |`): the rows under it apply to that group.
fn is_group_row(raw: &str) -> bool {
    let cells: Vec<&str> = raw.trim().trim_matches('|').split('|').map(str::trim).collect();
    cells.len() > 1 && cells[0].starts_with("###") && cells[1..].iter().all(|c| c.is_empty())
}

/// Sentences of a block, as (normalized, cleaned) pairs. Both forms are cut
/// at the same sentence ends, so the pairs line up.
fn sentences(key: &str, text: &str) -> Vec<(String, String)> {
    let split = |s: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let chars: Vec<char> = s.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            cur.push(*c);
            let end = matches!(c, '.' | '?' | '!' | ';') && chars.get(i + 1).is_none_or(|n| *n == ' ');
            if end {
                out.push(cur.trim().to_owned());
                cur.clear();
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur.trim().to_owned());
        }
        out
    };
    let keys = split(key);
    let texts = split(text);
    if keys.len() == texts.len() {
        keys.into_iter().zip(texts).collect()
    } else {
        vec![(key.to_owned(), text.to_owned())]
    }
}

/// Every distinct (purpose, basis) the extractor reads in a text, each with
/// the first passage that states it.
pub fn extract(text: &str) -> Vec<Suggestion> {
    distinct(blocks(text).into_iter().flat_map(|b| b.found))
}

fn distinct(all: impl Iterator<Item = Suggestion>) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    for s in all {
        if !out.iter().any(|o| o.purpose == s.purpose && o.basis == s.basis) {
            out.push(s);
        }
    }
    out.sort_by_key(|s| (s.purpose, s.basis));
    out
}

/// One line of a readable diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DiffLine {
    /// `same` (context), `added` or `removed`.
    pub tag: DiffTag,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DiffTag {
    Same,
    Added,
    Removed,
}

/// A passage that changed and speaks of a basis for a purpose: what it said
/// before and what it says now (either may be absent: added or removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BasisPassage {
    pub before: Option<String>,
    pub after: Option<String>,
    pub before_reads: Vec<Suggestion>,
    pub after_reads: Vec<Suggestion>,
}

/// What changed from one good version to the next.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Comparison {
    /// Changed passages speak of a legal basis for a purpose differently.
    pub basis_related: bool,
    pub basis_passages: Vec<BasisPassage>,
    /// Indexes (into the quotes given) of quotes no longer in the new text.
    pub quotes_gone: Vec<u32>,
    /// What the extractor reads in the new text.
    pub suggested: Vec<Suggestion>,
    /// Changed passages with one passage of context, at most `DIFF_LINES`.
    pub diff: Vec<DiffLine>,
    pub added: u32,
    pub removed: u32,
    /// The diff was cut at `DIFF_LINES` lines.
    pub diff_truncated: bool,
    /// The two versions are in different languages: passages cannot be paired,
    /// so only what the extractor reads in each whole text is compared.
    pub language_changed: bool,
}

/// Most diff lines kept for display.
pub const DIFF_LINES: usize = 400;

/// Two passages are one passage reworded when this share of their words is shared.
const SAME_PASSAGE: f64 = 0.6;

/// Compares a version with the last good one before it (`None`: the first
/// version known). `quotes`: the passages current claims rest on.
pub fn compare(previous: Option<&str>, new: &str, quotes: &[&str]) -> Comparison {
    let new_blocks = blocks(new);
    let new_key = normalize(new);
    let suggested = distinct(new_blocks.iter().flat_map(|b| b.found.clone()));
    let Some(previous) = previous else {
        return Comparison {
            basis_related: false,
            basis_passages: Vec::new(),
            // Nothing can have gone from a text never seen before.
            quotes_gone: Vec::new(),
            suggested,
            diff: Vec::new(),
            added: 0,
            removed: 0,
            diff_truncated: false,
            language_changed: false,
        };
    };
    let old_blocks = blocks(previous);
    let old_key = normalize(previous);
    let old_keys: Vec<&str> = old_blocks.iter().map(|b| b.key.as_str()).collect();
    let new_keys: Vec<&str> = new_blocks.iter().map(|b| b.key.as_str()).collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old_keys, &new_keys);

    let mut removed_ix = Vec::new();
    let mut added_ix = Vec::new();
    let mut diff = Vec::new();
    let mut truncated = false;
    let mut push = |diff: &mut Vec<DiffLine>, tag, text: &str| {
        if diff.len() < DIFF_LINES {
            diff.push(DiffLine { tag, text: text.to_owned() });
        } else {
            truncated = true;
        }
    };
    for (i, op) in ops.iter().enumerate() {
        match *op {
            similar::DiffOp::Equal { old_index, len, .. } => {
                // One passage of context on each side of a change.
                let after_change = i > 0;
                let before_change = i + 1 < ops.len();
                if after_change {
                    push(&mut diff, DiffTag::Same, &old_blocks[old_index].text);
                }
                if before_change && (len > 1 || !after_change) {
                    push(&mut diff, DiffTag::Same, &old_blocks[old_index + len - 1].text);
                }
            }
            similar::DiffOp::Delete { old_index, old_len, .. } => {
                let range = old_index..old_index + old_len;
                for (i, block) in old_blocks[range.clone()].iter().enumerate() {
                    push(&mut diff, DiffTag::Removed, &block.text);
                    removed_ix.push(range.start + i);
                }
            }
            similar::DiffOp::Insert { new_index, new_len, .. } => {
                let range = new_index..new_index + new_len;
                for (i, block) in new_blocks[range.clone()].iter().enumerate() {
                    push(&mut diff, DiffTag::Added, &block.text);
                    added_ix.push(range.start + i);
                }
            }
            similar::DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let old = old_index..old_index + old_len;
                for (i, block) in old_blocks[old.clone()].iter().enumerate() {
                    push(&mut diff, DiffTag::Removed, &block.text);
                    removed_ix.push(old.start + i);
                }
                let new = new_index..new_index + new_len;
                for (i, block) in new_blocks[new.clone()].iter().enumerate() {
                    push(&mut diff, DiffTag::Added, &block.text);
                    added_ix.push(new.start + i);
                }
            }
        }
    }

    let language_changed = language(&old_key) != language(&new_key);
    let mut passages = Vec::new();
    if language_changed {
        let before = distinct(old_blocks.iter().flat_map(|b| b.found.clone()));
        let pairs = |v: &[Suggestion]| v.iter().map(|s| (s.purpose, s.basis)).collect::<Vec<_>>();
        if pairs(&before) != pairs(&suggested) {
            passages.push(BasisPassage {
                before: None,
                after: None,
                before_reads: before,
                after_reads: suggested.clone(),
            });
        }
    } else {
        // Pair each added passage with the removed one most like it (a
        // rewording), then judge each changed passage by what it states.
        let old_all: std::collections::BTreeSet<Key> = old_blocks.iter().flat_map(Block::keys).collect();
        let new_all: std::collections::BTreeSet<Key> = new_blocks.iter().flat_map(Block::keys).collect();
        let mut used = vec![false; removed_ix.len()];
        let old_words: Vec<_> = removed_ix.iter().map(|&i| words(&old_blocks[i].key)).collect();
        for &a in &added_ix {
            let nb = &new_blocks[a];
            let aw = words(&nb.key);
            let twin = (0..removed_ix.len())
                .filter(|k| !used[*k])
                .map(|k| (k, overlap(&aw, &old_words[k])))
                .filter(|(_, s)| *s >= SAME_PASSAGE)
                .max_by(|x, y| x.1.total_cmp(&y.1))
                .map(|(k, _)| k);
            let before = twin.map(|k| {
                used[k] = true;
                &old_blocks[removed_ix[k]]
            });
            let before_found = before.map(|b| b.found.clone()).unwrap_or_default();
            if is_basis_change(&before_found, &nb.found, &old_all, &new_all) {
                passages.push(BasisPassage {
                    before: before.map(|b| b.text.clone()),
                    after: Some(nb.text.clone()),
                    before_reads: before_found,
                    after_reads: nb.found.clone(),
                });
            }
        }
        for (k, &r) in removed_ix.iter().enumerate() {
            let ob = &old_blocks[r];
            if !used[k] && is_basis_change(&ob.found, &[], &old_all, &new_all) {
                passages.push(BasisPassage {
                    before: Some(ob.text.clone()),
                    after: None,
                    before_reads: ob.found.clone(),
                    after_reads: Vec::new(),
                });
            }
        }
        // A passage moved elsewhere in the text is no change: drop the pairs
        // that are still stated, in the same words, somewhere in the new text.
        passages.retain(|p| match (&p.before, &p.after) {
            (Some(b), None) => !new_key.contains(&normalize(b)),
            (None, Some(a)) => !old_key.contains(&normalize(a)),
            _ => true,
        });
    }
    Comparison {
        basis_related: !passages.is_empty(),
        basis_passages: passages,
        quotes_gone: quotes_gone(Some(&old_key), &new_key, quotes),
        suggested,
        added: added_ix.len() as u32,
        removed: removed_ix.len() as u32,
        diff,
        diff_truncated: truncated,
        language_changed,
    }
}

/// Quotes that were in the previous text and are not in the new one (a
/// quote from another document or language cannot go missing from this one).
fn quotes_gone(old: Option<&str>, new: &str, quotes: &[&str]) -> Vec<u32> {
    quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| !q.trim().is_empty())
        .filter(|(_, q)| !quote_in(new, q) && old.is_some_and(|o| quote_in(o, q)))
        .map(|(i, _)| i as u32)
        .collect()
}

fn words(s: &str) -> std::collections::HashSet<&str> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

fn overlap(a: &std::collections::HashSet<&str>, b: &std::collections::HashSet<&str>) -> f64 {
    let inter = a.intersection(b).count() as f64;
    let union = a.union(b).count().max(1) as f64;
    inter / union
}

/// A coarse language guess from function words: enough to know two
/// versions cannot be compared passage by passage.
pub fn language(normalized: &str) -> &'static str {
    let (mut de, mut en, mut fr) = (0, 0, 0);
    for w in normalized.split(' ').take(5000) {
        match w {
            "und" | "der" | "die" | "das" | "wir" | "sie" | "nicht" => de += 1,
            "and" | "the" | "we" | "you" | "your" | "with" => en += 1,
            "et" | "les" | "nous" | "vous" | "des" => fr += 1,
            _ => {}
        }
    }
    if de > en && de > fr {
        "de"
    } else if fr > en {
        "fr"
    } else {
        "en"
    }
}

// What the use cases hand the faces (the CLI's --json, the app's IPC).

/// A claim whose quoted passage is not in a version any more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClaimToReview {
    pub claim_id: crate::Id,
    pub purpose: Purpose,
    pub basis: LegalBasis,
    pub quote: String,
}

/// What changed in one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VersionChange {
    pub version: PolicyVersion,
    pub recorded: String,
    /// The good version it was compared with; `None`: the first, or not compared.
    pub compared_with: Option<String>,
    pub claims_needing_review: Vec<ClaimToReview>,
    /// What changed (empty for a first, suspect or variant version).
    #[serde(flatten)]
    pub comparison: Comparison,
}

/// What importing one version did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportedVersion {
    /// `false`: this text was already stored (nothing changed).
    pub added: bool,
    pub change: VersionChange,
}

/// The watch's schedule and source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WatchSettings {
    /// Days between fetches; 0: only on demand.
    pub every_days: u32,
    pub base_url: String,
    /// The day of the last fetch, if any.
    pub last_fetch: Option<String>,
}

/// What a fetch did for one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FetchOutcome {
    pub platform: String,
    pub added: Vec<VersionChange>,
    /// Versions whose text differed from the last stored one only in formatting.
    pub same_wording: u32,
    /// Why this platform could not be fetched; the others went on.
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEFORE: &str = "# Privacy Policy\n\nIntro text that says nothing about bases at all, long enough.\n\n\
        ## Consent\n\n* With your consent, we show you personalised ads based on your activity on and off the platform.\n\n\
        ## Legitimate interests\n\n* We show non-personalised ads to keep the platform free.\n";

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        assert!(read_text(b"").unwrap_err().to_string().contains("empty"));
        assert!(read_text(b"   \n\n ").unwrap_err().to_string().contains("empty"));
        assert!(read_text(b"\x89PNG\r\n\x1a\n\0\0\0").unwrap_err().to_string().contains("binary"));
        assert!(read_text(&[0xC3, 0x28, b'a']).unwrap_err().to_string().contains("UTF-8"));
        assert!(read_text(b"# Privacy\n\nWe use").unwrap_err().to_string().contains("too short"));
        let huge = vec![b'a'; MAX_POLICY_BYTES + 1];
        assert!(read_text(&huge).unwrap_err().to_string().contains("MiB"));
        assert!(read_text(BEFORE.repeat(2).as_bytes()).is_ok());
    }

    #[test]
    fn quotes_are_found_whatever_the_capture_did_to_markup() {
        let text = normalize("* **With your** [consent](https://x.example), we show\n  you “personalised” ads.");
        assert!(quote_in(&text, "With your consent, we show you \"personalised\" ads."));
        assert!(
            quote_in(&text, "we show you ‘personalised’ ads") || quote_in(&text, "we show you \"personalised\" ads")
        );
        assert!(!quote_in(&text, "legitimate interests"));
        assert!(!quote_in(&text, "  "));
    }

    #[test]
    fn the_extractor_reads_the_basis_from_the_sentence_or_the_heading() {
        let got: Vec<_> = extract(BEFORE).into_iter().map(|s| (s.purpose, s.basis)).collect();
        assert_eq!(
            got,
            [
                (Purpose::PersonalisedAds, LegalBasis::Consent),
                (Purpose::NonPersonalisedAds, LegalBasis::LegitimateInterests)
            ]
        );
        let de =
            "### **Ihre Einwilligung**\n\n*   Mit Ihrer Einwilligung zeigen wir Ihnen personalisierte Werbung an.\n";
        assert_eq!(extract(de)[0].basis, LegalBasis::Consent);
        assert!(extract("You must be over the age of consent to see personalised ads.").is_empty());
    }

    #[test]
    fn a_move_from_consent_to_legitimate_interests_is_basis_related() {
        let after = BEFORE.replace(
            "* With your consent, we show you personalised ads based on your activity on and off the platform.",
            "* We show you personalised ads based on your activity on the platform because of our legitimate interests.",
        );
        let c = compare(Some(BEFORE), &after, &["With your consent, we show you personalised ads"]);
        assert!(c.basis_related, "{c:?}");
        assert_eq!(c.quotes_gone, [0]);
        assert!(
            c.suggested
                .iter()
                .any(|s| s.purpose == Purpose::PersonalisedAds && s.basis == LegalBasis::LegitimateInterests)
        );
        assert!(c.diff.iter().any(|l| l.tag == DiffTag::Added && l.text.contains("legitimate interests")));
    }

    #[test]
    fn rewording_and_formatting_are_not_basis_changes() {
        let reworded = BEFORE.replace("Intro text that says nothing", "Intro text which says nothing").replace(
            "we show you personalised ads based on your activity",
            "we show you personalised ads based upon your activity",
        );
        let c = compare(Some(BEFORE), &reworded, &["With your consent, we show you personalised ads based on"]);
        assert!(!c.basis_related, "{:?}", c.basis_passages);
        assert_eq!(c.quotes_gone, [0], "the quoted words did change");
        assert!(c.added > 0);
        let reformatted = BEFORE.replace("* ", "- ").replace("\n\n", "\n");
        assert!(same_wording(BEFORE, &reformatted));
        assert!(!compare(Some(BEFORE), &reformatted, &[]).basis_related);
    }

    #[test]
    fn a_capture_that_lost_most_of_the_text_is_suspect() {
        let full = format!("# A\n\n{}\n## B\n\ntext\n## C\n\ntext\n## D\n\ntext\n", "words ".repeat(200));
        assert!(suspect_capture(&full, "# A\n\nwords words").unwrap().contains('%'));
        let headless = full.replace("## ", "");
        assert!(suspect_capture(&full, &headless).unwrap().contains("headings"));
        assert_eq!(suspect_capture(&full, &full), None);
    }
}
