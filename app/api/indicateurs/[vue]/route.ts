import { jsonError } from "@/lib/platform/http/json-error";
import { route } from "@/lib/auth/route";
import { csvHeaders } from "@/lib/platform/csv/format-csv";
import { indicatorCsv } from "@/lib/indicators/indicator-csv";
import { parseDashboardParams } from "@/lib/indicators/dashboard-params";
import { INDICATOR_VIEWS, getIndicatorView, type IndicatorView } from "@/lib/indicators/get-indicator-view";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/indicateurs/<vue>?type=&periode=&maille=&zone=&canal=&indicateur=&format=csv|standard
// Committee figures (comité and admin only), from the run published for the period asked (the
// latest period of the newest run when none is asked): JSON with the published cells (withheld
// ones as their label and kind of secret) or the page's table as CSV — `format=csv` for French
// Excel (`;`, decimal comma, BOM), `format=standard` for programs (`,`, decimal point), both
// with a first line saying what they hold (lib/indicators/indicator-csv.ts). A period or area
// that is not published is a 404, a mesh level the view does not compute a 400, both with a
// French message.
export const GET = route<{ vue: string }>("indicators:read", async ({ request, params: { vue } }) => {
  if (!INDICATOR_VIEWS.includes(vue as IndicatorView)) return jsonError(404, `Vue inconnue. Vues disponibles : ${INDICATOR_VIEWS.join(", ")}.`);
  const url = new URL(request.url);
  const result = await getIndicatorView(vue as IndicatorView, parseDashboardParams(url.searchParams));
  if (result.refused) return jsonError(result.refused.status, result.refused.message);
  const headers = { "cache-control": "private, no-store" };
  const format = url.searchParams.get("format");
  if (format === "csv" || format === "standard") {
    if (!result.run) return jsonError(404, "Aucun calcul d'indicateurs publié pour l'instant.");
    const csv = indicatorCsv({
      view: vue as IndicatorView,
      run: result.run,
      context: result.context,
      table: result.table,
      format: format === "csv" ? "excel-fr" : "standard",
    });
    return new Response(csv.body, { headers: { ...csvHeaders(csv.fileName), ...headers } });
  }
  return Response.json(result.json, { headers });
});
