import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";

// The session section of the QualiCharge benchmark (bench/qualicharge/; the harness starts the
// portal, makes the API user, its token and its points): POST /api/v1/dynamique/session/bulk
// with bulks of 1,000 sessions (QualiCharge's deployed cap), `concurrency` requests in flight,
// and the sessions stored per second. Target: ≥ 10,000 sessions/s.
//
// Every session is new (one point and start each: the points in turn, a start 11 minutes after
// the point's previous one, going back from two hours ago), so that the benchmark measures
// inserts; `resend` posts the same bulks a second time to measure the unchanged path too. The
// bodies are built (and gzipped) before the clock starts.

export interface SessionBulksInput {
  /** The portal's base URL, e.g. "http://127.0.0.1:3000" (the API is under /api/v1). */
  baseUrl: string;
  /** A bearer token of a user with dynamic:create over the points' units. */
  token: string;
  /** id_pdc_itinerance of declared, in-service points. */
  points: string[];
  /** Number of bulks (default 20). */
  bulks?: number;
  /** Sessions per bulk (default 1,000: at most the portal's QUALICHARGE_BULK_MAX). */
  bulkSize?: number;
  /** Requests in flight (default 4). */
  concurrency?: number;
  /** Send the bodies gzip-compressed, as QualiCharge's clients may (default false). */
  gzip?: boolean;
  /** Post every bulk a second time (the idempotent path) and measure it apart. */
  resend?: boolean;
}

export interface SessionBulksPass {
  requests: number;
  /** Sessions in bulks answered 201. */
  sessions: number;
  seconds: number;
  sessionsPerSecond: number;
  /** Requests per HTTP status. */
  statuses: Record<number, number>;
  /** Request latencies (ms): median and 95th percentile. */
  p50Ms: number;
  p95Ms: number;
}

export interface SessionBulksResult {
  bulkSize: number;
  bodyBytes: number;
  first: SessionBulksPass;
  resent: SessionBulksPass | null;
}

const MIN = 60_000;

/** The bulks' JSON bodies: unique (point, start) across all of them. */
export function sessionBulkBodies(points: string[], bulks: number, bulkSize: number, now = Date.now()): string[] {
  if (points.length === 0) throw new Error("session bench: no points");
  const newest = Math.floor((now - 2 * 60 * MIN) / 1000) * 1000;
  const bodies: string[] = [];
  let k = 0;
  for (let b = 0; b < bulks; b++) {
    const items = [];
    for (let i = 0; i < bulkSize; i++, k++) {
      const round = Math.floor(k / points.length);
      const start = newest - round * 11 * MIN;
      const minutes = 5 + ((k * 7) % 56);
      items.push({
        id_pdc_itinerance: points[k % points.length],
        start: new Date(start).toISOString(),
        end: new Date(start + minutes * MIN).toISOString(),
        // 7 kW over the session, to the Wh: plausible, never flagged on a point of ≥ 7 kW.
        energy: Math.round(7 * (minutes / 60) * 1000) / 1000,
      });
    }
    bodies.push(JSON.stringify(items));
  }
  const oldest = newest - Math.floor((k - 1) / points.length) * 11 * MIN;
  if (now - oldest > 364 * 24 * 60 * MIN) throw new Error("session bench: too many sessions per point for QualiCharge's 365 days (add points)");
  return bodies;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function pass(
  url: string,
  headers: Record<string, string>,
  payloads: Uint8Array<ArrayBuffer>[],
  bulkSize: number,
  concurrency: number,
): Promise<SessionBulksPass> {
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  let sessions = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < payloads.length) {
      const body = payloads[next++];
      const t = performance.now();
      const response = await fetch(url, { method: "POST", headers, body });
      await response.arrayBuffer();
      latencies.push(performance.now() - t);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status === 201) sessions += bulkSize;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, payloads.length) }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: payloads.length,
    sessions,
    seconds,
    sessionsPerSecond: seconds > 0 ? sessions / seconds : 0,
    statuses,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
  };
}

/** Posts the session bulks to a running portal and measures the sessions stored per second. */
export async function benchSessionBulks(input: SessionBulksInput): Promise<SessionBulksResult> {
  const bulkSize = input.bulkSize ?? 1000;
  const bodies = sessionBulkBodies(input.points, input.bulks ?? 20, bulkSize);
  const headers: Record<string, string> = { Authorization: `Bearer ${input.token}`, "Content-Type": "application/json" };
  if (input.gzip) headers["Content-Encoding"] = "gzip";
  const payloads = bodies.map((b) => Uint8Array.from(input.gzip ? gzipSync(b) : Buffer.from(b)));
  const url = `${input.baseUrl.replace(/\/$/, "")}/api/v1/dynamique/session/bulk`;
  const concurrency = input.concurrency ?? 4;
  const first = await pass(url, headers, payloads, bulkSize, concurrency);
  const resent = input.resend ? await pass(url, headers, payloads, bulkSize, concurrency) : null;
  return { bulkSize, bodyBytes: payloads[0]?.byteLength ?? 0, first, resent };
}

const TARGET_PER_SECOND = 10_000;

const row = (label: string, p: SessionBulksPass) =>
  `| ${label} | ${p.requests} | ${p.sessions.toLocaleString("en-US")} | ${p.seconds.toFixed(2)} | ${Math.round(p.sessionsPerSecond).toLocaleString("en-US")} | ${Math.round(p.p50Ms)} / ${Math.round(p.p95Ms)} | ${Object.entries(
    p.statuses,
  )
    .map(([s, n]) => `${s}×${n}`)
    .join(", ")} |`;

/**
 * The section for `npm run bench:qualicharge` (its BenchSection: a name and run(ctx) → markdown and
 * targets; typed structurally here, the harness's context holding at least these fields).
 */
export const sessionBulksSection = {
  name: "sessions",
  async run(ctx: { baseUrl: string; auth: string; points: { idPdcItinerance: string }[] }) {
    const bulks = Number(process.env.BENCH_SESSION_BULKS ?? 20);
    const r = await benchSessionBulks({
      baseUrl: ctx.baseUrl,
      token: ctx.auth.replace(/^Bearer\s+/i, ""),
      points: ctx.points.map((p) => p.idPdcItinerance),
      bulks,
      resend: true,
    });
    const markdown = [
      `### Sessions: POST /dynamique/session/bulk, bulks of ${r.bulkSize.toLocaleString("en-US")} (${Math.round(r.bodyBytes / 1024)} KiB each), 4 in flight`,
      "",
      "| pass | requests | sessions stored | s | sessions/s | latency p50 / p95 (ms) | statuses |",
      "|---|---:|---:|---:|---:|---:|---|",
      row("new sessions", r.first),
      ...(r.resent ? [row("the same bulks again (unchanged)", r.resent)] : []),
      "",
    ].join("\n");
    return {
      markdown,
      targets: [{ label: `≥ ${TARGET_PER_SECOND.toLocaleString("en-US")} sessions/s in bulks of 1,000`, ok: r.first.sessionsPerSecond >= TARGET_PER_SECOND }],
    };
  },
};
