import { ref } from "@/lib/channels/qualicharge/openapi/schemas";
import { detail, invalid, noContent, ok } from "@/lib/channels/qualicharge/openapi/responses";
import { statiqueExamples, statiquePageExample } from "@/lib/channels/qualicharge/openapi/examples";
import {
  STATIQUE,
  arrayOf,
  bulkNote,
  notAssigned,
  notManaged,
  operation,
  pdcParam,
  unknownTarget,
  type Operation,
} from "@/lib/channels/qualicharge/openapi/operation";

// /statique/: list, read, create, update, bulk, decommission, recommission (paths under /api/v1).

const page = [
  { name: "offset", in: "query", required: false, schema: { type: "integer", minimum: 0, default: 0 } },
  { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 0, maximum: 100, default: 10 } },
];
const created = (size: number) => ({ message: "Statique items created", items: statiqueExamples.slice(0, size).map((s) => s.id_pdc_itinerance), size });

export const statiqueOperations: Record<string, Record<string, Operation>> = {
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
};
