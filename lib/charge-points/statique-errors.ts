// Why a statique write was refused, for the door to answer in its own protocol. The core says
// what is wrong and with which ids; the QualiCharge door words it as QualiCharge does.

export type StatiqueRefusal =
  /** Operational units (id prefixes) held by no operator. */
  | { kind: "unknown-unit"; codes: string[] }
  /** A create of points that already exist. */
  | { kind: "exists"; ids: string[] }
  /** An update of points that do not exist (or are decommissioned). */
  | { kind: "not-found"; ids: string[] }
  /** Points of one station whose station fields differ, within one write. */
  | { kind: "inconsistent-station"; stationIds: string[] }
  /** One coordinate with several addresses, within one write. */
  | { kind: "inconsistent-place"; coordinates: string[] }
  /** One point twice with different data, within one write. */
  | { kind: "inconsistent-point"; ids: string[] };

export class StatiqueRefused extends Error {
  constructor(readonly refusal: StatiqueRefusal) {
    super(`statique refused: ${refusal.kind}`);
    this.name = "StatiqueRefused";
  }
}
