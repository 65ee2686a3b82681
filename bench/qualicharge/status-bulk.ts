import http from "node:http";
import { httpPost } from "../ingest/http-post";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { fmt, verdict } from "../ingest/report";
import type { BenchContext, BenchSection } from "./context";
import { randomStatus, type PostedStatus } from "./statuses";

// (a) Status bulks of 1,000 through the portal's server, against a raw COPY of the same rows
// into the same table (status_event) on the same database in the same run. The HTTP side posts
// BENCH_BULKS bulks (default 200, i.e. 200,000 statuses: a few seconds, so that JIT warm-up and a
// busy moment weigh little) from BENCH_BULK_CLIENTS concurrent
// clients (default 4, two per core: one client's turnaround, between its answer and its next
// body, never leaves the server and PostgreSQL idle, as with the many operators of a national
// feed; with 2 the ratio is 3 to 7 points lower on this machine); the COPY's rows are formatted before its clock
// starts (the database's part only), in the sandbox environment so that they never collide.

const BULK = 1000;

async function postBulks(ctx: BenchContext, bulks: PostedStatus[][], clients: number): Promise<number> {
  // The bodies are serialised before the clock starts, as the COPY's rows are formatted before
  // its own; each client posts on its own kept-alive connection with node:http (fetch's own
  // CPU, on the two cores the server and PostgreSQL share, weighed on the figure).
  const bodies = bulks.map((b) => Buffer.from(JSON.stringify(b)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const url = `${ctx.baseUrl}/api/v1/dynamique/status/bulk`;
  let next = 0;
  const t0 = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = next++; i < bulks.length; i = next++) {
          const r = await httpPost(url, { Authorization: ctx.auth }, bodies[i], agent);
          if (r.status !== 201) throw new Error(`bulk ${i}: ${r.status} ${r.text.slice(0, 300)}`);
        }
      }),
    );
    return performance.now() - t0;
  } finally {
    agent.destroy();
  }
}

async function copyStatuses(ctx: BenchContext, statuses: PostedStatus[]): Promise<number> {
  const byId = new Map(ctx.points.map((p) => [p.idPdcItinerance, p]));
  const text = statuses
    .map((s) => {
      const p = byId.get(s.id_pdc_itinerance)!;
      return `${p.stationId}\t${p.chargePointId}\t${s.horodatage}\t${randomUUID()}\tQUALICHARGE\tsandbox\t${s.etat_pdc}\t${s.occupation_pdc}\t${s.etat_prise_type_2}\n`;
    })
    .join("");
  const client = new pg.Client({ connectionString: ctx.databaseUrl });
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query("BEGIN");
    await pipeline(
      Readable.from([Buffer.from(text)]),
      client.query(
        copyFrom("COPY status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc, etat_prise_type_2) FROM STDIN"),
      ),
    );
    await client.query("COMMIT");
    return performance.now() - t0;
  } finally {
    await client.end();
  }
}

export const statusBulkSection: BenchSection = {
  name: "status-bulk",
  async run(ctx) {
    const count = Number(process.env.BENCH_BULKS ?? 200);
    const clients = Number(process.env.BENCH_BULK_CLIENTS ?? 4);
    const make = () => Array.from({ length: BULK }, (_, i) => randomStatus(ctx.points, i));
    // Warm-up: JIT, pool, prepared statements, and the points the server remembers (ADR 0033):
    // 30 bulks of random points cover 95 % of them, as a server running for a while has.
    await postBulks(ctx, Array.from({ length: 30 }, make), clients);
    const bulks = Array.from({ length: count }, make);
    const rounds: { httpMs: number; copyMs: number }[] = [];
    // Four rounds, HTTP and COPY alternating, so that a busy moment of the shared machine weighs on both.
    const ROUNDS = 4;
    for (let round = 0; round < ROUNDS; round++) {
      const half = bulks.slice(Math.floor((round * count) / ROUNDS), Math.floor(((round + 1) * count) / ROUNDS));
      const httpMs = await postBulks(ctx, half, clients);
      const copyMs = await copyStatuses(ctx, half.flat());
      rounds.push({ httpMs, copyMs });
    }
    const httpMs = rounds.reduce((s, r) => s + r.httpMs, 0);
    const copyMs = rounds.reduce((s, r) => s + r.copyMs, 0);
    const statuses = count * BULK;
    const perSecond = statuses / (httpMs / 1000);
    const ratio = copyMs / httpMs;
    const markdown = [
      "### (a) Status bulks of 1,000 over HTTP vs a raw COPY",
      "",
      `${fmt(count)} bulks of ${fmt(BULK)} statuses (${fmt(statuses)} statuses) posted to \`POST /api/v1/dynamique/status/bulk\` by ${clients} concurrent clients, in four rounds alternating with a \`COPY\` of the same rows into \`status_event\`.`,
      "",
      "| | time | statuses/s |",
      "|---|---:|---:|",
      `| HTTP bulks (history + latest status + journal, one statement each) | ${fmt(httpMs / 1000, 2)} s | ${fmt(perSecond)} |`,
      `| raw COPY (history only) | ${fmt(copyMs / 1000, 2)} s | ${fmt(statuses / (copyMs / 1000))} |`,
      "",
      `Rounds (HTTP / COPY, s): ${rounds.map((r) => `${fmt(r.httpMs / 1000, 2)} / ${fmt(r.copyMs / 1000, 2)}`).join("; ")}.`,
      "",
      `HTTP at **${fmt(ratio * 100)} %** of COPY's throughput (target ≥ 50 %: ${verdict(ratio >= 0.5)}); **${fmt(perSecond)} statuses/s** (target ≥ 20,000: ${verdict(perSecond >= 20_000)}).`,
    ].join("\n");
    return {
      markdown,
      targets: [
        { label: "(a) bulks ≥ 50 % of COPY", ok: ratio >= 0.5 },
        { label: "(a) ≥ 20,000 statuses/s", ok: perSecond >= 20_000 },
      ],
    };
  },
};
