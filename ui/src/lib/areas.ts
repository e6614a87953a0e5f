// The app's areas, in sidebar order. `ready` areas have a screen; the others
// say plainly what is coming so nobody mistakes a placeholder for a feature.
export type AreaId = "platforms" | "requests" | "inbox" | "reports" | "people" | "settings";

export interface Area {
  id: AreaId;
  label: string;
  ready: boolean;
  /** What the area is for, in the user's words. */
  purpose: string;
}

export const areas: Area[] = [
  {
    id: "platforms",
    label: "Platforms",
    ready: true,
    purpose:
      "Who processes your data, and on which legal basis: each platform's controller, privacy contacts, lead supervisory authority and the basis it claims for every purpose, with sources and history.",
  },
  {
    id: "requests",
    label: "Requests",
    ready: true,
    purpose:
      "Write the letter that fits (every right, seven languages, e-mail text or PDF), then follow each request to its outcome with legally correct deadlines.",
  },
  {
    id: "inbox",
    label: "Inbox",
    ready: true,
    purpose: "Replies from controllers that could not be filed to their request by themselves; import .eml and mbox files.",
  },
  {
    id: "reports",
    label: "Reports",
    ready: false,
    purpose: "What happened to your requests: answered, late, refused, escalated — ready to share or publish.",
  },
  { id: "people", label: "People", ready: true, purpose: "The people requests are made for." },
  { id: "settings", label: "Settings", ready: true, purpose: "Where your data is kept and how it is protected." },
];
