import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import { buildQualichargeOpenApi, DOCUMENTED_PREFIX } from "@/lib/channels/qualicharge/openapi/build-qualicharge-openapi";
import { EXAMPLE_SIREN, sessionExamples, statiqueExamples, statusExamples } from "@/lib/channels/qualicharge/openapi/examples";
import { qualichargeRouter } from "@/lib/channels/qualicharge/qualicharge-door";
import { QUALICHARGE_PREFIX } from "@/lib/channels/qualicharge/serve-qualicharge";

// The QualiCharge part of the portal's OpenAPI document: every endpoint of the spec's table
// (../shared/docs/QUALICHARGE.md), every route the door serves, and examples that pass their schemas.

const part = buildQualichargeOpenApi();
type Op = { "x-qualicharge-scope": string | null; security: Record<string, string[]>[]; responses: Record<string, unknown> };
const operations = part.paths as Record<string, Record<string, Op>>;

/** The spec's table "Endpoints (prefix /api/v1)", with the scope each needs. */
const SPEC_TABLE: [string, string, string | null][] = [
  ["POST", "/auth/token", null],
  ["GET", "/auth/whoami", "authenticated"],
  ["GET", "/statique/", "static:read"],
  ["GET", "/statique/{id_pdc_itinerance}", "static:read"],
  ["POST", "/statique/", "static:create"],
  ["PUT", "/statique/{id_pdc_itinerance}", "static:update"],
  ["POST", "/statique/bulk", "static:create"],
  ["DELETE", "/statique/{id_pdc_itinerance}", "static:delete"],
  ["POST", "/statique/{id_pdc_itinerance}/up", "static:delete"],
  ["GET", "/dynamique/status/", "dynamic:read"],
  ["GET", "/dynamique/status/{id_pdc_itinerance}", "dynamic:read"],
  ["GET", "/dynamique/status/{id_pdc_itinerance}/history", "dynamic:read"],
  ["POST", "/dynamique/status/", "dynamic:create"],
  ["POST", "/dynamique/status/bulk", "dynamic:create"],
  ["POST", "/dynamique/session/", "dynamic:create"],
  ["POST", "/dynamique/session/bulk", "dynamic:create"],
  ["GET", "/dynamique/session/check", "dynamic:read"],
  ["GET", "/manage/station/siren/{siren}", "manage:read"],
];

/** A path with its parameters' names left out: the routes and the document may name them differently. */
const shape = (path: string) => path.replace(/\{[^}]+\}/g, "{}");

function operationOf(method: string, path: string): Op | undefined {
  const entry = Object.entries(operations).find(([p]) => shape(p) === shape(`${DOCUMENTED_PREFIX}${path}`));
  return entry?.[1][method.toLowerCase()];
}

function validatorOf(schema: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile({ ...(schema as object), components: { schemas: part.schemas } });
}
const REF = (id: string) => ({ $ref: `#/components/schemas/${id}` });

describe("QualiCharge's API v1 in the OpenAPI document", () => {
  it("documents its prefix as the door serves it", () => {
    expect(DOCUMENTED_PREFIX).toBe(QUALICHARGE_PREFIX);
  });

  it("has every endpoint of the spec's table, with its scope as security requirement", () => {
    const documented = Object.entries(operations).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented).toHaveLength(SPEC_TABLE.length);
    for (const [method, path, scope] of SPEC_TABLE) {
      const op = operationOf(method, path);
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op?.["x-qualicharge-scope"], `${method} ${path}`).toBe(scope);
      expect(op?.security).toEqual(scope === null ? [] : [{ qualichargeOAuth2: scope === "authenticated" ? [] : [scope] }]);
      if (scope !== null) expect(Object.keys(op?.responses ?? {}), `${method} ${path}`).toEqual(expect.arrayContaining(["401", "503"]));
      if (scope !== null && scope !== "authenticated") expect(Object.keys(op?.responses ?? {})).toContain("403");
    }
  });

  it("has an operation, with the same scope, for every route the door serves", () => {
    // On its own branch the router may hold few routes; every route added later must be documented.
    expect(qualichargeRouter.routes.length).toBeGreaterThan(0);
    for (const route of qualichargeRouter.routes) {
      const op = operationOf(route.method, route.path);
      expect(op, `${route.method} ${route.path} is served but not documented`).toBeDefined();
      expect(op?.["x-qualicharge-scope"], `${route.method} ${route.path}`).toBe(route.scope);
    }
  });

  it("its examples pass its own schemas and the spec's rules", () => {
    expect(validatorOf({ type: "array", items: REF("Statique") })(statiqueExamples)).toBe(true);
    expect(validatorOf({ type: "array", items: REF("Status") })(statusExamples)).toBe(true);
    expect(validatorOf({ type: "array", items: REF("Session") })(sessionExamples)).toBe(true);
    // Two stations, three points, one operational unit; ids share their AFIREV prefix.
    expect(new Set(statiqueExamples.map((s) => s.id_station_itinerance)).size).toBe(2);
    for (const s of statiqueExamples) expect(s.id_pdc_itinerance.slice(0, 5)).toBe(s.id_station_itinerance.slice(0, 5));
    // The SIREN passes the Luhn check; coordinates are in metropolitan France.
    const luhn = [...EXAMPLE_SIREN]
      .reverse()
      .map(Number)
      .reduce((sum, d, i) => sum + (i % 2 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
    expect(luhn % 10).toBe(0);
    for (const s of statiqueExamples) {
      const [lon, lat] = JSON.parse(s.coordonneesXY) as [number, number];
      expect(lon).toBeGreaterThanOrEqual(-5);
      expect(lon).toBeLessThanOrEqual(10);
      expect(lat).toBeGreaterThanOrEqual(41);
      expect(lat).toBeLessThanOrEqual(52);
    }
    // Every answer's example matches its schema.
    for (const [path, methods] of Object.entries(operations))
      for (const [method, op] of Object.entries(methods))
        for (const [status, response] of Object.entries(op.responses as Record<string, { content?: Record<string, { schema: unknown; example?: unknown }> }>)) {
          const media = response.content?.["application/json"];
          if (media?.example !== undefined) expect(validatorOf(media.schema)(media.example), `${method} ${path} ${status}`).toBe(true);
        }
  });

  it("its schemas refuse what QualiCharge refuses", () => {
    const statique = validatorOf(REF("Statique"));
    const bad = [
      { ...statiqueExamples[0], id_pdc_itinerance: "FRXYZP0001" },
      { ...statiqueExamples[0], implantation_station: "Garage" },
      { ...statiqueExamples[0], puissance_nominale: 5000 },
      { ...statiqueExamples[0], siren_amenageur: "000000000" },
      Object.fromEntries(Object.entries(statiqueExamples[0]).filter(([k]) => k !== "num_pdl")),
    ];
    for (const body of bad) expect(statique(body)).toBe(false);
    expect(validatorOf(REF("Status"))({ ...statusExamples[0], occupation_pdc: "occupé" })).toBe(false);
    expect(validatorOf(REF("Session"))({ ...sessionExamples[0], energy: 1001 })).toBe(false);
  });
});
