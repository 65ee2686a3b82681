import type { DataEnv } from "@/generated/prisma/enums";

/**
 * A call's journal row (table submission), written by the same statement as the call's data on
 * the hot paths (one round trip per call, ADR 0005); the door fills it (its counts and outcome
 * come from what the statement did).
 */
export interface CallJournalRow {
  env: DataEnv | null;
  operatorId: string | null;
  apiUserId: string | null;
  /** Full path pattern, e.g. "/api/v1/dynamique/status/bulk". */
  endpoint: string;
  method: string;
  ipAddress: string | null;
  receivedAt: Date;
  durationMs: number;
  sizeBytes: number;
  httpStatus: number;
}
