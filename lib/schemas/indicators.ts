import { z } from "zod";
import { CHANNELS, INDICATOR_CODES, MESH_LEVELS, PERIOD_KINDS } from "@/lib/schemas/indicator-catalogue";

// Inputs of the indicator computation and of the committee read functions.

/** "YYYY-MM" or "YYYY-MM-DD" (Paris calendar) or a Date. */
const monthish = z.union([z.date(), z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, { error: "date attendue au format AAAA-MM ou AAAA-MM-JJ" })]);

export const computeIndicatorsSchema = z
  .object({
    /** First month computed: the month containing `from` (Paris time). */
    from: monthish,
    /** End, exclusive: the computation runs to the end of the month containing the day before. */
    to: monthish,
    seriesId: z.number().int().positive().optional(),
    computedBy: z.string().trim().min(1, { error: "auteur du calcul obligatoire" }).max(200),
    /** Restricts the run to these stations: the run is stored with scope "filtered" and never
     *  read as the latest published run. For tests and checks. */
    stationIds: z.array(z.uuid()).optional(),
    meshLevels: z.array(z.enum(MESH_LEVELS)).min(1).optional(),
    periodKinds: z.array(z.enum(PERIOD_KINDS)).min(1).optional(),
  })
  .strict();

export type ComputeIndicatorsInput = z.input<typeof computeIndicatorsSchema>;

export const indicatorQuerySchema = z.object({
  runId: z.uuid().optional(),
  periodKind: z.enum(PERIOD_KINDS).default("month"),
  periodStart: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "début de période au format AAAA-MM-JJ" })
    .optional(),
  channel: z.enum(CHANNELS).default("all"),
  meshLevel: z.enum(MESH_LEVELS).default("national"),
  meshCode: z.string().max(10).default("FR"),
});

export type IndicatorQuery = z.input<typeof indicatorQuerySchema>;

export const indicatorCodeSchema = z.enum(INDICATOR_CODES);
