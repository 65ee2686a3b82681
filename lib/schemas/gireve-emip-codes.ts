// eMIP's status codes (../shared/docs/GIREVE-EMIP.md) and what the core keeps of them.
// Codes arrive as numbers; their names (as WWCP_eMIP spells them) are accepted too, in any case.

/** Availability of an EVSE and what the core keeps of it (QualiCharge's etat_pdc, ADR 0022). */
export const AVAILABILITY = {
  1: { name: "OutOfOrder", etatPdc: "hors_service" },
  2: { name: "InService", etatPdc: "en_service" },
  // Not yet in service: its own state, outside availability rates (ADR 0022).
  3: { name: "Future", etatPdc: "planifie" },
  // The EVSE is gone: recorded as such; the point's declaration is the beneficiary's to withdraw.
  4: { name: "Deleted", etatPdc: "supprime" },
} as const;

/** Occupancy of an EVSE (QualiCharge's occupation_pdc). */
export const BUSY = {
  1: { name: "Free", occupationPdc: "libre" },
  2: { name: "Busy", occupationPdc: "occupe" },
  3: { name: "Reserved", occupationPdc: "reserve" },
} as const;

export type AvailabilityCode = keyof typeof AVAILABILITY;
export type BusyCode = keyof typeof BUSY;

/** A code given as its number or its name; null when it is neither. */
export function readCode<T extends Record<number, { name: string }>>(table: T, value: string): (keyof T & number) | null {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    return n in table ? (n as keyof T & number) : null;
  }
  const lower = v.toLowerCase();
  for (const [code, entry] of Object.entries(table)) if (entry.name.toLowerCase() === lower) return Number(code) as keyof T & number;
  return null;
}
