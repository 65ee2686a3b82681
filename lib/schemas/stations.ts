import { z } from "zod";
import { inseeCodeSchema } from "@/lib/schemas/dossiers";
import { checkIdentifier } from "@/lib/schemas/identifiers";

/**
 * Station identifier as sent by the operator (ADVENIR StationID, or eMI3 id for GIREVE), stored
 * in Unicode NFC as the data API compares it (lib/schemas/identifiers.ts): a code typed with a
 * decomposed "é" matches the one the operator sends composed, and the reverse.
 */
export const stationCodeSchema = z
  .string({ error: "code de station obligatoire" })
  .trim()
  .normalize("NFC")
  .min(1, { error: "code de station obligatoire" })
  .max(100, { error: "code de station : 100 caractères au plus" })
  .regex(/^[^\s,;"]+$/, { error: "code de station invalide (sans espace, virgule, point-virgule ni guillemet)" })
  .refine((code) => checkIdentifier(code, "code de station").ok, {
    error: "code de station invalide : caractère de contrôle, invisible ou de direction du texte",
  });

export const stationInputSchema = z.object({
  stationCode: stationCodeSchema,
  pointCount: z
    .number({ error: "nombre de points de charge obligatoire (entier)" })
    .int({ error: "le nombre de points de charge doit être un entier" })
    .min(1, { error: "au moins 1 point de charge" })
    .max(100, { error: "au plus 100 points de charge par station" }),
  nominalPowerKw: z
    .number({ error: "puissance nominale obligatoire (kW)" })
    .gt(0, { error: "la puissance nominale doit être positive" })
    .max(1000, { error: "puissance nominale supérieure à 1 000 kW" })
    .refine((v) => Math.round(v * 100) / 100 === v, { error: "puissance : 2 décimales au plus" }),
  inseeCode: inseeCodeSchema.optional(),
});
export type StationInput = z.input<typeof stationInputSchema>;

export const registerStationsSchema = z
  .object({
    dossierId: z.uuid({ error: "identifiant de dossier invalide (UUID attendu)" }),
    stations: z
      .array(stationInputSchema, { error: "liste de stations obligatoire" })
      .min(1, { error: "au moins une station" })
      .max(1000, { error: "au plus 1 000 stations par envoi" }),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.stations.forEach((s, i) => {
      if (seen.has(s.stationCode))
        ctx.addIssue({ code: "custom", path: ["stations", i, "stationCode"], message: `code de station ${s.stationCode} en double dans la saisie` });
      seen.add(s.stationCode);
    });
  });
export type RegisterStationsInput = z.input<typeof registerStationsSchema>;
