// The words the backend decides for the domain's values (statuses, marks,
// outcomes, Art. 15 items, languages), loaded once at start. The UI keeps no
// copy of these lists: a label it does not know falls back to the raw value,
// visibly, instead of to a stale hand-written one.
import { call, commands } from "./api";
import type {
  AccessItemWord,
  ActionKind,
  BasisEventKind,
  BasisWord,
  Concern,
  LegalBasis,
  Purpose,
  PurposeWord,
  UiLanguage,
  EventCause,
  EventKind,
  LanguageWord,
  MarkKind,
  Outcome,
  OutcomeWord,
  RequestKind,
  RequestStatus,
  Vocabulary,
  VoiceWord,
} from "./bindings";

let words = $state<Vocabulary | null>(null);

/** Loads the words in `language` (the app's language: `i18n.locale()`). */
export async function loadVocabulary(language: UiLanguage): Promise<void> {
  words = await call(commands.vocabulary(language));
}

/** For tests: use these words without the backend. */
export function setVocabulary(v: Vocabulary): void {
  words = v;
}

const raw = (s: string) => s.replaceAll("_", " ");

export function statusLabel(status: RequestStatus): string {
  return words?.statuses.find((w) => w.status === status)?.label ?? raw(status);
}

export function markLabel(mark: MarkKind): string {
  return words?.marks.find((w) => w.mark === mark)?.label ?? raw(mark);
}

export function outcomes(): OutcomeWord[] {
  return words?.outcomes ?? [];
}

export function outcomeLabel(outcome: Outcome): string {
  return words?.outcomes.find((w) => w.outcome === outcome)?.label ?? raw(outcome);
}

/** The Art. 15 items in the order of the article. */
export function accessItems(): AccessItemWord[] {
  return words?.access_items ?? [];
}

/** "Automatic" first, then each language letters are written in. */
export function languages(): LanguageWord[] {
  return words?.languages ?? [];
}

export function voices(): VoiceWord[] {
  return words?.voices ?? [];
}

export function basisEventLabel(kind: BasisEventKind): string {
  return words?.basis_events.find((w) => w.kind === kind)?.label ?? raw(kind);
}

export function kindLabel(kind: RequestKind): string {
  return words?.kinds.find((w) => w.kind === kind)?.label ?? raw(kind);
}

export function eventLabel(event: EventKind): string {
  return words?.events.find((w) => w.event === event)?.label ?? raw(event);
}

export function causeLabel(cause: EventCause): string {
  return words?.causes.find((w) => w.cause === cause)?.label ?? raw(cause);
}

/** The purposes of processing, in the platform page's order. */
export function purposes(): PurposeWord[] {
  return words?.purposes ?? [];
}

export function purposeWord(purpose: Purpose): string {
  return words?.purposes.find((w) => w.purpose === purpose)?.label ?? raw(purpose);
}

/** The Art. 6(1) bases in the article's order, then "unknown". */
export function bases(): BasisWord[] {
  return words?.bases ?? [];
}

export function basisWord(basis: LegalBasis): string {
  return words?.bases.find((w) => w.basis === basis)?.label ?? raw(basis);
}

/** A recommended action's button, in the app's language. */
export function actionButton(kind: ActionKind, fallback = raw(kind)): string {
  return words?.actions.find((w) => w.kind === kind)?.button ?? fallback;
}

export function concernLabel(concern: Concern, fallback = raw(concern)): string {
  return words?.concerns.find((w) => w.concern === concern)?.label ?? fallback;
}

/** The kinds of request, in the backend's order. */
export function kinds(): { kind: RequestKind; label: string }[] {
  return words?.kinds ?? [];
}
