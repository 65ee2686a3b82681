import { listOffenders } from "@/lib/data-quality/list-offenders";
import { formatOffendersCsv } from "@/lib/data-quality/format-data-quality-csv";
import { offendersQuerySchema } from "@/lib/schemas/data-quality";
import { queryValues } from "@/lib/schemas/audit-filters";
import { csvFileName, csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { jsonError } from "@/lib/platform/http/json-error";
import { AppError } from "@/lib/platform/errors";
import { route } from "@/lib/auth/route";

export const dynamic = "force-dynamic";

/** The operator's own rows breaking the rules on a day (the latest by default), one rule or all, as CSV. */
export const GET = route("data-quality:read-own", async ({ request, user }) => {
  if (!user.operatorId) throw new AppError("NOT_FOUND", "Votre compte n'est rattaché à aucun opérateur.");
  const parsed = offendersQuerySchema.safeParse(queryValues(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((i) => i.message).join(" ; "), String(parsed.error.issues[0].path[0]));
  const format = csvFormatOf(parsed.data.format);
  const data = await listOffenders({ operatorId: user.operatorId, day: parsed.data.jour, ruleCode: parsed.data.regle });
  return new Response(formatOffendersCsv(data, format), {
    headers: csvHeaders(csvFileName(["qualite-des-donnees", data.day ?? "aucun-controle", parsed.data.regle ?? "toutes-les-regles", format])),
  });
});
