// Pure helpers for the Platforms screens: the purpose × basis matrix, each
// purpose's history, and the names of things. Unit-tested in platforms.test.ts.
import type { LegalBasis, Purpose, StoredClaim } from "./bindings";

export const PURPOSES: [Purpose, string][] = [
  ["personalised_ads", "Personalised ads"],
  ["non_personalised_ads", "Non-personalised ads"],
  ["ad_measurement", "Ad measurement"],
  ["sharing_with_partners", "Sharing with advertisers/partners"],
  ["content_recommendation", "Content recommendation / profiling"],
  ["ai_training", "AI training"],
  ["analytics", "Analytics / product improvement"],
  ["market_research", "Market research"],
  ["marketing_messages", "Marketing messages"],
  ["device_storage", "Storing/accessing information on a device"],
  ["safety_security", "Safety and security"],
  ["service_delivery", "Providing the service"],
];

export const BASES: [LegalBasis, string, string][] = [
  ["consent", "Consent", "6(1)(a)"],
  ["contract", "Contract", "6(1)(b)"],
  ["legal_obligation", "Legal obligation", "6(1)(c)"],
  ["vital_interests", "Vital interests", "6(1)(d)"],
  ["public_task", "Public task", "6(1)(e)"],
  ["legitimate_interests", "Legitimate interests", "6(1)(f)"],
  ["unknown", "Unknown", "—"],
];

export const TCF_PURPOSES: [number, string][] = [
  [1, "Store and/or access information on a device"],
  [2, "Use limited data to select advertising"],
  [3, "Create profiles for personalised advertising"],
  [4, "Use profiles to select personalised advertising"],
  [5, "Create profiles to personalise content"],
  [6, "Use profiles to select personalised content"],
  [7, "Measure advertising performance"],
  [8, "Measure content performance"],
  [9, "Understand audiences through statistics or combinations of data"],
  [10, "Develop and improve services"],
  [11, "Use limited data to select content"],
];

export function purposeLabel(p: Purpose): string {
  return PURPOSES.find(([id]) => id === p)?.[1] ?? p;
}

export function basisLabel(b: LegalBasis): string {
  return BASES.find(([id]) => id === b)?.[1] ?? b;
}

/** Whether a claim applies today: the backend decides (an announced change never does). */
export function isCurrent(c: StoredClaim): boolean {
  return c.in_force_now;
}

export interface MatrixRow {
  purpose: Purpose;
  label: string;
  /** Bases claimed now for this purpose; empty means unknown (nothing recorded). */
  current: LegalBasis[];
  /** Every claim for the purpose, oldest first. */
  history: StoredClaim[];
}

/** One row per purpose, in vocabulary order; purposes without any claim are unknown. */
export function matrix(claims: StoredClaim[]): MatrixRow[] {
  return PURPOSES.map(([purpose, label]) => {
    const history = claims
      .filter((c) => c.purpose === purpose)
      .sort((a, b) => (a.valid_from ?? a.source.observed).localeCompare(b.valid_from ?? b.source.observed));
    const current = [...new Set(history.filter(isCurrent).map((c) => c.basis))];
    return { purpose, label, current, history };
  });
}

/** "5 Apr 2023 – 1 Nov 2023", "since 1 Nov 2023", or "seen 22 Aug 2026". */
export function period(c: StoredClaim): string {
  const d = (iso: string) => {
    const [y, m, day] = iso.split("-").map(Number);
    return new Date(Date.UTC(y!, (m ?? 1) - 1, day ?? 1)).toLocaleDateString("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
  };
  if (c.status === "announced") return c.valid_from ? `announced for ${d(c.valid_from)}` : "announced";
  if (c.valid_from && c.valid_to) return `${d(c.valid_from)} – ${d(c.valid_to)}`;
  if (c.valid_from) return `since ${d(c.valid_from)}`;
  if (c.valid_to) return `until ${d(c.valid_to)}`;
  return c.source.observed ? `seen ${d(c.source.observed)}` : "date unknown";
}
