// Examples of the OpenAPI document: the protocol's own curl example (section "Tests"), with a
// sample UserID, and the answers the portal gives.

export const SAMPLE_USER_ID = "a6d0c5e2-4f1b-4c8e-9d3a-2b7e5f8c1d90";

/** The body of the protocol document's curl example. */
export const operationExample = {
  [SAMPLE_USER_ID]: {
    R320: {
      "54545": { StartTransaction: 1458293125, StopTransaction: 1458293135, StartValue: 1246, StopValue: 4563 },
      "54546": { StartTransaction: 1459293125, StopTransaction: 1468293135, StartValue: 4666, StopValue: 5773 },
    },
    "1234": { "6565": { StartTransaction: 1458303125, StopTransaction: 1458403135, StartValue: 21246, StopValue: 24563 } },
  },
};

export const curveExample = {
  [SAMPLE_USER_ID]: {
    R320: {
      "54545": [
        { timestamp: 1458293125, value: 2345 },
        { timestamp: 1458293425, value: 2600 },
        { timestamp: 1458293725, value: 2810 },
      ],
    },
  },
};

export const okExample = {
  statut: "OK",
  recus: 3,
  enregistres: 3,
  inchanges: 0,
  avertissements: [
    {
      chemin: `${SAMPLE_USER_ID}/R320/54545`,
      message:
        "energie_superieure_puissance : énergie supérieure à ce que la puissance nominale de la station permet sur cette durée : données enregistrées mais exclues des indicateurs",
    },
    { chemin: `${SAMPLE_USER_ID}/R320/54546`, message: "duree_excessive : durée supérieure à 7 jours : données enregistrées mais exclues des indicateurs" },
  ],
};

const failure = (chemin: string, message: string) => ({ statut: "ECHEC", erreurs: [{ chemin, message }] });

/** One example answer per failure status. */
export const failureExamples: Record<number, { description: string; example: object }> = {
  400: {
    description:
      "JSON ou structure invalide, imbrication ou nombre de champs au-delà des limites, gzip illisible, corps qui n'est pas en UTF-8 (l'encodage vu est nommé), " +
      "requête HTTP mal formée (découpage chunked invalide, connexion fermée avant la fin du Content-Length annoncé) ; la connexion est alors fermée",
    example: failure("(corps)", 'JSON invalide à la position 42 (ligne 1, colonne 43) : « , » ou « } » attendu, près de « 4563 "StopValue": 4563} »'),
  },
  401: {
    description:
      "Identifiants absents, faux ou révoqués, ou accès révoqué pendant l'envoi (fin du programme) : rien n'est enregistré (en-tête WWW-Authenticate)",
    example: failure("(authentification)", "identifiants absents : authentification HTTP Basic requise"),
  },
  403: {
    description: "UserID d'un autre compte ; rien n'est enregistré",
    example: failure(
      "b1e2c3d4-0000-4000-8000-000000000000",
      "ce UserID n'est pas celui de votre compte : utilisez l'identifiant affiché dans votre espace opérateur",
    ),
  },
  408: {
    description:
      "En-têtes (API_HEADERS_TIMEOUT_MS) ou corps entier (API_BODY_TIMEOUT_MS) non reçus dans les délais, 30 s par défaut ; rien n'est enregistré, la connexion est fermée",
    example: failure("(corps)", "délai dépassé : le corps n'a pas été reçu en entier dans les 30 s ; rien n'a été enregistré"),
  },
  413: {
    description:
      "Corps trop volumineux, tel qu'envoyé (API_MAX_BODY_BYTES, 50 Mo par défaut : refusé sans lire la suite) ou une fois décompressé (API_MAX_INFLATED_BYTES, 64 Mo par défaut : vérifié pendant la décompression)",
    example: failure("(corps)", "corps trop volumineux (plus de 50 Mo) : découpez l'envoi"),
  },
  415: {
    description: "Type de contenu ou encodage non pris en charge",
    example: failure("(corps)", "type de contenu application/xml non pris en charge : envoyez du JSON (application/json)"),
  },
  422: {
    description:
      "Données bien formées mais invalides ou ambiguës (identifiant hors de l'alphabet admis, clé répétée avec une autre valeur, même timestamp avec deux valeurs…), " +
      "station inconnue pour votre compte (une station d'un autre opérateur est répondue de même) ou attestation non signée ; rien n'est enregistré",
    example: failure(`${SAMPLE_USER_ID}/R320/54545/StopValue`, "StopValue : entier attendu (énergie en Wh, sans décimale)"),
  },
  429: {
    description: "Trop d'échecs d'authentification (en-tête Retry-After)",
    example: failure("(authentification)", "trop d'échecs d'authentification : réessayez dans 900 secondes"),
  },
  500: {
    description: "Erreur interne : rien n'est enregistré ; la réponse donne une référence à communiquer au support",
    example: {
      statut: "ECHEC",
      erreurs: [
        { chemin: "(serveur)", message: "erreur interne : rien n'a été enregistré ; réessayez plus tard ou communiquez la référence 3f2b… au support" },
      ],
      reference: "3f2b9c1e-7a4d-4e2b-9f0a-1c2d3e4f5a6b",
    },
  },
  503: {
    description:
      "Serveur saturé (budget API_MAX_INFLIGHT_BODY_BYTES de corps en cours atteint : Retry-After 2) ou base de données momentanément injoignable (Retry-After 5) ; " +
      "rien n'est enregistré : renvoyez le même corps après le délai",
    example: failure("(serveur)", "base de données momentanément indisponible : rien n'a été enregistré ; réessayez dans 5 s"),
  },
};
