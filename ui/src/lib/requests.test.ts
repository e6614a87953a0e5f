import { describe, expect, it } from "vitest";
import { buildMark } from "./requests";
import { accessItems, markLabel, setVocabulary, statusLabel } from "./vocabulary.svelte";

describe("request marks", () => {
  it("builds the tagged marks the Rust side expects", () => {
    expect(buildMark("answered", "2026-02-01", false, "fulfilled")).toEqual({ mark: "answered", date: "2026-02-01", complete: false });
    expect(buildMark("closed", "2026-02-01", true, "ignored")).toEqual({ mark: "closed", date: "2026-02-01", outcome: "ignored" });
    expect(buildMark("sent", "2026-02-01", true, "ignored")).toEqual({ mark: "sent", date: "2026-02-01" });
  });
});

describe("the vocabulary", () => {
  it("shows the backend's words, and the raw value for one it does not know", () => {
    setVocabulary({
      statuses: [{ status: "admonished", label: "Reminded" }],
      marks: [{ mark: "admonished", label: "Reminder sent" }],
      outcomes: [],
      kinds: [],
      events: [],
      causes: [],
      access_items: [{ item: "copy", label: "A copy of the data", article: "15(3)" }],
      languages: [],
      voices: [],
      basis_events: [],
      purposes: [],
      bases: [],
      concerns: [],
      actions: [],
    });
    expect(statusLabel("admonished")).toBe("Reminded");
    expect(statusLabel("answered_partial")).toBe("answered partial");
    expect(markLabel("admonished")).toBe("Reminder sent");
    expect(accessItems().map((i) => i.item)).toEqual(["copy"]);
  });
});
