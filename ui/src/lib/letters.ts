// Pure helpers for the composer: option values in and out of the LetterOptions
// record the Rust side expects, and which field an error belongs to.
import type { FieldError, KindInfo, LetterOptions, OptionInfo } from "./bindings";

export type OptionValue = boolean | string | string[] | number;

/** The current value of an option, with the type its form control needs. */
export function optionValue(options: LetterOptions, info: OptionInfo): OptionValue {
  const raw = (options as Record<string, unknown>)[info.name];
  switch (info.type) {
    case "flag":
      return raw === true;
    case "list":
      return Array.isArray(raw) ? (raw as string[]) : [];
    case "number":
      return typeof raw === "number" ? raw : 0;
    default:
      return typeof raw === "string" ? raw : "";
  }
}

/** A copy of `options` with one option set; lists toggle `value`. */
export function withOption(options: LetterOptions, info: OptionInfo, value: OptionValue): LetterOptions {
  const next = { ...options } as Record<string, unknown>;
  if (info.type === "list" && typeof value === "string") {
    const list = optionValue(options, info) as string[];
    next[info.name] = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  } else if (info.type === "number") {
    const n = typeof value === "number" ? value : Number.parseInt(String(value), 10);
    next[info.name] = Number.isFinite(n) && n >= 0 ? n : 0;
  } else {
    next[info.name] = value;
  }
  return next as LetterOptions;
}

/** Only the options this kind reads (plus identity data), so switching kinds sends no stale values. */
export function optionsFor(kind: KindInfo | undefined, options: LetterOptions): LetterOptions {
  const out: Record<string, unknown> = {};
  for (const o of kind?.options ?? []) {
    const v = (options as Record<string, unknown>)[o.name];
    if (v !== undefined) out[o.name] = v;
  }
  if (options.identity?.length) out.identity = options.identity.filter((i) => i.value.trim() !== "");
  return out as LetterOptions;
}

/** Field errors by field name (`options.corrections`, `identity.Customer number`, `person.emails`). */
export function errorsByField(fields: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f.field] ??= f.message;
  return out;
}
