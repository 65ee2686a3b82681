import { crc32, gzip, gzipSync, constants } from "node:zlib";
import { promisify } from "node:util";
import type { DataEnv } from "@/generated/prisma/enums";
import type { SqlExecutor } from "@/lib/platform/db/migrate";
import type { AdvenirMessage } from "@/lib/schemas/advenir";
import { capMessages } from "@/lib/channels/advenir/errors";
import { storableText } from "@/lib/schemas/identifiers";
import { PURGED_CTE, countClosedProgrammeCall } from "@/lib/programme/closed-programme-calls";

// One submission row per authenticated call of the data API, whatever its outcome (413 and 422
// included); failed authentications go to the security log (lib/security/record-auth-failure.ts).
// Raw bodies are stored gzipped: as received when the client sent gzip, compressed otherwise.
// Written in plain SQL: on success it is part of the data's own statement (write-records.ts).

const gzipAsync = promisify(gzip);

/** What the call itself tells about a submission, known before the outcome. */
export interface SubmissionInput {
  env: DataEnv | null;
  operatorId: string | null;
  credentialId: string | null;
  endpoint: string;
  method: string;
  ipAddress: string | null;
  receivedAt: Date;
  durationMs: number;
  sizeBytes: number;
  warnings: AdvenirMessage[];
  rawBody: Uint8Array | null;
}

export interface SubmissionLog extends SubmissionInput {
  httpStatus: number;
  outcome: "OK" | "ECHEC";
  received: number;
  stored: number;
  unchanged: number;
  errors: AdvenirMessage[];
}

/** Bodies up to this size are compressed on the spot: cheaper than a round trip to the thread pool. */
const SYNC_GZIP_MAX_BYTES = 64 * 1024;
/**
 * Bodies up to this size are stored in gzip's format without compression: setting up zlib cost
 * more CPU than the rest of a small put's handling of its body, for a few hundred bytes saved.
 */
const STORED_GZIP_MAX_BYTES = 2 * 1024;

/** A gzip member holding `raw` in one stored (uncompressed) deflate block (RFC 1951 §3.2.4, RFC 1952). */
function storedGzip(raw: Buffer): Buffer {
  const out = Buffer.allocUnsafe(raw.length + 23);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff], 0); // magic, deflate, no flags, no mtime, unknown OS
  out[10] = 1; // final block, stored
  out.writeUInt16LE(raw.length, 11);
  out.writeUInt16LE(~raw.length & 0xffff, 13);
  raw.copy(out, 15);
  out.writeUInt32LE(crc32(raw), raw.length + 15);
  out.writeUInt32LE(raw.length, raw.length + 19);
  return out;
}

/** The raw body as stored: gzip bytes (fast compression level: this is an archive, not a transfer). */
export async function rawBodyForStorage(body: { raw: Buffer; gzipped: boolean }): Promise<Buffer> {
  if (body.gzipped) return body.raw;
  if (body.raw.length <= STORED_GZIP_MAX_BYTES) return storedGzip(body.raw);
  if (body.raw.length > SYNC_GZIP_MAX_BYTES) return gzipAsync(body.raw, { level: constants.Z_BEST_SPEED });
  // A window no larger than the body loses nothing and spares zlib most of its set-up, which is
  // what a small put's compression costs.
  const windowBits = Math.min(15, Math.max(9, Math.ceil(Math.log2(body.raw.length + 1))));
  return gzipSync(body.raw, { level: constants.Z_BEST_SPEED, windowBits, memLevel: Math.max(1, windowBits - 7) });
}

export const SUBMISSION_INPUT_COLUMNS =
  "env, operator_id, credential_id, endpoint, method, ip_address, received_at, duration_ms, size_bytes, warnings, raw_body";

/** Placeholders for SUBMISSION_INPUT_COLUMNS, from $first on. */
export function submissionPlaceholders(first: number): string {
  const casts = ['::"DataEnv"', "::uuid", "::uuid", "", "", "", "::timestamptz", "::int", "::int", "::jsonb", "::bytea"];
  return casts.map((cast, i) => `$${first + i}${cast}`).join(", ");
}

/**
 * Messages as jsonb can hold them, whatever the body quoted in them: jsonb refuses U+0000 and
 * lone surrogates (the paths and excerpts of a hostile body may carry both), and a call must be
 * journaled whatever its bytes.
 */
export function storableMessages(list: AdvenirMessage[]): string {
  return JSON.stringify(capMessages(list).map(({ chemin, message }) => ({ chemin: storableText(chemin), message: storableText(message) })));
}

/** Values for SUBMISSION_INPUT_COLUMNS, in that order. */
export function submissionInputs(log: SubmissionInput): unknown[] {
  return [
    log.env,
    log.operatorId,
    log.credentialId,
    log.endpoint,
    log.method,
    log.ipAddress,
    log.receivedAt,
    Math.max(0, Math.round(log.durationMs)),
    Math.min(log.sizeBytes, 2_147_483_647),
    storableMessages(log.warnings),
    log.rawBody,
  ];
}

const INSERT_SQL = `
WITH ${PURGED_CTE},
logged AS (
  INSERT INTO submission (${SUBMISSION_INPUT_COLUMNS}, http_status, outcome, received, stored, unchanged, errors)
  SELECT ${submissionPlaceholders(1)}, $12::int, $13, $14::int, $15::int, $16::int, $17::jsonb FROM purged WHERE NOT purged.yes
  RETURNING id
),
${countClosedProgrammeCall("$4", "$12")}
SELECT (SELECT id::text FROM logged) AS id, (SELECT count(*)::int FROM counted) AS counted`;

/**
 * Logs a call that stored nothing (refused or failed); returns the submission id, or null when
 * the programme's individual data has been purged (the call is then only counted, anonymously).
 */
export async function recordSubmission(sql: SqlExecutor, log: SubmissionLog): Promise<bigint | null> {
  const params = [...submissionInputs(log), log.httpStatus, log.outcome, log.received, log.stored, log.unchanged, storableMessages(log.errors)];
  const [row] = await sql.query<{ id: string | null }>(INSERT_SQL, params, { name: "advenir_record_submission" });
  return row.id === null ? null : BigInt(row.id);
}
