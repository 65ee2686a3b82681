import { randomBytes } from "node:crypto";
import pg from "pg";
import { test, expect } from "@playwright/test";
import { openDatabase } from "@/lib/platform/db/database";
import { makeDossier, makeOperator, makeStations } from "@/cli/demo/factories";
import { createIsolatedDatabase } from "@/tests/support/common/isolated-database";
import { makeOperationsBody, makeStationSpecs } from "@/bench/ingest/generate";
import { startServer, type RunningServer } from "@/bench/ingest/server";

// kill -9 of the real server (cli/start.ts, as `npm start`) while it writes a
// 50,000-operation body: the database then holds all of it or none of it, and the client's
// retry on a restarted server stores it exactly once. On a server and database of its own.

const OPERATIONS = 50_000;
const KILLS = 2;

test("kill -9 pendant l'écriture de 50 000 opérations : tout ou rien, et la reprise enregistre une seule fois", async () => {
  test.setTimeout(600_000);
  const own = await createIsolatedDatabase(process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres", "advenir_e2e_kill");
  const opened = await openDatabase(own.url);
  const stations = makeStationSpecs(50);
  const operator = await makeOperator({ prisma: opened.prisma, name: "Opérateur kill -9", credentials: ["production"] });
  const dossier = await makeDossier({ prisma: opened.prisma, operatorId: operator.id, signed: true });
  await makeStations({
    prisma: opened.prisma,
    dossierId: dossier.id,
    stations: stations.map((s) => ({ stationCode: s.code, pointCount: s.pointCount, nominalPowerKw: s.nominalPowerKw })),
  });
  await opened.close();
  const { username, secret } = operator.credentials[0];
  const auth = `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}`;
  const body = JSON.stringify(makeOperationsBody(operator.id, stations, OPERATIONS, 5, "KILL"));
  const env = { DATABASE_URL: own.url, NEXTAUTH_SECRET: randomBytes(24).toString("hex"), LOG_ERRORS: "false" };
  const check = new pg.Client({ connectionString: own.url });
  await check.connect();
  const one = async <T>(sql: string, params: unknown[] = []) => (await check.query(sql, params)).rows[0] as T;
  const post = (server: RunningServer) =>
    fetch(`http://127.0.0.1:${server.port}/api/operation/put`, { method: "PUT", headers: { authorization: auth, "content-type": "application/json" }, body });
  let server: RunningServer | undefined;
  try {
    for (let k = 0; k < KILLS; k++) {
      server = await startServer(env);
      const sending = post(server).catch(() => null); // the connection dies with the server
      // Kill while the server's transaction writes: its COPY (or upsert) is running.
      for (let i = 0; ; i++) {
        const { n } = await one<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query ILIKE 'COPY charge_operation%'",
        );
        if (n > 0) break;
        expect(i, "the write was never seen running").toBeLessThan(6000);
        await new Promise((r) => setTimeout(r, 5));
      }
      process.kill(server.pid, "SIGKILL");
      await sending; // null when the kill cut it (a write that committed just before the kill answers)
      await server.stop();
      // PostgreSQL rolls back the dead client's open transaction once it sees the socket closed.
      for (let i = 0; ; i++) {
        const { n } = await one<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
        );
        if (n === 0) break;
        expect(i).toBeLessThan(600);
        await new Promise((r) => setTimeout(r, 100));
      }
      const state = await one<{ ops: number; ok: number }>(
        "SELECT (SELECT count(*)::int FROM charge_operation) AS ops, (SELECT count(*)::int FROM submission WHERE http_status = 200 AND stored > 0) AS ok",
      );
      expect(
        [
          [0, 0],
          [OPERATIONS, 1],
        ],
        `after kill ${k + 1}: all or nothing`,
      ).toContainEqual([state.ops, state.ok]);
    }
    // The client's retry, on a restarted server: stored exactly once.
    server = await startServer(env);
    const retry = await post(server);
    expect(retry.status).toBe(200);
    const answer = (await retry.json()) as { recus: number; enregistres: number; inchanges: number };
    expect(answer.recus).toBe(OPERATIONS);
    expect(answer.enregistres + answer.inchanges).toBe(OPERATIONS);
    const after = await one<{ ops: number; keys: number }>(
      "SELECT count(*)::int AS ops, count(DISTINCT (station_id, transaction_id))::int AS keys FROM charge_operation",
    );
    expect(after).toEqual({ ops: OPERATIONS, keys: OPERATIONS });
  } finally {
    await server?.stop();
    await check.end();
    await own.drop();
  }
});
