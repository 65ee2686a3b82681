import { z } from "zod";

// Filters of the admin's audit log (/admin/journal and its CSV export), read from the query string.

/** An optional day (AAAA-MM-JJ, as a date input sends it), refused in French when invalid. */
export const day = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine(
      (v) => {
        if (v === undefined) return true;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
        const t = Date.parse(`${v}T00:00:00Z`);
        return !Number.isNaN(t) && new Date(t).toISOString().startsWith(v);
      },
      { error: `${label} : date invalide (jj/mm/aaaa)` },
    );

export const auditFiltersSchema = z
  .object({
    auteur: z
      .string()
      .trim()
      .max(200, { error: "Auteur : 200 caractères au plus" })
      .optional()
      .transform((v) => v || undefined),
    action: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => v || undefined),
    du: day("Du"),
    au: day("Au"),
    page: z.coerce.number<string>().int().min(1).catch(1).default(1),
  })
  .superRefine(datesInOrder);

/** "Au" before "Du" is refused on the "au" field. */
export function datesInOrder(v: { du?: string; au?: string }, ctx: z.RefinementCtx): void {
  // Runs even when a date failed its own check ("2026-13-01"): such a date is left to that message.
  const valid = (d: string) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  };
  if (v.du && v.au && valid(v.du) && valid(v.au) && v.au < v.du)
    ctx.addIssue({ code: "custom", path: ["au"], message: "Au : la date de fin vient avant la date de début" });
}

export type AuditFilters = z.output<typeof auditFiltersSchema>;

/** The first value of each query parameter. */
export function queryValues(params: Record<string, string | string[] | undefined> | URLSearchParams): Record<string, string> {
  if (params instanceof URLSearchParams) return Object.fromEntries([...params.keys()].map((k) => [k, params.get(k) ?? ""]));
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : (v ?? "")]));
}
