// Letters in the real window: from a platform's action to a saved draft with
// its letter, the live preview in another language, the PDF on disk, the
// user's own text kept, and a batch previewed before anything is created.
// Run by scripts/e2e.sh (keyring mode, fresh data directory).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { env, Session } from "./webdriver.mjs";

const { driver: DRIVER, app: APP, shots: SHOTS } = env;

let session;
after(async () => session?.end());

const fill = (css, text) => session.fill(css, text);
const click = async (css) => {
  try {
    await (await session.find(css)).click();
  } catch (e) {
    await session.screenshot(SHOTS, `failed-click-${css.replace(/\W+/g, "_")}`).catch(() => {});
    throw new Error(`clicking ${css}: ${e.message}`);
  }
};
const text = async (css) => (await session.find(css)).text();
// Opens the <details> whose summary is `css`, and makes sure it is open: the
// page can shift under a click (a request marked overdue by the clock adds a
// line above), so a click can land beside the summary. Said when it happens.
const openSection = async (css) => {
  const isOpen = () => session.execute("return !!document.querySelector(arguments[0])?.closest('details')?.open;", [css]);
  await click(css);
  await session.until(`${css} open`, async () => {
    if (await isOpen()) return true;
    console.log(`# ${css}: the section was not open after the click; clicking again`);
    await click(css);
    return isOpen();
  });
};

test("a person to write for", async () => {
  session = await Session.start(DRIVER, APP);
  await click('[data-testid="nav-people"]');
  await click('[data-testid="person-add"]');
  await fill('[data-testid="field-name"]', "Ada Lovelace");
  await fill('[data-testid="field-email-0"]', "ada@example.org");
  await fill('[data-testid="field-city"]', "Dublin");
  await fill('[data-testid="field-country"]', "ie");
  await click('[data-testid="field-voice"]');
  await click('[data-testid="field-voice"] option[value="feminine"]');
  await click('[data-testid="person-save"]');
  await session.until("the person to show", async () => (await text('[data-testid="person-name"]')) === "Ada Lovelace");
});

test("a platform's action opens the composer with a live preview that follows options and language", async () => {
  await click('[data-testid="nav-platforms"]');
  await fill('[data-testid="controller-search"]', "tikt");
  await session.until("TikTok in the results", async () => (await session.texts('[data-testid="controller-row"]'))[0]?.includes("TikTok"));
  await click('[data-testid="controller-row"]');
  await click('[data-testid="purpose-personalised_ads"]');
  await click('[data-testid="action-withdraw_consent"]');
  await session.find('[data-testid="composer"]');
  await session.until("the preview", async () => /Article 7\(3\) GDPR/.test(await text('[data-testid="composer-preview"]')));
  assert.match(await text('[data-testid="composer-subject"]'), /^Withdrawal of consent \(Article 7\(3\) GDPR\) – Our reference: RD-\d{4}-NEW$/);
  await click('[data-testid="opt-erasure"]');
  await session.until("erasure in the preview", async () => /Article 17\(1\)\(b\) GDPR/.test(await text('[data-testid="composer-preview"]')));
  await session.screenshot(SHOTS, "30-composer-en");
  // The person's voice: a Polish letter speaks in her feminine first-person forms.
  await click('[data-testid="composer-language"]');
  await click('[data-testid="composer-language"] option[value="pl"]');
  await session.until("the Polish letter in her voice", async () => /której udzieliłam Państwu/.test(await text('[data-testid="composer-preview"]')));
  await click('[data-testid="composer-language"]');
  await click('[data-testid="composer-language"] option[value="de"]');
  await session.until("the German letter", async () => /Art\. 7 Abs\. 3 DSGVO/.test(await text('[data-testid="composer-preview"]')));
  assert.match(await text('[data-testid="composer-preview"]'), /Sehr geehrte Damen und Herren/);
  await session.screenshot(SHOTS, "31-composer-de");
  await click('[data-testid="composer-save"]');
  await session.gone('[data-testid="composer"]');
  assert.match(await text('[data-testid="platform-written"]'), /Draft saved/);
});

test("a rectification without its correction names the missing field and saves nothing", async () => {
  await click('[data-testid="platform-write"]');
  await session.find('[data-testid="composer"]');
  await click('[data-testid="composer-kind"]');
  await click('[data-testid="composer-kind"] option[value="rectification"]');
  await session.until("the field error", async () => /required for this letter/.test(await text('[data-testid="err-corrections"]')));
  await session.screenshot(SHOTS, "32-composer-field-error");
  // An Art. 21(1) objection is not written without a particular situation.
  await click('[data-testid="composer-kind"]');
  await click('[data-testid="composer-kind"] option[value="ad_targeting_objection"]');
  await session.until("the situation's field error", async () => /particular situation/.test(await text('[data-testid="err-situation"]')));
  await click('[data-testid="composer-close"]');
});

test("the draft's letter is on its request page: PDF saved to disk, own text kept", async () => {
  await click('[data-testid="nav-requests"]');
  await click('[data-testid="request-row"]');
  const subject = await text('[data-testid="letter-subject"]');
  assert.match(subject, /^Widerruf der Einwilligung \(Art\. 7 Abs\. 3 DSGVO\) – Unser Zeichen: RD-\d{4}-\w+$/);
  const dir = mkdtempSync(join(tmpdir(), "rightsdesk-e2e-letter-"));
  const pdf = join(dir, "widerruf.pdf");
  await click('[data-testid="letter-typed"]');
  await fill('[data-testid="letter-path"]', pdf);
  await click('[data-testid="letter-save-pdf"]');
  await session.until("the PDF to be written", async () => /Saved/.test(await text('[data-testid="letter-message"]')));
  assert.ok(existsSync(pdf));
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
  await session.screenshot(SHOTS, "33-request-letter");

  await click('[data-testid="letter-edit"]');
  await fill('[data-testid="letter-body-input"]', "Sehr geehrte Damen und Herren,\n\nmein eigener Text.\n\nAda Lovelace");
  await click('[data-testid="letter-edit-save"]');
  await session.until("the edited text", async () => /mein eigener Text/.test(await text('[data-testid="letter-body"]')));
  assert.match(await text('[data-testid="letter-panel"]'), /edited by you/);
});

test("a batch previews every letter before creating one draft per controller", async () => {
  await click('[data-testid="request-new"]');
  await session.find('[data-testid="composer"]');
  await click('[data-testid="composer-batch-mode"]');
  for (const [q, name] of [["spotify", "Spotify"], ["linkedin", "LinkedIn"]]) {
    await fill('[data-testid="composer-controller"]', q);
    await session.until(`${name} in the results`, async () => (await session.texts('[data-testid="composer-controller-hit"]')).some((t) => t.includes(name)));
    await click('[data-testid="composer-controller-hit"]');
  }
  await click('[data-testid="composer-kind"]');
  await click('[data-testid="composer-kind"] option[value="objection_direct_marketing"]');
  await click('[data-testid="composer-batch-preview"]');
  await session.until("two letters previewed", async () => (await session.findAll('[data-testid="batch-list"] li')).length === 2);
  await session.screenshot(SHOTS, "34-batch-preview");
  await click('[data-testid="composer-batch-create"]');
  await session.until("the batch to be created", async () => /2 of 2 drafts created/.test(await text('[data-testid="composer-message"]')));
  await click('[data-testid="composer-close"]');
  await session.until("three requests", async () => (await session.findAll('[data-testid="request-row"]')).length === 3);
});

test("post, the Art. 15 checklist and a reminder that lists what the answer lacks", async () => {
  // The page may still show an earlier draft: wait for the new request itself, not just any draft.
  const before = (await session.texts('[data-testid="request-reference"]'))[0] ?? "";
  await click('[data-testid="request-new"]');
  await fill('[data-testid="composer-controller"]', "tiktok");
  await click('[data-testid="composer-controller-hit"]');
  await session.find('[data-testid="composer-preview"]');
  await click('[data-testid="composer-save"]');
  await session.gone('[data-testid="composer"]');
  await session.until("the new draft", async () =>
    (await text('[data-testid="request-reference"]')) !== before && (await text('[data-testid="request-status"]')) === "Draft");
  await session.until("TikTok's draft", async () => /TikTok/i.test(await text('[data-testid="request-page"] .detail-head')));

  await fill('[data-testid="mark-date"]', "2026-01-29");
  await click('[data-testid="mark-save"]');
  // Sent ten months before today, it is overdue as soon as the clock looks (the attention
  // view marks it): either state shows the mark was recorded.
  await session.until("sent", async () => /^(Sent|Overdue)$/.test(await text('[data-testid="request-status"]')));
  await openSection('[data-testid="postal-open"]');
  await fill('[data-testid="postal-tracking"]', "RR123456789IE");
  await fill('[data-testid="postal-receipt"]', "2026-02-02");
  await click('[data-testid="postal-save"]');
  await session.until("the clock from the return receipt", async () => /2 Mar 2026/.test(await text('[data-testid="request-deadline"]')));

  await click('[data-testid="mark-kind"]');
  await click('[data-testid="mark-kind"] option[value="answered"]');
  await click('[data-testid="mark-complete"]');
  await click('[data-testid="mark-complete"] option:nth-child(2)');
  await fill('[data-testid="mark-date"]', "2026-02-20");
  await click('[data-testid="mark-save"]');
  await session.until("a partial answer", async () => /Partial/i.test(await text('[data-testid="request-status"]')));
  for (const item of ["confirmation", "purposes", "copy"]) await click(`[data-testid="check-${item}"]`);
  await click('[data-testid="checklist-save"]');
  await session.until("the checklist saved", async () => /Checklist saved/.test(await text('[data-testid="follow-up-message"]')));
  await session.screenshot(SHOTS, "35-follow-up");

  await click('[data-testid="escalate-reminder"]');
  await session.until("the reminder draft", async () => /Reminder/.test(await text('[data-testid="letter-subject"]')));
  const body = await text('[data-testid="letter-body"]');
  assert.match(body, /the recipients, by identity \(Article 15\(1\)\(c\) GDPR\)/);
  assert.doesNotMatch(body, /a copy of the data \(Article 15\(3\) GDPR\)/);
  assert.match(await text('[data-testid="follow-up"]'), /Follows up RD-/);
  await session.screenshot(SHOTS, "36-reminder");
});

test("the letter book of a language is saved from Settings for a lawyer to review", async () => {
  await click('[data-testid="nav-settings"]');
  await click('[data-testid="book-language"]');
  await click('[data-testid="book-language"] option[value="fr"]');
  await click('[data-testid="book-voice"]');
  await click('[data-testid="book-voice"] option[value="feminine"]');
  const dir = mkdtempSync(join(tmpdir(), "rightsdesk-e2e-book-"));
  const pdf = join(dir, "livre.pdf");
  await click('[data-testid="book-typed"]');
  await fill('[data-testid="book-path"]', pdf);
  await click('[data-testid="book-save"]');
  await session.until("the book to be written", async () => /Saved to/.test(await text('[data-testid="book-message"]')));
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
  await session.screenshot(SHOTS, "37-letter-book");
});
