import { route } from "@/lib/auth/route";
import { AppError } from "@/lib/platform/errors";
import { csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { getQosDashboard } from "@/lib/quality-of-service/get-qos-dashboard";
import { qosCsv } from "@/lib/quality-of-service/qos-csv";
import { qosCsvQuery } from "@/lib/schemas/quality-of-service";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/operateur/qualite-de-service?vue=tableau|tendance&periode=&debut=&maille=&format=standard
// An operator's own quality-of-service figures as CSV (its points only).
export const GET = route("operator:console", async ({ request, user }) => {
  if (!user.operatorId) throw new AppError("FORBIDDEN", "Votre compte n'est rattaché à aucun opérateur.");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const q = qosCsvQuery.parse(params);
  const csv = qosCsv(await getQosDashboard(q, { operatorId: user.operatorId }), q.vue, csvFormatOf(params.format), "operateur");
  return new Response(csv.body, { headers: csvHeaders(csv.fileName) });
});
