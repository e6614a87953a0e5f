// Reports in the real window: a CLI-seeded store of requests with known dates
// (answered on the deadline day, late, never; a project; an embargo), the
// Reports screen's numbers checked against `rightsdesk report --json` for the
// same filter, a column sorted by the user, and the pseudonymised export of
// the requests written through the save dialog. Run by scripts/e2e.sh.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { env, Session } from "./webdriver.mjs";
import { answerFileDialog } from "./gtk-dialog.mjs";

const { driver: DRIVER, app: APP, shots: SHOTS } = env;
const DATA = process.env.RIGHTSDESK_E2E_DATA_DIR;
const CLI = process.env.RIGHTSDESK_E2E_CLI;
assert.ok(APP && DATA && CLI, "run by scripts/e2e.sh, which sets the app, the data dir and the CLI");
mkdirSync(SHOTS, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "rightsdesk-reports-e2e-"));

let session;
after(async () => session?.end());
const click = async (css) => (await session.find(css)).click();
const text = async (css) => (await session.find(css)).text();
const cli = (...args) =>
  execFileSync(CLI, ["--json", ...args], { env: { ...process.env, RIGHTSDESK_DATA_DIR: DATA }, encoding: "utf8" });
const json = (...args) => JSON.parse(cli(...args));
const pct = (v) => (v === null ? "–" : `${Math.round(v * 100)} %`);

/** The total on screen equals the CLI's for the same filter. */
async function sameTotal(cliArgs) {
  const r = json("report", ...cliArgs);
  await session.until("the report's total", async () => (await text('[data-testid="total-sent"]')) === String(r.total.sent));
  assert.equal(await text('[data-testid="total-answered"]'), String(r.total.answered));
  assert.equal(await text('[data-testid="total-in-time"]'), String(r.total.answered_in_time));
  assert.equal(await text('[data-testid="total-never"]'), String(r.total.never_answered));
  assert.equal(await text('[data-testid="total-rate"]'), pct(r.total.response_rate.value));
  assert.match(await text('[data-testid="total-ci"]'), new RegExp(`${pct(r.total.response_rate.ci_low)}–${pct(r.total.response_rate.ci_high)}`));
  assert.equal(await text('[data-testid="total-median"]'), r.total.median_days_to_first_answer === null ? "–" : String(r.total.median_days_to_first_answer));
  for (const g of r.groups) {
    const row = `[data-testid="group-${g.key}"]`;
    assert.equal(await text(`${row} [data-testid="sent"]`), String(g.sent), g.key);
    assert.equal(await text(`${row} [data-testid="in-time"]`), String(g.answered_in_time), g.key);
    assert.equal(await text(`${row} [data-testid="never"]`), String(g.never_answered), g.key);
    assert.equal(await text(`${row} [data-testid="rate"]`), pct(g.response_rate.value), g.key);
  }
  assert.equal((await session.findAll('[data-testid="report-groups"] tbody tr')).length, r.groups.length);
  return r;
}

test("the Reports screen shows the core's numbers, the same as the CLI's", async () => {
  cli("init");
  const ada = json("person", "add", "--name", "Ada Lovelace", "--email", "ada@example.org").id;
  const grace = json("person", "add", "--name", "Grace Hopper", "--email", "grace@example.org").id;
  const refs = [];
  // Eleven to TikTok (a group large enough to compare), two to Facebook. Sent Mon 2 March 2026: due Thu 2 April.
  for (let i = 0; i < 13; i++) {
    const person = String(i % 2 ? grace : ada);
    const controller = i < 11 ? "tiktok" : "facebook";
    const r = json("request", "new", "--person", person, "--controller", controller, "--kind", i % 3 ? "access" : "erasure");
    const ref = r.summary.reference;
    refs.push(ref);
    cli("request", "mark", ref, "--sent", "2026-03-02");
    if (i % 4 === 0) cli("request", "mark", ref, "--answered", "2026-04-02", "--complete"); // on the deadline day
    else if (i % 4 === 1) cli("request", "mark", ref, "--answered", "2026-04-20", "--partial"); // late
    else if (i % 4 === 2) cli("request", "mark", ref, "--answered", "2026-03-10", "--complete");
    // i % 4 === 3: never answered
  }
  cli("project", "create", "Platform study");
  cli("project", "add", "Platform study", ...refs.slice(0, 6));
  cli("request", "embargo", refs[12], "--until", "2099-01-01");

  session = await Session.start(DRIVER, APP);
  await click('[data-testid="nav-reports"]');
  await session.find('[data-testid="screen-reports"]');
  const all = await sameTotal([]);
  assert.equal(all.total.sent, 12, "the embargoed request is left out");
  assert.match(await text('[data-testid="group-facebook"]'), /too small to compare/);
  assert.doesNotMatch(await text('[data-testid="group-tiktok"]'), /too small/);
  assert.match(await text('[data-testid="report-methodology"]'), /Wilson/);
  await session.screenshot(SHOTS, "reports-01-all");
  // The charts the core drew, shown as they came (SVG with the theme's text colour).
  for (const chart of ["chart-histogram", "chart-outcomes", "chart-over-time", "chart-completeness"]) {
    assert.ok((await session.findAll(`[data-testid="${chart}"] svg`)).length === 1, `${chart} has its picture`);
  }
  assert.match(await text('[data-testid="chart-outcomes"] svg'), /TikTok/);
  const show = (css) => session.execute(`document.querySelector('${css}').scrollIntoView({ block: 'start' });`);
  await show('[data-testid="report-total"]');
  await session.screenshot(SHOTS, "reports-01b-numbers");
  await show('[data-testid="chart-outcomes"]');
  await session.screenshot(SHOTS, "reports-01c-charts");

  // The user's ranking: by response rate, then the other way round.
  await click('[data-testid="sort-rate"]');
  const ascending = await session.texts('[data-testid="report-groups"] tbody tr [data-testid="rate"]');
  await click('[data-testid="sort-rate"]');
  const descending = await session.texts('[data-testid="report-groups"] tbody tr [data-testid="rate"]');
  assert.deepEqual(descending, [...ascending].reverse());

  // The project and grouping by kind, as `report --project … --by kind`.
  const project = json("project", "list")[0];
  await click(`[data-testid="report-project"] option[value="${project.id}"]`);
  await click('[data-testid="report-by"] option[value="kind"]');
  await click('[data-testid="report-apply"]');
  const p = await sameTotal(["--project", "Platform study", "--by", "kind"]);
  assert.equal(p.total.sent, 6);
  assert.match(await text('[data-testid="report-methodology"]'), /Platform study/);
  await session.screenshot(SHOTS, "reports-02-project");

  // Embargoed included: thirteen, as the CLI says with the flag.
  await click('[data-testid="report-project"] option[value=""]');
  await click('[data-testid="report-embargoed"]');
  await click('[data-testid="report-apply"]');
  await sameTotal(["--by", "kind", "--include-embargoed"]);
});

test("the report is saved as a PDF where the user says", async () => {
  const file = join(work, "report.pdf");
  await click('[data-testid="report-save-pdf"]');
  await answerFileDialog("Save|Speichern", file);
  await session.until("the PDF to be written", async () => /report\.pdf/.test(await text('[data-testid="report-message"]')), { timeout: 30000 });
  const pdf = readFileSync(file);
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  assert.ok(pdf.length > 20000, `${pdf.length} bytes`);
});

test("the pseudonymised requests export is written where the user says", async () => {
  await click('[data-testid="report-embargoed"]');
  await click('[data-testid="report-apply"]');
  const file = join(work, "requests.csv");
  await click('[data-testid="export-requests-csv"]');
  await answerFileDialog("Save|Speichern", file, { shot: join(SHOTS, "reports-03-save-dialog.png") });
  await session.until("the export to be written", async () => /12 requests written/.test(await text('[data-testid="report-message"]')), { timeout: 30000 });
  const rows = readFileSync(file, "utf8");
  assert.equal(rows.trim().split("\r\n").length, 13, "a header and twelve rows");
  assert.doesNotMatch(rows, /Ada|Grace|example\.org|Platform study/);
  assert.match(rows, /,P1,tiktok,/);
  await session.screenshot(SHOTS, "reports-04-exported");
});
