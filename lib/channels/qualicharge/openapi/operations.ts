import { ref } from "@/lib/channels/qualicharge/openapi/schemas";
import { detail, forbidden, invalid, ok } from "@/lib/channels/qualicharge/openapi/responses";
import { EXAMPLE_SIREN, stationWithPdlExample, tokenExample, whoamiExample } from "@/lib/channels/qualicharge/openapi/examples";
import { AUTH, MANAGE, operation, type Operation } from "@/lib/channels/qualicharge/openapi/operation";
import { statiqueOperations } from "@/lib/channels/qualicharge/openapi/statique-operations";
import { dynamiqueOperations } from "@/lib/channels/qualicharge/openapi/dynamique-operations";

export { QUALICHARGE_TAGS } from "@/lib/channels/qualicharge/openapi/operation";

// The operations of QualiCharge's API v1 as the portal serves them (../shared/docs/QUALICHARGE.md,
// table "Endpoints"), keyed by their path under /api/v1 and method: authentication and management
// here, statique and dynamique in their own files.

const authOperations: Record<string, Record<string, Operation>> = {
  "/auth/token": {
    post: operation({
      id: "qualichargeToken",
      tag: AUTH,
      summary: "Obtenir un jeton d'accès",
      description: "Flux OAuth2 « password » : identifiant et mot de passe de l'utilisateur d'API, en formulaire. Le jeton (JWT) vaut 30 minutes.",
      scope: null,
      body: { schema: ref("TokenRequest"), example: { grant_type: "password", username: "supervision-xyz", password: "…" }, form: true },
      responses: [
        ["200", ok("Jeton d'accès", ref("Token"), tokenExample)],
        [
          "401",
          {
            description: "Identifiant ou mot de passe faux, ou utilisateur désactivé",
            headers: { "WWW-Authenticate": { description: "Bearer", schema: { type: "string" } } },
            content: { "application/json": { schema: ref("AuthenticationFailed"), example: { message: "Authentication failed: Wrong login or password" } } },
          },
        ],
        ["422", invalid(["body", "username"], "Field required", "missing")],
        [
          "429",
          {
            description: "Trop d'échecs pour cet identifiant ou cette adresse : réessayer après Retry-After",
            headers: { "Retry-After": { description: "Secondes avant de réessayer", schema: { type: "integer" } } },
            content: {
              "application/json": { schema: ref("DetailError"), example: { detail: "Too many failed authentication attempts: retry in 900 seconds" } },
            },
          },
        ],
      ],
    }),
  },
  "/auth/whoami": {
    get: operation({
      id: "qualichargeWhoami",
      tag: AUTH,
      summary: "L'utilisateur du jeton",
      description: "L'utilisateur d'API, ses portées, ses groupes et ses unités opérationnelles. Tout jeton valide suffit.",
      scope: "authenticated",
      responses: [["200", ok("L'utilisateur", ref("WhoAmI"), whoamiExample)]],
    }),
  },
};

const manageOperations: Record<string, Record<string, Operation>> = {
  "/manage/station/siren/{siren}": {
    get: operation({
      id: "qualichargeStationsBySiren",
      tag: MANAGE,
      summary: "Stations d'un aménageur ayant un PDL",
      description: "Les stations de ce SIREN d'aménageur qui ont un point de livraison (PDL).",
      scope: "manage:read",
      parameters: [{ name: "siren", in: "path", required: true, schema: { type: "string", pattern: "^\\d{9}$", examples: [EXAMPLE_SIREN] } }],
      responses: [
        ["200", ok("Les stations", { type: "array", items: ref("StationWithPdl") }, stationWithPdlExample)],
        ["403", forbidden("missing scope manage:read")],
        detail(404, "Aucune station pour ce SIREN", "No station corresponds to your request"),
      ],
    }),
  },
};

/** Path under /api/v1 → method → operation. */
export const qualichargeOperations: Record<string, Record<string, Operation>> = {
  ...authOperations,
  ...statiqueOperations,
  ...dynamiqueOperations,
  ...manageOperations,
};
