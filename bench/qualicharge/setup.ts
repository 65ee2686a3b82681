import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";
import { freePort } from "@/tests/support/common/free-port";
import type { BenchPoint } from "./context";

// The bench's data and processes: an operator holding `units` operational units of `perUnit`
// points each (stations of 10 points, made in SQL), two API users (every unit; the first unit
// only) with their tokens, and the portal's server on the bench database.

export const POINTS_PER_STATION = 10;

export async function makeBenchPoints(databaseUrl: string, operatorId: string, units: string[], perUnit: number): Promise<BenchPoint[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const unit of units) {
      await client.query(
        `WITH st AS (
           INSERT INTO station (id, operator_id, station_code, point_count, nominal_power_kw, insee_code)
           SELECT gen_random_uuid(), $1::uuid, $2 || 'P' || lpad(s::text, 6, '0'), $3::int, 22, '75101'
             FROM generate_series(1, $4::int) s
           RETURNING id, station_code)
         INSERT INTO charge_point (id, station_id, point_code, id_pdc_itinerance, nominal_power_kw)
         SELECT gen_random_uuid(), st.id, $2 || 'E' || substr(st.station_code, 7) || lpad(p::text, 2, '0'),
                $2 || 'E' || substr(st.station_code, 7) || lpad(p::text, 2, '0'), 22
           FROM st, generate_series(1, $3::int) p`,
        [operatorId, unit, POINTS_PER_STATION, Math.ceil(perUnit / POINTS_PER_STATION)],
      );
    }
    const { rows } = await client.query<{ id: string; station_id: string; id_pdc_itinerance: string }>(
      `SELECT cp.id, cp.station_id, cp.id_pdc_itinerance FROM charge_point cp JOIN station s ON s.id = cp.station_id
        WHERE s.operator_id = $1::uuid ORDER BY cp.id_pdc_itinerance`,
      [operatorId],
    );
    await client.query("ANALYZE station; ANALYZE charge_point");
    return rows.map((r) => ({ idPdcItinerance: r.id_pdc_itinerance, chargePointId: r.id, stationId: r.station_id, unit: r.id_pdc_itinerance.slice(0, 5) }));
  } finally {
    await client.end();
  }
}

export interface ChildServer {
  url: string;
  pid: number;
  stop(): void;
}

/** Starts a bench server script (`node --import tsx <script>`) on a free port; resolves when it prints "listening". */
export async function startScript(script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("listening") && resolve());
    child.on("exit", (code) => reject(new Error(`${script} exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill("SIGTERM") };
}

/**
 * The portal's server on the bench database: the real start-up (cli/start.ts, Next.js included)
 * when a build exists, else the same Node server with its doors and Next.js stood in
 * (bench/qualicharge/door-server.ts): QualiCharge's requests never reach Next.js either way.
 */
export async function startPortal(env: Record<string, string>): Promise<{ url: string; kind: string; stop(): Promise<void> }> {
  if (existsSync(".next/BUILD_ID") && process.env.BENCH_DOOR_ONLY !== "1") {
    const { startServer } = await import("../ingest/server");
    const server = await startServer(env);
    return { url: `http://127.0.0.1:${server.port}`, kind: "the portal's start-up (cli/start.ts)", stop: () => server.stop() };
  }
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server.
  const server = await startScript("bench/qualicharge/door-server.ts", env, process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean));
  return {
    url: server.url,
    kind: "the portal's Node server with its doors, Next.js stood in (no build: bench/qualicharge/door-server.ts)",
    stop: async () => server.stop(),
  };
}
