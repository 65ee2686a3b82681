import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import { buildOpenApiDocument } from "@/lib/channels/advenir/openapi/build-openapi-document";
import { operationExample, curveExample, SAMPLE_USER_ID } from "@/lib/channels/advenir/openapi/examples";
import { call, makeTenant } from "@/tests/support/advenir/ingest";

const doc = buildOpenApiDocument();

/** A validator of one component, resolving the document's internal $refs. */
function validatorOf(component: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  return ajv.compile({ $ref: `#/components/schemas/${component}`, components: doc.components });
}

/** The example body with another UserID. */
function withUser<T extends Record<string, unknown>>(body: T, userId: string): Record<string, unknown> {
  return { [userId]: body[SAMPLE_USER_ID] };
}

describe("OpenAPI document", () => {
  it("looks like valid OpenAPI 3.1: version, both paths with POST and PUT, every answer, auth, resolvable refs", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    for (const path of ["/api/operation/put", "/api/courbe/put"] as const) {
      for (const method of ["post", "put"] as const) {
        const op = doc.paths[path][method];
        expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "401", "403", "408", "413", "415", "422", "429", "500", "503"]);
        expect(op.responses["503"]).toMatchObject({ headers: { "Retry-After": { schema: { type: "integer" } } } });
        expect(op.requestBody.content["application/json"].schema.$ref).toMatch(/^#\/components\/schemas\//);
      }
    }
    expect(doc.components.securitySchemes.basicAuth).toMatchObject({ type: "http", scheme: "basic" });
    expect(doc.components.securitySchemes.certificatClient.type).toBe("mutualTLS");
    const text = JSON.stringify(doc);
    for (const [, id] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas).toHaveProperty(id);
    expect(text).not.toContain('"$schema"');
    // Every schema compiles as JSON Schema 2020-12.
    for (const id of Object.keys(doc.components.schemas)) expect(() => validatorOf(id)).not.toThrow();
  });

  it("its examples match its own schemas", () => {
    expect(validatorOf("CorpsOperations")(operationExample)).toBe(true);
    expect(validatorOf("CorpsCourbes")(curveExample)).toBe(true);
    const ok = doc.paths["/api/operation/put"].post.responses["200"] as { content: { "application/json": { example: unknown } } };
    expect(validatorOf("ReponseOK")(ok.content["application/json"].example)).toBe(true);
    for (const status of ["400", "401", "403", "408", "413", "415", "422", "429", "500", "503"]) {
      const r = doc.paths["/api/courbe/put"].post.responses[status] as { content: { "application/json": { example: unknown } } };
      expect(validatorOf("ReponseECHEC")(r.content["application/json"].example), status).toBe(true);
    }
  });

  it("agrees with the API's validator: a valid body passes both, a float fails both", async () => {
    const t = await makeTenant();
    const validBody = withUser(operationExample, t.operatorId);
    expect(validatorOf("CorpsOperations")(validBody)).toBe(true);
    expect((await call("operation", validBody, { auth: t.auth })).status).toBe(200);

    const floatBody = structuredClone(validBody) as Record<string, Record<string, Record<string, Record<string, number>>>>;
    floatBody[t.operatorId].R320["54545"].StopValue = 4563.5;
    expect(validatorOf("CorpsOperations")(floatBody)).toBe(false);
    const refused = await call("operation", floatBody, { auth: t.auth });
    expect(refused.status).toBe(422);
    expect(refused.json.erreurs?.[0].chemin).toBe(`${t.operatorId}/R320/54545/StopValue`);

    const curve = withUser(curveExample, t.operatorId);
    expect(validatorOf("CorpsCourbes")(curve)).toBe(true);
    expect((await call("courbe", curve, { auth: t.auth })).status).toBe(200);
    const floatCurve = structuredClone(curve) as Record<string, Record<string, Record<string, { timestamp: number; value: number }[]>>>;
    floatCurve[t.operatorId].R320["54545"][1].timestamp = 1458293425.25;
    expect(validatorOf("CorpsCourbes")(floatCurve)).toBe(false);
    expect((await call("courbe", floatCurve, { auth: t.auth })).status).toBe(422);
    // Two points are an operation sent as a curve (stored as one); a single point is refused by both.
    const twoPoints = structuredClone(curve) as typeof floatCurve;
    twoPoints[t.operatorId].R320["54545"].pop();
    expect(validatorOf("CorpsCourbes")(twoPoints)).toBe(true);
    expect((await call("courbe", twoPoints, { auth: t.auth })).status).toBe(200);
    const onePoint = structuredClone(twoPoints);
    onePoint[t.operatorId].R320["54545"].pop();
    expect(validatorOf("CorpsCourbes")(onePoint)).toBe(false);
    expect((await call("courbe", onePoint, { auth: t.auth })).status).toBe(422);
  });
});
