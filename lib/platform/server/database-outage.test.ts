import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { closeDb } from "@/lib/platform/db/database";
import { databaseUrl } from "@/lib/platform/env";
import { listenWithAdvenirDoor } from "@/tests/support/advenir/door-server";
import { pendingJournalEntries } from "@/lib/channels/advenir/journal-backlog";
import { makeTenant, operation, type Tenant } from "@/tests/support/advenir/ingest";
import { createPrivateCluster, privateClusterMissing, type PrivateCluster } from "@/tests/support/common/private-cluster";

// PostgreSQL stopped under load, then started again, under the portal's own server (the one
// `npm start` runs, with a stand-in for Next.js), on a cluster of this test's own: meanwhile every
// call is answered 503 in protocol shape with Retry-After (never 500), /api/health says 503 too;
// the server recovers by itself; every acknowledged body is stored; every call is journaled,
// those of the outage once the database is back (lib/channels/advenir/journal-backlog.ts).

const missing = privateClusterMissing();
if (missing) console.warn(`[database-outage.test] ignoré : ${missing}`);

let cluster: PrivateCluster;
let server: http.Server;
let base: string;
let tenant: Tenant;

beforeAll(async () => {
  if (missing) return;
  cluster = await createPrivateCluster();
  // This file's process talks to the private cluster only (set before anything reads the env).
  process.env.DATABASE_URL = cluster.url;
  if (databaseUrl() !== cluster.url) throw new Error("l'environnement a été lu avant le démarrage de la base privée");
  tenant = await makeTenant({ stations: ["OUT1"] });
  ({ server, base } = await listenWithAdvenirDoor());
}, 180_000);

afterAll(async () => {
  if (missing) return;
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await closeDb();
  cluster?.destroy();
});

interface Call {
  status: number;
  retryAfter: string | null;
  body: { statut: string; enregistres?: number; erreurs?: { chemin: string; message: string }[] };
  ids: string[];
}

let n = 0;
async function put(): Promise<Call> {
  const i = n++;
  const ids = [`C${i}-A`, `C${i}-B`];
  const body = JSON.stringify({
    [tenant.operatorId]: { OUT1: { [ids[0]]: operation(1_700_000_000 + i * 8000), [ids[1]]: operation(1_700_004_000 + i * 8000) } },
  });
  const response = await fetch(`${base}/api/operation/put`, {
    method: "POST",
    headers: { authorization: tenant.auth, "content-type": "application/json" },
    body,
    signal: AbortSignal.timeout(20_000), // no hang: every call is answered
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json(), ids };
}

async function health() {
  const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(20_000) });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() };
}

describe.skipIf(missing)("database outage under load", () => {
  it("answers 503 with Retry-After meanwhile, recovers by itself, stores every acknowledged body and journals every call", async () => {
    const calls: Call[] = [];
    let running = true;
    const worker = async () => {
      while (running) calls.push(await put());
    };
    const workers = Array.from({ length: 4 }, worker);
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 60_000) => {
      const deadline = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`attendu en vain : ${what}`);
        await wait(50);
      }
    };

    await until("des envois acceptés avant la coupure", () => calls.filter((c) => c.status === 200).length >= 10);
    expect((await health()).status).toBe(200);
    await cluster.stop();
    const stoppedAt = calls.length;
    await until("des 503 pendant la coupure", () => calls.slice(stoppedAt).filter((c) => c.status === 503).length >= 10);
    const down = await health();
    expect(down).toEqual({ status: 503, retryAfter: "5", body: { statut: "ECHEC", base: "injoignable", migrationsEnAttente: [] } });
    await cluster.start();
    const restartedAt = calls.length;
    await until("le retour des 200 après le redémarrage", () => calls.slice(restartedAt).filter((c) => c.status === 200).length >= 10);
    running = false;
    await Promise.all(workers);
    expect(await health()).toMatchObject({ status: 200, body: { statut: "OK", base: "joignable" } });

    // Never a 500: 200 while the database answers, else 503 in protocol shape with Retry-After.
    const statuses = new Set(calls.map((c) => c.status));
    expect([...statuses].sort()).toEqual([200, 503]);
    for (const c of calls.filter((x) => x.status === 503)) {
      expect(c.retryAfter).toBe("5");
      expect(c.body).toEqual({
        statut: "ECHEC",
        erreurs: [{ chemin: "(serveur)", message: "base de données momentanément indisponible : rien n'a été enregistré ; réessayez dans 5 s" }],
      });
    }

    // Every acknowledged body is stored; every call is journaled, the outage's once the base is back.
    await until("l'écriture du journal différé", () => pendingJournalEntries() === 0, 30_000);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const acknowledged = calls.filter((c) => c.status === 200).flatMap((c) => c.ids);
      const stored = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM charge_operation WHERE operator_id = $1 AND transaction_id = ANY($2)", [
        tenant.operatorId,
        acknowledged,
      ]);
      expect(stored.rows[0].n).toBe(acknowledged.length);
      const journal = await client.query<{ status: number; n: number }>(
        "SELECT http_status AS status, count(*)::int AS n FROM submission WHERE endpoint = '/api/operation/put' GROUP BY 1 ORDER BY 1",
      );
      const count = (status: number) => journal.rows.find((r) => r.status === status)?.n ?? 0;
      expect(count(503)).toBe(calls.filter((c) => c.status === 503).length);
      // A body whose commit reached the database just as it went down may be stored and journaled
      // while its client saw a 503: at least every 200, then.
      expect(count(200)).toBeGreaterThanOrEqual(calls.filter((c) => c.status === 200).length);
      expect(journal.rows.map((r) => r.status).sort()).toEqual([200, 503]);
    } finally {
      await client.end();
    }
  }, 240_000);
});
