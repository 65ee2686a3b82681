import type { Prisma } from "@/generated/prisma/client";
import type { AdvenirMessage } from "@/lib/schemas/advenir";

/** What the console shows of a submission (never its raw body). */
export const submissionSelect = {
  id: true,
  door: true,
  env: true,
  endpoint: true,
  method: true,
  receivedAt: true,
  durationMs: true,
  sizeBytes: true,
  httpStatus: true,
  outcome: true,
  received: true,
  stored: true,
  unchanged: true,
  warnings: true,
  errors: true,
} as const satisfies Prisma.SubmissionSelect;

/**
 * One stored error or warning as the console shows it: the ADVENIR door stores {chemin, message};
 * the QualiCharge door stores its answer's detail as sent (lib/channels/qualicharge/journal.ts):
 * FastAPI's 422 items {type, loc, msg}, whose `loc` becomes the path ("body/1/energy"), or the
 * text of another error ("Point of charge does not exist").
 */
function message(item: unknown): AdvenirMessage {
  if (typeof item === "string") return { chemin: "", message: item };
  if (item && typeof item === "object") {
    const o = item as Record<string, unknown>;
    if (typeof o.chemin === "string" && typeof o.message === "string") return { chemin: o.chemin, message: o.message };
    if (typeof o.msg === "string") {
      const path = Array.isArray(o.loc) ? o.loc.map(String).join("/") : "";
      return { chemin: path, message: typeof o.type === "string" ? `${o.msg} (${o.type})` : o.msg };
    }
  }
  return { chemin: "", message: JSON.stringify(item) ?? "" };
}

/** The stored errors or warnings of a submission, whichever door journaled it. */
export function messages(json: Prisma.JsonValue): AdvenirMessage[] {
  return Array.isArray(json) ? json.map(message) : [];
}
