// The app's areas, in sidebar order. `ready` areas have a screen; the others
// say plainly what is coming so nobody mistakes a placeholder for a feature.
// Their names and purposes are words of the catalogs (`area.<id>.label`, `area.<id>.purpose`).
export type AreaId = "platforms" | "requests" | "inbox" | "reports" | "people" | "settings";

export interface Area {
  id: AreaId;
  ready: boolean;
}

export const areas: Area[] = [
  { id: "platforms", ready: true },
  { id: "requests", ready: true },
  { id: "inbox", ready: true },
  { id: "reports", ready: true },
  { id: "people", ready: true },
  { id: "settings", ready: true },
];
