//! The policy watch: recorded versions of a platform's privacy policy in,
//! what changed in each out, notices for the people a basis-related change
//! concerns, and the review that turns a suggested claim into the user's own.
//!
//! The order of steps lives here once: a text is read and judged (domain)
//! before it is stored; a version is compared with the last *good* one
//! before it, never with a suspect capture or a variant; a change is a
//! notice only when it is the platform's newest version, so importing a
//! history lists its changes without alerting for each.

use chrono::NaiveDate;
use rightsdesk_domain::policy::{
    self, ClaimToReview, Comparison, Earlier, FetchOutcome, ImportedVersion, NewPolicyVersion, PolicyVersion,
    ReviewState, Standing, VersionChange, VersionOrigin, WatchSettings,
};
use rightsdesk_domain::watch::{self, BasisAlert};
use rightsdesk_domain::{Claim, ClaimStatus, ErrorCode, Id, LegalBasis, Notice, Purpose, Source, StoredClaim};
use rightsdesk_store::{Error, RequestFilter, Result, Store};

/// Settings keys.
const EVERY_DAYS: &str = "watch.every_days";
const LAST_FETCH: &str = "watch.last_fetch";
const BASE_URL: &str = "watch.base_url";

/// The default: a policy fetch once a week.
pub const DEFAULT_EVERY_DAYS: u32 = 7;

fn day(s: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::from(rightsdesk_domain::Invalid(vec![rightsdesk_domain::FieldError::new(
            field,
            format!("“{s}” is not a day (YYYY-MM-DD)"),
        )]))
    })
}

/// The passages a platform's current claims rest on, with the claims.
fn current_claims(store: &Store, slug: &str) -> Result<Vec<StoredClaim>> {
    Ok(store.controller_detail(slug)?.claims.into_iter().filter(|c| c.claim.valid_to.is_none()).collect())
}

fn to_review(claims: &[StoredClaim], gone: &[u32]) -> Vec<ClaimToReview> {
    gone.iter()
        .filter_map(|i| claims.get(*i as usize))
        .map(|c| ClaimToReview {
            claim_id: c.id,
            purpose: c.claim.purpose,
            basis: c.claim.basis,
            quote: c.claim.source.quote.clone(),
        })
        .collect()
}

fn change_of(
    version: PolicyVersion,
    base: Option<(&str, &str)>,
    cmp: Option<Comparison>,
    claims: &[StoredClaim],
) -> VersionChange {
    let recorded = version.recorded.clone();
    let comparison = cmp.unwrap_or_default();
    VersionChange {
        version,
        recorded,
        compared_with: base.map(|(d, _)| d.to_owned()),
        claims_needing_review: to_review(claims, &comparison.quotes_gone),
        comparison,
    }
}

fn quotes(claims: &[StoredClaim]) -> Vec<&str> {
    claims.iter().map(|c| c.claim.source.quote.as_str()).collect()
}

/// Stores one version of `slug`'s policy, recorded on `recorded`: read and
/// judged first, so a file that is no policy stores nothing; the same text
/// twice is no change (idempotent by content hash).
pub fn import(
    store: &mut Store,
    slug: &str,
    recorded: &str,
    bytes: &[u8],
    origin: VersionOrigin,
    source: &str,
    ota_commit: &str,
) -> Result<ImportedVersion> {
    let recorded = day(recorded, "recorded")?.format("%Y-%m-%d").to_string();
    let text = policy::read_text(bytes)?;
    let claims = current_claims(store, slug)?;
    if let Some(v) = store.find_policy_version(slug, &text)? {
        return Ok(ImportedVersion { added: false, change: change_of(v, None, None, &claims) });
    }
    let versions = store.policy_versions(slug)?;
    let newest = versions.iter().all(|v| v.recorded <= recorded);
    let history = earlier_texts(store, &versions, &recorded)?;
    let earlier: Vec<Earlier<'_>> = history
        .iter()
        .map(|(v, t)| Earlier { recorded: &v.recorded, text: t, good: v.standing == Standing::Good })
        .collect();
    let (standing, reason) = policy::standing(&earlier, &recorded, &text);
    let base = earlier.iter().rev().find(|e| e.good).map(|e| (e.recorded.to_owned(), e.text));
    let cmp =
        (standing == Standing::Good).then(|| policy::compare(base.as_ref().map(|b| b.1), &text, &quotes(&claims)));
    let review =
        cmp.as_ref().filter(|c| c.basis_related).map(|_| if newest { ReviewState::Open } else { ReviewState::History });
    let base_day = base.as_ref().map(|b| b.0.clone());
    let new = NewPolicyVersion { recorded, text, origin, source: source.to_owned(), ota_commit: ota_commit.to_owned() };
    let version = store.add_policy_version(slug, &new, standing, &reason, review)?;
    Ok(ImportedVersion { added: true, change: change_of(version, base_day.as_deref().map(|d| (d, "")), cmp, &claims) })
}

/// The earlier versions (recorded on or before `recorded`) that judging a new
/// one needs, with their texts, oldest first: the last good one (the base of
/// the comparison) and those recorded within `VARIANT_DAYS` (a variant's
/// twin) — not the whole history, which would make a fetch of many versions
/// read every stored text once per version.
fn earlier_texts(store: &Store, versions: &[PolicyVersion], recorded: &str) -> Result<Vec<(PolicyVersion, String)>> {
    let earlier: Vec<&PolicyVersion> = versions.iter().filter(|v| v.recorded.as_str() <= recorded).collect();
    let last_good = earlier.iter().rposition(|v| v.standing == Standing::Good);
    let near = |v: &PolicyVersion| match (day(&v.recorded, "recorded"), day(recorded, "recorded")) {
        (Ok(a), Ok(b)) => (b - a).num_days().abs() <= policy::VARIANT_DAYS,
        _ => false,
    };
    earlier
        .iter()
        .enumerate()
        .filter(|(i, v)| Some(*i) == last_good || near(v))
        .map(|(_, v)| Ok(((*v).clone(), store.policy_text(v.id)?)))
        .collect()
}

/// Every stored version of `slug`'s policy with what changed in it, oldest
/// first: the history replayed from the stored texts.
pub fn changes(store: &Store, slug: &str) -> Result<Vec<VersionChange>> {
    let claims = current_claims(store, slug)?;
    let q = quotes(&claims);
    let history = store.policy_history(slug)?;
    let mut out = Vec::with_capacity(history.len());
    let mut last_good: Option<(String, &str)> = None;
    for (v, text) in &history {
        if v.standing != Standing::Good {
            out.push(change_of(v.clone(), None, None, &claims));
            continue;
        }
        let cmp = policy::compare(last_good.as_ref().map(|b| b.1), text, &q);
        out.push(change_of(v.clone(), last_good.as_ref().map(|(d, _)| (d.as_str(), "")), Some(cmp), &claims));
        last_good = Some((v.recorded.clone(), text));
    }
    Ok(out)
}

/// The claims in force the day before `recorded`.
fn claims_before(claims: &[StoredClaim], recorded: &str) -> Vec<Claim> {
    let before = day(recorded, "recorded")
        .ok()
        .and_then(|d| d.pred_opt())
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| recorded.to_owned());
    claims.iter().filter(|c| c.claim.in_force_on(&before)).map(|c| c.claim.clone()).collect()
}

/// The change a version brought, recomputed against the last good version before it.
/// Reads only the two texts compared.
fn change_for(store: &Store, version: &PolicyVersion, claims: &[StoredClaim]) -> Result<Comparison> {
    let versions = store.policy_versions(&version.platform)?;
    let at = versions
        .iter()
        .position(|v| v.id == version.id)
        .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("no policy version {}", version.id)))?;
    let base = match versions[..at].iter().rev().find(|v| v.standing == Standing::Good) {
        Some(b) => Some(store.policy_text(b.id)?),
        None => None,
    };
    let text = store.policy_text(version.id)?;
    let current: Vec<StoredClaim> = claims.iter().filter(|c| c.claim.valid_to.is_none()).cloned().collect();
    Ok(policy::compare(base.as_deref(), &text, &quotes(&current)))
}

/// The notices open basis-related changes raise: one per change and person
/// who deals with the platform (a request to it, or an account on it), where
/// the change says something the claims in force did not.
pub fn alerts(store: &Store) -> Result<Vec<BasisAlert>> {
    let mut out = Vec::new();
    for v in store.open_reviews()? {
        let people = store.people_dealing_with(&v.platform)?;
        if people.is_empty() {
            continue;
        }
        let detail = store.controller_detail(&v.platform)?;
        let cmp = change_for(store, &v, &detail.claims)?;
        let shifts = watch::shifts(&claims_before(&detail.claims, &v.recorded), &cmp);
        for (person_id, name) in people {
            let requests: Vec<_> = store
                .list_requests(&RequestFilter { person_id: Some(person_id), ..RequestFilter::default() })?
                .into_iter()
                .filter(|r| r.controller_slug == v.platform)
                .collect();
            if let Some(a) = watch::alert(
                v.id,
                (&v.platform, &detail.controller.draft.name),
                &v.recorded,
                (person_id, &name),
                shifts.clone(),
                &requests,
            ) {
                out.push(a);
            }
        }
    }
    Ok(out)
}

/// The desktop notices of basis changes not shown yet.
pub fn pending_notices(store: &Store) -> Result<Vec<Notice>> {
    let notices = alerts(store)?.iter().map(BasisAlert::notice).collect();
    store.unseen(notices)
}

/// How the user settles a basis-related change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Take the suggested (or edited) claim as the user's own: it starts on
    /// the version's recording day; the user's claims win over the registry's.
    Accept {
        purpose: Purpose,
        basis: LegalBasis,
        quote: String,
        scope: String,
    },
    Dismiss,
}

/// Settles a basis-related change; an accepted claim is added to the
/// user's own claims, with the version as its source.
pub fn review(store: &mut Store, version_id: Id, decision: Decision) -> Result<PolicyVersion> {
    let v = store.policy_version(version_id)?;
    if v.review.is_none() {
        return Err(Error::new(
            ErrorCode::Invalid,
            format!("version {version_id} is no basis-related change to review"),
        ));
    }
    match decision {
        Decision::Dismiss => store.set_review(version_id, ReviewState::Dismissed)?,
        Decision::Accept { purpose, basis, quote, scope } => {
            if quote.trim().is_empty() {
                return Err(Error::from(rightsdesk_domain::Invalid(vec![rightsdesk_domain::FieldError::new(
                    "quote",
                    "a claim rests on a passage of the policy: give the passage",
                )])));
            }
            let detail = store.controller_detail(&v.platform)?;
            let claim = Claim {
                purpose,
                basis,
                scope,
                source: Source {
                    url: detail.controller.draft.policy_url.clone(),
                    observed: v.recorded.clone(),
                    section: String::new(),
                    quote,
                    commit: v.ota_commit.clone(),
                },
                valid_from: Some(v.recorded.clone()),
                valid_to: None,
                note: format!("accepted from the policy version recorded {}", v.recorded),
                special_categories: false,
                status: ClaimStatus::InForce,
            };
            store.add_claim(&v.platform, claim)?;
            store.set_review(version_id, ReviewState::Accepted)?;
        }
    }
    store.policy_version(version_id)
}

pub fn settings(store: &Store) -> Result<WatchSettings> {
    Ok(WatchSettings {
        every_days: store.setting(EVERY_DAYS)?.and_then(|s| s.parse().ok()).unwrap_or(DEFAULT_EVERY_DAYS),
        base_url: store.setting(BASE_URL)?.unwrap_or_else(|| rightsdesk_import::ota::DEFAULT_BASE.to_owned()),
        last_fetch: store.setting(LAST_FETCH)?,
    })
}

/// Sets the schedule (days between fetches, 0 = on demand only) and the
/// versions repository (empty: the default).
pub fn set_settings(store: &mut Store, every_days: u32, base_url: &str) -> Result<WatchSettings> {
    let base = base_url.trim();
    if !base.is_empty() && !rightsdesk_import::is_url(base) {
        return Err(Error::from(rightsdesk_domain::Invalid(vec![rightsdesk_domain::FieldError::new(
            "base_url",
            "the versions repository is an http(s) address",
        )])));
    }
    if every_days > 365 {
        return Err(Error::from(rightsdesk_domain::Invalid(vec![rightsdesk_domain::FieldError::new(
            "every_days",
            "at most once a year (365 days); 0 fetches only on demand",
        )])));
    }
    store.set_setting(EVERY_DAYS, &every_days.to_string())?;
    store.set_setting(BASE_URL, if base.is_empty() { rightsdesk_import::ota::DEFAULT_BASE } else { base })?;
    settings(store)
}

/// Whether the schedule says a fetch is due on `today`.
pub fn fetch_due(store: &Store, today: NaiveDate) -> Result<bool> {
    let s = settings(store)?;
    if s.every_days == 0 {
        return Ok(false);
    }
    Ok(match s.last_fetch.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
        Some(last) => (today - last).num_days() >= i64::from(s.every_days),
        None => true,
    })
}

/// The platforms a fetch covers: one, or every platform the archive has.
pub fn fetch_targets(platform: Option<&str>) -> Result<Vec<(String, &'static str)>> {
    match platform {
        Some(slug) => rightsdesk_import::ota::service(slug).map(|s| vec![(slug.to_owned(), s)]).ok_or_else(|| {
            Error::new(ErrorCode::Invalid, format!("{slug}'s policy is not in the Open Terms Archive watch list"))
        }),
        None => Ok(rightsdesk_import::ota::SERVICES.iter().map(|(a, b)| ((*a).to_owned(), *b)).collect()),
    }
}

/// Downloads what is new for each platform (no store held: it may take a
/// while). First fetch of a platform: only its newest version, as the
/// baseline; later: every version after the newest stored one.
pub fn download(
    base: &str,
    targets: &[(String, &'static str)],
    newest_stored: &dyn Fn(&str) -> Option<String>,
) -> Vec<Downloaded> {
    targets
        .iter()
        .map(|(slug, service)| {
            let listed = rightsdesk_import::ota::feed(base, service);
            let result = listed.and_then(|entries| {
                let since = newest_stored(slug);
                let wanted: Vec<_> = match since {
                    Some(d) => entries.into_iter().filter(|e| e.recorded > d).collect(),
                    None => entries.into_iter().last().into_iter().collect(),
                };
                wanted
                    .into_iter()
                    .map(|e| rightsdesk_import::ota::version(base, service, &e.commit).map(|b| (e, b)))
                    .collect::<std::result::Result<Vec<_>, _>>()
            });
            Downloaded { platform: slug.clone(), result: result.map_err(|e| e.message) }
        })
        .collect()
}

/// One platform's downloads.
#[derive(Debug)]
pub struct Downloaded {
    pub platform: String,
    pub result: std::result::Result<Vec<(rightsdesk_import::ota::FeedEntry, Vec<u8>)>, String>,
}

/// Stores what was downloaded, platform by platform: a platform that
/// failed is reported and the others go on; a re-extraction that changes
/// nothing but formatting is skipped. Records the day of the fetch.
pub fn store_downloads(store: &mut Store, downloads: Vec<Downloaded>, today: NaiveDate) -> Result<Vec<FetchOutcome>> {
    let mut out = Vec::new();
    for d in downloads {
        let mut outcome =
            FetchOutcome { platform: d.platform.clone(), added: Vec::new(), same_wording: 0, error: None };
        match d.result {
            Err(e) => outcome.error = Some(e),
            Ok(items) => {
                for (entry, bytes) in items {
                    let last = match store
                        .policy_versions(&d.platform)?
                        .into_iter()
                        .rev()
                        .find(|v| v.standing == Standing::Good)
                    {
                        Some(v) => Some(store.policy_text(v.id)?),
                        None => None,
                    };
                    if let (Some(last_text), Ok(text)) = (&last, std::str::from_utf8(&bytes))
                        && policy::same_wording(last_text, text)
                    {
                        outcome.same_wording += 1;
                        continue;
                    }
                    let url = format!("Open Terms Archive, commit {}", entry.commit);
                    match import(store, &d.platform, &entry.recorded, &bytes, VersionOrigin::Fetch, &url, &entry.commit)
                    {
                        Ok(i) if i.added => outcome.added.push(i.change),
                        Ok(_) => outcome.same_wording += 1,
                        Err(e) => {
                            outcome.error =
                                Some(format!("version {} ({}): {}", entry.recorded, entry.commit, e.message));
                            break;
                        }
                    }
                }
            }
        }
        out.push(outcome);
    }
    store.set_setting(LAST_FETCH, &today.format("%Y-%m-%d").to_string())?;
    Ok(out)
}

/// The newest stored version day per platform, for [`download`].
pub fn newest_stored(store: &Store, targets: &[(String, &'static str)]) -> Result<Vec<(String, Option<String>)>> {
    targets
        .iter()
        .map(|(slug, _)| {
            let v = match store.policy_versions(slug) {
                Ok(v) => v,
                Err(e) if e.code == ErrorCode::NotFound => Vec::new(),
                Err(e) => return Err(e),
            };
            Ok((slug.clone(), v.last().map(|x| x.recorded.clone())))
        })
        .collect()
}

/// Fetch in one call (the CLI's way; the app splits it so the store is not
/// held during downloads).
pub fn fetch(
    store: &mut Store,
    platform: Option<&str>,
    base: Option<&str>,
    today: NaiveDate,
) -> Result<Vec<FetchOutcome>> {
    let targets = fetch_targets(platform)?;
    let base = match base {
        Some(b) => b.to_owned(),
        None => settings(store)?.base_url,
    };
    let newest = newest_stored(store, &targets)?;
    let lookup = |slug: &str| newest.iter().find(|(s, _)| s == slug).and_then(|(_, d)| d.clone());
    let downloads = download(&base, &targets, &lookup);
    store_downloads(store, downloads, today)
}
