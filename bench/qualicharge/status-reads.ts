import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { fmt, verdict } from "../ingest/report";
import type { BenchContext, BenchSection } from "./context";
import { median, percentile } from "./statuses";

// (c) Reads on a large history: status_event filled by COPY to `--rows` rows (each point a
// regular series from 2024-01-01 to two days ago, over every monthly partition), the latest
// status of each point set from it, then, over HTTP: GET /dynamique/status/{id} for random
// points (target < 10 ms, p99) and the latest status of every point of one unit (an API user
// holding that unit only; target < 200 ms, median of the calls).

const START = Date.UTC(2024, 0, 1);

function* rowsOf(ctx: BenchContext, total: number, chunk = 20_000): Generator<Buffer> {
  const points = ctx.points;
  const perPoint = Math.ceil(total / points.length);
  const end = Date.now() - 2 * 86_400_000;
  const step = Math.max(1000, Math.floor((end - START) / perPoint));
  let lines: string[] = [];
  for (let i = 0; i < total; i++) {
    const p = points[i % points.length];
    const k = Math.floor(i / points.length);
    const at = new Date(START + k * step + (i % 997) * 7).toISOString();
    lines.push(`${p.stationId}\t${p.chargePointId}\t${at}\t${randomUUID()}\tQUALICHARGE\tproduction\ten_service\t${k % 3 === 0 ? "occupe" : "libre"}\n`);
    if (lines.length === chunk) {
      yield Buffer.from(lines.join(""));
      lines = [];
    }
  }
  if (lines.length) yield Buffer.from(lines.join(""));
}

async function fill(ctx: BenchContext): Promise<{ ms: number; settleMs: number; total: number; bytesPerRow: number }> {
  const client = new pg.Client({ connectionString: ctx.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM status_event");
    const missing = Math.max(0, ctx.rows - Number(rows[0].n));
    const t0 = performance.now();
    if (missing > 0)
      await pipeline(
        Readable.from(rowsOf(ctx, missing)),
        client.query(copyFrom("COPY status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc) FROM STDIN")),
      );
    // The latest status of each point from its history (the writes keep it so; COPY does not).
    await client.query(`
      INSERT INTO charge_point_status (station_id, charge_point_id, status_id, horodatage, door, etat_pdc, occupation_pdc)
      SELECT cp.station_id, cp.id, e.id, e.horodatage, e.door, e.etat_pdc, e.occupation_pdc
        FROM charge_point cp
        CROSS JOIN LATERAL (SELECT * FROM status_event e WHERE e.station_id = cp.station_id AND e.charge_point_id = cp.id ORDER BY e.horodatage DESC LIMIT 1) e
      ON CONFLICT (station_id, charge_point_id, env) DO UPDATE SET status_id = EXCLUDED.status_id, horodatage = EXCLUDED.horodatage,
        etat_pdc = EXCLUDED.etat_pdc, occupation_pdc = EXCLUDED.occupation_pdc
      WHERE charge_point_status.horodatage < EXCLUDED.horodatage`);
    await client.query("ANALYZE status_event; ANALYZE charge_point_status");
    const ms = performance.now() - t0;
    // A history of this size is filled over months, vacuumed as it goes: the reads are measured on
    // such a settled table, not under the vacuum and write-back that a fill in minutes leaves.
    const t1 = performance.now();
    await client.query("VACUUM status_event");
    await client.query("CHECKPOINT");
    const settleMs = performance.now() - t1;
    // Disk per history row, indexes included (every monthly partition): docs/scaling.md's sizing.
    const size = await client.query<{ bytes: string }>(
      `SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0)::bigint AS bytes FROM pg_inherits WHERE inhparent = 'status_event'::regclass`,
    );
    const total = missing + Number(rows[0].n);
    return { ms, settleMs, total, bytesPerRow: total > 0 ? Number(size.rows[0].bytes) / total : 0 };
  } finally {
    await client.end();
  }
}

async function timed(url: string, auth: string): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(url, { headers: { authorization: auth } });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
  return performance.now() - t0;
}

export const statusReadsSection: BenchSection = {
  name: "status-reads",
  async run(ctx) {
    const filled = await fill(ctx);
    const one: number[] = [];
    for (let i = 0; i < 2020; i++) {
      const p = ctx.points[Math.floor(Math.random() * ctx.points.length)];
      const ms = await timed(`${ctx.baseUrl}/api/v1/dynamique/status/${p.idPdcItinerance}`, ctx.auth);
      if (i >= 20) one.push(ms); // the first calls warm the pool and plans
    }
    // For information: one point's history of the last 24 hours (status_event itself, pruned by month).
    const history: number[] = [];
    const since = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    for (let i = 0; i < 110; i++) {
      const p = ctx.points[Math.floor(Math.random() * ctx.points.length)];
      const url = `${ctx.baseUrl}/api/v1/dynamique/status/${p.idPdcItinerance}/history?from=${since}`;
      const t0 = performance.now();
      const r = await fetch(url, { headers: { authorization: ctx.auth } });
      await r.arrayBuffer();
      if (r.status !== 200 && r.status !== 404) throw new Error(`${url}: ${r.status}`);
      if (i >= 10) history.push(performance.now() - t0);
    }
    const unitPoints = ctx.points.filter((p) => p.unit === ctx.units[0]).length;
    const list: number[] = [];
    for (let i = 0; i < 23; i++) {
      const ms = await timed(`${ctx.baseUrl}/api/v1/dynamique/status/`, ctx.oneUnitAuth);
      if (i >= 3) list.push(ms);
    }
    const oneP99 = percentile(one, 99);
    const listMedian = median(list);
    const markdown = [
      "### (c) Reads on a large status history",
      "",
      `\`status_event\` at **${fmt(filled.total)} rows** (COPY and the latest status of each point: ${fmt(filled.ms / 1000, 1)} s; then \`VACUUM\` and \`CHECKPOINT\`: ${fmt(filled.settleMs / 1000, 1)} s), ${fmt(ctx.points.length)} points; ${fmt(filled.bytesPerRow)} bytes per row on disk, indexes included. Calls one at a time; each read's journal row is committed without waiting for the disk (ADR 0020).`,
      "",
      "| read | calls | p50 | p99 | max |",
      "|---|---:|---:|---:|---:|",
      `| \`GET /dynamique/status/{id}\` (random points) | ${one.length} | ${fmt(median(one), 1)} ms | ${fmt(oneP99, 1)} ms | ${fmt(Math.max(...one), 1)} ms |`,
      `| \`GET /dynamique/status/{id}/history?from=\` (last 24 h, random points; no target) | ${history.length} | ${fmt(median(history), 1)} ms | ${fmt(percentile(history, 99), 1)} ms | ${fmt(Math.max(...history), 1)} ms |`,
      `| \`GET /dynamique/status/\`, every point of one unit (${fmt(unitPoints)} points) | ${list.length} | ${fmt(listMedian, 1)} ms | ${fmt(percentile(list, 99), 1)} ms | ${fmt(Math.max(...list), 1)} ms |`,
      "",
      `One point's latest status p99 ${fmt(oneP99, 1)} ms (target < 10 ms: ${verdict(oneP99 < 10)}); one unit's latest statuses median ${fmt(listMedian, 1)} ms (target < 200 ms: ${verdict(listMedian < 200)}).`,
    ].join("\n");
    return {
      markdown,
      targets: [
        { label: `(c) GET one status < 10 ms at ${fmt(filled.total)} rows`, ok: oneP99 < 10 },
        { label: "(c) one unit's latest statuses < 200 ms", ok: listMedian < 200 },
      ],
    };
  },
};
