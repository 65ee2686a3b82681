import { once } from "node:events";
import type pg from "pg";

// One transaction on one PostgreSQL connection, with COPY … FROM STDIN: what the data API's
// bulk write needs (lib/channels/advenir/write-records.ts) and a pooled query cannot give (each pooled
// query may run on another connection). PGlite has no such executor: there the writer falls
// back to its one-statement path (one in-process connection, queries already serialised).

export interface SqlTransaction {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: { name?: string }): Promise<T[]>;
  /**
   * Runs `COPY … FROM STDIN` (the statement in `sql`) with `chunks` as its input; returns the rows
   * copied. Each chunk is asked of the iterator once the previous one is on its way, so that an
   * iterator that encodes as it goes encodes while the database reads.
   */
  copyFrom(sql: string, chunks: Iterable<Buffer>): Promise<number>;
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

async function copyInto(client: pg.PoolClient, text: string, chunks: Iterable<Buffer>): Promise<number> {
  // Loaded on first use: only the PostgreSQL bulk write needs it.
  const { from } = await import("pg-copy-streams");
  const stream = client.query(from(text));
  let refused: unknown = null; // the database's error, once it has answered one
  const done = new Promise<void>((resolve, reject) => {
    stream.on("error", (e) => {
      refused ??= e;
      reject(e);
    });
    stream.on("finish", resolve);
  });
  done.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  try {
    for (const chunk of chunks) {
      // Wait only before writing, so that the iterator produced this chunk while the previous
      // ones went out; at most one chunk is ever queued in the stream. An error of the database
      // ends the wait (and the loop).
      if (stream.writableNeedDrain) await Promise.race([once(stream, "drain"), done]);
      stream.write(chunk);
    }
  } catch (e) {
    // The database refused the COPY: it has ended it already; nothing more is written.
    if (refused !== null) throw refused;
    // The iterator failed: the database is told to abandon the COPY (CopyFail), then its error is ours.
    stream.destroy(e instanceof Error ? e : new Error(String(e)));
    await done.catch(() => undefined);
    throw e;
  }
  stream.end();
  await done;
  return Number(stream.rowCount ?? 0);
}
