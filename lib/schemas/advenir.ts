import { z } from "zod";
import { IDENTIFIER_RULE, MAX_IDENTIFIER_LENGTH } from "@/lib/schemas/identifiers";

// The two bodies of the ADVENIR web service (protocol §4.1): UserID → StationID → TransactionID →
// data. These schemas describe one transaction's data and the documented shape of the bodies
// (for the OpenAPI document); lib/channels/advenir/normalize-body.ts walks the body level by level so
// that each error carries its "<UserID>/<StationID>/<TransactionID>/…" path and client
// deviations (array of single-key objects, curve sent to the operation URL) are recognised.

/** 2010-01-01T00:00:00Z: nothing older is accepted. */
export const MIN_TIMESTAMP_S = 1_262_304_000;
/** How far ahead of the server clock a time may be (clocks drift). */
export const MAX_FUTURE_S = 86_400;
/** Minimum distinct points of a load curve (start, end and one in between). */
export const MIN_CURVE_POINTS = 3;

/**
 * Messages of the integer check: an integer beyond ±2^53 (1e20, say) fails it as too big or too
 * small, not for its decimals. `abort`: no second message on the same field.
 */
function integerError(messages: { decimals: string; tooBig: string; tooSmall: string }) {
  return {
    abort: true,
    error: (iss: { code: string }) => (iss.code === "too_big" ? messages.tooBig : iss.code === "too_small" ? messages.tooSmall : messages.decimals),
  };
}

const unixSeconds = (label: string) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? `${label} : champ obligatoire` : `${label} : entier attendu (horodatage UNIX en secondes)`) })
    .int(
      integerError({
        decimals: `${label} : entier attendu (horodatage UNIX en secondes, sans décimale)`,
        tooBig: `${label} : nombre trop grand pour un horodatage UNIX en secondes`,
        tooSmall: `${label} : date antérieure au 1er janvier 2010`,
      }),
    )
    .min(MIN_TIMESTAMP_S, { error: `${label} : date antérieure au 1er janvier 2010` })
    .describe(`${label} : horodatage UNIX en secondes (UTC), au plus tôt le 1er janvier 2010, au plus tard maintenant + 1 jour`);

const energyWh = (label: string) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? `${label} : champ obligatoire` : `${label} : entier attendu (énergie en Wh)`) })
    .int(
      integerError({
        decimals: `${label} : entier attendu (énergie en Wh, sans décimale)`,
        tooBig: `${label} : nombre trop grand (9 007 199 254 740 991 Wh au plus)`,
        tooSmall: `${label} : l'énergie ne peut pas être négative`,
      }),
    )
    .min(0, { error: `${label} : l'énergie ne peut pas être négative` })
    .describe(`${label} : index d'énergie en Wh, entier positif ou nul`);

/** One point of a load curve: time and cumulative energy index. */
export const curvePointSchema = z
  .object({
    timestamp: unixSeconds("timestamp"),
    value: energyWh("value").describe("value : énergie cumulée en Wh (index), croissante dans le temps"),
  })
  .describe("Point de la courbe de charge");

/** A load curve: at least 3 points (2 make an operation); sent in any order, stored sorted by time. */
export const loadCurveSchema = z
  .array(curvePointSchema)
  .min(2, { error: "au moins 2 points attendus" })
  .describe(
    "Courbe de charge d'une transaction : au moins 3 points distincts (début, fin, un intermédiaire) ; " +
      "avec 2 points distincts, elle est enregistrée comme opération de charge (avertissement). " +
      "Les points peuvent arriver dans le désordre ; les points répétés à l'identique sont fusionnés ; " +
      "un même timestamp avec deux valeurs est refusé. L'énergie cumulée ne devrait jamais décroître : " +
      "sinon la courbe est enregistrée avec l'indicateur de qualité index_decroissant et exclue des indicateurs.",
  );

/** A charge operation: a period of actual delivery with its energy index at start and stop. */
export const chargeOperationSchema = z
  .object({
    StartTransaction: unixSeconds("StartTransaction").describe("StartTransaction : début de la délivrance d'énergie (horodatage UNIX en secondes)"),
    StopTransaction: unixSeconds("StopTransaction").describe("StopTransaction : fin de la délivrance d'énergie, au plus tôt au début"),
    StartValue: energyWh("StartValue").describe("StartValue : index d'énergie au début, en Wh"),
    StopValue: energyWh("StopValue").describe(
      "StopValue : index d'énergie à la fin, en Wh ; inférieur à StartValue, l'opération est enregistrée avec l'indicateur de qualité index_decroissant",
    ),
  })
  .describe("Opération de charge : période pendant laquelle le point délivre effectivement de l'énergie. Les champs supplémentaires sont ignorés.");

const userIdKey = z.string().describe("UserID : identifiant (UUID) de l'opérateur, affiché dans son espace");
const identifier = (description: string) => z.string().min(1).max(MAX_IDENTIFIER_LENGTH).describe(`${description} ; ${IDENTIFIER_RULE}`);
const stationIdKey = identifier("StationID : identifiant de station déclaré par le bénéficiaire sur son dossier, pour votre compte");
const transactionIdKey = identifier("TransactionID : identifiant de la charge, unique par station");

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
