// Load-curve storage benchmark (docs/decisions/0002-load-curve-storage.md).
// Compares, on the local PostgreSQL, three layouts for the curves posted to /api/courbe/put:
//   (a) points      one row per point, btree on (station_id, ts)
//   (b) arrays      one row per transaction, offsets_s int[] + values_wh bigint[] (model LoadCurve)
//   (c) partitioned one row per point, table partitioned by month of ts
// Every layout is loaded the same way (multi-row INSERT … SELECT FROM unnest($n::…[]) in
// batches of the same transactions), then measured: load time, size on disk, replacing one
// transaction's curve, an hourly national energy aggregate over one month, one station's month.
// Creates its own database and drops it at the end. Results replace the section
// "Load-curve storage" of docs/benchmarks.md (BENCH_WRITE_DOCS=0 to only print them).
//
//   npm run bench:curve-storage                 # 2,000,000 points
//   BENCH_POINTS=200000 npm run bench:curve-storage
import { randomBytes } from "node:crypto";
import { execSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { seededRandom } from "@/lib/platform/random/seeded-random";

const TARGET_POINTS = Number(process.env.BENCH_POINTS ?? 2_000_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const STATIONS = 3_000;
const BATCH_POINTS = 20_000; // points per INSERT statement (whole transactions)
const REPLACES = 200; // curves re-sent one per transaction, per layout
const BODY_CURVES = 500; // curves re-sent in one transaction, per layout
const NATIONAL_POINTS_PER_YEAR = 100_000_000;
const YEAR_START = Date.UTC(2025, 0, 1) / 1000;
const MONTH = ["2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z"]; // aggregated month

interface Curve {
  op: string;
  station: string;
  tx: string;
  start: number;
  offsets: number[];
  values: number[];
}

// ---- data: deterministic, cumulative meter readings at a 10- or 30-minute step ----
const rand = seededRandom(20251123);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

function generate(): Curve[] {
  const operators = Array.from({ length: 40 }, uuid);
  const powers = [3.7, 7.4, 7.4, 11, 22, 22, 50];
  const stations = Array.from({ length: STATIONS }, () => ({
    id: uuid(),
    op: operators[Math.floor(rand() * operators.length)],
    kw: powers[Math.floor(rand() * powers.length)],
  }));
  const curves: Curve[] = [];
  for (let total = 0; total < TARGET_POINTS;) {
    const s = stations[Math.floor(rand() * STATIONS)];
    const step = rand() < 0.6 ? 600 : 1800;
    const n = 10 + Math.floor(rand() ** 2 * 291); // 10–300 points, mean ~107
    const start = YEAR_START + Math.floor(rand() * (365 * 86400 - n * step));
    const need = 5_000 + rand() * 75_000; // Wh the vehicle takes, then the curve goes flat
    const perStep = (s.kw * 1000 * step) / 3600;
    let v = Math.floor(rand() * 50_000_000); // meter index, Wh
    let delivered = 0;
    const offsets: number[] = [];
    const values: number[] = [];
    for (let k = 0; k < n; k++) {
      offsets.push(k * step);
      values.push(v);
      const d = Math.min(Math.round(perStep * (0.85 + 0.15 * rand())), Math.max(0, Math.round(need - delivered)));
      v += d;
      delivered += d;
    }
    curves.push({ op: s.op, station: s.id, tx: `TX${String(curves.length).padStart(10, "0")}`, start, offsets, values });
    total += n;
  }
  return curves;
}

// ---- the three layouts ----
const DDL = {
  points: `CREATE TABLE curve_point (station_id uuid NOT NULL, transaction_id text NOT NULL,
      ts timestamptz(0) NOT NULL, value_wh bigint NOT NULL, PRIMARY KEY (station_id, transaction_id, ts));
    CREATE INDEX ON curve_point (station_id, ts);`,
  arrays: `CREATE TYPE "DataEnv" AS ENUM ('production', 'sandbox');
    CREATE TABLE load_curve (id bigserial PRIMARY KEY, env "DataEnv" NOT NULL, operator_id uuid NOT NULL,
      station_id uuid NOT NULL, transaction_id text NOT NULL, start_at timestamptz(0) NOT NULL,
      stop_at timestamptz(0) NOT NULL, point_count integer NOT NULL, energy_wh bigint NOT NULL,
      offsets_s integer[], values_wh bigint[], quality_flags text[] DEFAULT ARRAY[]::text[],
      submission_id bigint, received_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP);
    CREATE INDEX ON load_curve (station_id, start_at);
    CREATE UNIQUE INDEX ON load_curve (env, operator_id, station_id, transaction_id);`,
  partitioned: `CREATE TABLE curve_point_month (station_id uuid NOT NULL, transaction_id text NOT NULL,
      ts timestamptz(0) NOT NULL, value_wh bigint NOT NULL, PRIMARY KEY (station_id, transaction_id, ts))
      PARTITION BY RANGE (ts);
    CREATE INDEX ON curve_point_month (station_id, ts);
    ${Array.from({ length: 12 }, (_, m) => {
      const from = new Date(Date.UTC(2025, m, 1)).toISOString();
      const to = new Date(Date.UTC(2025, m + 1, 1)).toISOString();
      return `CREATE TABLE curve_point_m${m + 1} PARTITION OF curve_point_month FOR VALUES FROM ('${from}') TO ('${to}');`;
    }).join("\n")}`,
};
type Layout = keyof typeof DDL;
const TABLE: Record<Layout, string> = { points: "curve_point", arrays: "load_curve", partitioned: "curve_point_month" };

function pointParams(curves: Curve[]) {
  const s: string[] = [],
    t: string[] = [],
    e: number[] = [],
    v: number[] = [];
  for (const c of curves)
    c.offsets.forEach((o, i) => {
      s.push(c.station);
      t.push(c.tx);
      e.push(c.start + o);
      v.push(c.values[i]);
    });
  return [s, t, e, v];
}
const insertPoints = (table: string) => `INSERT INTO ${table} (station_id, transaction_id, ts, value_wh)
  SELECT s, t, to_timestamp(e), v FROM unnest($1::uuid[], $2::text[], $3::int8[], $4::int8[]) AS u(s, t, e, v)`;

function arrayParams(curves: Curve[]) {
  return [
    curves.map((c) => c.op),
    curves.map((c) => c.station),
    curves.map((c) => c.tx),
    curves.map((c) => c.start),
    curves.map((c) => c.start + c.offsets.at(-1)!),
    curves.map((c) => c.offsets.length),
    curves.map((c) => c.values.at(-1)! - c.values[0]),
    curves.map((c) => `{${c.offsets.join(",")}}`),
    curves.map((c) => `{${c.values.join(",")}}`),
  ];
}
const INSERT_ARRAYS = `INSERT INTO load_curve (env, operator_id, station_id, transaction_id, start_at, stop_at,
    point_count, energy_wh, offsets_s, values_wh)
  SELECT 'production', o, s, t, to_timestamp(st), to_timestamp(sp), n, e, os::int4[], vs::int8[]
  FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int8[], $5::int8[], $6::int4[], $7::int8[], $8::text[], $9::text[])
    AS u(o, s, t, st, sp, n, e, os, vs)`;
const UPSERT_ARRAYS = `${INSERT_ARRAYS}
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET start_at = excluded.start_at,
    stop_at = excluded.stop_at, point_count = excluded.point_count, energy_wh = excluded.energy_wh,
    offsets_s = excluded.offsets_s, values_wh = excluded.values_wh, received_at = now()`;

// Energy per hour, national, June: differences between consecutive points of a curve, both in
// the month, counted in the hour where the interval starts. Same semantics in every layout.
const hourlyPoints = (table: string) => `SELECT date_trunc('hour', p0) AS hour, sum(d)::int8 AS wh FROM (
    SELECT lag(ts) OVER w AS p0, value_wh - lag(value_wh) OVER w AS d FROM ${table}
    WHERE ts >= $1 AND ts < $2 WINDOW w AS (PARTITION BY station_id, transaction_id ORDER BY ts)) x
  WHERE p0 IS NOT NULL GROUP BY 1 ORDER BY 1`;
const HOURLY_ARRAYS_LAG = `SELECT date_trunc('hour', x.p0) AS hour, sum(x.d)::int8 AS wh
  FROM load_curve c CROSS JOIN LATERAL (
    SELECT lag(ts) OVER (ORDER BY i) AS p0, v - lag(v) OVER (ORDER BY i) AS d FROM (
      SELECT c.start_at + o * interval '1 second' AS ts, v, i
      FROM unnest(c.offsets_s, c.values_wh) WITH ORDINALITY AS u(o, v, i)) p
    WHERE ts >= $1 AND ts < $2) x
  WHERE c.start_at < $2 AND c.stop_at >= $1 AND x.p0 IS NOT NULL GROUP BY 1 ORDER BY 1`;
// Same result without a window: each curve's consecutive pairs from shifted slices (each array
// is decompressed once per slice, whereas values_wh[i - 1] would decompress it for every point).
const HOURLY_ARRAYS_SLICES = `SELECT date_trunc('hour', c.start_at + u.o0 * interval '1 second') AS hour, sum(u.v1 - u.v0)::int8 AS wh
  FROM load_curve c CROSS JOIN LATERAL unnest(c.offsets_s[:c.point_count - 1], c.offsets_s[2:],
    c.values_wh[:c.point_count - 1], c.values_wh[2:]) AS u(o0, o1, v0, v1)
  WHERE c.start_at < $2 AND c.stop_at >= $1
    AND c.start_at + u.o0 * interval '1 second' >= $1 AND c.start_at + u.o1 * interval '1 second' < $2
  GROUP BY 1 ORDER BY 1`;
const stationPoints = (table: string) => `SELECT transaction_id, ts, value_wh FROM ${table} WHERE station_id = $1 AND ts >= $2 AND ts < $3 ORDER BY ts`;
const STATION_ARRAYS = `SELECT transaction_id, start_at, offsets_s, values_wh FROM load_curve
  WHERE station_id = $1 AND start_at >= $2::timestamptz - interval '7 days' AND start_at < $3 AND stop_at >= $2 ORDER BY start_at`;

// ---- measurement helpers ----
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

function assertLocal(url: string) {
  const u = new URL(url);
  const socket = u.searchParams.get("host");
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(u.hostname) || (socket && !socket.startsWith("/"))) {
    throw new Error(`Refusing to benchmark a non-local database (${u.hostname}).`);
  }
}

async function sizes(client: pg.Client, layout: Layout) {
  const rel = layout === "partitioned" ? "(SELECT relid FROM pg_partition_tree('curve_point_month') WHERE isleaf)" : `(SELECT '${TABLE[layout]}'::regclass)`;
  const { rows } = await client.query(`SELECT sum(pg_total_relation_size(c.oid))::int8 AS total,
      sum(pg_relation_size(c.oid))::int8 AS heap, sum(pg_indexes_size(c.oid))::int8 AS indexes,
      coalesce(sum(pg_total_relation_size(nullif(c.reltoastrelid, 0))), 0)::int8 AS toast
    FROM pg_class c WHERE c.oid IN ${rel}`);
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)])) as Record<"total" | "heap" | "indexes" | "toast", number>;
}

async function main() {
  assertLocal(ADMIN_URL);
  const t0 = process.hrtime.bigint();
  const curves = generate();
  const points = curves.reduce((n, c) => n + c.offsets.length, 0);
  console.log(`Generated ${curves.length} curves, ${points} points at ${STATIONS} stations in ${(ms(t0) / 1000).toFixed(1)} s`);

  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const dbName = `bench_curve_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const client = new pg.Client({ connectionString: url.toString(), options: "-c TimeZone=UTC" });
  const results: Record<string, Record<string, number | string>> = {};
  let serverVersion = "";
  let checksum = "";
  try {
    await client.connect();
    serverVersion = (await client.query("SHOW server_version")).rows[0].server_version;
    const batches: Curve[][] = [];
    for (let i = 0, size = 0, cur: Curve[] = []; i < curves.length; i++) {
      cur.push(curves[i]);
      size += curves[i].offsets.length;
      if (size >= BATCH_POINTS || i === curves.length - 1) {
        batches.push(cur);
        cur = [];
        size = 0;
      }
    }
    // Other processes share this machine: every measure runs the layouts in rotation, so that a
    // busy moment hits all of them alike.
    const layouts: Layout[] = ["points", "arrays", "partitioned"];
    const rotate = (k: number) => layouts.map((_, j) => layouts[(j + k) % layouts.length]);
    for (const l of layouts) await client.query(DDL[l]);
    const load: Record<string, number> = { points: 0, arrays: 0, partitioned: 0 };
    for (const [k, b] of batches.entries()) {
      for (const l of rotate(k)) {
        const t = process.hrtime.bigint();
        if (l === "arrays") await client.query(INSERT_ARRAYS, arrayParams(b));
        else await client.query(insertPoints(TABLE[l]), pointParams(b));
        load[l] += ms(t);
      }
    }
    for (const l of layouts) {
      await client.query(`VACUUM ANALYZE ${TABLE[l]}`);
      results[l] = { loadS: load[l] / 1000, ...(await sizes(client, l)) };
      console.log(`${l}: loaded in ${(load[l] / 1000).toFixed(1)} s, ${mb(Number(results[l].total))} MB`);
    }

    // Replacing a curve: the same corrected re-sends (one point added) in every layout, first each
    // in its own transaction (commit flush included), then 500 others in one transaction, as a body.
    const corrected = (c: Curve): Curve => ({
      ...c,
      offsets: [...c.offsets, c.offsets.at(-1)! + c.offsets[1]],
      values: [...c.values, c.values.at(-1)! + 100],
    });
    const pick = (n: number, shift: number) => Array.from({ length: n }, (_, k) => corrected(curves[(k * 7919 + shift) % curves.length]));
    const replaceOne = async (l: Layout, c: Curve) => {
      if (l === "arrays") return void (await client.query(UPSERT_ARRAYS, arrayParams([c])));
      await client.query(`DELETE FROM ${TABLE[l]} WHERE station_id = $1 AND transaction_id = $2`, [c.station, c.tx]);
      await client.query(insertPoints(TABLE[l]), pointParams([c]));
    };
    const single: Record<string, number[]> = { points: [], arrays: [], partitioned: [] };
    for (const [k, c] of pick(REPLACES, 0).entries()) {
      for (const l of rotate(k)) {
        const t = process.hrtime.bigint();
        await client.query("BEGIN");
        await replaceOne(l, c);
        await client.query("COMMIT");
        single[l].push(ms(t));
      }
    }
    const body: Record<string, number[]> = { points: [], arrays: [], partitioned: [] };
    const bodyCurves = pick(BODY_CURVES, 1);
    for (let r = 0; r < 3; r++) {
      for (const l of rotate(r)) {
        const t = process.hrtime.bigint();
        await client.query("BEGIN");
        for (const c of bodyCurves) await replaceOne(l, c);
        await client.query("COMMIT");
        body[l].push(ms(t) / BODY_CURVES);
      }
    }
    for (const l of layouts) {
      Object.assign(results[l], { replaceMed: median(single[l]), replaceP95: p95(single[l]), replaceInBody: median(body[l]) });
    }

    // Hourly national energy over June: one warm-up, then 5 rounds in rotation; all must agree.
    const queries: [Layout, string, string][] = [
      ["points", "hourlyMs", hourlyPoints(TABLE.points)],
      ["arrays", "hourlyMs", HOURLY_ARRAYS_LAG],
      ["arrays", "slicesMs", HOURLY_ARRAYS_SLICES],
      ["partitioned", "hourlyMs", hourlyPoints(TABLE.partitioned)],
    ];
    const runs = queries.map(() => [] as number[]);
    const answers = new Set<string>();
    for (let r = 0; r < 6; r++) {
      for (let j = 0; j < queries.length; j++) {
        const q = (j + r) % queries.length;
        const t = process.hrtime.bigint();
        const { rows } = await client.query(queries[q][2], MONTH);
        if (r > 0) runs[q].push(ms(t));
        answers.add(`${rows.length} hours, ${rows.reduce((n, x) => n + Number(x.wh), 0)} Wh`);
      }
    }
    if (answers.size !== 1) throw new Error(`Layouts disagree on the hourly aggregate: ${[...answers].join(" | ")}`);
    checksum = [...answers][0];
    queries.forEach(([l, key], q) => {
      results[l][key] = median(runs[q]);
      console.log(`${l} ${key}: ${runs[q].map((x) => x.toFixed(0)).join(" / ")} ms`);
    });

    // Reading one station's month of curves (what an admin or an operator screen would show).
    const station: Record<string, number[]> = { points: [], arrays: [], partitioned: [] };
    for (let k = 0; k < 100; k++) {
      const s = curves[(k * 37) % curves.length].station;
      for (const l of rotate(k)) {
        const t = process.hrtime.bigint();
        await client.query(l === "arrays" ? STATION_ARRAYS : stationPoints(TABLE[l]), [s, ...MONTH]);
        station[l].push(ms(t));
      }
    }
    for (const l of layouts) results[l].stationMs = median(station[l]);
  } finally {
    await client.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }

  const machine =
    `${os.cpus().length} vCPU (${os.cpus()[0]?.model.trim()}, nproc ${execSync("nproc").toString().trim()}), ` +
    `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, PostgreSQL ${serverVersion} (default settings), Node ${process.version}`;
  const report = render(results, { points, curves: curves.length, machine, checksum, seconds: ms(t0) / 1000 });
  console.log(`\n${report}`);
  if (process.env.BENCH_WRITE_DOCS !== "0") writeSection(report);
}

const LABEL: Record<Layout, string> = {
  points: "(a) row per point",
  arrays: "(b) arrays per transaction",
  partitioned: "(c) row per point, monthly partitions",
};

type Run = { points: number; curves: number; machine: string; checksum: string; seconds: number };

function render(results: Record<string, Record<string, number | string>>, run: Run) {
  const n = (x: number | string, d = 0) => Number(x).toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  const layouts = Object.keys(LABEL) as Layout[];
  const row = (name: string, cell: (r: Record<string, number | string>, l: Layout) => string) =>
    `| ${name} | ${layouts.map((l) => cell(results[l], l)).join(" | ")} |`;
  const perPoint = (r: Record<string, number | string>) => Number(r.total) / run.points;
  return [
    "## Load-curve storage",
    "",
    `Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench:curve-storage\` (bench/curve-storage.ts), ${n(run.seconds)} s in all.`,
    `Machine: ${run.machine}; other processes were using the machine, so the layouts were measured in rotation.`,
    `Data: ${n(run.points)} points in ${n(run.curves)} curves (one per charge transaction, 10–300 cumulative points at a ` +
      `10- or 30-minute step) at ${n(STATIONS)} stations over 2025.`,
    "",
    `| | ${layouts.map((l) => LABEL[l]).join(" | ")} |`,
    `|---|${layouts.map(() => "---:").join("|")}|`,
    row("load (s)", (r) => n(r.loadS, 1)),
    row("size on disk (MB)", (r) => mb(Number(r.total))),
    row("… of which heap / TOAST / indexes (MB)", (r) => `${mb(Number(r.heap))} / ${mb(Number(r.toast))} / ${mb(Number(r.indexes))}`),
    row("bytes per point", (r) => n(perPoint(r), 1)),
    row("**100 M points / year (GB)**", (r) => `**${n((perPoint(r) * NATIONAL_POINTS_PER_YEAR) / 1e9, 1)}**`),
    row("replace one curve, own transaction: median / p95 (ms)", (r) => `${n(r.replaceMed, 2)} / ${n(r.replaceP95, 2)}`),
    row(`replace a curve inside a ${BODY_CURVES}-curve body (ms per curve)`, (r) => n(r.replaceInBody, 2)),
    row("hourly energy, all stations, June (ms)", (r, l) => (l === "arrays" ? `${n(r.hourlyMs)} (slices: ${n(r.slicesMs)})` : n(r.hourlyMs))),
    row("one station's curves, one month (ms)", (r) => n(r.stationMs, 2)),
    "",
    "- Load: the same batched `INSERT … SELECT FROM unnest($n::…[])` for every layout " +
      `(whole transactions, ~${n(BATCH_POINTS)} points per statement, indexes in place, batches in rotation), then \`VACUUM ANALYZE\`. ` +
      "Size: `pg_total_relation_size` (heap, TOAST, indexes), summed over partitions.",
    "- Point layouts carry only a lean key (station_id uuid, transaction_id text), a primary key on (station_id, transaction_id, ts) " +
      "so that a re-send is idempotent, and the btree on (station_id, ts); the arrays layout is the full `load_curve` table of " +
      "prisma/schema.prisma (env, operator, start/stop, energy, flags; three indexes).",
    `- Replace: a corrected re-send (one point added). Points: DELETE + INSERT; arrays: one INSERT … ON CONFLICT DO UPDATE. ` +
      `${REPLACES} curves each in its own transaction (so the commit's flush to disk is included), then ${BODY_CURVES} others in one transaction.`,
    `- Hourly energy: differences between consecutive points inside June, summed by hour; median of 5 warm runs; every query ` +
      `returns the same answer (${run.checksum}). Arrays: \`unnest … WITH ORDINALITY\` and \`lag\` per curve; "slices" pairs ` +
      "`offsets_s[:n-1]` with `offsets_s[2:]` (and the same for values) in one `unnest`, without a window.",
    "- 100 M points / year: bytes per point measured here × 10^8 (linear extrapolation).",
    "",
  ].join("\n");
}

function writeSection(section: string) {
  const file = path.join(process.cwd(), "docs", "benchmarks.md");
  const current = existsSync(file)
    ? readFileSync(file, "utf8")
    : "# Benchmarks\n\nResults of the scripts in bench/ (see bench/README.md), with the machine and date of each run.\n";
  const start = current.indexOf("## Load-curve storage");
  let next;
  if (start < 0) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const end = current.indexOf("\n## ", start + 1);
    next = current.slice(0, start) + section + (end < 0 ? "" : `\n${current.slice(end + 1)}`);
  }
  writeFileSync(file, `${next.trimEnd()}\n`);
  console.log(`Section "Load-curve storage" written to ${path.relative(process.cwd(), file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
