// EVSE ids as eMIP carries them (eMI3 form, `*` separators optional, also inside the suffix) and
// as the core keys points (IRVE's id_pdc_itinerance: upper case, no separators).
// ../shared/docs/GIREVE-EMIP.md, "Identifiers": FR*A68*E680210015 → FRA68E680210015.

const EMI3_EVSE_ID = /^([A-Za-z]{2}\*?[A-Za-z0-9]{3})\*?[Ee]([A-Za-z0-9*]{1,30})$/;
const EMI3_OPERATOR_ID = /^([A-Za-z]{2})\*?([A-Za-z0-9]{3})$/;

export interface EvseId {
  /** As received (kept for the journal and the admin's list of unknown points). */
  raw: string;
  /** The IRVE form, matched against charge_point.id_pdc_itinerance. */
  irve: string;
  /** The operator part in IRVE form (FRA68), matched against the message's operatorId. */
  operator: string;
}

/** The EVSE id in IRVE form, or null when it is not an eMI3 EVSE id. */
export function readEvseId(raw: string): EvseId | null {
  const m = EMI3_EVSE_ID.exec(raw.trim());
  if (!m) return null;
  const operator = m[1].replace(/\*/g, "").toUpperCase();
  const suffix = m[2].replace(/\*/g, "").toUpperCase();
  if (suffix.length === 0) return null;
  return { raw, irve: `${operator}E${suffix}`, operator };
}

/** An eMI3 operator or partner id (FR*A68, FRA68) in IRVE form, or null. */
export function readOperatorId(raw: string): string | null {
  const m = EMI3_OPERATOR_ID.exec(raw.trim());
  return m ? `${m[1]}${m[2]}`.toUpperCase() : null;
}
