import { findOwnDossier } from "@/lib/dossiers/find-own-dossier";
import { importIrveFile, type ImportMode } from "@/lib/irve/import-irve-file";
import { jsonError } from "@/lib/platform/http/json-error";
import { jsonLinesResponse } from "@/lib/platform/http/json-lines";
import { route } from "@/lib/auth/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MAX_BYTES = 100 * 1024 * 1024;

// POST multipart {fichier, mode}: imports an IRVE CSV into the dossier and streams its progress
// as JSON lines ({"type":"progress"…} then one {"type":"result"…}), for the progress bar. A
// failure once the stream has started is one {"type":"error", …} line carrying the portal's JSON
// error body (lib/platform/http/json-error.ts); before that, the usual error answers.
export const POST = route<{ dossierId: string }>("dossiers:manage-own", async ({ request, user, params: { dossierId } }) => {
  await findOwnDossier({ dossierId, viewer: user });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES) return jsonError(413, "Fichier trop volumineux (100 Mo au plus).");
  const form = await request.formData().catch(() => null);
  const file = form?.get("fichier");
  if (!(file instanceof File) || file.size === 0) return jsonError(400, "Choisissez un fichier CSV.", "fichier");
  const mode = form?.get("mode") === "lignes-valides" ? "lignes-valides" : ("tout-ou-rien" as ImportMode);
  const content = await file.text();
  return jsonLinesResponse("import irve", async (send) => {
    const report = await importIrveFile({
      dossierId,
      content,
      mode,
      actor: user.email,
      actorUserId: user.id,
      onProgress: (phase, done, total) => send({ type: "progress", phase, done, total }),
    });
    send({ type: "result", ...report, errors: report.errors.slice(0, 5000), errorCount: report.errors.length });
  });
});
