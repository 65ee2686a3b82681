import { gzip, constants } from "node:zlib";
import { promisify } from "node:util";
import type { Prisma } from "@/generated/prisma/client";
import type { DataEnv } from "@/generated/prisma/enums";
import type { AdvenirMessage } from "@/lib/schemas/advenir";
import { capMessages } from "@/lib/ingest/errors";

// One submission row per call of the data API, whatever its outcome (401 and 413 included).
// Raw bodies are stored gzipped: as received when the client sent gzip, compressed otherwise.

const gzipAsync = promisify(gzip);

export interface SubmissionLog {
  id?: bigint;
  env: DataEnv | null;
  operatorId: string | null;
  credentialId: string | null;
  endpoint: string;
  method: string;
  ipAddress: string | null;
  receivedAt: Date;
  durationMs: number;
  sizeBytes: number;
  httpStatus: number;
  outcome: "OK" | "ECHEC";
  received: number;
  stored: number;
  unchanged: number;
  warnings: AdvenirMessage[];
  errors: AdvenirMessage[];
  rawBody: Uint8Array | null;
}

/** The raw body as stored: gzip bytes (fast compression level: this is an archive, not a transfer). */
export async function rawBodyForStorage(body: { raw: Buffer; gzipped: boolean }): Promise<Buffer> {
  return body.gzipped ? body.raw : gzipAsync(body.raw, { level: constants.Z_BEST_SPEED });
}

export async function recordSubmission(client: Pick<Prisma.TransactionClient, "submission">, log: SubmissionLog): Promise<bigint> {
  const row = await client.submission.create({
    data: {
      ...(log.id !== undefined ? { id: log.id } : {}),
      env: log.env,
      operatorId: log.operatorId,
      credentialId: log.credentialId,
      endpoint: log.endpoint,
      method: log.method,
      ipAddress: log.ipAddress,
      receivedAt: log.receivedAt,
      durationMs: Math.max(0, Math.round(log.durationMs)),
      sizeBytes: Math.min(log.sizeBytes, 2_147_483_647),
      httpStatus: log.httpStatus,
      outcome: log.outcome,
      received: log.received,
      stored: log.stored,
      unchanged: log.unchanged,
      warnings: capMessages(log.warnings) as unknown as Prisma.InputJsonValue,
      errors: capMessages(log.errors) as unknown as Prisma.InputJsonValue,
      rawBody: log.rawBody ? new Uint8Array(log.rawBody) : null,
    },
    select: { id: true },
  });
  return row.id;
}
