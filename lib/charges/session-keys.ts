import { createHash } from "node:crypto";
import type { DataEnv } from "@/generated/prisma/enums";

// The natural key of a QualiCharge session is its point and its start (to the second: the core
// stores times in whole seconds). From it come, deterministically, the charge_operation row's
// transaction_id and the session's id answered to the client, so that a resent session lands on
// the same row and is answered the same id (retries are harmless).

/** Prefix of the transaction ids of sessions: an ADVENIR client names its own transactions. */
export const SESSION_TRANSACTION_PREFIX = "QC:";

/** "QC:<id_pdc_itinerance>:<start, UTC, to the second>", e.g. "QC:FRABCE123:2026-11-30T09:00:00Z". */
export function sessionTransactionId(idPdcItinerance: string, startS: number): string {
  return `${SESSION_TRANSACTION_PREFIX}${idPdcItinerance}:${new Date(startS * 1000).toISOString().replace(/\.\d{3}Z$/, "Z")}`;
}

/**
 * The session's id: a hash of the environment, point and start shaped as a version-4 UUID
 * (QualiCharge answers UUID4s, and clients built on its models may check the version).
 */
export function sessionId(env: DataEnv, idPdcItinerance: string, startS: number): string {
  const b = createHash("sha256").update(`qualicharge-session\n${env}\n${idPdcItinerance}\n${startS}`).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
