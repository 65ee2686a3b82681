import { spawn } from "node:child_process";
import { freePort } from "@/tests/support/common/free-port";
import autocannon from "autocannon";

// Small puts at 32 concurrent clients, against the portal's server and against the minimal
// baseline server (bench/ingest/minimal-server.ts) on the same database, in the same run:
// rounds alternate between the two, so that a busy moment of the shared machine weighs on both;
// the p99 of each is the median of its rounds' p99.

const CONNECTIONS = 32;
const ROUNDS = 3;
const ROUND_SECONDS = 10;

export interface Latency {
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** p99 of each round, ms. */
  roundsP99: number[];
}

async function startMinimalServer(databaseUrl: string, operatorId: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "bench/ingest/minimal-server.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, OPERATOR_ID: operatorId, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("listening") && resolve());
    child.on("exit", (code) => reject(new Error(`minimal server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

/** A body of 3 new operations on one station; `prefix` keeps the two servers' transactions apart. */
function smallBody(userId: string, stations: string[], prefix: string) {
  let n = 0;
  return () => {
    const i = n++;
    const station = stations[i % stations.length];
    const start = Math.floor(Date.now() / 1000) - 86_400 - (i % 50_000) * 60;
    const op = (k: number) => ({
      StartTransaction: start + k * 4000,
      StopTransaction: start + k * 4000 + 1800,
      StartValue: 1000 * k,
      StopValue: 1000 * k + 900,
    });
    return JSON.stringify({ [userId]: { [station]: { [`${prefix}${i}-1`]: op(0), [`${prefix}${i}-2`]: op(1), [`${prefix}${i}-3`]: op(2) } } });
  };
}

function cannon(url: string, headers: Record<string, string>, body: () => string, duration: number) {
  return autocannon({
    url: `${url}/api/operation/put`,
    connections: CONNECTIONS,
    duration,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function summary(results: Awaited<ReturnType<typeof autocannon>>[]): Latency {
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  return {
    p50: median(results.map((r) => r.latency.p50)),
    p97_5: median(results.map((r) => r.latency.p97_5)),
    p99: median(results.map((r) => r.latency.p99)),
    max: Math.max(...results.map((r) => r.latency.max)),
    rps: requests / results.reduce((s, r) => s + r.duration, 0),
    requests,
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    roundsP99: results.map((r) => r.latency.p99),
  };
}

export async function measureSmallPuts(input: { baseUrl: string; auth: string; userId: string; stations: string[]; databaseUrl: string }) {
  const minimal = await startMinimalServer(input.databaseUrl, input.userId);
  try {
    const portalBody = smallBody(input.userId, input.stations, "S");
    const minimalBody = smallBody(input.userId, input.stations, "M");
    const portal = () => cannon(input.baseUrl, { authorization: input.auth }, portalBody, ROUND_SECONDS);
    const baseline = () => cannon(minimal.url, {}, minimalBody, ROUND_SECONDS);
    // Warm-up of both (JIT, pools, prepared statements).
    await cannon(input.baseUrl, { authorization: input.auth }, portalBody, 3);
    await cannon(minimal.url, {}, minimalBody, 3);
    const portalRounds = [];
    const baselineRounds = [];
    for (let k = 0; k < ROUNDS; k++) {
      portalRounds.push(await portal());
      baselineRounds.push(await baseline());
    }
    return { portal: summary(portalRounds), minimal: summary(baselineRounds), connections: CONNECTIONS, rounds: ROUNDS, roundSeconds: ROUND_SECONDS };
  } finally {
    minimal.stop();
  }
}
