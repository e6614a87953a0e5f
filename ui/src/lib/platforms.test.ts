import { describe, expect, it } from "vitest";
import type { StoredClaim } from "./bindings";
import { matrix, period } from "./platforms";
import { purposes, setVocabulary } from "./vocabulary.svelte";

// The backend's words for the purposes, as the vocabulary command sends them (a fixture).
setVocabulary({
  statuses: [], marks: [], outcomes: [], kinds: [], events: [], causes: [], access_items: [], languages: [], voices: [],
  basis_events: [], bases: [], concerns: [], actions: [],
  purposes: [
    { purpose: "personalised_ads", label: "Personalised ads" },
    { purpose: "ad_measurement", label: "Ad measurement" },
    { purpose: "ai_training", label: "AI training" },
  ],
});

function claim(over: Partial<StoredClaim>): StoredClaim {
  const c: StoredClaim = {
    id: 1,
    origin: "registry",
    tcf_purpose: null,
    actions: [],
    purpose: "personalised_ads",
    basis: "consent",
    scope: "",
    source: { url: "https://example.org", observed: "2026-08-22", section: "Ads", quote: "", commit: "" },
    valid_from: null,
    valid_to: null,
    note: "",
    special_categories: false,
    status: "in_force",
    in_force_now: false,
    ...over,
  };
  // What the backend says of these fixtures today (the UI decides nothing itself).
  return { ...c, in_force_now: over.in_force_now ?? (c.status === "in_force" && c.valid_to === null) };
}

describe("basis matrix", () => {
  const claims = [
    claim({ id: 3, basis: "consent", valid_from: "2023-11-01" }),
    claim({ id: 1, basis: "contract", valid_from: "2018-05-25", valid_to: "2023-04-04" }),
    claim({ id: 2, basis: "legitimate_interests", valid_from: "2023-04-05", valid_to: "2023-11-01" }),
    claim({ id: 4, purpose: "ad_measurement", basis: "legitimate_interests" }),
  ];

  it("has a row for every purpose and says unknown where nothing is recorded", () => {
    const rows = matrix(claims);
    expect(rows).toHaveLength(purposes().length);
    expect(rows.find((r) => r.purpose === "ai_training")!.current).toEqual([]);
  });

  it("shows only the claims in force as current, and the rest as history", () => {
    const ads = matrix(claims).find((r) => r.purpose === "personalised_ads")!;
    expect(ads.current).toEqual(["consent"]);
    expect(ads.history.map((c) => c.basis)).toEqual(["contract", "legitimate_interests", "consent"]);
  });

  it("takes what is in force from the backend: an announced change is never current", () => {
    const announced = claim({ id: 5, basis: "legitimate_interests", valid_from: "2022-07-13", status: "announced" });
    const ads = matrix([claim({ id: 6 }), announced]).find((r) => r.purpose === "personalised_ads")!;
    expect(ads.current).toEqual(["consent"]);
    expect(ads.history).toHaveLength(2);
    expect(period(announced)).toBe("announced for 13 Jul 2022");
  });

  it("describes periods in words", () => {
    expect(period(claims[1]!)).toBe("25 May 2018 – 4 Apr 2023");
    expect(period(claims[0]!)).toBe("since 1 Nov 2023");
    expect(period(claims[3]!)).toBe("seen 22 Aug 2026");
  });
});
