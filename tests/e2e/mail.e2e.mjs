// Sending from the user's own mailbox in the real window: a mail account
// against a real SMTP server on 127.0.0.1 (aiosmtpd, STARTTLS, a self-signed
// certificate the account trusts), the password in the real keyring, and a
// draft sent by e-mail. Run by scripts/e2e.sh (keyring mode).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { env, Session } from "./webdriver.mjs";

const { driver: DRIVER, app: APP, shots: SHOTS } = env;
const here = dirname(fileURLToPath(import.meta.url));

let session;
let smtp;
after(async () => {
  await session?.end();
  smtp?.kill();
});

const fill = (css, value) => session.fill(css, value);
const click = async (css) => (await session.find(css)).click();
const text = async (css) => (await session.find(css)).text();

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), "rightsdesk-e2e-mail-"));
const out = join(dir, "delivered");
const cert = join(dir, "cert.pem");

test("a real SMTP server on 127.0.0.1", async () => {
  mkdirSync(out);
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-addext", "basicConstraints=critical,CA:FALSE",
    "-addext", "extendedKeyUsage=serverAuth", "-keyout", join(dir, "key.pem"), "-out", cert], { stdio: "ignore" });
  const port = await freePort();
  smtp = spawn("/usr/bin/python3", [join(here, "..", "servers", "smtp_server.py"), "--port", String(port), "--out", out,
    "--cert", cert, "--key", join(dir, "key.pem")], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    smtp.stdout.once("data", (d) => (String(d).includes("ready") ? resolve() : reject(new Error(String(d)))));
    smtp.once("exit", (code) => reject(new Error(`smtp server exited ${code}`)));
  });
  globalThis.smtpPort = port;
});

test("the mail account is added in Settings and its connection tested", async () => {
  session = await Session.start(DRIVER, APP);
  await click('[data-testid="nav-people"]');
  await click('[data-testid="person-add"]');
  await fill('[data-testid="field-name"]', "Ada Lovelace");
  await fill('[data-testid="field-email-0"]', "ada@example.org");
  await click('[data-testid="person-save"]');
  await session.until("the person", async () => (await text('[data-testid="person-name"]')) === "Ada Lovelace");

  await click('[data-testid="nav-settings"]');
  await click('[data-testid="mail-add"]');
  await fill('[data-testid="mail-email"]', "ada@example.org");
  await fill('[data-testid="mail-host"]', "127.0.0.1");
  await fill('[data-testid="mail-port"]', String(globalThis.smtpPort));
  await fill('[data-testid="mail-password"]', "app-password-1");
  await fill('[data-testid="mail-cert"]', cert);
  await click('[data-testid="mail-save"]');
  await session.find('[data-testid="mail-account"]');
  await click('[data-testid="mail-account-test"]');
  await session.until("the login to work", async () => /Connected and logged in/.test(await text('[data-testid="mail-message"]')));
  await session.screenshot(SHOTS, "40-mail-account");
});

test("a draft leaves from the user's mailbox and the request is marked sent", async () => {
  await click('[data-testid="nav-requests"]');
  await click('[data-testid="request-new"]');
  await fill('[data-testid="composer-controller"]', "spotify");
  await session.until("Spotify", async () => (await session.texts('[data-testid="composer-controller-hit"]')).some((t) => t.includes("Spotify")));
  await click('[data-testid="composer-controller-hit"]');
  await session.find('[data-testid="composer-preview"]');
  await click('[data-testid="composer-save"]');
  await session.gone('[data-testid="composer"]');
  await click('[data-testid="letter-send"]');
  // The outbox state is read back from the store, so it survives the page refreshing.
  await session.until("sent", async () => /Outbox: sent/.test(await text('[data-testid="letter-outbox"]')));
  await session.until("the request marked sent", async () => (await text('[data-testid="request-status"]')) === "Sent");
  const files = readdirSync(out).filter((f) => f.endsWith(".eml"));
  assert.equal(files.length, 1);
  const mail = readFileSync(join(out, files[0]), "utf8");
  assert.match(mail, /^To: "Spotify AB" <privacy@spotify\.com>/m);
  assert.match(mail, /^Message-ID: <RD-\d{4}-\w+\.[0-9a-f]+@example\.org>/m);
  await session.screenshot(SHOTS, "41-sent");
});
