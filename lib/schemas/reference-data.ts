import { z } from "zod";

// Inputs of the reference-data operations (carbon series imports), shared by the admin form,
// its server action and the CLI.

export const carbonFormats = ["electricitymaps", "rte_eco2mix"] as const;

export const importCarbonSeriesSchema = z.object({
  /** Detected from the header when absent. */
  format: z.enum(carbonFormats, { error: "format inconnu (electricitymaps ou rte_eco2mix)" }).optional(),
  /** Series family; each import adds a version to it. Defaults by format. */
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: "nom de série : minuscules, chiffres et tirets (2 à 63 caractères)" })
    .optional(),
  source: z.string().trim().min(3, { error: "source trop courte" }).max(500).optional(),
  licence: z.string().trim().min(2, { error: "licence obligatoire" }).max(200).optional(),
  attribution: z.string().trim().max(200).optional(),
});

export type ImportCarbonSeriesInput = z.input<typeof importCarbonSeriesSchema>;

/** A carbon series as shown to people (no points). */
export const carbonSeriesSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  source: z.string(),
  licence: z.string(),
  attribution: z.string(),
  format: z.string(),
  coversFrom: z.date().nullable(),
  coversTo: z.date().nullable(),
  hourCount: z.number().int(),
  gaps: z.array(z.object({ from: z.string(), to: z.string(), hours: z.number().int() })),
  importedAt: z.date(),
  importedBy: z.string(),
});

export type CarbonSeriesSummary = z.infer<typeof carbonSeriesSummarySchema>;
