// The app's keyboard shortcuts: one list, read by the handler in App.svelte,
// the Requests screen and the help overlay (so the overlay never lies).
import type { Key } from "./i18n.svelte";

export interface Shortcut {
  /** Alternatives, each a key combination (its parts joined with "+"; "Ctrl" is shown in the app's language). */
  keys: string[][];
  what: Key;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: [["Ctrl", "N"]], what: "keys.new_letter" },
  { keys: [["Ctrl", "K"], ["/"]], what: "keys.search" },
  { keys: [["J"], ["Alt", "↓"]], what: "keys.next" },
  { keys: [["K"], ["Alt", "↑"]], what: "keys.previous" },
  { keys: [["Ctrl", "1…6"]], what: "keys.areas" },
  { keys: [["F1"], ["?"]], what: "keys.help" },
  { keys: [["Esc"]], what: "keys.close" },
];

/** Whether a key press goes to a field the user is typing in (then single letters are text, not commands). */
export function typing(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return !!el?.closest?.("input, textarea, select, [contenteditable='true']");
}

/** -1, +1 or 0: the next/previous-request shortcuts. */
export function step(e: KeyboardEvent): -1 | 0 | 1 {
  if (e.ctrlKey || e.metaKey) return 0;
  if (e.altKey && e.key === "ArrowDown") return 1;
  if (e.altKey && e.key === "ArrowUp") return -1;
  if (typing(e) || e.altKey) return 0;
  if (e.key === "j") return 1;
  if (e.key === "k") return -1;
  return 0;
}
