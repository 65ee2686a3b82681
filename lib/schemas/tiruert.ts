import { z } from "zod";

// Inputs of the electric TIRUERT (lib/tiruert, docs/tiruert.md), one schema per operation, shared
// by the forms, the server actions and the route handlers. Messages in French; the path of each
// offending field is added by parseInput.

/** A decimal typed with a comma or a point ("30,1" or "30.1"), with Eurostat's three decimals at most. */
const frenchDecimal = z
  .string({ error: "valeur requise" })
  .trim()
  .regex(/^\d{1,3}([.,]\d{1,3})?$/, "nombre attendu, au plus trois décimales (ex. 30,295)")
  .transform((s) => Number(s.replace(",", ".")))
  .refine((n) => n >= 0 && n <= 100, "part comprise entre 0 et 100 %");

const year = z.coerce.number({ error: "année attendue" }).int("année entière attendue").min(2000, "année à partir de 2000").max(2100, "année jusqu'à 2100");

/** The admin's entry of a year's renewable share of electricity (Eurostat SHARES, RES-E). */
export const renewableShareSchema = z.object({
  year,
  sharePercent: frenchDecimal,
  source: z
    .string({ error: "source requise" })
    .trim()
    .min(10, "indiquez la source (adresse de la publication Eurostat et date de lecture)")
    .max(500, "500 caractères au plus"),
});
export type RenewableShareInput = z.output<typeof renewableShareSchema>;

/** A year whose share the admin removes (a value entered by mistake). */
export const removeRenewableShareSchema = z.object({ year });

const siren = z
  .string({ error: "SIREN requis" })
  .trim()
  .regex(/^\d{9}$/, "SIREN de 9 chiffres attendu");
const quarter = z.coerce.number({ error: "trimestre attendu" }).int("trimestre attendu").min(1, "trimestre de 1 à 4").max(4, "trimestre de 1 à 4");

/** The page of one quarter's statement: /…/tiruert/etats/[siren]/[annee]/[trimestre]. */
export const statementRefSchema = z.object({ siren, year, quarter });

/** Filing (or correcting) a statement: the latest version the person saw, for idempotence. */
export const fileStatementSchema = z.object({
  siren,
  year,
  quarter,
  expectedVersion: z.coerce.number({ error: "version attendue" }).int("version entière attendue").min(0, "version positive attendue"),
});
export type FileStatementFormInput = z.output<typeof fileStatementSchema>;

const METER_CODES = ["mid_ac", "dc_conforme", "pdl_dedie"] as const;

/**
 * The registration form: a checkbox `point:<chargePointId>` per point and a select
 * `meter:<chargePointId>`; read as the list of checked points with their meter type.
 */
export const registerPointsSchema = z
  .record(z.string(), z.string())
  .transform((values) =>
    Object.keys(values)
      .filter((k) => k.startsWith("point:") && values[k] === "on")
      .map((k) => ({ chargePointId: k.slice(6), meterType: values[`meter:${k.slice(6)}`] ?? "" })),
  )
  .pipe(
    z
      .array(
        z.object({
          chargePointId: z.uuid("identifiant de point invalide"),
          meterType: z.enum(METER_CODES, { error: "choisissez le type de compteur du point" }),
        }),
      )
      .min(1, "cochez au moins un point")
      .max(1000, "1 000 points au plus par enregistrement"),
  )
  .transform((points) => ({ points }));
export type RegisterPointsFormInput = z.output<typeof registerPointsSchema>;

/** A filed version's id in the export paths (/api/tiruert/etats/[id]/…). */
export const statementIdSchema = z.object({ id: z.uuid("identifiant d'état invalide") });

/** Taking a registered point out of the scheme. */
export const unregisterPointSchema = z.object({ chargePointId: z.uuid("choisissez un point enregistré") });
