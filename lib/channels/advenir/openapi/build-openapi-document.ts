import { z } from "zod";
import {
  advenirFailureSchema,
  advenirMessageSchema,
  advenirSuccessSchema,
  chargeOperationSchema,
  curveBodySchema,
  curvePointSchema,
  loadCurveSchema,
  operationBodySchema,
} from "@/lib/schemas/advenir";
import { curveExample, failureExamples, okExample, operationExample } from "@/lib/channels/advenir/openapi/examples";

// The OpenAPI 3.1 document of the ADVENIR web service, generated from the zod schemas that
// describe the bodies (lib/schemas/advenir.ts) with zod's own z.toJSONSchema (JSON Schema
// 2020-12, OpenAPI 3.1's dialect). Served at /api/openapi.json, rendered at /docs/api.

type JsonSchema = Record<string, unknown>;
const REF = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** Components from a registry of zod schemas, referencing each other by id. */
function components(entries: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(entries)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io, uri: (id) => `#/components/schemas/${id}`, unrepresentable: "any" });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, s]) => {
      const { $schema: _schema, $id: _id, ...rest } = s as JsonSchema;
      return [id, rest];
    }),
  );
}

const FAILURE_STATUSES = [400, 401, 403, 408, 413, 415, 422, 429, 500, 503] as const;

function responses() {
  const out: Record<string, unknown> = {
    "200": {
      description: "Corps accepté et enregistré (ou déjà enregistré à l'identique), avec d'éventuels avertissements",
      content: { "application/json": { schema: REF("ReponseOK"), example: okExample } },
    },
  };
  for (const status of FAILURE_STATUSES) {
    const { description, example } = failureExamples[status];
    const headers: Record<string, unknown> = {};
    if (status === 401) headers["WWW-Authenticate"] = { description: 'Basic realm="ADVENIR", charset="UTF-8"', schema: { type: "string" } };
    if (status === 429 || status === 503) headers["Retry-After"] = { description: "Secondes avant de pouvoir réessayer", schema: { type: "integer" } };
    out[String(status)] = {
      description,
      ...(Object.keys(headers).length ? { headers } : {}),
      content: { "application/json": { schema: REF("ReponseECHEC"), example } },
    };
  }
  return out;
}

function operation(kind: "operation" | "courbe", method: "post" | "put") {
  const isOperation = kind === "operation";
  const schema = REF(isOperation ? "CorpsOperations" : "CorpsCourbes");
  const example = isOperation ? operationExample : curveExample;
  return {
    operationId: `${method}${isOperation ? "Operations" : "Courbes"}`,
    tags: [isOperation ? "Opérations de charge" : "Courbes de charge"],
    summary: `${isOperation ? "Envoyer des opérations de charge" : "Envoyer des courbes de charge"}${method === "put" ? " (PUT, identique à POST)" : ""}`,
    description:
      (isOperation
        ? "Opérations de charge (début, fin, index d'énergie de début et de fin) par UserID → StationID → TransactionID. "
        : "Courbes de charge (index d'énergie cumulée au pas le plus fin) par UserID → StationID → TransactionID. ") +
      "Tout le corps est vérifié avant d'enregistrer quoi que ce soit : une seule erreur, et rien n'est enregistré. " +
      "Renvoyer une transaction la remplace (idempotent). Le corps peut être compressé (Content-Encoding: gzip) ; " +
      "le type de contenu peut être absent, application/json, text/plain ou application/x-www-form-urlencoded (curl -d).",
    parameters: [
      {
        name: "Content-Encoding",
        in: "header",
        required: false,
        description: "gzip pour un corps compressé",
        schema: { type: "string", enum: ["gzip", "identity"] },
      },
    ],
    requestBody: {
      required: true,
      // OpenAPI 3.1's media type object has no description: the note on curl -d is the body's.
      description: "JSON ; envoyé en application/x-www-form-urlencoded (comme le fait curl -d), le corps reste du JSON.",
      content: {
        "application/json": { schema, examples: { protocole: { summary: "Exemple du protocole ADVENIR", value: example } } },
        "application/x-www-form-urlencoded": { schema },
      },
    },
    responses: responses(),
  };
}

export function buildOpenApiDocument(options: { serverUrl?: string } = {}) {
  const requestSchemas = components(
    {
      CorpsOperations: operationBodySchema,
      CorpsCourbes: curveBodySchema,
      OperationDeCharge: chargeOperationSchema,
      CourbeDeCharge: loadCurveSchema,
      PointDeCourbe: curvePointSchema,
    },
    "input",
  );
  const responseSchemas = components({ ReponseOK: advenirSuccessSchema, ReponseECHEC: advenirFailureSchema, Message: advenirMessageSchema }, "output");
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Web service ADVENIR — collecte des données de recharge",
      version: "1.0.0",
      description:
        "Réception des données de recharge des points subventionnés selon le protocole ADVENIR (§ 4.1). " +
        "Authentification HTTP Basic avec les identifiants créés dans l'espace opérateur (un accès de production ou de bac à sable : " +
        "c'est l'accès qui décide où vont les données). Option : certificat client, vérifié par le reverse proxy de l'hébergeur " +
        "qui transmet son empreinte SHA-256 (variables TRUSTED_PROXIES et CLIENT_CERT_HEADER). Les échecs d'authentification " +
        "répétés sont limités (429 avec Retry-After). Taille maximale du corps : 50 Mo par défaut (API_MAX_BODY_BYTES), 64 Mo une fois décompressé. " +
        "En-têtes et corps doivent arriver en 30 s chacun (408 sinon). Serveur saturé ou base de données injoignable : 503 avec Retry-After, rien n'est enregistré. " +
        "Les données possibles mais peu plausibles sont enregistrées avec un indicateur de qualité (avertissement) et exclues des indicateurs.",
    },
    servers: [{ url: options.serverUrl ?? "/", description: "Ce portail" }],
    tags: [
      { name: "Opérations de charge", description: "POST /api/operation/put" },
      { name: "Courbes de charge", description: "POST /api/courbe/put" },
    ],
    security: [{ basicAuth: [] }, { certificatClient: [] }],
    paths: {
      "/api/operation/put": { post: operation("operation", "post"), put: operation("operation", "put") },
      "/api/courbe/put": { post: operation("courbe", "post"), put: operation("courbe", "put") },
    },
    components: {
      schemas: { ...requestSchemas, ...responseSchemas },
      securitySchemes: {
        basicAuth: {
          type: "http",
          scheme: "basic",
          description: "identifiant:secret créés dans l'espace opérateur ; seul le premier « : » sépare l'identifiant du secret.",
        },
        certificatClient: {
          type: "mutualTLS",
          description:
            "Certificat client associé à un accès (sur demande). Le TLS est terminé par un reverse proxy de confiance (TRUSTED_PROXIES) " +
            "qui transmet l'empreinte SHA-256 du certificat dans l'en-tête CLIENT_CERT_HEADER (défaut x-client-cert-sha256) ; " +
            "venant d'ailleurs, cet en-tête est ignoré.",
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
