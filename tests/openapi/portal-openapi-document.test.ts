import { describe, expect, it } from "vitest";
import { buildPortalOpenApiDocument } from "@/app/api/openapi.json/portal-openapi-document";
import { buildOpenApiDocument } from "@/lib/channels/advenir/openapi/build-openapi-document";
import { openApi31Problems } from "@/tests/support/openapi/check-openapi-31";

// The portal's one OpenAPI document (app/api/openapi.json/): both doors' parts, valid OpenAPI 3.1.

const doc = buildPortalOpenApiDocument();

describe("the portal's OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(openApi31Problems(doc)).toEqual([]);
  });

  it("holds the ADVENIR web service unchanged and QualiCharge's API v1 under /api/v1", () => {
    const advenir = buildOpenApiDocument();
    for (const [path, item] of Object.entries(advenir.paths)) expect(doc.paths[path as keyof typeof advenir.paths]).toEqual(item);
    const qualicharge = Object.keys(doc.paths).filter((p) => p.startsWith("/api/v1/"));
    expect(qualicharge.length).toBeGreaterThanOrEqual(13);
    expect(Object.keys(doc.paths).sort()).toEqual([...Object.keys(advenir.paths), ...qualicharge].sort());
    // ADVENIR's Basic authentication stays the default; every QualiCharge operation states its own.
    expect(doc.security).toEqual(advenir.security);
    for (const path of qualicharge)
      for (const op of Object.values(doc.paths[path as keyof typeof doc.paths] as Record<string, { security?: unknown }>)) expect(op.security).toBeDefined();
  });

  it("the checker refuses what OpenAPI 3.1 refuses", () => {
    const broken = structuredClone(doc) as unknown as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: unknown[]; security?: unknown[] }>>;
    };
    broken.openapi = "3.0.3";
    const whoami = broken.paths["/api/v1/auth/whoami"].get;
    whoami.responses["200"] = { content: {} }; // a response without its description
    whoami.security = [{ qualichargeOAuth2: ["static:write"] }];
    broken.paths["/api/v1/statique/{id_pdc_itinerance}"].get.parameters = [];
    broken.paths["/api/v1/statique/"].get.responses["299x"] = { description: "?" };
    const problems = openApi31Problems(broken).join("\n");
    expect(problems).toMatch(/structure \/openapi must match pattern/);
    expect(problems).toMatch(/structure \/paths\/~1api~1v1~1auth~1whoami\/get\/responses\/200 must have required property 'description'/);
    expect(problems).toMatch(/scope static:write not defined by qualichargeOAuth2/);
    expect(problems).toMatch(/get \/api\/v1\/statique\/\{id_pdc_itinerance\}: path parameters/);
    expect(problems).toMatch(/\/paths\/~1api~1v1~1statique~1\/get\/responses must match pattern/);
  });
});
