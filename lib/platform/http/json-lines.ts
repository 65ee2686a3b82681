import "server-only";
import { isAppError } from "@/lib/platform/errors";
import { appErrorBody, type JsonErrorBody } from "@/lib/platform/http/json-error";
import { reportUnexpected } from "@/lib/platform/http/unexpected";

// A streamed answer in JSON lines (a long import's progress). Its status is sent before the work
// runs, so a failure is its last line instead: {"type":"error", …the portal's JSON error body}
// (an unexpected one logged with an id that the line carries, as route() does for a 500).

export function jsonLinesResponse(scope: string, run: (send: (event: object) => void) => Promise<void>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (event: object) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      await run(send).catch((e: unknown) => send({ type: "error", ...failureBody(scope, e) }));
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}

function failureBody(scope: string, e: unknown): JsonErrorBody {
  if (isAppError(e)) return appErrorBody(e);
  return { erreur: `Erreur inattendue, référence ${reportUnexpected(scope, e)}.` };
}
