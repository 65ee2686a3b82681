import type pg from "pg";

// One transaction on one PostgreSQL connection, with COPY … FROM STDIN: what the data API's
// bulk write needs (lib/channels/advenir/write-records.ts) and a pooled query cannot give (each pooled
// query may run on another connection). PGlite has no such executor: there the writer falls
// back to its one-statement path (one in-process connection, queries already serialised).

export interface SqlTransaction {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: { name?: string }): Promise<T[]>;
  /** Runs `COPY … FROM STDIN` (the statement in `sql`) with `data` as its input; returns the rows copied. */
  copyFrom(sql: string, data: Buffer): Promise<number>;
}

/** Runs `fn` between BEGIN and COMMIT on a connection of its own (ROLLBACK when it throws). */
export async function pgTransaction<T>(pool: pg.Pool, fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const tx: SqlTransaction = {
      query: async (text, values, options) => (await client.query({ text, values, name: options?.name })).rows,
      copyFrom: (text, data) => copyInto(client, text, data),
    };
    const result = await fn(tx);
    await client.query("COMMIT");
    return result;
  } catch (e) {
    // A connection whose ROLLBACK fails (the server went away) is not given back to the pool.
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw e;
  } finally {
    client.release(broken);
  }
}

async function copyInto(client: pg.PoolClient, text: string, data: Buffer): Promise<number> {
  // Loaded on first use: only the PostgreSQL bulk write needs it.
  const { from } = await import("pg-copy-streams");
  const stream = client.query(from(text));
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
    stream.end(data);
  });
  return Number(stream.rowCount ?? 0);
}
