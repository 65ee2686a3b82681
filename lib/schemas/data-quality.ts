import { z } from "zod";
import { day } from "@/lib/schemas/audit-filters";

// Query strings of the data-quality report (/operateur/qualite-des-donnees and its CSV of offending
// rows, /admin/qualite-des-donnees and its CSV). Unknown keys are ignored.

const ruleCode = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || /^[SDTX][0-9]{1,2}$/.test(v), { error: "Règle : code inconnu (S1, D1, T1, X1…)" });

/** The offending rows asked for: a day (the latest computed by default) and optionally one rule. */
export const offendersQuerySchema = z.object({ jour: day("Jour"), regle: ruleCode, format: z.string().optional() });
export type OffendersQuery = z.infer<typeof offendersQuerySchema>;

/** The admin's list and export: a day (the latest computed by default). */
export const qualityListQuerySchema = z.object({ jour: day("Jour"), format: z.string().optional() });
export type QualityListQuery = z.infer<typeof qualityListQuerySchema>;

/** The operator of the admin's detail page and its CSV (a path segment). */
export const reportOperatorIdSchema = z.uuid({ error: "Opérateur introuvable" });
