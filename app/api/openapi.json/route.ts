import { buildPortalOpenApiDocument } from "@/app/api/openapi.json/portal-openapi-document";

// The portal's OpenAPI 3.1 document (the ADVENIR web service and QualiCharge's API v1): public, no authentication.
export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(buildPortalOpenApiDocument(), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
