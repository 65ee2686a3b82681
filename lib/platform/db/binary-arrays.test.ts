import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseKind, rawSql } from "@/lib/platform/db/database";
import { randomUuidArray, textArray, timestamptzArray, uuidArray } from "@/lib/platform/db/binary-arrays";

// Arrays sent to PostgreSQL in binary format read back as the values they were made of.

describe("binary arrays", () => {
  it("refuse what is not a UUID rather than send other bytes", () => {
    expect(() => uuidArray(["not-a-uuid"])).toThrow("UUID invalide");
    expect(() => uuidArray(["0f8fad5b-d9cb-469f-a165-70867728950g"])).toThrow("UUID invalide");
    expect(() => uuidArray(["0f8fad5bd9cb-469f-a165-70867728950e0"])).toThrow("UUID invalide");
    expect(() => timestamptzArray([new Date(Number.NaN)])).toThrow("horodatage invalide");
  });

  it("are read by PostgreSQL as the values they hold, nulls, accents and empty arrays included", async () => {
    if ((await databaseKind()) !== "postgres") return; // PGlite takes its parameters as text
    const sql = await rawSql();
    const uuids = [randomUUID(), null, randomUUID().toUpperCase(), randomUUID()];
    const texts = ["FRABCE123", null, "Non concerné", "", 'œ😀\\"{},', "en_service"];
    const instants = [new Date("2026-12-06T10:00:00.123Z"), new Date("1999-12-31T23:59:59.999Z"), new Date("2024-01-01T00:00:00Z")];
    const [row] = await sql.query<{ u: (string | null)[]; t: (string | null)[]; d: Date[]; e: string[]; n: number }>(
      "SELECT $1::uuid[]::text[] AS u, $2::text[] AS t, $3::timestamptz[] AS d, $4::text[] AS e, cardinality($5::uuid[]) AS n",
      [uuidArray(uuids), textArray(texts), timestamptzArray(instants), textArray([]), uuidArray([])],
    );
    expect(row.u).toEqual(uuids.map((u) => u?.toLowerCase() ?? null));
    expect(row.t).toEqual(texts);
    expect(row.d.map((d) => d.toISOString())).toEqual(instants.map((d) => d.toISOString()));
    expect([row.e, row.n]).toEqual([[], 0]);

    const fresh = randomUuidArray(50);
    const [back] = await sql.query<{ u: string[] }>("SELECT $1::uuid[]::text[] AS u", [fresh.array]);
    expect(back.u).toEqual(fresh.ids);
  });

  it("make new version 4 UUIDs, all different", () => {
    const { ids } = randomUuidArray(2000);
    expect(new Set(ids).size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
