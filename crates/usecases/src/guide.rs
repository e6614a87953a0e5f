//! The guided first start, as steps both faces call: whether to show it, the
//! choices (concerns, the big platforms, the people on record), the answer
//! for one concern at one platform — claims, the sentence, the letter, how it
//! can be sent, what the letter needs from the person — and writing it.
//! The rules are the domain's (`domain::guide`, `domain::sending`).

use rightsdesk_domain::guide::{
    self, Concern, ConcernChoice, DetailsNeeded, FEATURED, GuideLetter, GuidePerson, GuidePlan, GuideStart,
    PlatformChoice,
};
use rightsdesk_domain::letter::{Language, LetterRequest, SituationPrompt, choose_language};
use rightsdesk_domain::sending::{Way, ways_to_send};
use rightsdesk_domain::words::UiLanguage;
use rightsdesk_domain::{ErrorCode, IdentityKind};
use rightsdesk_store::{Error, RequestFilter, Result, Store};

/// The setting that records the user skipped the guide.
const SKIPPED: &str = "guide.skipped";

/// The choices the guide starts from, and whether to show it at start.
pub fn start(store: &Store) -> Result<GuideStart> {
    let any_request = !store.list_requests(&RequestFilter { limit: Some(1), ..Default::default() })?.is_empty();
    let skipped = store.setting(SKIPPED)?.is_some();
    let platforms = FEATURED
        .iter()
        .filter_map(|slug| store.get_controller(slug).ok())
        .map(|c| PlatformChoice {
            slug: c.draft.slug.clone(),
            label: c.draft.runs.first().cloned().unwrap_or_else(|| c.draft.name.clone()),
            controller: c.draft.name,
        })
        .collect();
    Ok(GuideStart {
        show: !any_request && !skipped,
        concerns: Concern::ALL.iter().map(|&c| ConcernChoice { concern: c, label: c.label().to_owned() }).collect(),
        platforms,
        people: store.list_people()?,
    })
}

/// The user skipped the guide: it no longer opens at start (it stays on the Requests screen).
pub fn skip(store: &mut Store) -> Result<()> {
    store.set_setting(SKIPPED, &store.today().to_string())
}

/// The answer for `concern` at `slug` today, said in `lang`.
pub fn plan(store: &Store, concern: Concern, slug: &str, lang: UiLanguage) -> Result<GuidePlan> {
    let detail = store.controller_detail(slug)?;
    let claims: Vec<_> = detail.claims.iter().map(|c| c.claim.clone()).collect();
    let c = &detail.controller;
    let name = c.draft.runs.first().cloned().unwrap_or_else(|| c.draft.name.clone());
    let mut answer = guide::answer(concern, &name, &claims, &store.today().to_string(), lang);
    answer.letter = lang.action(answer.letter);
    answer.also = std::mem::take(&mut answer.also).into_iter().map(|a| lang.action(a)).collect();
    let ways = ways_to_send(&c.recipient());
    let situation = answer.letter.kind.request_kind().needs_particular_situation();
    let required = |k: IdentityKind| c.draft.required_identity.iter().any(|f| f.kind == k);
    let needs = DetailsNeeded {
        email: true,
        address: ways.iter().all(|w| w.way == Way::Post) || required(IdentityKind::Address),
        account: !c.draft.runs.is_empty(),
        situation,
        situation_prompts: if situation { SituationPrompt::ALL.to_vec() } else { Vec::new() },
        identity: c
            .draft
            .required_identity
            .iter()
            .filter(|f| matches!(f.kind, IdentityKind::Birthdate | IdentityKind::Other))
            .cloned()
            .collect(),
    };
    Ok(GuidePlan { slug: c.draft.slug.clone(), platform: name, answer, ways, needs })
}

/// Writes the guide's letter: the person (created if new), then the draft
/// request with its letter. A letter that cannot be written leaves no new
/// person behind.
pub fn write(
    store: &mut Store,
    concern: Concern,
    slug: &str,
    person: GuidePerson,
    situation_prompts: Vec<SituationPrompt>,
    situation: String,
) -> Result<GuideLetter> {
    let plan = plan(store, concern, slug, UiLanguage::En)?;
    let mut options = plan.answer.letter.options.clone();
    if plan.needs.situation {
        options.situation_prompts = situation_prompts;
        options.situation = situation.trim().to_owned();
    }
    let (person_id, created) = match person {
        GuidePerson::Existing { id } => (store.get_person(id)?.id, false),
        GuidePerson::New { draft } => (store.create_person(*draft)?.id, true),
    };
    // What the objection covers is named in the platform's (English) terms: only
    // a letter written in English carries it; in another language the letter's
    // own words cover the processing in general.
    let country = store.get_person(person_id)?.address.country;
    let request_language = store.get_controller(slug)?.draft.request_language;
    if choose_language(None, &request_language, &country).language != Language::En {
        options.processing.clear();
    }
    let request =
        LetterRequest { person_id, kind: plan.answer.letter.kind.request_kind(), language: String::new(), options };
    let made = match store.create_request(&request, slug) {
        Ok(r) => r,
        Err(e) => {
            if created {
                // Nothing else refers to a person made a moment ago.
                store.delete_person(person_id).map_err(|d| {
                    Error::new(
                        ErrorCode::Internal,
                        format!("{}; and the new person could not be removed: {}", e.message, d.message),
                    )
                })?;
            }
            return Err(e);
        }
    };
    Ok(GuideLetter { request_id: made.id, reference: made.reference, person_id, letter: store.letter(made.id)? })
}
