import { describe, expect, it } from "vitest";
import { ACCESS_ITEMS, buildMark, escalations, marksFor } from "./requests";

describe("request marks", () => {
  it("offers only sending for a draft and nothing once closed", () => {
    expect(marksFor("draft")).toEqual(["sent"]);
    expect(marksFor("closed")).toEqual([]);
  });

  it("offers reminders and complaints only when something went wrong", () => {
    expect(marksFor("sent")).not.toContain("complained");
    expect(marksFor("overdue")).toContain("complained");
    expect(marksFor("answered_partial")).toEqual(expect.arrayContaining(["admonished", "complained", "closed"]));
  });

  it("builds the tagged marks the Rust side expects", () => {
    expect(buildMark("answered", "2026-02-01", false, "fulfilled")).toEqual({ mark: "answered", date: "2026-02-01", complete: false });
    expect(buildMark("closed", "2026-02-01", true, "ignored")).toEqual({ mark: "closed", date: "2026-02-01", outcome: "ignored" });
    expect(buildMark("sent", "2026-02-01", true, "ignored")).toEqual({ mark: "sent", date: "2026-02-01" });
  });
});

describe("follow-ups", () => {
  it("offers a reminder and a complaint only when something went wrong", () => {
    expect(escalations("sent")).toEqual([]);
    expect(escalations("overdue")).toEqual(["reminder", "complaint"]);
    expect(escalations("refused")).toEqual(["complaint"]);
    expect(escalations("closed")).toEqual([]);
  });
  it("lists every Art. 15 item once", () => {
    expect(new Set(ACCESS_ITEMS.map(([i]) => i)).size).toBe(11);
  });
});
