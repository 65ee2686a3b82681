import { z } from "zod";

// Filters of the operator console's lists, read from the page's query string (?env=…&page=…).
// Unknown or malformed values are ignored rather than refused: the list then shows everything.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day that exists ("2026-13-01" matches the pattern but is no day: ignored too). */
function isRealDay(v: string): boolean {
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(v);
}

const optionalDay = z.string().regex(DAY).refine(isRealDay).optional().catch(undefined);

export const ADVENIR_ENDPOINTS = ["/api/operation/put", "/api/courbe/put"] as const;
/** The QualiCharge API's routes as its journal names them (their path patterns, lib/channels/qualicharge/journal.ts). */
export const QUALICHARGE_ENDPOINTS = [
  "/api/v1/dynamique/session/",
  "/api/v1/dynamique/session/bulk",
  "/api/v1/dynamique/session/check",
  "/api/v1/dynamique/status/",
  "/api/v1/dynamique/status/bulk",
  "/api/v1/dynamique/status/{id_pdc_itinerance}",
  "/api/v1/dynamique/status/{id_pdc_itinerance}/history",
  "/api/v1/statique/",
  "/api/v1/statique/bulk",
  "/api/v1/statique/{id_pdc_itinerance}",
  "/api/v1/statique/{id_pdc_itinerance}/up",
  "/api/v1/manage/station/siren/{siren}",
  "/api/v1/auth/whoami",
] as const;
/** GIREVE's eMIP relay (lib/channels/gireve/serve-gireve.ts): one endpoint, one message per call. */
export const GIREVE_ENDPOINTS = ["/api/gireve/emip"] as const;
export const ENDPOINTS = [...ADVENIR_ENDPOINTS, ...QUALICHARGE_ENDPOINTS, ...GIREVE_ENDPOINTS] as const;
/** The doors a call can come through (the submission's `door`). */
export const DOORS = ["ADVENIR", "QUALICHARGE", "GIREVE"] as const;

export const submissionFiltersSchema = z.object({
  env: z.enum(["production", "sandbox"]).optional().catch(undefined),
  outcome: z.enum(["OK", "ECHEC"]).optional().catch(undefined),
  door: z.enum(DOORS).optional().catch(undefined),
  endpoint: z.enum(ENDPOINTS).optional().catch(undefined),
  /** First day included (YYYY-MM-DD, Paris time). */
  du: optionalDay,
  /** Last day included (YYYY-MM-DD, Paris time). */
  au: optionalDay,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type SubmissionFilters = z.infer<typeof submissionFiltersSchema>;

export const anomalyFiltersSchema = z.object({
  env: z.enum(["production", "sandbox"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AnomalyFilters = z.infer<typeof anomalyFiltersSchema>;

/** Next's searchParams (string | string[] | undefined) → the first value of each key. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value !== "") out[k] = value;
  }
  return out;
}
