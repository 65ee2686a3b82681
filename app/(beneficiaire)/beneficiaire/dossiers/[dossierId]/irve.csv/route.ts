import { findOwnDossier } from "@/lib/dossiers/find-own-dossier";
import { exportIrve } from "@/lib/irve/export-irve";
import { route } from "@/lib/auth/route";

export const dynamic = "force-dynamic";

/** The dossier's declared charge points as a CSV in the national IRVE static schema. */
export const GET = route<{ dossierId: string }>("dossiers:manage-own", async ({ user, params: { dossierId } }) => {
  const dossier = await findOwnDossier({ dossierId, viewer: user });
  const csv = await exportIrve({ dossierId });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="irve-statique-${dossier.reference.replace(/[^A-Za-z0-9._-]/g, "_")}.csv"`,
    },
  });
});
