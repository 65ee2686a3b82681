import { authorizeRequest } from "@/lib/auth/session";
import { getDossierView } from "@/lib/dossiers/get-dossier-view";
import { importIrveFile, type ImportMode } from "@/lib/irve/import-irve-file";
import { isAppError, HTTP_STATUS } from "@/lib/platform/errors";
import { jsonError } from "@/lib/platform/http/json-error";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MAX_BYTES = 100 * 1024 * 1024;

// POST multipart {fichier, mode}: imports an IRVE CSV into the dossier and streams its progress
// as JSON lines ({"type":"progress"…} then one {"type":"result"…}), for the progress bar.
export async function POST(request: Request, context: { params: Promise<{ dossierId: string }> }) {
  try {
    const user = await authorizeRequest("dossiers:manage-own");
    const { dossierId } = await context.params;
    const dossier = await getDossierView({ dossierId, viewer: user });
    if (!dossier) return jsonError(404, "Dossier introuvable.");
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES) return jsonError(413, "Fichier trop volumineux (100 Mo au plus).");
    const form = await request.formData().catch(() => null);
    const file = form?.get("fichier");
    if (!(file instanceof File) || file.size === 0) return jsonError(400, "Choisissez un fichier CSV.", "fichier");
    const mode = form?.get("mode") === "lignes-valides" ? "lignes-valides" : ("tout-ou-rien" as ImportMode);
    const content = await file.text();
    const encoder = new TextEncoder();
    const stream = new ReadableStream({
      async start(controller) {
        const send = (event: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        try {
          const report = await importIrveFile({
            dossierId,
            content,
            mode,
            actor: user.email,
            actorUserId: user.id,
            onProgress: (phase, done, total) => send({ type: "progress", phase, done, total }),
          });
          send({ type: "result", ...report, errors: report.errors.slice(0, 5000), errorCount: report.errors.length });
        } catch (e) {
          send({ type: "error", message: isAppError(e) ? e.message : "Erreur inattendue pendant l'import.", fields: isAppError(e) ? e.fields : [] });
          if (!isAppError(e)) console.error("[irve import]", e);
        }
        controller.close();
      },
    });
    return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
  } catch (e) {
    if (isAppError(e)) return jsonError(HTTP_STATUS[e.code], e.message);
    throw e;
  }
}
