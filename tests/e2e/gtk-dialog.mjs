// Answers the system's own file dialog (GTK's file chooser, opened by
// Tauri's dialog plugin) the way a user does with the keyboard: focus it,
// type the full path into its name or location field, press Enter. Xvfb has
// no window manager, so the dialog is found by its title and focused
// directly (xdotool, from scripts/deps.sh).
import { execFileSync } from "node:child_process";
import { sleep } from "./webdriver.mjs";

const xdo = (...args) => execFileSync("xdotool", args, { encoding: "utf8" }).trim();

/**
 * Waits for a file dialog whose title matches `title`, types `path` into it
 * and confirms. A save dialog has its name field focused (select it, type
 * over it); an open dialog gets its location field with Ctrl+L. With
 * `shot`, a picture of the whole screen before confirming (imagemagick).
 */
export async function answerFileDialog(title, path, { timeout = 15000, open = false, shot = null } = {}) {
  const deadline = Date.now() + timeout;
  let win = "";
  while (Date.now() < deadline && !win) {
    try {
      win = xdo("search", "--onlyvisible", "--name", title).split("\n").pop() ?? "";
    } catch {
      await sleep(200);
    }
  }
  if (!win) throw new Error(`no file dialog titled /${title}/ appeared within ${timeout} ms`);
  await sleep(400); // GTK fills the folder view after mapping the window
  xdo("windowfocus", "--sync", win);
  xdo("key", "--clearmodifiers", open ? "ctrl+l" : "ctrl+a");
  await sleep(200);
  if (open) xdo("key", "--clearmodifiers", "ctrl+a");
  xdo("type", "--delay", "15", path);
  await sleep(500);
  if (shot) execFileSync("import", ["-window", "root", shot]);
  xdo("key", "--clearmodifiers", "Return");
  return win;
}
