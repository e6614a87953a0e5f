// Pure helpers for the Platforms screens: the purpose × basis matrix, each
// purpose's history, and the names of things. Unit-tested in platforms.test.ts.
import type { LegalBasis, Purpose, StoredClaim } from "./bindings";
import { formatDate, t } from "./i18n.svelte";
import { purposes } from "./vocabulary.svelte";

/** The IAB TCF v2 purposes (1–11); their names are the catalogs' (`tcf.<n>`, IAB Europe's wording). */
export const TCF_PURPOSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
export const tcfPurpose = (id: (typeof TCF_PURPOSES)[number]) => t(`tcf.${id}`);

/** The words of purposes and bases are the backend's (the vocabulary), in the app's language. */
export { basisWord as basisLabel, purposeWord as purposeLabel } from "./vocabulary.svelte";

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
  return purposes().map(({ purpose, label }) => {
    const history = claims
      .filter((c) => c.purpose === purpose)
      .sort((a, b) => (a.valid_from ?? a.source.observed).localeCompare(b.valid_from ?? b.source.observed));
    const current = [...new Set(history.filter(isCurrent).map((c) => c.basis))];
    return { purpose, label, current, history };
  });
}

/** "5 Apr 2023 – 1 Nov 2023", "since 1 Nov 2023", or "seen 22 Aug 2026", in the app's language. */
export function period(c: StoredClaim): string {
  const d = formatDate;
  if (c.status === "announced") return c.valid_from ? t("period.announced_for", { day: d(c.valid_from) }) : t("period.announced");
  if (c.valid_from && c.valid_to) return t("period.from_to", { from: d(c.valid_from), to: d(c.valid_to) });
  if (c.valid_from) return t("period.since", { day: d(c.valid_from) });
  if (c.valid_to) return t("period.until", { day: d(c.valid_to) });
  return c.source.observed ? t("period.seen", { day: d(c.source.observed) }) : t("period.unknown");
}
