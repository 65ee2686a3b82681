import { ID_PDC_ITINERANCE, ref } from "@/lib/channels/qualicharge/openapi/schemas";
import { detail, forbidden, invalid, noContent, ok, unauthorized, unavailable } from "@/lib/channels/qualicharge/openapi/responses";
import {
  EXAMPLE_SIREN,
  UUID_EXAMPLES,
  sessionExamples,
  stationWithPdlExample,
  statiqueExamples,
  statiquePageExample,
  statusExamples,
  tokenExample,
  whoamiExample,
} from "@/lib/channels/qualicharge/openapi/examples";

// The operations of QualiCharge's API v1 as the portal serves them (../shared/docs/QUALICHARGE.md,
// table "Endpoints"), keyed by their path under /api/v1 and method. Each names the scope it needs
// (x-qualicharge-scope, also its security requirement) so that the tests compare it with the
// route table of the door (qualicharge-door.ts).

export const QUALICHARGE_TAGS = [
  { name: "QualiCharge — authentification", description: "Jeton OAuth2 (mot de passe) et utilisateur courant" },
  { name: "QualiCharge — statique", description: "Points de recharge et leurs stations (schéma IRVE statique)" },
  { name: "QualiCharge — états", description: "États des points (dynamique)" },
  { name: "QualiCharge — sessions", description: "Sessions de recharge (dynamique)" },
  { name: "QualiCharge — gestion", description: "Stations d'un aménageur ayant un PDL" },
] as const;
const [AUTH, STATIQUE, STATUS, SESSION, MANAGE] = QUALICHARGE_TAGS.map((t) => t.name);

type Operation = Record<string, unknown>;
type Scope = string | "authenticated" | null;

const pdcParam = { name: "id_pdc_itinerance", in: "path", required: true, schema: ID_PDC_ITINERANCE };
const gzipParam = {
  name: "Content-Encoding",
  in: "header",
  required: false,
  description: "gzip pour un corps compressé",
  schema: { type: "string", enum: ["gzip", "identity"] },
};
const fromParam = {
  name: "from",
  in: "query",
  required: false,
  description: "Seulement les états dont l'horodatage est postérieur ou égal à cet instant",
  schema: { type: "string", format: "date-time" },
};
const bulkNote = "Taille maximale : QUALICHARGE_BULK_MAX éléments (1 000 par défaut), 422 au-delà. Tout ou rien : une erreur et rien n'est enregistré.";

function operation(o: {
  id: string;
  tag: string;
  summary: string;
  description: string;
  scope: Scope;
  parameters?: unknown[];
  body?: { schema: unknown; example: unknown; form?: boolean };
  responses: [string, unknown][];
}): Operation {
  const security = o.scope === null ? [] : [{ qualichargeOAuth2: o.scope === "authenticated" ? [] : [o.scope] }];
  const withBody = o.body && !o.body.form;
  const parameters = [...(o.parameters ?? []), ...(withBody ? [gzipParam] : [])];
  const errors: [string, unknown][] = o.scope === null ? [] : [["401", unauthorized]];
  // Every scope is checked before anything else: a missing one is a 403 on every scoped route.
  if (o.scope && o.scope !== "authenticated" && !o.responses.some(([status]) => status === "403")) errors.push(["403", forbidden(`missing scope ${o.scope}`)]);
  return {
    operationId: o.id,
    tags: [o.tag],
    summary: o.summary,
    description: o.description,
    "x-qualicharge-scope": o.scope,
    security,
    ...(parameters.length ? { parameters } : {}),
    ...(o.body
      ? {
          requestBody: {
            required: true,
            content: { [o.body.form ? "application/x-www-form-urlencoded" : "application/json"]: { schema: o.body.schema, example: o.body.example } },
          },
        }
      : {}),
    responses: Object.fromEntries([...o.responses, ...errors, ["503", unavailable] as [string, unknown]].sort(([a], [b]) => a.localeCompare(b))),
  };
}

const notManaged = forbidden("You don't manage this charge point");
const notAssigned = forbidden("You cannot submit data for an organization you are not assigned to");
const unknownPdc = detail(404, "Point de recharge inconnu (ou décommissionné)", "Point of charge does not exist");
const unknownTarget = detail(404, "Point de recharge inconnu", "Target charge point does not exist");
const page = [
  { name: "offset", in: "query", required: false, schema: { type: "integer", minimum: 0, default: 0 } },
  { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 0, maximum: 100, default: 10 } },
];
const created = (size: number) => ({ message: "Statique items created", items: statiqueExamples.slice(0, size).map((s) => s.id_pdc_itinerance), size });
const arrayOf = (item: string) => ({ type: "array", minItems: 1, items: ref(item) });

/** Path under /api/v1 → method → operation. */
export const qualichargeOperations: Record<string, Record<string, Operation>> = {
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
  "/statique/": {
    get: operation({
      id: "qualichargeListStatique",
      tag: STATIQUE,
      summary: "Lister ses points (paginé)",
      description: "Les points des unités opérationnelles de l'utilisateur, page par page. Sans unité : une page vide.",
      scope: "static:read",
      parameters: page,
      responses: [
        ["200", ok("Une page de points", ref("StatiquePage"), statiquePageExample)],
        ["422", invalid(["query", "limit"], "Input should be less than or equal to 100", "less_than_equal")],
      ],
    }),
    post: operation({
      id: "qualichargeCreateStatique",
      tag: STATIQUE,
      summary: "Déclarer un point",
      description: "Crée le point et, au besoin, sa station. 409 si le point existe déjà (utiliser PUT ou bulk).",
      scope: "static:create",
      body: { schema: ref("Statique"), example: statiqueExamples[0] },
      responses: [
        ["201", ok("Point créé", ref("StatiqueItemsCreated"), created(1))],
        ["403", notAssigned],
        detail(404, "Unité opérationnelle inconnue", "OperationalUnit with code FRABC should be created first"),
        detail(409, "Le point existe déjà", "Charge point FRXYZE0001 already exists"),
        ["422", invalid(["body", "siren_amenageur"], "Value error, 123456789 is not a valid SIREN number")],
      ],
    }),
  },
  "/statique/bulk": {
    post: operation({
      id: "qualichargeBulkStatique",
      tag: STATIQUE,
      summary: "Déclarer ou mettre à jour des points en lot",
      description:
        "Crée ou met à jour chaque point (upsert). Les points d'une même station portent les mêmes champs de station ; une coordonnée, une adresse. " +
        bulkNote,
      scope: "static:create",
      body: { schema: arrayOf("Statique"), example: statiqueExamples },
      responses: [
        ["201", ok("Points enregistrés", ref("StatiqueItemsCreated"), created(3))],
        detail(
          400,
          "Champs de station différents entre deux points d'une même station (ou une coordonnée, deux adresses)",
          "An error occured while trying to create or update the 'station' table",
        ),
        ["403", notAssigned],
        detail(404, "Unité opérationnelle inconnue : rien n'est enregistré", "Operational units should be created first"),
        ["422", invalid(["body", 2, "puissance_nominale"], "Input should be greater than or equal to 1.3", "greater_than_equal")],
      ],
    }),
  },
  "/statique/{id_pdc_itinerance}": {
    get: operation({
      id: "qualichargeReadStatique",
      tag: STATIQUE,
      summary: "Lire un point",
      description: "Les données statiques d'un point de l'utilisateur.",
      scope: "static:read",
      parameters: [pdcParam],
      responses: [
        ["200", ok("Le point", ref("Statique"), statiqueExamples[0])],
        ["403", notManaged],
        detail(404, "Point inconnu ou décommissionné", "Requested statique does not exist"),
      ],
    }),
    put: operation({
      id: "qualichargeUpdateStatique",
      tag: STATIQUE,
      summary: "Mettre à jour un point",
      description: "Remplace les données statiques du point (et de sa station). L'identifiant du chemin et celui du corps doivent être égaux (406 sinon).",
      scope: "static:update",
      parameters: [pdcParam],
      body: { schema: ref("Statique"), example: statiqueExamples[0] },
      responses: [
        ["200", ok("Le point mis à jour", ref("Statique"), statiqueExamples[0])],
        ["403", notManaged],
        detail(404, "Point inconnu ou décommissionné", "Statique with id_pdc_itinerance does not exist"),
        detail(406, "id_pdc_itinerance du chemin et du corps différents", "id_pdc_itinerance does not match request body"),
        ["422", invalid(["body", "coordonneesXY"], "Coordinates are outside France")],
      ],
    }),
    delete: operation({
      id: "qualichargeDecommissionStatique",
      tag: STATIQUE,
      summary: "Décommissionner un point",
      description:
        "Suppression douce et idempotente : le point est décommissionné (et sa station avec son dernier point), son dernier état est effacé ; " +
        "ses données dynamiques sont ensuite refusées (404) jusqu'à sa remise en service (/up).",
      scope: "static:delete",
      parameters: [pdcParam],
      responses: [["204", noContent], ["403", notManaged], unknownTarget],
    }),
  },
  "/statique/{id_pdc_itinerance}/up": {
    post: operation({
      id: "qualichargeRecommissionStatique",
      tag: STATIQUE,
      summary: "Remettre un point en service",
      description: "Annule le décommissionnement du point et de sa station.",
      scope: "static:delete",
      parameters: [pdcParam],
      responses: [["204", noContent], ["403", notManaged], unknownTarget],
    }),
  },
  "/dynamique/status/": {
    get: operation({
      id: "qualichargeListStatuses",
      tag: STATUS,
      summary: "Dernier état de chaque point",
      description: "Le dernier état de chacun de ses points (le plus grand horodatage). Filtres : from, et pdc et station répétables (leur union). Non paginé.",
      scope: "dynamic:read",
      parameters: [
        fromParam,
        { name: "pdc", in: "query", required: false, style: "form", explode: true, schema: { type: "array", items: ID_PDC_ITINERANCE } },
        { name: "station", in: "query", required: false, style: "form", explode: true, schema: { type: "array", items: { type: "string" } } },
      ],
      responses: [
        ["200", ok("Les derniers états", { type: "array", items: ref("Status") }, statusExamples)],
        ["422", invalid(["query", "from"], "Input should be a valid datetime", "datetime_from_date_parsing")],
      ],
    }),
    post: operation({
      id: "qualichargeCreateStatus",
      tag: STATUS,
      summary: "Envoyer un état",
      description: "Un état d'un point déclaré (et en service au sens de la déclaration : un point décommissionné est inconnu).",
      scope: "dynamic:create",
      body: { schema: ref("Status"), example: statusExamples[0] },
      responses: [
        ["201", ok("État enregistré", ref("DynamiqueItemCreated"), { id: UUID_EXAMPLES[0] })],
        ["403", forbidden("You cannot create statuses for this point of charge")],
        unknownPdc,
        ["422", invalid(["body", "horodatage"], "Value error, 2026-03-01T08:15:00+01:00 is older than 1 day, 0:00:00")],
      ],
    }),
  },
  "/dynamique/status/bulk": {
    post: operation({
      id: "qualichargeBulkStatuses",
      tag: STATUS,
      summary: "Envoyer des états en lot",
      description: `Plusieurs états, de un ou plusieurs points. ${bulkNote}`,
      scope: "dynamic:create",
      body: { schema: arrayOf("Status"), example: statusExamples },
      responses: [
        ["201", ok("États enregistrés", ref("DynamiqueItemsCreated"), { size: 2, items: UUID_EXAMPLES })],
        ["403", notAssigned],
        detail(404, "Un point au moins n'est pas déclaré", "Undeclared attached point(s) of charge, you should create them all first"),
        ["422", invalid(["body", 1, "etat_pdc"], "Input should be 'en_service', 'hors_service' or 'inconnu'", "enum")],
      ],
    }),
  },
  "/dynamique/status/{id_pdc_itinerance}": {
    get: operation({
      id: "qualichargeReadStatus",
      tag: STATUS,
      summary: "Dernier état d'un point",
      description: "L'état du plus grand horodatage (à égalité, le dernier reçu).",
      scope: "dynamic:read",
      parameters: [pdcParam],
      responses: [
        ["200", ok("Le dernier état", ref("Status"), statusExamples[0])],
        ["403", forbidden("You cannot read the status of this point of charge")],
        detail(404, "Point inconnu, ou sans état", "Selected point of charge does not have status record yet"),
      ],
    }),
  },
  "/dynamique/status/{id_pdc_itinerance}/history": {
    get: operation({
      id: "qualichargeStatusHistory",
      tag: STATUS,
      summary: "Historique des états d'un point",
      description: "Les états du point, par horodatage croissant, depuis from s'il est donné.",
      scope: "dynamic:read",
      parameters: [pdcParam, fromParam],
      responses: [
        ["200", ok("L'historique", { type: "array", items: ref("Status") }, [statusExamples[0]])],
        ["403", forbidden("You cannot read statuses of this point of charge")],
        detail(404, "Point inconnu, ou sans état", "Selected point of charge does not have status record yet"),
        ["422", invalid(["query", "from"], "Input should be a valid datetime", "datetime_from_date_parsing")],
      ],
    }),
  },
  "/dynamique/session/": {
    post: operation({
      id: "qualichargeCreateSession",
      tag: SESSION,
      summary: "Envoyer une session",
      description: "Une session de recharge d'un point déclaré ; elle devient une opération de charge du portail, avec ses indicateurs de qualité.",
      scope: "dynamic:create",
      body: { schema: ref("Session"), example: sessionExamples[0] },
      responses: [
        ["201", ok("Session enregistrée", ref("DynamiqueItemCreated"), { id: UUID_EXAMPLES[0] })],
        ["403", forbidden("You cannot create sessions for this point of charge")],
        unknownPdc,
        ["422", invalid(["body", "energy"], "Input should be less than or equal to 1000", "less_than_equal")],
      ],
    }),
  },
  "/dynamique/session/bulk": {
    post: operation({
      id: "qualichargeBulkSessions",
      tag: SESSION,
      summary: "Envoyer des sessions en lot",
      description: `Plusieurs sessions, de un ou plusieurs points. ${bulkNote}`,
      scope: "dynamic:create",
      body: { schema: arrayOf("Session"), example: sessionExamples },
      responses: [
        ["201", ok("Sessions enregistrées", ref("DynamiqueItemsCreated"), { size: 2, items: UUID_EXAMPLES })],
        ["403", notAssigned],
        detail(404, "Un point au moins n'est pas déclaré", "Undeclared attached point(s) of charge, you should create them all first"),
        ["422", invalid(["body", 0, "end"], "Value error, a session cannot last more than 7 days")],
      ],
    }),
  },
  "/dynamique/session/check": {
    get: operation({
      id: "qualichargeCheckSession",
      tag: SESSION,
      summary: "Vérifier qu'une session est connue",
      description: "200 avec null si la session (identifiant rendu à l'envoi) est connue, 404 sinon.",
      scope: "dynamic:read",
      parameters: [{ name: "session_id", in: "query", required: true, schema: { type: "string", format: "uuid" } }],
      responses: [
        ["200", ok("Session connue", { type: "null" }, null)],
        detail(404, "Session inconnue, ou d'un autre opérateur", "Not Found"),
        ["422", invalid(["query", "session_id"], "Field required", "missing")],
      ],
    }),
  },
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
