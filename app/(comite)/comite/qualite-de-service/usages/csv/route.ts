import { route } from "@/lib/auth/route";
import { jsonError } from "@/lib/platform/http/json-error";
import { csvHeaders } from "@/lib/platform/csv/format-csv";
import { parseUsageQuery } from "@/lib/schemas/usage-indicators";
import { getUsageView } from "@/lib/quality-of-service/sessions/get-usage-view";
import { usageCsv } from "@/lib/quality-of-service/sessions/usage-csv";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /comite/qualite-de-service/usages/csv?type=&periode=&maille=&zone=&vue=tout|u5&format=csv|standard
// The usage page's figures as CSV (comité and admin): `format=csv` for French Excel (`;`, decimal
// comma, BOM), `format=standard` for programs. Withheld areas read "secret statistique". A month
// not published (publish-usage-month.ts) answers 404.
export const GET = route("indicators:read", async ({ request }) => {
  const parsed = parseUsageQuery(new URL(request.url).searchParams);
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((i) => i.message).join(" ; "));
  const result = await getUsageView(parsed.data);
  if (!result.published)
    return jsonError(404, `Indicateurs d'usage de ${result.unpublished.periodLabel} non publiés : un mois est publié à partir du 16 du mois suivant.`);
  const view = result.view;
  const csv = usageCsv(view, parsed.data.format === "standard" ? "standard" : "excel-fr");
  return new Response(csv.body, { headers: { ...csvHeaders(csv.fileName), "cache-control": "private, no-store" } });
});
