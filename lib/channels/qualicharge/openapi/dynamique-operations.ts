import { ID_PDC_ITINERANCE, ref } from "@/lib/channels/qualicharge/openapi/schemas";
import { detail, forbidden, invalid, ok } from "@/lib/channels/qualicharge/openapi/responses";
import { UUID_EXAMPLES, sessionExamples, statusExamples } from "@/lib/channels/qualicharge/openapi/examples";
import {
  SESSION,
  STATUS,
  arrayOf,
  bulkNote,
  fromParam,
  notAssigned,
  operation,
  pdcParam,
  unknownPdc,
  type Operation,
} from "@/lib/channels/qualicharge/openapi/operation";

// /dynamique/status/ and /dynamique/session/: reads, single and bulk writes, session check.

export const dynamiqueOperations: Record<string, Record<string, Operation>> = {
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
};
