import { z } from "zod";

// The two bodies of the ADVENIR web service (protocol §4.1): UserID → StationID → TransactionID →
// data. These schemas describe one transaction's data and the documented shape of the bodies
// (for the OpenAPI document); lib/ingest/normalize-body.ts walks the body level by level so
// that each error carries its "<UserID>/<StationID>/<TransactionID>/…" path and client
// deviations (array of single-key objects, curve sent to the operation URL) are recognised.

/** 2010-01-01T00:00:00Z: nothing older is accepted. */
export const MIN_TIMESTAMP_S = 1_262_304_000;
/** How far ahead of the server clock a time may be (clocks drift). */
export const MAX_FUTURE_S = 86_400;
/** Minimum distinct points of a load curve (start, end and one in between). */
export const MIN_CURVE_POINTS = 3;

const unixSeconds = (label: string) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? `${label} : champ obligatoire` : `${label} : entier attendu (horodatage UNIX en secondes)`) })
    .int({ error: `${label} : entier attendu (horodatage UNIX en secondes, sans décimale)` })
    .min(MIN_TIMESTAMP_S, { error: `${label} : date antérieure au 1er janvier 2010` })
    .describe(`${label} : horodatage UNIX en secondes (UTC), au plus tôt le 1er janvier 2010, au plus tard maintenant + 1 jour`);

const energyWh = (label: string) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? `${label} : champ obligatoire` : `${label} : entier attendu (énergie en Wh)`) })
    .int({ error: `${label} : entier attendu (énergie en Wh, sans décimale)` })
    .min(0, { error: `${label} : l'énergie ne peut pas être négative` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${label} : valeur trop grande` })
    .describe(`${label} : index d'énergie en Wh, entier positif ou nul`);

/** One point of a load curve: time and cumulative energy index. */
export const curvePointSchema = z
  .object({
    timestamp: unixSeconds("timestamp"),
    value: energyWh("value").describe("value : énergie cumulée en Wh (index), croissante dans le temps"),
  })
  .describe("Point de la courbe de charge");

/** A load curve: at least 3 points; sent in any order, stored sorted by time. */
export const loadCurveSchema = z
  .array(curvePointSchema)
  .min(MIN_CURVE_POINTS, { error: `au moins ${MIN_CURVE_POINTS} points attendus` })
  .describe(
    "Courbe de charge d'une transaction : au moins 3 points distincts (début, fin, un intermédiaire). " +
      "Les points peuvent arriver dans le désordre ; les points répétés à l'identique sont fusionnés ; " +
      "un même timestamp avec deux valeurs est refusé ; l'énergie cumulée ne décroît jamais.",
  );

/** A charge operation: a period of actual delivery with its energy index at start and stop. */
export const chargeOperationSchema = z
  .object({
    StartTransaction: unixSeconds("StartTransaction").describe("StartTransaction : début de la délivrance d'énergie (horodatage UNIX en secondes)"),
    StopTransaction: unixSeconds("StopTransaction").describe("StopTransaction : fin de la délivrance d'énergie, strictement après le début"),
    StartValue: energyWh("StartValue").describe("StartValue : index d'énergie au début, en Wh"),
    StopValue: energyWh("StopValue").describe("StopValue : index d'énergie à la fin, en Wh, au moins égal à StartValue"),
  })
  .describe("Opération de charge : période pendant laquelle le point délivre effectivement de l'énergie. Les champs supplémentaires sont ignorés.");

const userIdKey = z.string().describe("UserID : identifiant (UUID) de l'opérateur, affiché dans son espace");
const stationIdKey = z.string().describe("StationID : identifiant de station déclaré par le bénéficiaire sur son dossier");
const transactionIdKey = z.string().describe("TransactionID : identifiant de la charge, unique par station");

/** A station's transactions: an object, or (tolerated) an array of single-key objects. */
function transactionsOf<T extends z.ZodType>(data: T) {
  return z
    .union([z.record(transactionIdKey, data), z.array(z.record(transactionIdKey, data))])
    .describe("Transactions de la station : objet TransactionID → données, ou tableau d'objets à une seule clé");
}

export const curveBodySchema = z
  .record(userIdKey, z.record(stationIdKey, transactionsOf(loadCurveSchema)))
  .describe("Corps de POST /api/courbe/put : UserID → StationID → TransactionID → points de la courbe de charge");

export const operationBodySchema = z
  .record(userIdKey, z.record(stationIdKey, transactionsOf(chargeOperationSchema)))
  .describe("Corps de POST /api/operation/put : UserID → StationID → TransactionID → opération de charge");

export const advenirMessageSchema = z.object({
  chemin: z.string().describe("Emplacement dans le corps : <UserID>/<StationID>/<TransactionID>/<champ ou rang du point>"),
  message: z.string().describe("Explication en français"),
});

export const advenirSuccessSchema = z
  .object({
    statut: z.literal("OK"),
    recus: z.number().int().describe("Transactions distinctes reçues"),
    enregistres: z.number().int().describe("Transactions créées ou modifiées"),
    inchanges: z.number().int().describe("Transactions renvoyées à l'identique (déjà enregistrées)"),
    avertissements: z.array(advenirMessageSchema).describe("Données enregistrées mais signalées (indicateurs de qualité, écarts de format tolérés)"),
  })
  .describe("Réponse en cas de succès");

export const advenirFailureSchema = z
  .object({
    statut: z.literal("ECHEC"),
    erreurs: z.array(advenirMessageSchema).describe("Toutes les erreurs trouvées (1 000 au plus) ; rien n'a été enregistré"),
    reference: z.string().optional().describe("Référence de l'incident à communiquer au support (erreur interne uniquement)"),
  })
  .describe("Réponse en cas d'échec");

export type CurvePoint = z.infer<typeof curvePointSchema>;
export type ChargeOperationInput = z.infer<typeof chargeOperationSchema>;
export type AdvenirMessage = z.infer<typeof advenirMessageSchema>;
export type AdvenirSuccess = z.infer<typeof advenirSuccessSchema>;
export type AdvenirFailure = z.infer<typeof advenirFailureSchema>;
