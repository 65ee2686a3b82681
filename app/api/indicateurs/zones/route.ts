import { jsonError } from "@/lib/platform/http/json-error";
import { route } from "@/lib/auth/route";
import { MESH_LEVELS, type MeshLevel } from "@/lib/schemas/indicator-catalogue";
import { parseDashboardParams } from "@/lib/indicators/dashboard-params";
import { getDashboardContext } from "@/lib/indicators/get-dashboard-context";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/indicateurs/zones?maille=&type=&periode= — the areas of a mesh level that have cells
// in the run of the period (names and codes are public reference data), for the committee
// filters' area selector (fetched and cached in the browser: components/indicators/filters-form.tsx).
export const GET = route("indicators:read", async ({ request }) => {
  const params = new URL(request.url).searchParams;
  const maille = params.get("maille");
  if (!maille || !MESH_LEVELS.includes(maille as MeshLevel)) {
    return jsonError(400, `maille : valeur attendue parmi ${MESH_LEVELS.join(", ")}.`, "maille");
  }
  if (maille === "national") return Response.json({ maille, zones: [{ code: "FR", name: "France entière" }] });
  const context = await getDashboardContext({ ...parseDashboardParams(params), meshCode: undefined });
  return Response.json({ maille, zones: context.areas }, { headers: { "cache-control": "private, max-age=60" } });
});
