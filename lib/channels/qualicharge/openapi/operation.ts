import { ID_PDC_ITINERANCE, ref } from "@/lib/channels/qualicharge/openapi/schemas";
import { detail, forbidden, unauthorized, unavailable } from "@/lib/channels/qualicharge/openapi/responses";

// What every operation of the QualiCharge part of the OpenAPI document shares: its tags, the
// common parameters and errors, and `operation()`, which writes one operation with its scope
// (x-qualicharge-scope, also its security requirement, so that the tests compare it with the
// door's route table) and the answers every scoped route may give (401, 403 for the scope, 503).

export const QUALICHARGE_TAGS = [
  { name: "QualiCharge — authentification", description: "Jeton OAuth2 (mot de passe) et utilisateur courant" },
  { name: "QualiCharge — statique", description: "Points de recharge et leurs stations (schéma IRVE statique)" },
  { name: "QualiCharge — états", description: "États des points (dynamique)" },
  { name: "QualiCharge — sessions", description: "Sessions de recharge (dynamique)" },
  { name: "QualiCharge — gestion", description: "Stations d'un aménageur ayant un PDL" },
] as const;
export const [AUTH, STATIQUE, STATUS, SESSION, MANAGE] = QUALICHARGE_TAGS.map((t) => t.name);

export type Operation = Record<string, unknown>;
type Scope = string | "authenticated" | null;

export const pdcParam = { name: "id_pdc_itinerance", in: "path", required: true, schema: ID_PDC_ITINERANCE };
export const gzipParam = {
  name: "Content-Encoding",
  in: "header",
  required: false,
  description: "gzip pour un corps compressé",
  schema: { type: "string", enum: ["gzip", "identity"] },
};
export const fromParam = {
  name: "from",
  in: "query",
  required: false,
  description: "Seulement les états dont l'horodatage est postérieur ou égal à cet instant",
  schema: { type: "string", format: "date-time" },
};
export const bulkNote = "Taille maximale : QUALICHARGE_BULK_MAX éléments (1 000 par défaut), 422 au-delà. Tout ou rien : une erreur et rien n'est enregistré.";

export function operation(o: {
  id: string;
  tag: string;
  summary: string;
  description: string;
  scope: Scope;
  parameters?: unknown[];
  body?: { schema: unknown; example: unknown; form?: boolean };
  responses: [string, unknown][];
}): Operation {
  const security = o.scope === null ? [] : [{ qualichargeOAuth2: o.scope === "authenticated" ? [] : [o.scope] }];
  const withBody = o.body && !o.body.form;
  const parameters = [...(o.parameters ?? []), ...(withBody ? [gzipParam] : [])];
  const errors: [string, unknown][] = o.scope === null ? [] : [["401", unauthorized]];
  // Every scope is checked before anything else: a missing one is a 403 on every scoped route.
  if (o.scope && o.scope !== "authenticated" && !o.responses.some(([status]) => status === "403")) errors.push(["403", forbidden(`missing scope ${o.scope}`)]);
  return {
    operationId: o.id,
    tags: [o.tag],
    summary: o.summary,
    description: o.description,
    "x-qualicharge-scope": o.scope,
    security,
    ...(parameters.length ? { parameters } : {}),
    ...(o.body
      ? {
          requestBody: {
            required: true,
            content: { [o.body.form ? "application/x-www-form-urlencoded" : "application/json"]: { schema: o.body.schema, example: o.body.example } },
          },
        }
      : {}),
    responses: Object.fromEntries([...o.responses, ...errors, ["503", unavailable] as [string, unknown]].sort(([a], [b]) => a.localeCompare(b))),
  };
}

export const notManaged = forbidden("You don't manage this charge point");
export const notAssigned = forbidden("You cannot submit data for an organization you are not assigned to");
export const unknownPdc = detail(404, "Point de recharge inconnu (ou décommissionné)", "Point of charge does not exist");
export const unknownTarget = detail(404, "Point de recharge inconnu", "Target charge point does not exist");
export const arrayOf = (item: string) => ({ type: "array", minItems: 1, items: ref(item) });
