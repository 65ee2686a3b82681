// French labels of the console's values.
export const ENV_LABELS: Record<string, string> = { production: "Production", sandbox: "Bac à sable" };

export function envLabel(env: string | null): string {
  return env ? (ENV_LABELS[env] ?? env) : "—";
}

/** The doors a call comes through (the submission's `door`). */
export const DOOR_LABELS: Record<string, string> = { ADVENIR: "ADVENIR", QUALICHARGE: "QualiCharge", GIREVE: "GIREVE" };

export function doorLabel(door: string): string {
  return DOOR_LABELS[door] ?? door;
}

/** What the QualiCharge API's routes handle (their journal names them by path pattern). */
const QUALICHARGE_LABELS: Record<string, string> = {
  "/api/v1/dynamique/session/": "Session",
  "/api/v1/dynamique/session/bulk": "Sessions (lot)",
  "/api/v1/dynamique/session/check": "Vérification d'une session",
  "/api/v1/dynamique/status/": "Statuts",
  "/api/v1/dynamique/status/bulk": "Statuts (lot)",
  "/api/v1/dynamique/status/{id_pdc_itinerance}": "Statut d'un point",
  "/api/v1/dynamique/status/{id_pdc_itinerance}/history": "Historique des statuts d'un point",
  "/api/v1/statique/": "Points de charge (statique)",
  "/api/v1/statique/bulk": "Points de charge (statique, lot)",
  "/api/v1/statique/{id_pdc_itinerance}": "Point de charge (statique)",
  "/api/v1/statique/{id_pdc_itinerance}/up": "Remise en service d'un point",
  "/api/v1/manage/station/siren/{siren}": "Stations d'un SIREN",
  "/api/v1/auth/whoami": "Identité du compte API",
};

/** The data an endpoint handles; QualiCharge's endpoints are named with their door. */
export function endpointLabel(endpoint: string): string {
  if (endpoint === "/api/operation/put") return "Opérations";
  if (endpoint === "/api/courbe/put") return "Courbes";
  if (endpoint in QUALICHARGE_LABELS) return `QualiCharge : ${QUALICHARGE_LABELS[endpoint]}`;
  if (endpoint.startsWith("/api/v1/")) return `QualiCharge : ${endpoint.slice("/api/v1".length)}`;
  if (endpoint === "/api/gireve/emip") return "GIREVE : message eMIP (statut ou relevé de charge)";
  return endpoint;
}

/** The filter's choices of endpoints, by door. */
export const ENDPOINT_CHOICES: { door: string; endpoints: string[] }[] = [
  { door: "ADVENIR", endpoints: ["/api/operation/put", "/api/courbe/put"] },
  { door: "QUALICHARGE", endpoints: Object.keys(QUALICHARGE_LABELS) },
  { door: "GIREVE", endpoints: ["/api/gireve/emip"] },
];
