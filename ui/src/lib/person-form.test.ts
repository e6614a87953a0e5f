import { describe, expect, it } from "vitest";
import type { Person } from "./bindings";
import { draftFromPerson, emptyDraft, errorsByField, personFieldKnown, personSummary } from "./person-form";
import { Failure, call, toFailure } from "./api";

const jane: Person = {
  id: 7,
  display_name: "Jane Doe",
  emails: ["jane@example.org", "j@example.net"],
  address: { street: "Main St 1", postal_code: "10115", city: "Berlin", region: "", country: "DE" },
  accounts: [{ platform: "tiktok", identifier: "@jane" }],
  notes: "",
  voice: "feminine",
  form_of_address: "Dr",
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};

describe("person form helpers", () => {
  it("starts with one empty e-mail row", () => {
    expect(emptyDraft().emails).toEqual([""]);
  });

  it("copies a person without sharing arrays", () => {
    const d = draftFromPerson(jane);
    d.emails.push("x@example.org");
    d.accounts[0]!.identifier = "changed";
    expect(jane.emails).toHaveLength(2);
    expect(jane.accounts[0]!.identifier).toBe("@jane");
    expect([d.voice, d.form_of_address]).toEqual(["feminine", "Dr"]);
    expect(emptyDraft().voice).toBe("neutral");
  });

  it("puts validator errors next to the matching inputs", () => {
    const d = draftFromPerson(jane);
    const map = errorsByField(
      [
        { field: "display_name", message: "a name is required" },
        { field: "emails[1]", message: "bad" },
        { field: "emails[5]", message: "stale row" },
        { field: "accounts[0].identifier", message: "missing" },
      ],
      personFieldKnown(d),
    );
    expect(map.get("display_name")).toBe("a name is required");
    expect(map.get("emails[1]")).toBe("bad");
    expect(map.get("accounts[0].identifier")).toBe("missing");
    expect(map.get("")).toBe("stale row");
  });

  it("summarises a person in one line", () => {
    expect(personSummary(jane)).toBe("jane@example.org · 10115 Berlin · DE");
  });
});

describe("command results", () => {
  it("unwraps ok results", async () => {
    await expect(call(Promise.resolve({ status: "ok" as const, data: 3 }))).resolves.toBe(3);
  });

  it("turns typed errors into Failures with their code and fields", async () => {
    const error = { code: "invalid" as const, message: "bad", fields: [{ field: "display_name", message: "x" }] };
    const failure = (await call(Promise.resolve({ status: "error" as const, error })).catch((e: unknown) => e)) as Failure;
    expect(failure).toBeInstanceOf(Failure);
    expect(failure.code).toBe("invalid");
    expect(failure.fields).toHaveLength(1);
  });

  it("treats Tauri's plain-string rejections as internal", () => {
    const f = toFailure("command list_people not allowed by ACL");
    expect(f.code).toBe("internal");
    expect(f.message).toContain("not allowed");
  });
});
