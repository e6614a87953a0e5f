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
