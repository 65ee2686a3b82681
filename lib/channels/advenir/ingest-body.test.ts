import { describe, expect, it } from "vitest";
import { isRetryable } from "@/lib/channels/advenir/ingest-body";
import { rawSql } from "@/lib/platform/db/database";

describe("isRetryable", () => {
  it("recognises deadlocks and serialization failures by their SQLSTATE, nothing else", () => {
    expect(isRetryable(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toBe(true);
    expect(isRetryable(Object.assign(new Error("could not serialize access"), { code: "40001" }))).toBe(true);
    expect(isRetryable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isRetryable(new Error("40P01"))).toBe(false);
    expect(isRetryable(null)).toBe(false);
  });

  it("reads the SQLSTATE where the database driver in use puts it", async () => {
    const sql = await rawSql();
    // RAISE with an explicit SQLSTATE: the error the driver throws, as a real deadlock would be.
    const error = await sql.query("DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = '40P01'; END $$").then(
      () => null,
      (e: unknown) => e,
    );
    expect(isRetryable(error)).toBe(true);
  });
});
