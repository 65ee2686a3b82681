import { buildOpenApiDocument } from "@/lib/channels/advenir/openapi/build-openapi-document";

// The OpenAPI 3.1 document of the ADVENIR web service: public, no authentication.
export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(buildOpenApiDocument(), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
