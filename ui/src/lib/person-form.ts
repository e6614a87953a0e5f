// Pure helpers behind the person form: drafts in and out, and field errors
// from the Rust validator matched to the inputs that caused them.
import type { FieldError, Person, PersonDraft } from "./bindings";

export function emptyDraft(): PersonDraft {
  return {
    display_name: "",
    emails: [""],
    address: { street: "", postal_code: "", city: "", region: "", country: "" },
    accounts: [],
    notes: "",
    voice: "neutral",
    form_of_address: "",
    represented: false,
  };
}

export function draftFromPerson(p: Person): PersonDraft {
  return {
    display_name: p.display_name,
    emails: p.emails.length > 0 ? [...p.emails] : [""],
    address: { ...p.address },
    accounts: p.accounts.map((a) => ({ ...a })),
    notes: p.notes,
    voice: p.voice,
    form_of_address: p.form_of_address,
    represented: p.represented ?? false,
  };
}

/**
 * Field errors keyed by the field path the validator uses (`display_name`,
 * `emails[1]`, `accounts[0].platform`, `address.country`). Errors on a field
 * the form has no input for are collected under `""` so they still show.
 */
export function errorsByField(errors: FieldError[], known: (field: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const { field, message } of errors) {
    const key = known(field) ? field : "";
    out.set(key, out.has(key) ? `${out.get(key)}; ${message}` : message);
  }
  return out;
}

/** Which field paths the person form shows an input for, given the draft's rows. */
export function personFieldKnown(draft: PersonDraft): (field: string) => boolean {
  return (field) => {
    if (["display_name", "notes", "voice", "form_of_address"].includes(field)) return true;
    if (/^address\.(street|postal_code|city|region|country)$/.test(field)) return true;
    const email = /^emails\[(\d+)\]$/.exec(field);
    if (email) return Number(email[1]) < draft.emails.length;
    const account = /^accounts\[(\d+)\]\.(platform|identifier)$/.exec(field);
    if (account) return Number(account[1]) < draft.accounts.length;
    return false;
  };
}

/** A one-line summary of a person for lists. */
export function personSummary(p: Person): string {
  const parts = [p.emails[0] ?? "", [p.address.postal_code, p.address.city].filter(Boolean).join(" "), p.address.country];
  return parts.filter((s) => s.trim() !== "").join(" · ");
}
