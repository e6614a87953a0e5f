// The Platforms area in the real window: the curated registry, the basis
// matrix and history, imports from files, the LI vendor view, and your own
// controllers. Run by scripts/e2e.sh (keyring mode, fresh data directory).
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { env, Session } from "./webdriver.mjs";

const { driver: DRIVER, app: APP, shots: SHOTS } = env;

let session;
after(async () => session?.end());

const fill = (css, text) => session.fill(css, text);
const click = async (css) => (await session.find(css)).click();
const text = async (css) => (await session.find(css)).text();

test("the registry is searchable and TikTok's page shows its bases and history", async () => {
  session = await Session.start(DRIVER, APP);
  await session.find('[data-testid="screen-guide"]');
  await (await session.find('[data-testid="nav-platforms"]')).click();
  await session.find('[data-testid="screen-platforms"]');
  await fill('[data-testid="controller-search"]', "tikt");
  await session.until("TikTok in the results", async () => (await session.texts('[data-testid="controller-row"]'))[0]?.includes("TikTok Technology Limited"));
  await click('[data-testid="controller-row"]');
  assert.equal(await (await session.find('[data-testid="platform-name"]')).text(), "TikTok Technology Limited");
  await session.find('[data-testid="cell-personalised_ads-consent"]');
  await session.find('[data-testid="cell-ai_training-unknown"]');
  await session.screenshot(SHOTS, "20-platform-tiktok");

  await click('[data-testid="purpose-personalised_ads"]');
  const timeline = await (await session.find('[data-testid="timeline"]')).text();
  // Announced, never applied: shown as such, never as in force, with the passage it rests on.
  assert.match(timeline, /announced for 13 Jul 2022/);
  assert.match(await text('[data-testid="claim-announced"]'), /Announced, never applied:\s*Legitimate interests/);
  assert.match(timeline, /paused the change on 12 Jul 2022/);
  assert.match(timeline, /Sie tritt am 13\. Juli 2022 in Kraft/);
  assert.equal((await session.findAll('[data-testid="claim-announced"] [data-testid^="action-"]')).length, 0, "nothing to act on");
  await session.screenshot(SHOTS, "21-platform-tiktok-history");

  // The basis on any day: consent on 12 Jul 2022, the announced change beside it.
  await fill('[data-testid="basis-day"]', "2022-07-12");
  await click('[data-testid="basis-look"]');
  await session.until("the basis of that day", async () => /Personalised ads: Consent/.test(await text('[data-testid="basis-result"]')));
  assert.match(await text('[data-testid="basis-result"]'), /Announced, never applied:\s*Legitimate interests from 13 Jul 2022/);
  await fill('[data-testid="basis-day"]', "12.07.2022");
  await click('[data-testid="basis-look"]');
  await session.until("a clear date error", async () => /not a date like/.test(await text('[data-testid="basis-on-day"]')));

  // The action opens the composer on the fitting letter; with nobody to write for, it says so.
  await click('[data-testid="action-withdraw_consent"]');
  const composer = await (await session.find('[data-testid="composer"]')).text();
  assert.match(composer, /Add a person first/);
  assert.match(composer, /Cites Art\. 7\(3\)/);
  await click('[data-testid="composer-close"]');
  await session.gone('[data-testid="composer"]');
});

test("a datarequests.org dump and a vendor list import from files, bad records listed", async () => {
  const dir = mkdtempSync(join(tmpdir(), "rightsdesk-e2e-import-"));
  const dump = join(dir, "companies.json");
  writeFileSync(dump, JSON.stringify({
    companies: [
      { slug: "acme-shop", name: "ACME Shop GmbH", email: "datenschutz@acme.example", address: "Weg 1\n10115 Berlin\nDeutschland" },
      { slug: "broken" },
    ],
  }));
  await click('[data-testid="tab-import"]');
  await fill('[data-testid="import-location"]', dump);
  await click('[data-testid="import-run"]');
  const report = await (await session.find('[data-testid="import-report"]')).text();
  assert.match(report, /1 added/);
  assert.match(report, /1 records skipped/);
  assert.match(report, /broken: has no name/);
  await session.screenshot(SHOTS, "22-import-report");

  const gvl = join(dir, "gvl.json");
  writeFileSync(gvl, JSON.stringify({
    gvlSpecificationVersion: 3, vendorListVersion: 1, lastUpdated: "2024-03-21T00:00:00Z",
    vendors: {
      "10": { id: 10, name: "Tracker Ten", purposes: [1], legIntPurposes: [2, 7] },
      "11": { id: 11, name: "Profiler Eleven", purposes: [1, 3, 4], legIntPurposes: [9] },
    },
  }));
  const source = await session.find('[data-testid="import-source"]');
  await source.click();
  await click('[data-testid="import-source"] option[value="tcf"]');
  await fill('[data-testid="import-location"]', gvl);
  await click('[data-testid="import-run"]');
  await session.until("the vendor import", async () => /2 added/.test(await (await session.find('[data-testid="import-report"]')).text()));

  await fill('[data-testid="import-location"]', join(dir, "missing.json"));
  await click('[data-testid="import-run"]');
  assert.match(await (await session.find('[data-testid="import-error"]')).text(), /cannot read/);

  await click('[data-testid="tab-vendors"]');
  await session.until("two LI vendors", async () => (await (await session.find('[data-testid="li-count"]')).text()) === "2 vendors");
  await click('[data-testid="li-purpose"]');
  await click('[data-testid="li-purpose"] option:nth-child(8)'); // purpose 7
  await session.until("one vendor for purpose 7", async () => (await (await session.find('[data-testid="li-count"]')).text()) === "1 vendor");
  await session.screenshot(SHOTS, "23-li-vendors");
});

test("your own controller, with a claim, and its recommended action", async () => {
  await click('[data-testid="tab-add"]');
  await fill('[data-testid="controller-slug"]', "my gym");
  await fill('[data-testid="controller-name"]', "My Gym Ltd");
  await click('[data-testid="controller-save"]');
  await session.until("a slug error", async () => /letters, digits and hyphens/.test(await (await session.find('[data-testid="controller-form"]')).text()));
  await fill('[data-testid="controller-slug"]', "my-gym");
  await fill('[data-testid="controller-email"]', "privacy@gym.example");
  await click('[data-testid="controller-save"]');
  assert.equal(await (await session.find('[data-testid="platform-name"]')).text(), "My Gym Ltd");
  await session.until("the new controller in the list", async () => (await session.texts('[data-testid="controller-row"]')).some((t) => t.includes("My Gym Ltd")));
  await click('[data-testid="claim-add"]');
  await fill('[data-testid="claim-url"]', "https://gym.example/privacy");
  // Ads from workout data that reveal health: special-category data on legitimate interests.
  await click('[data-testid="claim-special"]');
  await click('[data-testid="claim-save"]');
  await session.find('[data-testid="cell-personalised_ads-legitimate_interests"]');
  await click('[data-testid="purpose-personalised_ads"]');
  await session.find('[data-testid="special-categories"]');
  // Art. 9(2) has no exception for legitimate interests: erasure of unlawfully processed data and a
  // complaint come first, the objection after them.
  const actions = await session.findAll('[data-testid^="action-"]');
  const kinds = await Promise.all(actions.map((a) => a.attribute("data-testid")));
  assert.deepEqual(kinds.slice(0, 3), ["action-erasure", "action-complaint", "action-ad_targeting_objection"]);
  await session.screenshot(SHOTS, "24-own-controller");
  const why = await (await session.find('[data-testid="action-erasure"]')).attribute("title");
  assert.match(why, /Art\. 9\(2\) has no exception for legitimate interests/);
});
