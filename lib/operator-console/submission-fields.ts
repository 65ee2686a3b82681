import type { Prisma } from "@/generated/prisma/client";
import type { AdvenirMessage } from "@/lib/schemas/advenir";

/** What the console shows of a submission (never its raw body). */
export const submissionSelect = {
  id: true,
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

/** The stored errors or warnings of a submission (a JSON array of {chemin, message}). */
export function messages(json: Prisma.JsonValue): AdvenirMessage[] {
  return Array.isArray(json) ? (json as unknown as AdvenirMessage[]) : [];
}
