import { z } from "zod";

// Inputs of the electric TIRUERT (lib/tiruert, docs/tiruert.md), one schema per operation, shared
// by the forms, the server actions and the route handlers. Messages in French; the path of each
// offending field is added by parseInput.

/** A decimal typed with a comma or a point ("30,1" or "30.1"). */
const frenchDecimal = z
  .string({ error: "valeur requise" })
  .trim()
  .regex(/^\d{1,3}([.,]\d{1,2})?$/, "nombre attendu, au plus deux décimales (ex. 30,25)")
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
