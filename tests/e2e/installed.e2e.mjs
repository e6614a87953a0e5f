// The installed package's app (/usr/bin/rightsdesk-app), started as a user
// starts it, shows its first screen. Run by scripts/package-test.sh.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { env, Session } from "./webdriver.mjs";

const { driver: DRIVER, app: APP, shots: SHOTS } = env;
assert.equal(APP, "/usr/bin/rightsdesk-app");

let session;
after(async () => session?.end());

test("the installed app opens on the guided first start", async () => {
  session = await Session.start(DRIVER, APP);
  await session.find('[data-testid="screen-guide"]', { timeout: 30000 });
  assert.match(await (await session.find("nav.sidebar")).text(), /RightsDesk/);
  await session.screenshot(SHOTS, "installed-01-first-screen");
});
