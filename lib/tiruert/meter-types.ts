// The meter types an aménageur declares per registered point (docs/tiruert.md). The portal records
// the declaration; it does not certify meters. Each type states which current it can measure.

export const METER_TYPES = {
  mid_ac: { label: "Compteur certifié MID (directive 2014/32/UE, courant alternatif)", currents: ["AC"] },
  dc_conforme: { label: "Compteur courant continu avec certificat de conformité (courant continu)", currents: ["DC"] },
  pdl_dedie: { label: "Compteur du gestionnaire de réseau d'un point de livraison dédié au seul point", currents: ["AC", "DC"] },
} as const satisfies Record<string, { label: string; currents: readonly ("AC" | "DC")[] }>;

export type MeterType = keyof typeof METER_TYPES;
export const METER_TYPE_CODES = Object.keys(METER_TYPES) as [MeterType, ...MeterType[]];

export function meterFitsCurrent(meter: MeterType, current: "AC" | "DC"): boolean {
  return (METER_TYPES[meter].currents as readonly string[]).includes(current);
}
