import { afterAll, describe, expect, it } from "vitest";
import { databaseKind, rawSql } from "@/lib/platform/db/database";

// COPY … FROM STDIN fed chunk by chunk (the data API's bulk write encodes the next chunk while
// the database reads the previous one): every chunk arrives, and a COPY that fails, whether the
// database refuses a row or the chunks' producer throws, leaves nothing behind and its connection
// usable.

const CHUNK_ROWS = 2000;

/** Chunks of CHUNK_ROWS text COPY rows, `produced` counting those asked for; throws at chunk `throwAt`. */
function* chunks(count: number, produced: { n: number }, throwAt = -1) {
  for (let c = 0; c < count; c++) {
    produced.n++;
    if (c === throwAt) throw new Error("encodage interrompu");
    const rows = Array.from({ length: CHUNK_ROWS }, (_, i) => `${c * CHUNK_ROWS + i}\tTX-${c}-${i}\n`);
    yield Buffer.from(rows.join(""));
  }
}

// The tables of this file live in a schema of their own, dropped after it: the test database is
// shared with the other files, whose schema (public) stays as the migrations made it.
const SCHEMA = `copy_chunks_${Math.random().toString(36).slice(2, 10)}`;
let tables = 0;

async function scratchTable(): Promise<string> {
  const sql = await rawSql();
  await sql.exec(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  const table = `${SCHEMA}.t${++tables}`;
  await sql.exec(`CREATE TABLE ${table} (n int PRIMARY KEY, tx text NOT NULL)`);
  return table;
}

afterAll(async () => {
  if ((await databaseKind()) === "postgres") await (await rawSql()).exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
});

describe("COPY from chunks in one transaction", () => {
  it("stores every chunk's rows, asking the producer for each chunk in turn", async () => {
    if ((await databaseKind()) !== "postgres") return; // PGlite has no COPY from the client
    const sql = await rawSql();
    const table = await scratchTable();
    const produced = { n: 0 };
    const copied = await sql.transaction!((tx) => tx.copyFrom(`COPY ${table} FROM STDIN`, chunks(40, produced)));
    expect([copied, produced.n]).toEqual([40 * CHUNK_ROWS, 40]);
    const [row] = await sql.query<{ n: number; last: string }>(`SELECT count(*)::int AS n, max(tx) FILTER (WHERE n = 79999) AS last FROM ${table}`);
    expect(row).toEqual({ n: 80_000, last: "TX-39-1999" });
  });

  it("refused by the database midway: rejected with its error, nothing stored, the pool still serves", async () => {
    if ((await databaseKind()) !== "postgres") return;
    const sql = await rawSql();
    const table = await scratchTable();
    // A bad row at the start, then 40 chunks of 1 MB: the refusal comes back while the client
    // still has chunks to send (it must stop there, not write on a COPY the database has ended).
    const good = Buffer.from(Array.from({ length: 50_000 }, (_, i) => `${i}\tTX-${i}-0123\n`).join(""));
    function* refusedEarly() {
      yield Buffer.from("pas-un-nombre\tTX\n");
      for (let c = 0; c < 40; c++) yield good;
    }
    const failing = sql.transaction!((tx) => tx.copyFrom(`COPY ${table} FROM STDIN`, refusedEarly()));
    await expect(failing).rejects.toMatchObject({ code: "22P02" });
    const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    expect(row.n).toBe(0);
    // Every connection of the pool still works (one per concurrent transaction here).
    const again = await Promise.all(
      Array.from({ length: 4 }, (_, i) => sql.transaction!((tx) => tx.copyFrom(`COPY ${table} (n, tx) FROM STDIN`, [Buffer.from(`${-1 - i}\tok\n`)]))),
    );
    expect(again).toEqual([1, 1, 1, 1]);
  });

  it("its producer throwing midway: rejected with that error, the COPY abandoned, nothing stored", async () => {
    if ((await databaseKind()) !== "postgres") return;
    const sql = await rawSql();
    const table = await scratchTable();
    const produced = { n: 0 };
    const failing = sql.transaction!(async (tx) => {
      await tx.query(`INSERT INTO ${table} VALUES (-1, 'avant')`);
      return tx.copyFrom(`COPY ${table} FROM STDIN`, chunks(40, produced, 5));
    });
    await expect(failing).rejects.toThrow("encodage interrompu");
    expect(produced.n).toBe(6);
    const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    expect(row.n).toBe(0);
    const [alive] = await sql.query<{ one: number }>("SELECT 1 AS one");
    expect(alive.one).toBe(1);
  });
});
