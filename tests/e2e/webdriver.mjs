// A small W3C WebDriver (classic) client over fetch, enough to drive the real
// RightsDesk window through tauri-driver. No dependencies: Node 20's fetch.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// The W3C web element identifier key.
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, args = []) {
    const res = await wd(base, "POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application, args } } },
    });
    return new Session(base, res.sessionId);
  }

  cmd(method, path, body) {
    return wd(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.cmd("DELETE", "").catch(() => {});
  }

  /** Waits until `css` matches an element, and returns it. */
  async find(css, { timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    while (Date.now() < deadline) {
      try {
        const el = await this.cmd("POST", "/element", { using: "css selector", value: css });
        return new Element(this, el[ELEMENT]);
      } catch (e) {
        last = e;
        await sleep(100);
      }
    }
    throw new Error(`no element matches ${css} after ${timeout} ms: ${last?.message}`);
  }

  /** Back to the window's own document after `Element.enter()`. */
  top() {
    return this.cmd("POST", "/frame", { id: null });
  }

  async findAll(css) {
    const els = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return els.map((e) => new Element(this, e[ELEMENT]));
  }

  /** Waits until `predicate` is true (polling), failing with `what`. */
  async until(what, predicate, { timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if (await predicate().catch(() => false)) return;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  async gone(css, opts) {
    await this.until(`${css} to disappear`, async () => (await this.findAll(css)).length === 0, opts);
  }

  /** Replaces the text of the input matching `css`. */
  async fill(css, text, { timeout = 15000 } = {}) {
    // An element can exist before it can be typed into (a section still
    // opening, a re-render replacing it): wait for that, as a user would.
    const deadline = Date.now() + timeout;
    for (;;) {
      const el = await this.find(css, { timeout });
      try {
        await el.clear();
        if (text) await el.type(text);
        return;
      } catch (e) {
        if (Date.now() > deadline || !/not interactable|stale element/.test(e.message)) throw e;
        await sleep(100);
      }
    }
  }

  async texts(css) {
    return Promise.all((await this.findAll(css)).map((e) => e.text()));
  }

  /** Runs `script` (a function body) in the window and returns its value. */
  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Runs `script` in the window; it calls its last argument with the result. */
  executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  /** Resizes the window (its outer size). */
  resize(width, height) {
    return this.cmd("POST", "/window/rect", { width, height });
  }

  /** Presses a key combination: `press(KEY.control, "n")` holds each key down in order, then lets go. */
  async press(...keys) {
    const down = keys.map((value) => ({ type: "keyDown", value }));
    const up = keys.slice().reverse().map((value) => ({ type: "keyUp", value }));
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }] });
    await this.cmd("DELETE", "/actions").catch(() => {});
  }

  /** Saves a PNG of the window under `dir`. */
  async screenshot(dir, name) {
    const b64 = await this.cmd("GET", "/screenshot");
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${name}.png`);
    writeFileSync(path, Buffer.from(b64, "base64"));
    return path;
  }
}

class Element {
  constructor(session, id) {
    this.s = session;
    this.id = id;
  }
  /** Scrolls the element to the middle of the window (as a user would), then clicks it. */
  async click() {
    await this.s
      .execute("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });", [{ [ELEMENT]: this.id }])
      .catch(() => {});
    return this.s.cmd("POST", `/element/${this.id}/click`, {});
  }
  type(text) {
    return this.s.cmd("POST", `/element/${this.id}/value`, { text });
  }
  clear() {
    return this.s.cmd("POST", `/element/${this.id}/clear`, {});
  }
  text() {
    return this.s.cmd("GET", `/element/${this.id}/text`);
  }
  value() {
    return this.s.cmd("GET", `/element/${this.id}/property/value`);
  }
  attribute(name) {
    return this.s.cmd("GET", `/element/${this.id}/attribute/${name}`);
  }
  /** Makes this (i)frame the context of the next commands; `Session.top()` returns. */
  enter() {
    return this.s.cmd("POST", "/frame", { id: { [ELEMENT]: this.id } });
  }
}

async function wd(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: body ? { "content-type": "application/json" } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const v = json.value ?? {};
    throw new Error(`${method} ${path}: ${res.status} ${v.error ?? ""} ${v.message ?? ""}`.trim());
  }
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** WebDriver's codes for the keys that are not characters. */
export const KEY = { control: "\uE009", alt: "\uE00A", escape: "\uE00C", tab: "\uE004", enter: "\uE007", down: "\uE015", up: "\uE014", f1: "\uE031" };

/** Where the e2e run finds its driver, app and screenshot folder (set by scripts/e2e.sh). */
export const env = {
  driver: process.env.RIGHTSDESK_E2E_DRIVER ?? "http://127.0.0.1:4444",
  app: process.env.RIGHTSDESK_E2E_APP,
  shots: process.env.RIGHTSDESK_E2E_SCREENS ?? "target/e2e-screens",
};
