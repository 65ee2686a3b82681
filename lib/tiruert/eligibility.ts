// Which points may enter the electric TIRUERT, decided from their IRVE static data
// (docs/tiruert.md): the scheme covers points open to the public, which the static schema says
// in `condition_acces` ("Accès libre" or "Accès réservé"). A point without static data, or
// "Accès réservé", is refused; so is a point withdrawn or decommissioned. The current (AC/DC)
// follows QualiCharge's rule: DC when ≥ 50 kW or with a CCS or CHAdeMO plug.

export const PUBLIC_ACCESS = "Accès libre";

export type Eligibility = { eligible: true; current: "AC" | "DC" } | { eligible: false; reason: string };

const truthy = (v: unknown) => v === true || v === "True" || v === "true" || v === 1 || v === "1";

export function currentOf(irve: Record<string, unknown>, nominalPowerKw: number): "AC" | "DC" {
  return nominalPowerKw >= 50 || truthy(irve.prise_type_combo_ccs) || truthy(irve.prise_type_chademo) ? "DC" : "AC";
}

export function pointEligibility(point: { irve: unknown; nominalPowerKw: number; withdrawn: boolean; decommissioned: boolean }): Eligibility {
  if (point.withdrawn || point.decommissioned) return { eligible: false, reason: "point retiré ou mis hors service" };
  if (!point.irve || typeof point.irve !== "object")
    return { eligible: false, reason: "données statiques IRVE absentes : l'accès au public ne peut être établi" };
  const irve = point.irve as Record<string, unknown>;
  if (irve.condition_acces !== PUBLIC_ACCESS)
    return {
      eligible: false,
      reason: `accès « ${String(irve.condition_acces ?? "non renseigné")} » : seuls les points en accès libre entrent dans le dispositif`,
    };
  return { eligible: true, current: currentOf(irve, point.nominalPowerKw) };
}
