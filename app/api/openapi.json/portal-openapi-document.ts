import { buildOpenApiDocument } from "@/lib/channels/advenir/openapi/build-openapi-document";
import { buildQualichargeOpenApi } from "@/lib/channels/qualicharge/openapi/build-qualicharge-openapi";

// The portal's one OpenAPI 3.1 document: each door describes its own part (a door never imports
// another door, ADR 0015), and the composition, here in app/, puts them together. The ADVENIR
// web service's authentication stays the document's default; every QualiCharge operation states
// its own (OAuth2 bearer token, or none for the token endpoint).

/** Union of two maps whose keys must not collide (two doors naming one schema or path). */
function disjoint<A extends object, B extends object>(what: string, a: A, b: B): A & B {
  const clash = Object.keys(b).find((key) => key in a);
  if (clash) throw new Error(`OpenAPI: ${what} « ${clash} » décrit par deux portes`);
  return { ...a, ...b };
}

export function buildPortalOpenApiDocument(options: { serverUrl?: string } = {}) {
  const advenir = buildOpenApiDocument(options);
  const qualicharge = buildQualichargeOpenApi();
  return {
    ...advenir,
    info: {
      title: "API du portail ADVENIR",
      version: "1.1.0",
      description:
        "Deux portes d'entrée des données de recharge. " +
        `Web service ADVENIR (/api/operation/put, /api/courbe/put) : ${advenir.info.description} ` +
        `API QualiCharge v1 (/api/v1/…) : ${qualicharge.description}`,
    },
    tags: [...advenir.tags, ...qualicharge.tags],
    paths: disjoint("le chemin", advenir.paths, qualicharge.paths),
    components: {
      schemas: disjoint("le schéma", advenir.components.schemas, qualicharge.schemas),
      securitySchemes: disjoint("le schéma de sécurité", advenir.components.securitySchemes, qualicharge.securitySchemes),
    },
  };
}

export type PortalOpenApiDocument = ReturnType<typeof buildPortalOpenApiDocument>;
