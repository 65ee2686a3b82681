import { exportDayResults, listOperatorsQuality } from "@/lib/data-quality/read-report";
import { formatResultsCsv } from "@/lib/data-quality/format-data-quality-csv";
import { qualityListQuerySchema } from "@/lib/schemas/data-quality";
import { queryValues } from "@/lib/schemas/audit-filters";
import { csvFileName, csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { jsonError } from "@/lib/platform/http/json-error";
import { AppError } from "@/lib/platform/errors";
import { route } from "@/lib/auth/route";

export const dynamic = "force-dynamic";

/** Every operator's results of a day (the latest computed by default), one line per scope and rule, as CSV. */
export const GET = route("data-quality:read-all", async ({ request }) => {
  const parsed = qualityListQuerySchema.safeParse(queryValues(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((i) => i.message).join(" ; "), String(parsed.error.issues[0].path[0]));
  const { day } = await listOperatorsQuality({ day: parsed.data.jour });
  if (!day) throw new AppError("NOT_FOUND", "Aucun contrôle de la qualité des données n'a encore été calculé.");
  const format = csvFormatOf(parsed.data.format);
  return new Response(formatResultsCsv(day, await exportDayResults(day), format), {
    headers: csvHeaders(csvFileName(["qualite-des-donnees", day, format])),
  });
});
