import { route } from "@/lib/auth/route";
import { jsonError } from "@/lib/platform/http/json-error";
import { csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { getQosDashboard } from "@/lib/quality-of-service/get-qos-dashboard";
import { qosCsv } from "@/lib/quality-of-service/qos-csv";
import { qosCsvQuery } from "@/lib/schemas/quality-of-service";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/qualite-de-service?vue=tableau|tendance&periode=&debut=&maille=&format=standard
// The committee's quality-of-service tables as CSV (French Excel unless format=standard): the
// published figures only, withheld cells as "secret statistique".
export const GET = route("indicators:read", async ({ request }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const q = qosCsvQuery.parse(params);
  const d = await getQosDashboard(q);
  if (!d.publication) return jsonError(404, `Qualité de service non publiée${d.label ? ` pour ${d.label}` : ""} : chaque mois est publié une fois clos.`);
  const csv = qosCsv(d, q.vue, csvFormatOf(params.format), "comite");
  return new Response(csv.body, { headers: csvHeaders(csv.fileName) });
});
