import { z } from "zod";

// Filters of the operator console's lists, read from the page's query string (?env=…&page=…).
// Unknown or malformed values are ignored rather than refused: the list then shows everything.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);
const optionalDay = z.string().regex(DAY).optional().catch(undefined);

export const ENDPOINTS = ["/api/operation/put", "/api/courbe/put"] as const;

export const submissionFiltersSchema = z.object({
  env: optionalEnum(["production", "sandbox"]),
  outcome: optionalEnum(["OK", "ECHEC"]),
  endpoint: optionalEnum(ENDPOINTS),
  /** First day included (YYYY-MM-DD, Paris time). */
  du: optionalDay,
  /** Last day included (YYYY-MM-DD, Paris time). */
  au: optionalDay,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type SubmissionFilters = z.infer<typeof submissionFiltersSchema>;

export const anomalyFiltersSchema = z.object({
  env: optionalEnum(["production", "sandbox"]),
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
