import { z } from "zod";
import { inseeCodeSchema } from "@/lib/schemas/dossiers";
import { checkIdentifier } from "@/lib/schemas/identifiers";

/**
 * Station identifier as sent by the operator (ADVENIR StationID, or eMI3 id for GIREVE), stored
 * in Unicode NFC as the data API compares it (lib/schemas/identifiers.ts): a code typed with a
 * decomposed "é" matches the one the operator sends composed, and the reverse.
 */
export const stationCodeSchema = z
  .string({ error: "Identifiant de la station est obligatoire" })
  .trim()
  .normalize("NFC")
  .min(1, { error: "Identifiant de la station est obligatoire" })
  .max(100, { error: "Identifiant de la station : 100 caractères au plus" })
  .regex(/^[^\s,;"]+$/, { error: "Identifiant de la station : sans espace, virgule, point-virgule ni guillemet" })
  .refine((code) => checkIdentifier(code, "code de station").ok, {
    error: "Identifiant de la station : caractère de contrôle, invisible ou de direction du texte",
  });

export const stationInputSchema = z.object({
  stationCode: stationCodeSchema,
  pointCount: z
    .number({ error: "Nombre de points est obligatoire (nombre entier)" })
    .int({ error: "Nombre de points : nombre entier attendu" })
    .min(1, { error: "Nombre de points : au moins 1" })
    .max(100, { error: "Nombre de points : au plus 100 par station" }),
  nominalPowerKw: z
    .number({ error: "Puissance nominale par point est obligatoire (en kW, par exemple 7,4)" })
    .gt(0, { error: "Puissance nominale par point : doit être supérieure à 0 kW" })
    .max(1000, { error: "Puissance nominale par point : au plus 1 000 kW (valeur en kW, pas en W ?)" })
    .refine((v) => Math.round(v * 100) / 100 === v, { error: "Puissance nominale par point : 2 décimales au plus" }),
  inseeCode: inseeCodeSchema.optional(),
});
export type StationInput = z.input<typeof stationInputSchema>;

export const registerStationsSchema = z
  .object({
    dossierId: z.uuid({ error: "Dossier introuvable" }),
    stations: z
      .array(stationInputSchema, { error: "Stations : liste obligatoire" })
      .min(1, { error: "Stations : au moins une station" })
      .max(1000, { error: "Stations : au plus 1 000 par envoi" }),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.stations.forEach((s, i) => {
      if (seen.has(s.stationCode))
        ctx.addIssue({ code: "custom", path: ["stations", i, "stationCode"], message: `Identifiant de la station ${s.stationCode} en double dans la saisie` });
      seen.add(s.stationCode);
    });
  });
export type RegisterStationsInput = z.input<typeof registerStationsSchema>;
