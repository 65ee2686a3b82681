import { getPointChargesExport } from "@/lib/dossiers/get-point-activity";
import { formatPointChargesCsv } from "@/lib/charges/format-point-charges-csv";
import { csvFileName, csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { AppError } from "@/lib/platform/errors";
import { route } from "@/lib/auth/route";

export const dynamic = "force-dynamic";

/** The point's charges (production data, most recent first) as CSV: French Excel by default, `format=standard` for , and . */
export const GET = route<{ dossierId: string; pointId: string }>("dossiers:manage-own", async ({ request, user, params: { dossierId, pointId } }) => {
  const found = await getPointChargesExport({ dossierId, pointId, viewer: user });
  if (!found) throw new AppError("NOT_FOUND", "Point de charge introuvable.");
  const format = csvFormatOf(new URL(request.url).searchParams.get("format"));
  const point = { label: found.point.label, dossierReference: found.point.dossier.reference };
  return new Response(formatPointChargesCsv(found.items, point, found.total, format), {
    headers: csvHeaders(csvFileName(["recharges", found.point.dossier.reference, found.point.label, format])),
  });
});
