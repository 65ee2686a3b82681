import { z } from "zod";

// Input of the end-of-programme purge of individual data (admin page and CLI).

/** The phrase an administrator types to confirm the purge: it cannot be undone. */
export const PURGE_CONFIRMATION = "PURGER LES DONNÉES INDIVIDUELLES";

export const purgeIndividualDataSchema = z
  .object({
    confirmation: z
      .string()
      .trim()
      .refine((v) => v === PURGE_CONFIRMATION, { error: `recopiez exactement « ${PURGE_CONFIRMATION} »` }),
    actor: z.string().trim().min(1).max(200),
    actorUserId: z.uuid().nullish(),
    /** For tests: the instant the purge happens (defaults to now). */
    now: z.date().optional(),
  })
  .strict();

export type PurgeIndividualDataInput = z.input<typeof purgeIndividualDataSchema>;
