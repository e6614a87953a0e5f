// The policy watch in the real window: a local copy of Open Terms Archive's
// versions repository on 127.0.0.1 set in Settings; TikTok's policy fetched
// twice — the second version moves personalised ads from consent to
// legitimate interests — the change flagged with its passages, the notice on
// the Requests screen for a person with a TikTok account (what it means, the
// letter that fits, the composer starting with that person), and the review
// that accepts the new claim. Run by scripts/e2e.sh (keyring mode, fresh data
// directory).
import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import { createServer } from "node:http";
import { after, test } from "node:test";
import { env, Session } from "./webdriver.mjs";

const { driver: DRIVER, app: APP, shots: SHOTS } = env;

const policy = (ads) => `# TikTok Privacy Policy (EEA)

## What information we collect

We collect information you provide, information we collect automatically, and information from other sources.

## How we use your information

We use your information to provide, support and improve the Platform, and to keep it safe.

## Legal bases

${ads}

## Your rights

You can access, correct, delete or port your information, and object to some processing.
`;
const CONSENT = policy("### Your consent\n\n* With your consent, we show you personalised ads based on your activity on and off the Platform.");
const LI = policy(
  "### Legitimate interests\n\n* We show you personalised ads based on your activity on the Platform, as necessary for our legitimate interests in keeping the Platform free.",
);

// What the archive holds, changed between the two fetches.
let entries = [["aaaaaaa1", "2026-10-01", CONSENT]];
const feed = () =>
  `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>TikTok</title>` +
  entries
    .slice()
    .reverse()
    .map(([c, d]) => `<entry><id>tag:github.com,2008:Grit::Commit/${c}</id><updated>${d}T09:00:00Z</updated></entry>`)
    .join("") +
  `</feed>`;
// A registry bundle signed, but not with RightsDesk's key: the app must refuse it.
const { privateKey } = generateKeyPairSync("ed25519");
const BUNDLE = JSON.stringify({ format: "rightsdesk-registry/1", version: "2026-12-24", entries: [] });
const FOREIGN = JSON.stringify({ bundle: BUNDLE, signature: sign(null, Buffer.from(BUNDLE), privateKey).toString("hex") });

const server = createServer((req, res) => {
  const url = decodeURIComponent(req.url ?? "");
  if (url === "/registry.json") {
    res.writeHead(200, { "content-type": "application/json" }).end(FOREIGN);
    return;
  }
  if (url === "/commits/main/TikTok/Privacy Policy.md.atom") {
    res.writeHead(200, { "content-type": "application/atom+xml" }).end(feed());
    return;
  }
  const hit = entries.find(([c]) => url === `/raw/${c}/TikTok/Privacy Policy.md`);
  if (hit) res.writeHead(200, { "content-type": "text/plain" }).end(hit[2]);
  else res.writeHead(404).end("not found");
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const BASE = `http://127.0.0.1:${server.address().port}`;

let session;
after(async () => {
  await session?.end();
  server.close();
});

const fill = (css, text) => session.fill(css, text);
const click = async (css) => (await session.find(css)).click();
const text = async (css) => (await session.find(css)).text();
/** Waits for the policy watch to say `re`, and says what it said instead. */
async function says(re, what) {
  try {
    await session.until(what, async () => re.test(await text('[data-testid="policy-watch"]')), { timeout: 30000 });
  } catch (e) {
    await session.screenshot(SHOTS, `6x-failed-${what.replace(/\W+/g, "-")}`);
    throw new Error(`${e.message}; the policy watch says: ${await text('[data-testid="policy-watch"]')}`);
  }
}

async function openTikTok() {
  await click('[data-testid="nav-platforms"]');
  await fill('[data-testid="controller-search"]', "tikt");
  await session.until("TikTok in the results", async () => (await session.texts('[data-testid="controller-row"]'))[0]?.includes("TikTok"));
  await click('[data-testid="controller-row"]');
  await session.find('[data-testid="policy-watch"]');
}

test("the versions repository is the user's to set, and a bad address is refused", async () => {
  session = await Session.start(DRIVER, APP);
  await click('[data-testid="nav-settings"]');
  await session.find('[data-testid="watch-settings"]');
  assert.match(await (await session.find('[data-testid="watch-base"]')).value(), /OpenTermsArchive/);
  await fill('[data-testid="watch-base"]', "ftp://nowhere");
  await click('[data-testid="watch-save"]');
  await session.until("a clear error", async () => /http\(s\) address/.test(await text('[data-testid="watch-settings"]')));
  await fill('[data-testid="watch-base"]', BASE);
  await fill('[data-testid="watch-every"]', "7");
  await click('[data-testid="watch-save"]');
  await session.until("saved", async () => /Saved/.test(await text('[data-testid="watch-settings"]')));
  await session.screenshot(SHOTS, "60-watch-settings");
});

test("a registry bundle signed with another key is refused and nothing changes", async () => {
  await session.find('[data-testid="registry-update"]');
  await fill('[data-testid="registry-url"]', `${BASE}/registry.json`);
  await click('[data-testid="registry-check"]');
  await session.until("the refusal", async () => /does not match RightsDesk's registry key/.test(await text('[data-testid="registry-error"]')));
  assert.match(await text('[data-testid="registry-error"]'), /nothing was changed/);
  assert.equal((await session.findAll('[data-testid="registry-diff"]')).length, 0, "no diff to apply");
  await session.screenshot(SHOTS, "64-registry-refused");
});

test("a person with a TikTok account", async () => {
  await click('[data-testid="nav-people"]');
  await click('[data-testid="person-add"]');
  await fill('[data-testid="field-name"]', "Mia Watcher");
  await fill('[data-testid="field-email-0"]', "mia@example.org");
  await click('[data-testid="account-add"]');
  await fill('[data-testid="field-account-platform-0"]', "tiktok");
  await fill('[data-testid="field-account-id-0"]', "@mia");
  await click('[data-testid="person-save"]');
  await session.until("Mia saved", async () => (await text('[data-testid="person-name"]')) === "Mia Watcher");
});

test("fetching twice flags the move to legitimate interests, with its passages", async () => {
  await openTikTok();
  await click('[data-testid="policy-fetch"]');
  await says(/1 new version/, "the baseline");
  assert.equal((await session.findAll('[data-testid="policy-version"]')).length, 1);
  assert.equal((await session.findAll('[data-testid="policy-basis-related"]')).length, 0, "the first version compares with nothing");

  entries = [...entries, ["bbbbbbb2", "2026-11-20", LI]];
  await click('[data-testid="policy-fetch"]');
  await session.until("the second version", async () => (await session.findAll('[data-testid="policy-version"]')).length === 2);
  await session.find('[data-testid="policy-basis-related"]');
  await click('[data-testid="policy-version"] summary');
  const version = await text('[data-testid="policy-version"]');
  assert.match(version, /Before\s*With your consent, we show you personalised ads/);
  assert.match(version, /Now\s*We show you personalised ads based on your activity on the Platform, as necessary for our legitimate interests/);
  assert.match(version, /Personalised ads on Legitimate interests/);
  await session.find('[data-testid="policy-review"]');
  await session.screenshot(SHOTS, "61-watch-basis-change");

  // Again: nothing new.
  await click('[data-testid="policy-fetch"]');
  await says(/0 new version/, "nothing new");
});

test("the Requests screen tells Mia what the change means and offers the letter", async () => {
  await click('[data-testid="nav-requests"]');
  await session.find('[data-testid="basis-changes"]');
  const alert = await text('[data-testid="basis-alert"]');
  assert.match(alert, /changed its basis for personalised ads/i);
  assert.match(alert, /for Mia Watcher/);
  assert.match(alert, /Before\s*consent/i);
  assert.doesNotMatch(alert, /Now\s*Unknown/, "the new basis replaces the old one: no silence reported");
  assert.match(await text('[data-testid="basis-meaning"]'), /you can object \(Art\. 21\(1\)\)/);
  await session.screenshot(SHOTS, "62-watch-notice");
  await click('[data-testid="basis-letter"]');
  await session.find('[data-testid="composer"]');
  const person = await session.find('[data-testid="composer-person"]');
  assert.match(await person.value(), /\d+/);
  assert.match(await text('[data-testid="composer"]'), /Mia Watcher/);
  await click('[data-testid="composer-close"]');
  await session.gone('[data-testid="composer"]');
});

test("accepting the change makes it the user's claim and the notice goes", async () => {
  await openTikTok();
  await click('[data-testid="policy-version"] summary');
  await click('[data-testid="policy-accept"]');
  await session.until("accepted", async () => /It is now your own claim/.test(await text('[data-testid="policy-message"]')));
  await session.find('[data-testid="cell-personalised_ads-legitimate_interests"]');
  await session.screenshot(SHOTS, "63-watch-accepted");
  await click('[data-testid="nav-requests"]');
  await session.find('[data-testid="attention"]');
  await session.gone('[data-testid="basis-changes"]');
});
