import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { rawBodyForStorage } from "@/lib/channels/advenir/record-submission";

describe("rawBodyForStorage", () => {
  it("gzips small and large bodies so that they inflate to the bytes received", async () => {
    for (const size of [0, 1, 300, 5_000, 64 * 1024, 64 * 1024 + 1, 400_000]) {
      const raw = Buffer.from('{"a":1}'.repeat(Math.ceil(size / 7)).slice(0, size));
      const stored = await rawBodyForStorage({ raw, gzipped: false });
      expect(stored.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(gunzipSync(stored).equals(raw)).toBe(true);
    }
  });

  it("keeps a body received gzipped as it came", async () => {
    const raw = Buffer.from([0x1f, 0x8b, 1, 2, 3]);
    expect(await rawBodyForStorage({ raw, gzipped: true })).toBe(raw);
  });
});

describe("recordSubmission", () => {
  it("journals messages holding what jsonb refuses (U+0000, lone surrogates), escaped", async () => {
    const { rawSql, db } = await import("@/lib/platform/db/database");
    const { recordSubmission } = await import("@/lib/channels/advenir/record-submission");
    const { makeTenant } = await import("@/tests/support/advenir/ingest");
    const t = await makeTenant();
    const id = await recordSubmission(await rawSql(), {
      env: "production",
      operatorId: t.operatorId,
      credentialId: t.credentialId,
      endpoint: "/api/operation/put",
      method: "POST",
      ipAddress: "192.0.2.1",
      receivedAt: new Date(),
      durationMs: 1,
      sizeBytes: 10,
      httpStatus: 422,
      outcome: "ECHEC",
      received: 0,
      stored: 0,
      unchanged: 0,
      warnings: [{ chemin: "w\ud800", message: "ok" }],
      errors: [{ chemin: "a\u0000b/\udc00", message: "près de « \u0000 »" }],
      rawBody: null,
    });
    expect(id).not.toBeNull();
    const row = await (await db()).submission.findUniqueOrThrow({ where: { id: id! } });
    expect(row.errors).toEqual([{ chemin: "a\\u0000b/\\uDC00", message: "près de « \\u0000 »" }]);
    expect(row.warnings).toEqual([{ chemin: "w\\uD800", message: "ok" }]);
  });
});

describe("the journal's raw bodies", () => {
  it("are kept out of line and never compressed again by the database (they are gzip already)", async () => {
    const { rawSql } = await import("@/lib/platform/db/database");
    const sql = await rawSql();
    // 'e' (EXTERNAL): PostgreSQL's own compression would try, and fail, on every large body.
    const [column] = await sql.query<{ storage: string }>(
      "SELECT attstorage AS storage FROM pg_attribute WHERE attrelid = 'submission'::regclass AND attname = 'raw_body'",
    );
    expect(column.storage).toBe("e");
  });
});
