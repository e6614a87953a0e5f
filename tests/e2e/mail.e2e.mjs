// Sending from the user's own mailbox in the real window: a mail account
// against a real SMTP server on 127.0.0.1 (aiosmtpd, STARTTLS, a self-signed
// certificate the account trusts), the password in the real keyring, and a
// draft sent by e-mail. Run by scripts/e2e.sh (keyring mode).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
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
let dovecotConf;
let dns;
let web;
let oauth;
let oauthSmtp;
after(async () => {
  await session?.end();
  smtp?.kill();
  dns?.kill();
  web?.close();
  oauth?.kill();
  oauthSmtp?.kill();
  if (dovecotConf) execFileSync("doveadm", ["-c", dovecotConf, "stop"], { stdio: "ignore" });
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

// The app asks these for mailbox setup: scripts/e2e.sh gives it RIGHTSDESK_NAMESERVER and
// RIGHTSDESK_AUTOCONFIG_PORTS for the ports below (nothing leaves 127.0.0.1).
test("a DNS server and the provider's autoconfig on 127.0.0.1", async () => {
  const dnsPort = process.env.RIGHTSDESK_E2E_DNS_PORT;
  const httpPort = Number(process.env.RIGHTSDESK_E2E_HTTP_PORT);
  assert.ok(dnsPort && httpPort, "scripts/e2e.sh sets RIGHTSDESK_E2E_DNS_PORT and RIGHTSDESK_E2E_HTTP_PORT");
  const user = process.getuid?.() === 0 ? ["--user=nobody"] : [];
  dns = spawn("dnsmasq", ["--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll", "--conf-file=/dev/null",
    "--listen-address=127.0.0.1", "--bind-interfaces", "--pid-file=", `--port=${dnsPort}`, ...user,
    "--host-record=autoconfig.example.org,127.0.0.1"], { stdio: "ignore" });
  const xml = `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="example.org">
    <domain>example.org</domain><displayName>Example Org Mail</displayName>
    <outgoingServer type="smtp"><hostname>127.0.0.1</hostname><port>${globalThis.smtpPort}</port>
    <socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username>
    <authentication>password-cleartext</authentication></outgoingServer></emailProvider></clientConfig>`;
  web = createHttpServer((req, res) => {
    const found = req.url === "/mail/config-v1.1.xml?emailaddress=ada%40example.org";
    res.writeHead(found ? 200 : 404, { "content-type": "text/xml" });
    res.end(found ? (globalThis.oauthXml ?? xml) : "");
  });
  await new Promise((resolve) => web.listen(httpPort, "127.0.0.1", resolve));
  await new Promise((resolve) => setTimeout(resolve, 300)); // dnsmasq binds at once; give it a moment
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
  // Set up from the address: the servers proposed, and where they come from.
  await fill('[data-testid="mail-email"]', "ada@gmx.de");
  await click('[data-testid="mail-discover"]');
  await session.until("the proposal", async () => /built-in table/.test(await text('[data-testid="mail-proposal"]')));
  assert.match(await text('[data-testid="mail-servers"]'), /mail\.gmx\.net:465 \(TLS\)[\s\S]*imap\.gmx\.net:993/);
  // GMX's step, in words, with GMX's own page.
  assert.match(await text('[data-testid="mail-guidance"]'), /Switch on IMAP/);
  await session.screenshot(SHOTS, "39-mail-discovered");
  // Every proposal stays editable.
  await click('[data-testid="mail-change-servers"]');
  assert.equal(await (await session.find('[data-testid="mail-host"]')).value(), "mail.gmx.net");
  assert.equal(await (await session.find('[data-testid="mail-imap-host"]')).value(), "imap.gmx.net");
  await click('[data-testid="mail-cancel"]');

  // The wizard for an address whose provider publishes an autoconfig file: served here
  // by a web server on 127.0.0.1, found through a local DNS (dnsmasq), both started above.
  await click('[data-testid="mail-add"]');
  await fill('[data-testid="mail-email"]', "ada@example.org");
  await click('[data-testid="mail-discover"]');
  await session.until("the autoconfig proposal", async () => /own description, fetched without encryption/.test(await text('[data-testid="mail-proposal"]')));
  assert.match(await text('[data-testid="mail-servers"]'), new RegExp(`127\\.0\\.0\\.1:${globalThis.smtpPort} \\(STARTTLS\\)`));
  await session.screenshot(SHOTS, "39b-mail-autoconfig");
  await click('[data-testid="mail-next"]');
  // A wrong password: the server's refusal, nothing stored; then the right one.
  await fill('[data-testid="mail-password"]', "not-the-password");
  await fill('[data-testid="mail-cert"]', cert);
  await click('[data-testid="mail-check-draft"]');
  await session.until("the refusal", async () => /^✗ SMTP/.test(await text('[data-testid="mail-draft-checks"]')));
  assert.equal((await session.texts('[data-testid="mail-account"]')).length, 0, "nothing is stored before Add");
  await click('[data-testid="mail-back"]');
  await fill('[data-testid="mail-password"]', "app-password-1");
  await click('[data-testid="mail-check-draft"]');
  await session.until("the login", async () => /^✓ SMTP/.test(await text('[data-testid="mail-draft-checks"]')));
  await session.screenshot(SHOTS, "39c-mail-tested");
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

test("replies are fetched from the IMAP mailbox, filed, and HTML is shown inert", async () => {
  // A real Dovecot on 127.0.0.1 with the same test certificate (TLS).
  const imapPort = await freePort();
  const mailDir = join(dir, "dovecot");
  chmodSync(dir, 0o755); // Dovecot's mail processes run as nobody: our temp dir (0700) must be reachable.
  execFileSync(join(here, "..", "servers", "dovecot.sh"),
    [mailDir, cert, join(dir, "key.pem"), "app-password-1", String(imapPort), String(await freePort())]);
  dovecotConf = join(mailDir, "dovecot.conf");
  const deliver = (folder, message) =>
    execFileSync("/usr/lib/dovecot/dovecot-lda", ["-c", dovecotConf, "-d", "ada@example.org", "-m", folder], { input: message });

  await click('[data-testid="nav-settings"]');
  await click('[data-testid="mail-account-edit"]');
  await fill('[data-testid="mail-imap-host"]', "127.0.0.1");
  await fill('[data-testid="mail-imap-port"]', String(imapPort));
  await click('[data-testid="mail-save"]');
  await session.gone('[data-testid="mail-save"]');
  await click('[data-testid="mail-account-test"]');
  // The answer is two checks, or a message saying why there are none. Waiting
  // beyond the app's own 30 s network timeout means a slow server shows up as
  // the app's verdict, not as this test giving up first.
  let seen = [];
  let said = "";
  await session.until("both servers to answer", async () => {
    // One read in the window: checks and message from the same moment (read
    // apart, the checks can predate the answer and the message follow it).
    ({ seen, said } = await session.execute(`return {
      seen: [...document.querySelectorAll('[data-testid="mail-check"]')].map((e) => e.innerText.trim()),
      said: document.querySelector('[data-testid="mail-message"]')?.innerText.trim() ?? "" };`));
    return seen.length === 2 || (seen.length === 0 && said !== "" && !/Connecting/.test(said));
  }, { timeout: 45000 }).catch((e) => {
    const log = existsSync(join(mailDir, "dovecot.log")) ? readFileSync(join(mailDir, "dovecot.log"), "utf8").slice(-3000) : "(no log)";
    throw new Error(`${e.message}: checks ${JSON.stringify(seen)}, message “${said}”; Dovecot's log ends:\n${log}`);
  });
  assert.equal(seen.length, 2, `two checks, SMTP and IMAP; the app said “${said}”`);
  // A refusal is reported in the server's own words, not as a timeout.
  assert.ok(seen.every((c) => c.startsWith("✓")), `the connection test: ${seen.join(" | ")}`);
  await session.screenshot(SHOTS, "42-mail-account-imap");

  // The controller answers the letter; a newsletter with a script and a tracking pixel arrives too.
  const sent = readFileSync(join(out, readdirSync(out).find((f) => f.endsWith(".eml"))), "utf8");
  const messageId = sent.match(/^Message-ID: (<[^>]+>)/m)[1];
  deliver("INBOX", `From: Spotify Privacy <privacy@spotify.com>\r\nTo: ada@example.org\r\nSubject: Re: your request\r\nMessage-ID: <answer-1@spotify.com>\r\nIn-Reply-To: ${messageId}\r\n\r\nYour data is attached.\r\n`);
  deliver("INBOX", "From: News <news@example.net>\r\nTo: ada@example.org\r\nSubject: Our newsletter\r\nMessage-ID: <news-1@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p id=\"hello\">Hello <b>Ada</b></p><script>document.title='pwned'</script><img src=\"https://tracker.example/p.gif\" alt=\"pixel\">\r\n");

  await click('[data-testid="nav-inbox"]');
  await click('[data-testid="inbox-fetch"]');
  await session.until("the fetch report", async () => /INBOX: 2 new, 1 filed/.test(await text('[data-testid="inbox-fetched"]')));
  await session.until("the newsletter waiting", async () => (await session.texts('[data-testid="inbox-mail"]')).some((t) => t.includes("Our newsletter")));
  await click('[data-testid="inbox-mail"] button.person-row');
  await click('[data-testid="mail-show-html"]');
  const frame = await session.find('[data-testid="mail-html"]');
  assert.equal(await frame.attribute("sandbox"), "", "a sandbox that allows nothing");
  const doc = await frame.attribute("srcdoc");
  assert.doesNotMatch(doc, /<script|tracker\.example|pwned/);
  assert.match(doc, /default-src 'none'/);
  await frame.enter();
  assert.match(await text("body"), /Hello Ada/);
  assert.equal((await session.findAll("script")).length, 0);
  await session.top();
  await session.screenshot(SHOTS, "43-inbox-html");

  // The answer is on its request's page.
  await click('[data-testid="nav-requests"]');
  await click('[data-testid="request-row"]');
  await session.until("the reply on the request", async () => /Re: your request/.test(await text('[data-testid="request-replies"]')));
  await session.until("one message waiting, counted in the sidebar", async () => (await text('[data-testid="nav-inbox-count"]')) === "1");
  await session.screenshot(SHOTS, "44-request-reply");
});

test("the app fetches on the account's schedule by itself", async () => {
  // No "Fetch" click: the app's mail round (once a minute) fetches an account that is due, and
  // the Inbox screen refreshes its list every 30 s.
  await click('[data-testid="nav-settings"]');
  await click('[data-testid="mail-account-edit"]');
  await click('[data-testid="mail-fetch-every"]');
  await click('[data-testid="mail-fetch-every"] option[value="1"]');
  await click('[data-testid="mail-save"]');
  await session.gone('[data-testid="mail-save"]');
  await session.until("every minute", async () => /every minute/.test(await text('[data-testid="mail-account"]')));
  execFileSync("/usr/lib/dovecot/dovecot-lda", ["-c", dovecotConf, "-d", "ada@example.org", "-m", "INBOX"], {
    input: "From: Someone <someone@example.org>\r\nTo: ada@example.org\r\nSubject: Arrived on its own\r\nMessage-ID: <scheduled-1@example.org>\r\n\r\nHello.\r\n",
  });
  await click('[data-testid="nav-inbox"]');
  await session.until("the scheduled fetch", async () =>
    (await session.texts('[data-testid="inbox-mail"]')).some((t) => t.includes("Arrived on its own")), { timeout: 150000 });
});

// Signing in with the provider (OAuth2) through the wizard: a local authorization server,
// an SMTP server that checks each XOAUTH2 token with it, and the system browser played
// by this test (the app opens the sign-in page through xdg-open, which scripts/e2e.sh
// replaces with a recorder; this test then follows the page's redirect back to the app).
test("an account that signs in with its provider is added through the wizard", async () => {
  const oauthPort = process.env.RIGHTSDESK_E2E_OAUTH_PORT;
  const opened = process.env.RIGHTSDESK_E2E_OPENED;
  assert.ok(oauthPort && opened, "scripts/e2e.sh sets RIGHTSDESK_E2E_OAUTH_PORT and RIGHTSDESK_E2E_OPENED");
  const ready = (child, what) => new Promise((resolve, reject) => {
    child.stdout.once("data", (d) => (String(d).includes("ready") ? resolve() : reject(new Error(`${what}: ${d}`))));
    child.once("exit", (code) => reject(new Error(`${what} exited ${code}`)));
  });
  oauth = spawn("/usr/bin/python3", [join(here, "..", "servers", "oauth_server.py"), "--port", oauthPort,
    "--client-id", "rightsdesk-test-client"], { stdio: ["ignore", "pipe", "inherit"] });
  await ready(oauth, "the OAuth server");
  const smtpPort = await freePort();
  oauthSmtp = spawn("/usr/bin/python3", [join(here, "..", "servers", "smtp_server.py"), "--port", String(smtpPort),
    "--out", out, "--cert", cert, "--key", join(dir, "key.pem"), "--introspect", `http://127.0.0.1:${oauthPort}/introspect`],
    { stdio: ["ignore", "pipe", "inherit"] });
  await ready(oauthSmtp, "the XOAUTH2 SMTP server");
  // The provider's autoconfig now names its OAuth2 endpoints (as an ISPDB file does).
  globalThis.oauthXml = `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="example.org">
    <domain>example.org</domain><displayName>Example Org Mail</displayName>
    <outgoingServer type="smtp"><hostname>127.0.0.1</hostname><port>${smtpPort}</port>
    <socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username>
    <authentication>OAuth2</authentication></outgoingServer></emailProvider>
    <oAuth2><issuer>127.0.0.1</issuer><scope>mail offline_access</scope>
    <authURL>http://127.0.0.1:${oauthPort}/authorize</authURL><tokenURL>http://127.0.0.1:${oauthPort}/token</tokenURL></oAuth2>
    </clientConfig>`;

  await click('[data-testid="nav-settings"]');
  // The app registration's client id, set in Settings (none is built in).
  await click('[data-testid="mail-oauth-client"] summary');
  assert.match(await text('[data-testid="mail-oauth-client"]'), /None is set/);
  await fill('[data-testid="mail-client-id"]', "rightsdesk-test-client");
  await click('[data-testid="mail-client-id-save"]');
  await session.until("the client id in use", async () => /the one set here/.test(await text('[data-testid="mail-oauth-client"]')));
  await click('[data-testid="mail-add"]');
  await fill('[data-testid="mail-email"]', "ada@example.org");
  await click('[data-testid="mail-discover"]');
  await session.until("the proposal", async () => /own description/.test(await text('[data-testid="mail-proposal"]')));
  await click('[data-testid="mail-next"]');
  await fill('[data-testid="mail-cert"]', cert);
  await session.screenshot(SHOTS, "45-mail-sign-in");
  const before = existsSync(opened) ? readFileSync(opened, "utf8") : "";
  await click('[data-testid="mail-sign-in"]');
  // The "browser": the page the app opened, its redirect followed back to the app's loopback address.
  let url = "";
  await session.until("the sign-in page opened", async () => {
    const now = existsSync(opened) ? readFileSync(opened, "utf8") : "";
    url = now.slice(before.length).split("\n").find((l) => l.includes("/authorize?")) ?? "";
    return url !== "";
  });
  assert.match(url, /code_challenge_method=S256/);
  const page = await (await fetch(url.trim())).text();
  assert.match(page, /you are signed in/);
  await session.until("both checks", async () => /✓ SMTP/.test(await text('[data-testid="mail-draft-checks"]')));
  await session.screenshot(SHOTS, "46-mail-signed-in");
  await click('[data-testid="mail-done"]');
  await session.until("the account signed in", async () =>
    (await session.texts('[data-testid="mail-account"]')).some((t) => t.includes("signed in with the provider")));
});
