// Without a reachable OS keyring the app must ask for a passphrase, derive the
// key from it, and ask again after a restart. Run by scripts/e2e.sh with the
// session bus hidden from the app.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { env, Session } from "./webdriver.mjs";

const { driver: DRIVER, app: APP, shots: SHOTS } = env;
const PASS = "a passphrase for the test";

let session;
after(async () => session?.end());

const fill = (css, text) => session.fill(css, text);

async function gateError() {
  return (await session.find('[data-testid="gate"] .field-error')).text();
}

test("first start without a keyring asks to choose a passphrase", async () => {
  session = await Session.start(DRIVER, APP);
  await session.find('[data-testid="passphrase-repeat"]');
  await session.screenshot(SHOTS, "10-choose-passphrase");

  await fill('[data-testid="passphrase"]', "short");
  await fill('[data-testid="passphrase-repeat"]', "short");
  await (await session.find('[data-testid="gate"] button[type="submit"]')).click();
  assert.match(await gateError(), /at least 8 characters/);

  await fill('[data-testid="passphrase"]', PASS);
  await fill('[data-testid="passphrase-repeat"]', PASS + "x");
  await (await session.find('[data-testid="gate"] button[type="submit"]')).click();
  assert.match(await gateError(), /differ/);

  await fill('[data-testid="passphrase-repeat"]', PASS);
  await (await session.find('[data-testid="gate"] button[type="submit"]')).click();
  // A new store opens on the guided start.
  await session.find('[data-testid="screen-guide"]', { timeout: 30000 });

  await (await session.find('[data-testid="nav-settings"]')).click();
  assert.match(await (await session.find('[data-testid="key-mode"]')).text(), /passphrase/);
  await (await session.find('[data-testid="nav-people"]')).click();
  await (await session.find('[data-testid="person-add"]')).click();
  await fill('[data-testid="field-name"]', "Grace Hopper");
  await (await session.find('[data-testid="person-save"]')).click();
  await session.until("the new person", async () => (await session.texts('[data-testid="person-row"]')).length === 1);
});

test("after a restart it asks for the passphrase; a wrong one is refused", async () => {
  await session.end();
  session = await Session.start(DRIVER, APP);
  await session.find('[data-testid="passphrase"]');
  assert.equal((await session.findAll('[data-testid="passphrase-repeat"]')).length, 0, "unlock, not setup");

  await fill('[data-testid="passphrase"]', "not the passphrase");
  await (await session.find('[data-testid="gate"] button[type="submit"]')).click();
  assert.match(await gateError(), /wrong passphrase/);
  await session.screenshot(SHOTS, "11-unlock-wrong-passphrase");

  await fill('[data-testid="passphrase"]', PASS);
  await (await session.find('[data-testid="gate"] button[type="submit"]')).click();
  await (await session.find('[data-testid="nav-people"]', { timeout: 30000 })).click();
  await session.until("the stored person", async () =>
    (await session.texts('[data-testid="person-row"]')).some((t) => t.includes("Grace Hopper")),
  );
});

test("a store whose key is in an unreachable keyring: the app says so, offers the passphrase route, touches nothing", async () => {
  const store = process.env.RIGHTSDESK_E2E_KEYRING_STORE;
  assert.ok(store, "scripts/e2e.sh seeds a store made with the keyring");
  const { createHash } = await import("node:crypto");
  const { readdirSync, readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const digest = () =>
    readdirSync(store)
      .sort()
      .map((n) => `${n}:${createHash("sha256").update(readFileSync(join(store, n))).digest("hex")}`)
      .join(",");
  const before = digest();
  await session.end();
  session = await Session.start(DRIVER, APP, ["--data-dir", store]);
  await session.find('[data-testid="gate-retry"]', { timeout: 30000 });
  assert.match(await (await session.find('[data-testid="gate"] h1')).text(), /keyring cannot be reached/);
  assert.match(await (await session.find('[data-testid="gate-route"]')).text(), /rightsdesk --data-dir .* restore/);
  await (await session.find('[data-testid="gate-retry"]')).click();
  assert.match(await gateError(), /still cannot be reached/);
  await session.screenshot(SHOTS, "12-keyring-unreachable");
  assert.equal(digest(), before, "the database and its key record are untouched");
});
