import { route } from "@/lib/auth/route";
import { csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { jsonError } from "@/lib/platform/http/json-error";
import { getOperatorQosHistory } from "@/lib/quality-of-service/get-operator-qos-history";
import { operatorHistoryCsv, operatorMapCsv } from "@/lib/quality-of-service/operator-history-csv";
import { readPublishedOperatorMap } from "@/lib/quality-of-service/read-published-qos";
import { operatorMapLevel, qosOperatorCode, qosQuery } from "@/lib/schemas/quality-of-service";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/qualite-de-service/operateurs/<code>?periode=&debut=&format=standard
// One operator's published figures per period, as CSV; with vue=carte,
// its published cells of the month by région, or with maille=departement by département (its map).
export const GET = route<{ code: string }>("indicators:read", async ({ request, params }) => {
  const code = qosOperatorCode.safeParse(params.code);
  if (!code.success) return jsonError(404, "Opérateur inconnu.");
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const history = await getOperatorQosHistory(code.data, qosQuery.parse(search));
  if (!history.label || !history.period) return jsonError(404, "Aucune qualité de service publiée pour cet opérateur.");
  if (search.vue === "carte") {
    const level = operatorMapLevel.parse(search.maille);
    const cells = await readPublishedOperatorMap(code.data, level, history.period.fromDay);
    const csv = operatorMapCsv(history, level, cells, csvFormatOf(search.format));
    return new Response(csv.body, { headers: csvHeaders(csv.fileName) });
  }
  const csv = operatorHistoryCsv(history, csvFormatOf(search.format));
  return new Response(csv.body, { headers: csvHeaders(csv.fileName) });
});
