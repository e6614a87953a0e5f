// Backup and restore in the real window: a store seeded through the CLI is
// backed up from Settings › Backup through the system's save dialog; a second
// app, on a second (empty) data directory, restores it through the open
// dialog and shows the same requests. On the way: the passphrase typed twice,
// a wrong passphrase refused, "Copy diagnostics" without personal data, the
// built-in datarequests.org snapshot's date, and the log file in the OS log
// directory with every secret redacted. Run by scripts/e2e.sh (keyring mode).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { env, Session } from "./webdriver.mjs";
import { answerFileDialog } from "./gtk-dialog.mjs";

const { driver: DRIVER, app: APP, shots: SHOTS } = env;
const DATA = process.env.RIGHTSDESK_E2E_DATA_DIR;
const CLI = process.env.RIGHTSDESK_E2E_CLI;
const PROBE = process.env.RIGHTSDESK_LOG_PROBE;
assert.ok(APP && DATA && CLI && PROBE, "run by scripts/e2e.sh, which sets the app, the data dir, the CLI and the log probe");

const PASS = "a long backup passphrase";
mkdirSync(SHOTS, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "rightsdesk-backup-e2e-"));
const file = join(work, "ada.rdbackup");
const second = join(work, "second-machine");

let session;
after(async () => session?.end());
const click = async (css) => (await session.find(css)).click();
const text = async (css) => (await session.find(css)).text();
const cli = (...args) =>
  execFileSync(CLI, ["--json", ...args], { env: { ...process.env, RIGHTSDESK_DATA_DIR: DATA }, encoding: "utf8" });

async function references() {
  await click('[data-testid="nav-requests"]');
  await session.find('[data-testid="screen-requests"]');
  await session.until("the request list", async () => (await session.findAll('[data-testid="request-row"]')).length > 0);
  return (await session.texts('[data-testid="request-row"] strong')).sort();
}

test("a store with requests is backed up through the save dialog", async () => {
  cli("init");
  const person = JSON.parse(cli("person", "add", "--name", "Ada Lovelace", "--email", "ada@example.org"));
  for (const c of ["tiktok", "facebook", "instagram"]) {
    cli("request", "new", "--person", String(person.id), "--controller", c, "--kind", "access");
  }
  session = await Session.start(DRIVER, APP);
  const before = await references();
  assert.equal(before.length, 3, `three requests: ${before}`);

  await click('[data-testid="nav-settings"]');
  await session.find('[data-testid="backup-settings"]');
  assert.match(await text('[data-testid="backup-last"]'), /No backup yet/);
  await session.until("the built-in snapshot's date", async () => /datarequests\.org.*2026/.test(await text('[data-testid="snapshot-state"]')));

  // Typed twice, differently: the form says so and nothing is written.
  await session.fill('[data-testid="backup-pass"]', PASS);
  await session.fill('[data-testid="backup-repeat"]', PASS + "!");
  await click('[data-testid="backup-make"]');
  await answerFileDialog("Save|Backup|Sicher", file).catch(() => {});
  await session.until("the repeat error", async () => /differ/.test(await text('[data-testid="backup-settings"] .field-error')));
  assert.ok(!existsSync(file), "nothing written");

  await session.fill('[data-testid="backup-repeat"]', PASS);
  await click('[data-testid="backup-make"]');
  await answerFileDialog("Save|Backup|Sicher", file, { shot: join(SHOTS, "backup-01-save-dialog.png") });
  await session.until("the backup to be written", async () => /Backup written/.test(await text('[data-testid="backup-message"]')), { timeout: 30000 });
  assert.match(await text('[data-testid="backup-message"]'), /Requests: 3 · people: 1/);
  assert.ok(existsSync(file));
  assert.equal(readFileSync(file).subarray(0, 16).toString(), "RightsDeskBackup");
  assert.match(await text('[data-testid="backup-last"]'), /Last backup/);
  await session.screenshot(SHOTS, "backup-01-written");

  // Diagnostics: the facts, none of the data.
  await click('[data-testid="diagnostics-copy"]');
  const diag = await text('[data-testid="diagnostics-text"]');
  assert.match(diag, /Integrity: ok/);
  assert.match(diag, /Key: keyring/);
  assert.doesNotMatch(diag, /Ada|example\.org/);

  // The window's own error path into the log, carrying a secret-shaped value.
  await session.execute(`setTimeout(() => { throw new Error("probe from the window: password=Hunter2Window"); }); return 1;`);
  await session.end();
  session = undefined;
  globalThis.before = before;
});

test("a second data directory restores the backup through the open dialog and shows the same requests", async () => {
  session = await Session.start(DRIVER, APP, ["--data-dir", second]);
  // A new store opens on the guided start; Settings is in the sidebar all the same.
  await session.find('[data-testid="screen-guide"]');
  await click('[data-testid="nav-settings"]');
  await session.find('[data-testid="backup-settings"]');

  await click('[data-testid="restore-pick"]');
  await answerFileDialog("Open|Select|Öffnen", file, { open: true, shot: join(SHOTS, "backup-02-open-dialog.png") });
  await session.until("the picked path", async () => (await (await session.find('[data-testid="restore-path"]')).value()) === file);

  await session.fill('[data-testid="restore-pass"]', "not the passphrase");
  await click('[data-testid="restore-run"]');
  await session.until("the wrong passphrase to be refused", async () => /passphrase/i.test(await text('[data-testid="backup-error"]')), { timeout: 30000 });

  await session.fill('[data-testid="restore-pass"]', PASS);
  await click('[data-testid="restore-check"]');
  await session.until("the check", async () => /intact/.test(await text('[data-testid="backup-message"]')), { timeout: 30000 });
  await click('[data-testid="restore-run"]');
  await session.until("the restore", async () => /Restored/.test(await text('[data-testid="backup-message"]')), { timeout: 30000 });
  await session.screenshot(SHOTS, "backup-02-restored");

  // The window reloads onto the restored store.
  await session.until("the reload", async () => (await session.findAll('[data-testid="backup-message"]')).length === 0, { timeout: 20000 });
  const after = await references();
  assert.deepEqual(after, globalThis.before);
  await session.screenshot(SHOTS, "backup-03-same-requests");
  const kept = readdirSync(work).filter((n) => n.startsWith("second-machine.replaced-"));
  assert.equal(kept.length, 1, `the fresh store it replaced is kept: ${readdirSync(work)}`);
});

test("the log file in the OS log directory has every line, and no secret", async () => {
  const logDir = join(process.env.XDG_DATA_HOME, "org.rightsdesk.desktop", "logs");
  const log = readdirSync(logDir).map((n) => readFileSync(join(logDir, n), "utf8")).join("\n");
  assert.match(log, /RightsDesk \d+\.\d+\.\d+ starting/);
  assert.match(log, /log probe \(info\)/);
  assert.match(log, /log probe \(warn\)/);
  assert.match(log, /log probe \(error\)/);
  assert.match(log, /wrong_passphrase/, "a command's error");
  assert.match(log, /probe from the window: password=\[redacted\]/, "the window's error path");
  assert.match(log, /datarequests\.org snapshot .* applied in \d+ ms/);
  for (const secret of [PASS, "Hunter2Window", ...PROBE.match(/Hunter2\w+|[0-9a-f]{64}/g)]) {
    assert.ok(!log.includes(secret), `${secret} is in the log`);
  }
});
