import { listOffenders } from "@/lib/data-quality/list-offenders";
import { findReportOperator } from "@/lib/data-quality/read-report";
import { formatOffendersCsv } from "@/lib/data-quality/format-data-quality-csv";
import { offendersQuerySchema, reportOperatorIdSchema } from "@/lib/schemas/data-quality";
import { queryValues } from "@/lib/schemas/audit-filters";
import { csvFileName, csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { jsonError } from "@/lib/platform/http/json-error";
import { AppError } from "@/lib/platform/errors";
import { route } from "@/lib/auth/route";

export const dynamic = "force-dynamic";

/** An operator's rows breaking the rules on a day, for the admin (individual data), as CSV. */
export const GET = route<{ operatorId: string }>("data-quality:read-all", async ({ request, params }) => {
  const id = reportOperatorIdSchema.safeParse(params.operatorId);
  const operator = id.success ? await findReportOperator(id.data) : null;
  if (!operator) throw new AppError("NOT_FOUND", "Opérateur introuvable.");
  const parsed = offendersQuerySchema.safeParse(queryValues(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((i) => i.message).join(" ; "), String(parsed.error.issues[0].path[0]));
  const format = csvFormatOf(parsed.data.format);
  const data = await listOffenders({ operatorId: operator.id, day: parsed.data.jour, ruleCode: parsed.data.regle });
  return new Response(formatOffendersCsv(data, format), {
    headers: csvHeaders(csvFileName(["qualite-des-donnees", operator.name, data.day ?? "aucun-controle", parsed.data.regle ?? "toutes-les-regles", format])),
  });
});
