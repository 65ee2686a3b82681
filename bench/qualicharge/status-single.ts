import autocannon from "autocannon";
import { fmt, verdict } from "../ingest/report";
import type { BenchContext, BenchSection } from "./context";
import { startScript } from "./setup";
import { median, randomStatus } from "./statuses";

// (b) Single status POSTs at 32 concurrent clients (autocannon) on the portal's server, against
// the minimal baseline server (bench/qualicharge/baseline-server.ts: one INSERT per request) on
// the same database in the same run. Rounds alternate between the two so that a busy moment of
// the shared machine weighs on both; each p99 is the median of its rounds' p99.

const CONNECTIONS = 32;

function cannon(url: string, path: string, headers: Record<string, string>, body: () => string, duration: number) {
  return autocannon({
    url: `${url}${path}`,
    connections: CONNECTIONS,
    duration,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
}

type Result = Awaited<ReturnType<typeof autocannon>>;

function summary(results: Result[]) {
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  return {
    p50: median(results.map((r) => r.latency.p50)),
    p99: median(results.map((r) => r.latency.p99)),
    rps: requests / results.reduce((s, r) => s + r.duration, 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    roundsP99: results.map((r) => r.latency.p99),
  };
}

export const statusSingleSection: BenchSection = {
  name: "status-single",
  async run(ctx: BenchContext) {
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const seconds = Number(process.env.BENCH_ROUND_SECONDS ?? 10);
    const baseline = await startScript(
      "bench/qualicharge/baseline-server.ts",
      { DATABASE_URL: ctx.databaseUrl },
      process.env.BENCH_BASELINE_NODE_ARGS?.split(" ").filter(Boolean),
    );
    try {
      let n = 0;
      const body = () => JSON.stringify(randomStatus(ctx.points, n++));
      const portal = (d: number) => cannon(ctx.baseUrl, "/api/v1/dynamique/status/", { authorization: ctx.auth }, body, d);
      const minimal = (d: number) => cannon(baseline.url, "/", {}, body, d);
      await portal(3);
      await minimal(3);
      const portalRounds: Result[] = [];
      const minimalRounds: Result[] = [];
      for (let k = 0; k < rounds; k++) {
        portalRounds.push(await portal(seconds));
        minimalRounds.push(await minimal(seconds));
      }
      const p = summary(portalRounds);
      const m = summary(minimalRounds);
      const ratio = p.p99 / m.p99;
      const row = (label: string, s: ReturnType<typeof summary>) =>
        `| ${label} | ${fmt(s.p50)} ms | ${fmt(s.p99)} ms (${s.roundsP99.map((x) => fmt(x)).join(", ")}) | ${fmt(s.rps)} | ${s.non2xx} | ${s.errors} |`;
      const markdown = [
        "### (b) Single status POSTs at 32 concurrent clients",
        "",
        `autocannon, ${CONNECTIONS} connections, ${rounds} rounds of ${seconds} s each side, alternating (after 3 s of warm-up each).`,
        "",
        "| server | p50 | p99 (rounds) | req/s | non-2xx | errors |",
        "|---|---:|---:|---:|---:|---:|",
        row("portal `POST /api/v1/dynamique/status/` (token, validation, tenancy, history + latest + journal)", p),
        row("minimal Node server, one INSERT per request", m),
        "",
        `p99 portal / minimal: **${fmt(ratio, 2)}×** (target ≤ 1.5×: ${verdict(ratio <= 1.5 && p.non2xx === 0 && p.errors === 0)}).`,
      ].join("\n");
      return { markdown, targets: [{ label: "(b) single POST p99 ≤ 1.5× baseline", ok: ratio <= 1.5 && p.non2xx === 0 && p.errors === 0 }] };
    } finally {
      baseline.stop();
    }
  },
};
