import { authorizeRequest } from "@/lib/auth/session";
import { getDossierView } from "@/lib/dossiers/get-dossier-view";
import { exportIrve } from "@/lib/irve/export-irve";
import { isAppError, HTTP_STATUS } from "@/lib/platform/errors";
import { jsonError } from "@/lib/platform/http/json-error";

export const dynamic = "force-dynamic";

/** The dossier's declared charge points as a CSV in the national IRVE static schema. */
export async function GET(_: Request, context: { params: Promise<{ dossierId: string }> }) {
  try {
    const user = await authorizeRequest("dossiers:manage-own");
    const { dossierId } = await context.params;
    const dossier = await getDossierView({ dossierId, viewer: user });
    if (!dossier) return jsonError(404, "Dossier introuvable.");
    const csv = await exportIrve({ dossierId });
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="irve-statique-${dossier.reference.replace(/[^A-Za-z0-9._-]/g, "_")}.csv"`,
      },
    });
  } catch (e) {
    if (isAppError(e)) return jsonError(HTTP_STATUS[e.code], e.message);
    throw e;
  }
}
