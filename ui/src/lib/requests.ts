// Building a Mark from the request page's form. Which marks fit, which
// follow-ups are possible and what everything is called come from the
// backend (RequestDetail.allowed_marks / escalations, the vocabulary).
import type { Mark, MarkKind, Outcome } from "./bindings";

export function buildMark(kind: MarkKind, date: string, complete: boolean, outcome: Outcome): Mark {
  switch (kind) {
    case "answered":
      return { mark: "answered", date, complete };
    case "closed":
      return { mark: "closed", date, outcome };
    default:
      return { mark: kind, date } as Mark;
  }
}
