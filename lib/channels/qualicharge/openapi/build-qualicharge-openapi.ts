import { qualichargeSchemas } from "@/lib/channels/qualicharge/openapi/schemas";
import { QUALICHARGE_TAGS, qualichargeOperations } from "@/lib/channels/qualicharge/openapi/operations";
import { SCOPES } from "@/lib/channels/qualicharge/auth/scopes";

// The QualiCharge door's part of the portal's OpenAPI 3.1 document: its paths (under /api/v1),
// schemas, tags and its OAuth2 security scheme. The portal's document (app/api/openapi.json/)
// merges it with the ADVENIR door's; this door never imports the other one.

const SCOPE_DESCRIPTIONS: Record<(typeof SCOPES)[number], string> = {
  "static:create": "Déclarer des points (POST /statique/, /statique/bulk)",
  "static:read": "Lire ses points",
  "static:update": "Mettre à jour ses points (PUT)",
  "static:delete": "Décommissionner et remettre en service ses points",
  "dynamic:create": "Envoyer des états et des sessions",
  "dynamic:read": "Lire ses états, vérifier ses sessions",
  "dynamic:update": "(réservé, aucune route)",
  "dynamic:delete": "(réservé, aucune route)",
  "manage:read": "Lire les stations d'un aménageur par SIREN",
};

/** The API's prefix (serve-qualicharge.ts's, not imported: the document needs no server; the tests compare them). */
export const DOCUMENTED_PREFIX = "/api/v1";
export const QUALICHARGE_SECURITY_SCHEME = "qualichargeOAuth2";

export function buildQualichargeOpenApi() {
  const paths = Object.fromEntries(Object.entries(qualichargeOperations).map(([path, methods]) => [`${DOCUMENTED_PREFIX}${path}`, methods]));
  return {
    description:
      "API v1 de QualiCharge servie par le portail sous /api/v1 : un client écrit pour QualiCharge fonctionne en changeant seulement son URL de base. " +
      "Jeton OAuth2 (mot de passe) à POST /api/v1/auth/token, puis en-tête Authorization: Bearer. Les messages d'erreur sont ceux de QualiCharge, en anglais. " +
      "Voir docs/api-qualicharge.md pour les comptes, les unités opérationnelles et les différences avec QualiCharge.",
    tags: [...QUALICHARGE_TAGS],
    paths,
    schemas: qualichargeSchemas,
    securitySchemes: {
      [QUALICHARGE_SECURITY_SCHEME]: {
        type: "oauth2",
        description:
          "Utilisateur d'API créé par l'opérateur technique, dans des groupes qui détiennent des unités opérationnelles (préfixes AFIREV). " +
          "Un point est à l'utilisateur si les 5 premiers caractères de son identifiant sont le code d'une de ses unités.",
        flows: { password: { tokenUrl: `${DOCUMENTED_PREFIX}/auth/token`, scopes: SCOPE_DESCRIPTIONS } },
      },
    },
  };
}

export type QualichargeOpenApi = ReturnType<typeof buildQualichargeOpenApi>;
