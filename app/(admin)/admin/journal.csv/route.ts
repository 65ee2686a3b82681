import { authorizeRequest } from "@/lib/auth/session";
import { exportAuditEntries } from "@/lib/audit/list-audit-entries";
import { auditCsvParts, formatAuditCsv } from "@/lib/audit/format-audit-csv";
import { auditFiltersSchema, queryValues } from "@/lib/schemas/audit-filters";
import { csvFileName, csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { isAppError, HTTP_STATUS } from "@/lib/platform/errors";
import { jsonError } from "@/lib/platform/http/json-error";

export const dynamic = "force-dynamic";

/** The filtered audit log as CSV: French Excel by default, `format=standard` for , and . */
export async function GET(request: Request) {
  try {
    await authorizeRequest("audit:read");
    const query = new URL(request.url).searchParams;
    const parsed = auditFiltersSchema.safeParse(queryValues(query));
    if (!parsed.success) return jsonError(400, parsed.error.issues.map((i) => i.message).join(" ; "), String(parsed.error.issues[0].path[0]));
    const format = csvFormatOf(query.get("format"));
    const { items, total } = await exportAuditEntries(parsed.data);
    return new Response(formatAuditCsv(items, parsed.data, total, format), { headers: csvHeaders(csvFileName(auditCsvParts(parsed.data, format))) });
  } catch (e) {
    if (isAppError(e)) return jsonError(HTTP_STATUS[e.code], e.message);
    throw e;
  }
}
