// The app's own words in the user's language: English, German and French
// catalogs (`i18n/*.ts`, one key per string, `{name}` placeholders), the
// language taken from the OS (the window's `navigator.languages`) unless the
// user picked one in Settings, and dates and numbers in that language's form.
// `i18n.test.ts` fails on a missing or untranslated key, and on markup text
// that does not go through `t`. The domain's words (statuses, kinds, …) come
// from the backend in the same language (`vocabulary(lang)`).
import { en, type Key } from "./i18n/en";
import { de } from "./i18n/de";
import { fr } from "./i18n/fr";

export type { Key };
export type Locale = "en" | "de" | "fr";
export const LOCALES: Locale[] = ["en", "de", "fr"];
const CATALOGS: Record<Locale, Record<Key, string>> = { en, de, fr };
const CHOICE = "rightsdesk.language";

/** The first of the OS's languages the app speaks, else English. */
export function fromSystem(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split(/[-_]/)[0] as Locale;
    if (LOCALES.includes(base)) return base;
  }
  return "en";
}

function systemLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

function stored(): Locale | null {
  try {
    const v = globalThis.localStorage?.getItem(CHOICE);
    return v && LOCALES.includes(v as Locale) ? (v as Locale) : null;
  } catch {
    return null;
  }
}

/** What the OS says, as the backend reads it (`system_language`), before the window's own guess. */
let system: string[] = [];
let current = $state<Locale>(stored() ?? fromSystem(systemLanguages()));

/** The system's language as the backend read it: followed unless the user chose one. */
export function useSystemLanguage(tag: string): void {
  system = tag ? [tag] : [];
  if (stored() === null) setLocale("system");
}
if (typeof document !== "undefined") document.documentElement.lang = current;

export function locale(): Locale {
  return current;
}

/** The user's own choice in Settings; "system" follows the OS again. */
export function choice(): Locale | "system" {
  return stored() ?? "system";
}

export function setLocale(next: Locale | "system"): void {
  try {
    if (next === "system") globalThis.localStorage?.removeItem(CHOICE);
    else globalThis.localStorage?.setItem(CHOICE, next);
  } catch {
    // A window without storage keeps the choice for this session only.
  }
  current = next === "system" ? fromSystem([...system, ...systemLanguages()]) : next;
  if (typeof document !== "undefined") document.documentElement.lang = current;
}

/** The string for `key` in the current language, with `{name}` filled from `params`. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = CATALOGS[current][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (all, name: string) => {
    const v = params[name];
    return v === undefined ? all : typeof v === "number" ? formatNumber(v) : v;
  });
}

/** A count with its noun: `plural(n, "claim.one", "claim.other")`. */
export function plural(n: number, one: Key, other: Key): string {
  return t(n === 1 ? one : other, { n });
}

/** A day (YYYY-MM-DD, or YYYY-MM) as the language writes it: "4 Jan 2027", "4. Jan. 2027", "4 janv. 2027". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1));
  const options: Intl.DateTimeFormatOptions = d
    ? { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }
    : { month: "long", year: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(current === "en" ? "en-GB" : current, options).format(date);
}

/** A day with its weekday, in full: "Monday 2 March 2026", "Montag, 2. März 2026". */
export function formatLongDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(current === "en" ? "en-GB" : current, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1)));
}

/** A moment (RFC 3339) with its time, in the language's form. */
export function formatMoment(stamp: string | null | undefined): string {
  if (!stamp) return "";
  const date = new Date(stamp);
  if (Number.isNaN(date.getTime())) return stamp;
  return new Intl.DateTimeFormat(current === "en" ? "en-GB" : current, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(current === "en" ? "en-GB" : current).format(n);
}
