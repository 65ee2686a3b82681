import { exportAuditEntries } from "@/lib/audit/list-audit-entries";
import { auditCsvParts, formatAuditCsv } from "@/lib/audit/format-audit-csv";
import { auditFiltersSchema, queryValues } from "@/lib/schemas/audit-filters";
import { csvFileName, csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { jsonError } from "@/lib/platform/http/json-error";
import { route } from "@/lib/auth/route";

export const dynamic = "force-dynamic";

/** The filtered audit log as CSV: French Excel by default, `format=standard` for , and . */
export const GET = route("audit:read", async ({ request }) => {
  const query = new URL(request.url).searchParams;
  const parsed = auditFiltersSchema.safeParse(queryValues(query));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((i) => i.message).join(" ; "), String(parsed.error.issues[0].path[0]));
  const format = csvFormatOf(query.get("format"));
  const { items, total } = await exportAuditEntries(parsed.data);
  return new Response(formatAuditCsv(items, parsed.data, total, format), { headers: csvHeaders(csvFileName(auditCsvParts(parsed.data, format))) });
});
