// `npm run bench:qos`: the quality-of-service computation (issue 19, ADR 0024) on PostgreSQL at
// the scale: BENCH_QOS_POINTS points (default 20,000, stations of 4 spread over the
// communes of France) × BENCH_QOS_DAYS days (default 30) of statuses, ≈ BENCH_QOS_CHANGES changes
// per point per day (default 20): ≈ 12 million rows, loaded by COPY. Measured in the same run:
//   day    the nightly computation of one day, then its figures at every level, against a plain
//          SQL aggregate of time in service per point over the same day's rows   (< 5 s)
//   month  the whole month recomputed, against the same plain aggregate over the month (< 60 s)
//   publication  the closed month's committee cells at every level, stored as published (no target)
//   pages  what the committee's dashboard, map, ranking and operator history read for the
//          published month                                                       (< 1 s)
// Creates a unique local database, dropped at the end (even on failure). Figures replace the
// <!-- bench:qos --> section of docs/benchmarks.md (BENCH_WRITE_DOCS=0 to only print).
// Quick run: BENCH_QOS_POINTS=2000 BENCH_WRITE_DOCS=0 npm run bench:qos.
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { fmt, verdict, writeSection } from "./ingest/report";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const POINTS = Number(process.env.BENCH_QOS_POINTS ?? 20_000);
const DAYS = Number(process.env.BENCH_QOS_DAYS ?? 30);
const CHANGES = Number(process.env.BENCH_QOS_CHANGES ?? 20);
const MONTH = "2026-11"; // 30 days, no change of time
const PER_STATION = 4;

function assertLocal(url: string) {
  const u = new URL(url);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(u.hostname)) throw new Error(`Refusing to benchmark a non-local database (${u.hostname}).`);
}

/** A small deterministic generator (the same rows every run). */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The statuses of every point as COPY text, in chunks: mostly in service, occupied half the time, 1 % out of service, 1 % unknown. */
function* statusChunks(points: { id: string; station_id: string }[], start: number): Generator<Buffer> {
  const rand = mulberry32(2026);
  let lines: string[] = [];
  for (const p of points) {
    for (let d = 0; d < DAYS; d++) {
      const times = Array.from({ length: CHANGES }, () => start + (d + rand()) * 86_400_000).sort((a, b) => a - b);
      for (const [k, t] of times.entries()) {
        const r = rand();
        const etat = r < 0.01 ? "hors_service" : r < 0.02 ? "inconnu" : "en_service";
        const occupation = etat === "en_service" ? (k % 2 ? "occupe" : "libre") : etat === "inconnu" ? "inconnu" : "libre";
        const h = new Date(Math.floor(t));
        const received = new Date(Math.floor(t) + 1000 + Math.floor(rand() * 60_000));
        lines.push(
          `${p.station_id}\t${p.id}\t${h.toISOString()}\t${randomUUID()}\tQUALICHARGE\tproduction\t${etat}\t${occupation}\t${received.toISOString()}\n`,
        );
      }
      if (lines.length >= 20_000) {
        yield Buffer.from(lines.join(""));
        lines = [];
      }
    }
  }
  if (lines.length) yield Buffer.from(lines.join(""));
}

/** Time in service per point over [from, to), the plainest SQL: the baseline of each ratio. */
const PLAIN_AGGREGATE = `
  SELECT charge_point_id, sum(extract(epoch FROM least(next_at, $2::timestamptz) - horodatage)) FILTER (WHERE etat_pdc = 'en_service') AS en_s
    FROM (SELECT charge_point_id, horodatage, etat_pdc, lead(horodatage) OVER (PARTITION BY charge_point_id ORDER BY horodatage) AS next_at
            FROM status_event WHERE env = 'production' AND horodatage >= $1::timestamptz AND horodatage < $2::timestamptz) s
   GROUP BY charge_point_id`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function main() {
  assertLocal(ADMIN_URL);
  const startedAt = Date.now();
  const loadAtStart = os.loadavg()[0];
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const dbName = `bench_qos_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    const { db, closeDb } = await import("@/lib/platform/db/database");
    const { ensureReferenceData } = await import("@/lib/reference-data/ensure-reference-data");
    const { parisMidnight, addCalendarDays } = await import("@/lib/platform/time/paris-time");
    const { computeQosDays } = await import("@/lib/quality-of-service/compute-qos-days");
    const { readQosCells } = await import("@/lib/quality-of-service/read-qos-cells");
    const { getQosDashboard } = await import("@/lib/quality-of-service/get-qos-dashboard");
    const { getOperatorQosHistory } = await import("@/lib/quality-of-service/get-operator-qos-history");
    const { publishQosMonth, PUBLISHED_QOS_LEVELS } = await import("@/lib/quality-of-service/publish-qos-month");
    const { readPublishedQosCells } = await import("@/lib/quality-of-service/read-published-qos");
    const { periodContaining } = await import("@/lib/quality-of-service/qos-period");
    const { QOS_LEVELS } = await import("@/lib/schemas/quality-of-service");
    const prisma = await db();
    await ensureReferenceData({ prisma });
    await client.connect();

    // Points: an operator with one unit, stations of 4 points over every 7th commune.
    const operatorId = randomUUID();
    await client.query(`INSERT INTO operator (id, name, siren) VALUES ($1, 'Opérateur du banc', '552100554')`, [operatorId]);
    await client.query(`INSERT INTO operational_unit (code, name, operator_id) VALUES ('FRBQS', 'Unité du banc', $1)`, [operatorId]);
    await client.query(
      `WITH communes AS (SELECT array_agg(insee_code ORDER BY insee_code) AS codes FROM commune),
       st AS (
         INSERT INTO station (id, operator_id, station_code, point_count, nominal_power_kw, insee_code)
         SELECT gen_random_uuid(), $1::uuid, 'FRBQSP' || lpad(s::text, 6, '0'), $2::int, 22,
                codes[1 + (s * 7) % array_length(codes, 1)]
           FROM generate_series(1, $3::int) s, communes
         RETURNING id, station_code)
       INSERT INTO charge_point (id, station_id, point_code, id_pdc_itinerance, nominal_power_kw, created_at, irve)
       SELECT gen_random_uuid(), st.id, 'FRBQSE' || substr(st.station_code, 7) || p, 'FRBQSE' || substr(st.station_code, 7) || p, 22,
              '2026-01-01', jsonb_build_object('siren_amenageur', lpad((100000000 + (substr(st.station_code, 7)::int % 500))::text, 9, '0'))
         FROM st, generate_series(1, $2::int) p`,
      [operatorId, PER_STATION, Math.ceil(POINTS / PER_STATION)],
    );
    const points = (await client.query<{ id: string; station_id: string }>(`SELECT id, station_id FROM charge_point ORDER BY station_id, id`)).rows;
    const fromDay = `${MONTH}-01`;
    const toDay = addCalendarDays(fromDay, DAYS);
    const start = parisMidnight(fromDay);
    const end = parisMidnight(toDay);
    await client.query(`SELECT ensure_status_partitions($1::date, 3)`, [`${addCalendarDays(fromDay, -1).slice(0, 7)}-01`]);

    const load = await timed(async () => {
      await pipeline(
        Readable.from(statusChunks(points, start.getTime())),
        client.query(copyFrom("COPY status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc, received_at) FROM STDIN")),
      );
      await client.query("VACUUM ANALYZE status_event");
      await client.query("ANALYZE station; ANALYZE charge_point");
    });
    const rows = Number((await client.query(`SELECT count(*) AS n FROM status_event`)).rows[0].n);
    console.log(`${fmt(points.length)} points, ${fmt(rows)} statuses loaded by COPY in ${fmt(load.ms / 1000, 1)} s`);
    const validitySeconds = 168 * 3600;
    const lastDay = addCalendarDays(toDay, -1);

    // Each measure with its baseline right before it, twice; the faster of each is kept (warm cache both).
    const best = async (fn: () => Promise<unknown>) => Math.min((await timed(fn)).ms, (await timed(fn)).ms);
    const plainDay = await best(() => client.query(PLAIN_AGGREGATE, [parisMidnight(lastDay), end]));
    const day = await best(async () => {
      await computeQosDays({ fromDay: lastDay, toDay, validitySeconds });
      for (const level of QOS_LEVELS) await readQosCells({ level, period: periodContaining("day", lastDay), operatorId });
    });
    const plainMonth = await best(() => client.query(PLAIN_AGGREGATE, [start, end]));
    const month = await timed(() => computeQosDays({ fromDay, toDay, validitySeconds }));
    const publication = await timed(() => publishQosMonth({ month: fromDay, publishedBy: "bench" }));
    const pages = await best(async () => {
      const query = { periode: "month" as const, debut: fromDay, maille: "departement" as const };
      await getQosDashboard(query);
      await Promise.all([readPublishedQosCells("departement", fromDay), readPublishedQosCells("operateur", fromDay)]);
      await getOperatorQosHistory("FRBQS", query);
    });
    await closeDb();

    const pgVersion = (await admin.query("SHOW server_version")).rows[0].server_version as string;
    const cpus = os.cpus();
    const targets = [
      { label: "one day computed, every level read: < 5 s", ok: day < 5000 },
      { label: "the month recomputed: < 60 s", ok: month.ms < 60_000 },
      { label: "dashboard and map data for the month: < 1 s", ok: pages < 1000 },
    ];
    const markdown = [
      "## Quality of service (`npm run bench:qos`)",
      "",
      `Run of ${new Date().toISOString().slice(0, 10)} (${fmt((Date.now() - startedAt) / 1000)} s in all): ${cpus.length} vCPU (${cpus[0]?.model.trim() ?? ""}), ${fmt(os.totalmem() / 1024 ** 3, 1)} GiB RAM, PostgreSQL ${pgVersion} (default settings), Node ${process.version}; load average (1 min) at start / end ${fmt(loadAtStart, 1)} / ${fmt(os.loadavg()[0], 1)}. ${fmt(points.length)} points in ${fmt(points.length / PER_STATION)} stations over ${fmt(Math.min(points.length / PER_STATION, 34_935 / 7))} communes, ${DAYS} days of ${MONTH} with ${CHANGES} statuses per point per day: **${fmt(rows)} statuses**, loaded by COPY in ${fmt(load.ms / 1000, 1)} s. Best of two runs for the day, the baselines and the pages.`,
      "",
      "| measure | time | plain SQL aggregate of time in service per point, same rows | ratio | target |",
      "|---|---:|---:|---:|---|",
      `| one day: computed (point days, station days, episodes) and read at all ${QOS_LEVELS.length} levels | ${fmt(day)} ms | ${fmt(plainDay)} ms | ${fmt(day / plainDay, 1)}× | < 5 s ${verdict(targets[0].ok)} |`,
      `| the month recomputed (${DAYS} days in one call) | ${fmt(month.ms / 1000, 1)} s | ${fmt(plainMonth / 1000, 1)} s | ${fmt(month.ms / plainMonth, 1)}× | < 60 s ${verdict(targets[1].ok)} |`,
      `| the closed month published: ${fmt(publication.value.cells)} committee cells at ${PUBLISHED_QOS_LEVELS.length} levels, computed in one snapshot and stored | ${fmt(publication.ms / 1000, 1)} s | | | (none) |`,
      `| committee pages' data for the published month (dashboard with 12-month trend, département map, operators' ranking, one operator's history) | ${fmt(pages)} ms | | | < 1 s ${verdict(targets[2].ok)} |`,
      "",
      `The month wrote ${fmt(month.value.pointDays)} point days, ${fmt(month.value.stationDays)} station days and ${fmt(month.value.outages)} episodes. The pages read the stored publication (ADR 0030); their time is the data they read (lib functions), without rendering; sessions are not generated (the session indicators have their own tests).`,
    ].join("\n");
    console.log(`\n${markdown}`);
    if (process.env.BENCH_WRITE_DOCS !== "0") console.log(`Written to ${writeSection(markdown, "qos")}`);
  } finally {
    await client.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
