import type { CallJournalRow } from "@/lib/statuses/call-journal-row";
import { rawSql } from "@/lib/platform/db/database";
import { storableText } from "@/lib/schemas/identifiers";

// One submission row (door QUALICHARGE) per authenticated call of the QualiCharge API, whatever its
// outcome: the operator reads them in its console with their errors, as for the ADVENIR API.
// Failed authentications go to the security log instead (lib/security/record-auth-failure.ts).

/** A call's journal row (endpoint with its /api/v1 prefix, as stored) with its counts and errors. */
export interface QualichargeCall extends CallJournalRow {
  /** Items received, stored (created or changed) and unchanged, for writes. */
  received: number;
  stored: number;
  unchanged: number;
  /** The answer's error body (its `detail` or `message`), when the call failed. */
  errors: unknown[];
}

/** Keeps what jsonb can hold of any JSON value (lone surrogates and NUL escaped). */
function storableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? storableText(v) : v));
}

export async function recordQualichargeCall(call: QualichargeCall): Promise<void> {
  const sql = await rawSql();
  await sql.query(
    `INSERT INTO submission (door, env, operator_id, api_user_id, endpoint, method, ip_address, received_at, duration_ms, size_bytes,
                             http_status, outcome, received, stored, unchanged, warnings, errors)
     VALUES ('QUALICHARGE', $1::"DataEnv", $2::uuid, $3::uuid, $4, $5, $6, $7::timestamptz, $8::int, $9::int, $10::int, $11, $12::int, $13::int, $14::int,
             '[]'::jsonb, $15::jsonb)`,
    [
      call.env,
      call.operatorId,
      call.apiUserId,
      call.endpoint,
      call.method,
      call.ipAddress,
      call.receivedAt,
      call.durationMs,
      call.sizeBytes,
      call.httpStatus,
      call.httpStatus < 400 ? "OK" : "ECHEC",
      call.received,
      call.stored,
      call.unchanged,
      storableJson(call.errors),
    ],
    // A trace written apart from the call's data (if any, already committed): no wait for the disk (ADR 0020).
    { name: "qc_journal", relaxedCommit: true },
  );
}
