// Pure helpers for the Requests screens: which marks fit which status (the
// same table as the Rust lifecycle, for offering buttons; Rust decides), and
// building a Mark from the form.
import type { AccessItem, Mark, Outcome, RequestStatus } from "./bindings";

export type MarkKind = Mark["mark"];

export const MARK_LABELS: Record<MarkKind, string> = {
  sent: "Sent",
  received: "Received by the controller",
  acknowledged: "Acknowledged",
  extended: "Extended (+2 months)",
  identity_requested: "Identity requested",
  identity_provided: "Identity provided",
  answered: "Answered",
  refused: "Refused",
  admonished: "Reminder sent",
  complained: "Complaint lodged",
  closed: "Closed",
};

const OPEN: RequestStatus[] = ["sent", "acknowledged", "extended", "identity_requested", "overdue", "admonished", "complained", "answered_partial"];

/** The marks worth offering for a request in `status`. */
export function marksFor(status: RequestStatus): MarkKind[] {
  if (status === "closed") return [];
  if (status === "draft") return ["sent"];
  const out: MarkKind[] = ["received"];
  if (status === "sent" || status === "overdue") out.push("acknowledged");
  if (["sent", "acknowledged", "identity_requested", "overdue"].includes(status)) out.push("extended");
  if (["sent", "acknowledged", "extended"].includes(status)) out.push("identity_requested");
  if (status === "identity_requested") out.push("identity_provided");
  if (OPEN.includes(status)) out.push("answered", "refused");
  if (["overdue", "answered_partial", "refused", "admonished"].includes(status)) out.push("admonished", "complained");
  out.push("closed");
  return out;
}

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

export const STATUS_LABELS: Record<RequestStatus, string> = {
  draft: "Draft",
  sent: "Sent",
  acknowledged: "Acknowledged",
  extended: "Extended",
  identity_requested: "Identity requested",
  answered_complete: "Answered (complete)",
  answered_partial: "Answered (partial)",
  refused: "Refused",
  overdue: "Overdue",
  admonished: "Reminded",
  complained: "Complaint lodged",
  closed: "Closed",
};

/** The Art. 15 answer checklist, in the order of the article (docs/legal.md §2). */
export const ACCESS_ITEMS: [AccessItem, string][] = [
  ["confirmation", "Confirmation and the data (15(1))"],
  ["purposes", "Purposes (15(1)(a))"],
  ["categories", "Categories of data (15(1)(b))"],
  ["recipients", "Recipients, by identity (15(1)(c))"],
  ["retention", "Retention period (15(1)(d))"],
  ["rights", "Your rights (15(1)(e))"],
  ["complaint_right", "Right to complain (15(1)(f))"],
  ["source", "Source of the data (15(1)(g))"],
  ["automated_decisions", "Automated decisions, logic (15(1)(h))"],
  ["safeguards", "Transfer safeguards (15(2))"],
  ["copy", "A copy of the data (15(3))"],
];

/** Which follow-up letters a request's state allows. */
export function escalations(status: RequestStatus): ("reminder" | "complaint")[] {
  switch (status) {
    case "overdue":
    case "answered_partial":
    case "admonished":
      return ["reminder", "complaint"];
    case "refused":
      return ["complaint"];
    default:
      return [];
  }
}
