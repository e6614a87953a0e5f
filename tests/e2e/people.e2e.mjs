// End to end through the real app window: WebDriver → tauri-driver →
// WebKitWebDriver → the release RightsDesk binary, with a real encrypted
// store and the real OS keyring. Run by scripts/e2e.sh.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { env, Session } from "./webdriver.mjs";
import { answerFileDialog } from "./gtk-dialog.mjs";

const { driver: DRIVER, app: APP, shots: SHOTS } = env;
assert.ok(APP, "RIGHTSDESK_E2E_APP must name the release binary");

let session;
after(async () => session?.end());

const fill = (css, text) => session.fill(css, text);

test("the window opens with an empty encrypted store in the keyring", async () => {
  session = await Session.start(DRIVER, APP);
  // A new store opens on the guided start; skipping it keeps it closed at the next start.
  await session.find('[data-testid="screen-guide"]');
  await (await session.find('[data-testid="guide-skip"]')).click();
  await session.find('[data-testid="screen-platforms"]');
  await (await session.find('[data-testid="nav-people"]')).click();
  await session.find('[data-testid="people-empty"]');
  await session.screenshot(SHOTS, "01-people-empty");
});

test("every area is reachable, and none is a placeholder any more", async () => {
  await (await session.find('[data-testid="nav-inbox"]')).click();
  await session.find('[data-testid="inbox-empty"]');
  await session.screenshot(SHOTS, "02-inbox");
  for (const area of ["platforms", "requests", "reports", "people"]) {
    await (await session.find(`[data-testid="nav-${area}"]`)).click();
    await session.find(`[data-testid="screen-${area}"]`);
    assert.equal((await session.findAll('[data-testid="coming-soon"]')).length, 0, `${area} is a placeholder`);
  }
  await session.screenshot(SHOTS, "02-reports");
  await (await session.find('[data-testid="nav-settings"]')).click();
  const mode = await (await session.find('[data-testid="key-mode"]')).text();
  assert.match(mode, /keyring/);
  // The built-in datarequests.org copy is applied shortly after the first start.
  await session.until("the built-in snapshot applied", async () => {
    await (await session.find('[data-testid="nav-inbox"]')).click();
    await (await session.find('[data-testid="nav-settings"]')).click();
    const state = await (await session.find('[data-testid="snapshot-state"]')).text();
    return /2026/.test(state) && !/being applied/.test(state);
  }, { timeout: 30000 });
  await session.screenshot(SHOTS, "03-settings");
  await (await session.find('[data-testid="nav-people"]')).click();
  await session.find('[data-testid="screen-people"]');
});

test("the deadline calculator explains when an answer is due", async () => {
  await (await session.find('[data-testid="nav-requests"]')).click();
  await fill('[data-testid="deadline-received"]', "2026-01-31");
  await (await session.find('[data-testid="deadline-compute"]')).click();
  const due = await (await session.find('[data-testid="deadline-due"]')).text();
  assert.match(due, /^Monday,? 2 March 2026$/);
  const why = await (await session.find('[data-testid="deadline-explanation"]')).text();
  assert.match(why, /one month from receipt on Sat 31 Jan 2026/);
  assert.match(why, /28 Feb is a Saturday/);
  await session.screenshot(SHOTS, "02-requests-deadline");

  await fill('[data-testid="deadline-received"]', "31/01/2026");
  await (await session.find('[data-testid="deadline-compute"]')).click();
  const err = await (await session.find('[data-testid="deadline-calculator"] .field-error')).text();
  assert.match(err, /not a date like 2026-01-31/);
  await (await session.find('[data-testid="nav-people"]')).click();
});

test("bad input gets field-level errors and stores nothing", async () => {
  await (await session.find('[data-testid="person-add"]')).click();
  await session.find('[data-testid="person-form"]');
  await session.screenshot(SHOTS, "04-person-form");
  await fill('[data-testid="field-email-0"]', "not-an-address");
  await (await session.find('[data-testid="person-save"]')).click();
  const nameError = await (await session.find('[data-testid="error-display_name"]')).text();
  assert.match(nameError, /name is required/);
  const emailError = await (await session.find('[data-testid="error-emails-0"]')).text();
  assert.match(emailError, /needs an @/);
  await session.screenshot(SHOTS, "05-person-form-errors");
});

test("a person is created, edited, and a second one deleted after confirmation", async () => {
  await fill('[data-testid="field-name"]', "Ada Lovelace");
  await fill('[data-testid="field-email-0"]', "ada@example.org");
  await fill('[data-testid="field-city"]', "London");
  await fill('[data-testid="field-country"]', "gb");
  await (await session.find('[data-testid="person-save"]')).click();
  await session.until("the new person to show", async () => (await (await session.find('[data-testid="person-name"]')).text()) === "Ada Lovelace");
  // Known offline on a first start: the built-in datarequests.org copy has the UK's authority.
  assert.match(await (await session.find('[data-testid="person-authority"]')).text(), /Information Commissioner/);
  await session.screenshot(SHOTS, "06-person-created");

  await (await session.find('[data-testid="person-edit"]')).click();
  await fill('[data-testid="field-name"]', "Ada King");
  await (await session.find('[data-testid="person-save"]')).click();
  await session.until("the rename", async () => (await (await session.find('[data-testid="person-name"]')).text()) === "Ada King");

  await (await session.find('[data-testid="person-add"]')).click();
  await fill('[data-testid="field-name"]', "Temporary Person");
  await (await session.find('[data-testid="person-save"]')).click();
  await session.until("two rows", async () => (await session.findAll('[data-testid="person-row"]')).length === 2);

  await (await session.find('[data-testid="person-delete"]')).click();
  await session.find('[data-testid="confirm-dialog"]');
  await session.screenshot(SHOTS, "07-delete-confirmation");
  await (await session.find('[data-testid="confirm-cancel"]')).click();
  await session.gone('[data-testid="confirm-dialog"]');
  assert.equal((await session.findAll('[data-testid="person-row"]')).length, 2, "cancel deletes nothing");

  await (await session.find('[data-testid="person-delete"]')).click();
  await (await session.find('[data-testid="confirm-ok"]')).click();
  await session.until("one row left", async () => (await session.findAll('[data-testid="person-row"]')).length === 1);
  const rows = await session.texts('[data-testid="person-row"]');
  assert.match(rows[0], /Ada King/);
});

test("a request is tracked: its deadline explained, overdue by the clock, in the attention view", async () => {
  await (await session.find('[data-testid="nav-requests"]')).click();
  await (await session.find('[data-testid="request-new"]')).click();
  await fill('[data-testid="composer-controller"]', "tiktok");
  await (await session.find('[data-testid="composer-controller-hit"]')).click();
  await session.find('[data-testid="composer-preview"]');
  await (await session.find('[data-testid="composer-save"]')).click();
  await session.gone('[data-testid="composer"]');
  await session.until("a draft", async () => (await (await session.find('[data-testid="request-status"]')).text()) === "Draft");
  await fill('[data-testid="mark-date"]', "2025-11-25");
  await (await session.find('[data-testid="mark-save"]')).click();
  const box = await (await session.find('[data-testid="request-deadline"]')).text();
  assert.match(box, /29 Dec 2025/);
  assert.match(box, /25 Dec is a public holiday \(IE\): Christmas Day/);
  await session.until("overdue in the attention view", async () => (await (await session.find('[data-testid="att-overdue"]')).text()) === "1");
  await session.until("the page shows overdue", async () => (await (await session.find('[data-testid="request-status"]')).text()) === "Overdue");
  assert.match(await (await session.find('[data-testid="request-timeline"]')).text(), /25 Nov 2025/);
  await session.screenshot(SHOTS, "07b-request-tracked");
  await (await session.find('[data-testid="nav-people"]')).click();
});

test("after a restart the person is still there", async () => {
  await session.end();
  session = await Session.start(DRIVER, APP);
  await (await session.find('[data-testid="nav-people"]')).click();
  await session.find('[data-testid="screen-people"]');
  await session.until("the stored person", async () => (await session.texts('[data-testid="person-row"]')).some((t) => t.includes("Ada King")));
  const rows = await session.texts('[data-testid="person-row"]');
  assert.equal(rows.length, 1);
  assert.match(rows[0], /ada@example\.org/);
  await (await session.find('[data-testid="person-row"]')).click();
  await session.screenshot(SHOTS, "08-after-restart");
});

test("people are imported from a spreadsheet's CSV: a preview first, bad rows by line, nobody twice", async () => {
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const file = join(mkdtempSync(join(tmpdir(), "rightsdesk-e2e-people-")), "members.csv");
  // As a German spreadsheet saves "CSV UTF-8": a BOM, semicolons, quotes, CRLF.
  writeFileSync(
    file,
    "\ufeffName;E-Mail;City;Country;Accounts\r\n" +
      "\"Özdemir; Bea\";bea@example.org;Köln;DE;tiktok=@bea\r\n" +
      "Cem Yılmaz;cem@example.org;Berlin;DE;\r\n" +
      "Ada King;ADA@example.org;London;GB;\r\n" +
      "Broken Row;not-an-address;;;\r\n",
  );
  const click = async (css) => (await session.find(css)).click();
  await click('[data-testid="people-import-open"]');
  await answerFileDialog("Open|Select|Öffnen", file, { open: true });
  await session.find('[data-testid="people-import"]');
  const summary = await (await session.find('[data-testid="people-import-summary"]')).text();
  assert.match(summary, /To add: 2 · already here: 1 · rows refused: 1/);
  assert.match(summary, /separated by “;”/);
  assert.match(await (await session.find('[data-testid="people-import-problems"]')).text(), /5\s*email: “not-an-address”/);
  assert.match(await (await session.find('[data-testid="people-import-added"]')).text(), /Özdemir; Bea/);
  assert.equal((await session.findAll('[data-testid="person-row"]')).length, 1, "a preview adds nobody");
  await session.screenshot(SHOTS, "08b-people-import-preview");

  await click('[data-testid="people-import-commit"]');
  await session.until("the import's result", async () =>
    /2 added, 1 already here, 1 rows refused/.test(await (await session.find('[data-testid="people-done"]')).text()),
  );
  await session.until("three people", async () => (await session.findAll('[data-testid="person-row"]')).length === 3);
  assert.equal(await (await session.find('[data-testid="person-name"]')).text(), "Özdemir; Bea");

  // The same file again: everyone is here already; nothing to add.
  await click('[data-testid="people-import-open"]');
  await answerFileDialog("Open|Select|Öffnen", file, { open: true });
  await session.until("the second preview", async () =>
    /To add: 0 · already here: 3/.test(await (await session.find('[data-testid="people-import-summary"]')).text()),
  );
  assert.equal(await (await session.find('[data-testid="people-import-commit"]')).attribute("disabled"), "true");
  await session.screenshot(SHOTS, "08c-people-import-again");
  await click('[data-testid="people-import-cancel"]');
  await session.gone('[data-testid="people-import"]');
  assert.equal((await session.findAll('[data-testid="person-row"]')).length, 3);
});

test("the organisation is set up, and a mandate drafted, saved as a PDF to sign, its signed scan attached", async () => {
  const { existsSync, mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "rightsdesk-e2e-mandate-"));
  const click = async (css) => (await session.find(css)).click();
  const text = async (css) => (await session.find(css)).text();

  await click('[data-testid="nav-settings"]');
  await fill('[data-testid="org-name"]', "Digitale Rechte e.V.");
  await fill('[data-testid="org-city"]', "Hamburg");
  await click('[data-testid="org-not-for-profit"]');
  await click('[data-testid="org-save"]');
  // Art. 80(1) standing without its source is refused, in the core's words.
  await session.until("the refusal", async () => /documented/.test(await text('[data-testid="org-message"]')));
  await fill('[data-testid="org-evidence"]', "Satzung § 2");
  await click('[data-testid="org-save"]');
  await session.until("saved", async () => (await text('[data-testid="org-message"]')) === "Saved.");

  await click('[data-testid="nav-people"]');
  for (const row of await session.findAll('[data-testid="person-row"]')) if (/Cem Yılmaz/.test(await row.text())) await row.click();
  await session.until("Cem's page", async () => (await text('[data-testid="person-name"]')) === "Cem Yılmaz");
  await click('[data-testid="mandate-new"]');
  await click('[data-testid="mandate-language"] option[value="de"]');
  await fill('[data-testid="mandate-controllers"]', "tiktok");
  await click('[data-testid="mandate-right-access"]');
  await fill('[data-testid="mandate-expires"]', "31.12.2027");
  await click('[data-testid="mandate-save"]');
  await session.until("the field error", async () => /not a date/.test(await text('[data-testid="mandate-form"]')));
  await fill('[data-testid="mandate-expires"]', "2027-12-31");
  await click('[data-testid="mandate-save"]');
  await session.gone('[data-testid="mandate-form"]');
  assert.match(await text('[data-testid="mandate-state"]'), /not signed yet/);

  const pdf = join(dir, "vollmacht.pdf");
  await click('[data-testid="mandate-pdf"]');
  await answerFileDialog("Save|Export|Speichern", pdf);
  await session.until("the PDF saved", async () => /Saved to .*vollmacht\.pdf/.test(await text('[data-testid="mandate-message"]')));
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");

  const scan = join(dir, "signed.pdf");
  writeFileSync(scan, "%PDF-1.4\n% signed by Cem\n");
  await click('[data-testid="mandate-attach"]');
  await answerFileDialog("Open|Select|Öffnen", scan, { open: true });
  await session.until("the scan kept", async () => /signed\.pdf/.test(await text('[data-testid="mandate-document"]')));
  await fill('[data-testid="mandate-sign-date"]', new Date().toISOString().slice(0, 10));
  await click('[data-testid="mandate-sign"]');
  await session.until("in force", async () => /in force/.test(await text('[data-testid="mandate-state"]')));
  await session.gone('[data-testid="mandate-sign"]');
  assert.match(await text('[data-testid="mandate"]'), /signed 2\d{3}-\d\d-\d\d/);
  assert.ok(existsSync(scan));
  await session.screenshot(SHOTS, "08e-person-mandate");
});

test("a person's whole file is exported through the save dialog, then erased after a confirmation that names what goes", async () => {
  const { existsSync, mkdtempSync, readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const click = async (css) => (await session.find(css)).click();
  const rows = await session.findAll('[data-testid="person-row"]');
  for (const row of rows) if (/Ada King/.test(await row.text())) await row.click();
  await session.until("Ada's page", async () => (await (await session.find('[data-testid="person-name"]')).text()) === "Ada King");

  const zip = join(mkdtempSync(join(tmpdir(), "rightsdesk-e2e-export-")), "ada.zip");
  await click('[data-testid="person-export"]');
  await answerFileDialog("Save|Export|Speichern", zip);
  await session.until("the export's result", async () =>
    /files to .*ada\.zip/.test(await (await session.find('[data-testid="people-done"]')).text()),
  );
  assert.ok(existsSync(zip));
  assert.equal(readFileSync(zip).subarray(0, 2).toString(), "PK", "a ZIP");

  await click('[data-testid="person-erase"]');
  const dialog = await (await session.find('[data-testid="confirm-dialog"]')).text();
  assert.match(dialog, /Erase Ada King/);
  assert.match(dialog, /1 request\(s\), 1 letter\(s\)/);
  await session.screenshot(SHOTS, "08d-person-erase-confirm");
  await click('[data-testid="confirm-cancel"]');
  await session.gone('[data-testid="confirm-dialog"]');
  assert.equal((await session.findAll('[data-testid="person-row"]')).length, 3, "cancel erases nothing");

  await click('[data-testid="person-erase"]');
  await click('[data-testid="confirm-ok"]');
  await session.until("two people left", async () => (await session.findAll('[data-testid="person-row"]')).length === 2);
  assert.match(await (await session.find('[data-testid="people-done"]')).text(), /Ada King was erased: 1 request/);
  assert.ok(!(await session.texts('[data-testid="person-row"]')).some((t) => /Ada King/.test(t)));
});

test("a damaged database file is reported in the window and left untouched", async () => {
  const { readFileSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const dataDir = process.env.RIGHTSDESK_E2E_DATA_DIR;
  assert.ok(dataDir, "scripts/e2e.sh passes the data directory");
  await session.end();
  session = undefined;
  const db = join(dataDir, "rightsdesk.db");
  const garbage = Buffer.alloc(8192, 0);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 251;
  writeFileSync(db, garbage);

  session = await Session.start(DRIVER, APP);
  const message = await (await session.find('[data-testid="gate-error"]')).text();
  assert.match(message, /not a RightsDesk database or is damaged/);
  await session.screenshot(SHOTS, "09-damaged-database");
  assert.ok(readFileSync(db).equals(garbage), "the file must not be changed or replaced");
});
