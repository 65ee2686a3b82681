import { z } from "zod";
import { stationCodeSchema, stationInputSchema } from "@/lib/schemas/stations";
import { parisDay } from "@/lib/platform/time/paris-time";

// Corrections and withdrawals of stations and charge points (lib/stations/), as typed in the
// beneficiary's forms. Field paths are the forms' input names.

/** A calendar day typed in a date input ("AAAA-MM-JJ"), checked to exist. */
export const dayOfChangeSchema = z
  .string({ error: "Date du changement est obligatoire" })
  .trim()
  .min(1, { error: "Date du changement est obligatoire" })
  .refine(
    (v) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
      const t = Date.parse(`${v}T00:00:00Z`);
      return !Number.isNaN(t) && new Date(t).toISOString().startsWith(v);
    },
    { error: "Date du changement : date invalide (jj/mm/aaaa)" },
  )
  // Checked with the other fields so that a form shows every error at once (and again against
  // the moment of the change by lib/stations/change-deadline.ts).
  .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || v <= parisDay(new Date()), {
    error: "Date du changement ne peut pas être dans le futur : déclarez le changement une fois fait",
  });

const stationRef = {
  stationId: z.uuid({ error: "Station introuvable" }),
  effectiveOn: dayOfChangeSchema,
};

export const correctStationSchema = z.object({
  ...stationRef,
  stationCode: stationCodeSchema,
  pointCount: stationInputSchema.shape.pointCount,
  nominalPowerKw: stationInputSchema.shape.nominalPowerKw,
});
export type CorrectStationInput = z.input<typeof correctStationSchema>;

export const withdrawStationSchema = z.object({
  ...stationRef,
  confirm: z.literal(true, { error: "Confirmation : cochez la case pour retirer la station" }),
});
export type WithdrawStationInput = z.input<typeof withdrawStationSchema>;

export const withdrawChargePointSchema = z.object({
  chargePointId: z.uuid({ error: "Point de charge introuvable" }),
  effectiveOn: dayOfChangeSchema,
  confirm: z.literal(true, { error: "Confirmation : cochez la case pour retirer le point de charge" }),
});
export type WithdrawChargePointInput = z.input<typeof withdrawChargePointSchema>;
