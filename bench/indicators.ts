// Committee indicators benchmark (issue 5, docs/indicators.md).
// On the local PostgreSQL: 1,000,000 charge operations over 2023 at 2,000 stations in communes
// drawn across France (overseas included), 80 % ADVENIR / 20 % GIREVE. Measures, in the same
// run and on the same data:
//   - the plain SQL aggregate of national energy per hour (operations spread evenly), the floor;
//   - computeIndicators for every national, regional and departmental monthly indicator (all
//     channels, anonymity and secondary suppression, snapshot written): the first run, which
//     builds the charge caches; three runs each after a day of new operations, as in production
//     — target < 5 s; the same computed from the charges without the caches;
//   - the full run (communes, quarters and years too: the run the committee reads) and the
//     committee read functions on it; BENCH_FULL=0 skips it (and the reads and pages).
// Creates its own database and drops it at the end. Results replace the section between
// <!-- bench:indicators --> and <!-- /bench:indicators --> of docs/benchmarks.md
// (BENCH_WRITE_DOCS=0 to only print them).
//
//   npm run bench:indicators                  # 1,000,000 operations
//   BENCH_OPERATIONS=100000 npm run bench:indicators
import { randomBytes } from "node:crypto";
import { execSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { openDatabase } from "@/lib/platform/db/database";
import { loadReferenceData } from "@/lib/reference-data/load-reference-data";
import { computeIndicators, type ComputeIndicatorsResult } from "@/lib/indicators/compute-indicators";
import { seededRandom } from "@/lib/platform/random/seeded-random";

const OPERATIONS = Number(process.env.BENCH_OPERATIONS ?? 1_000_000);
const STATIONS = 2_000;
const BENEFICIARIES = 600;
const OPERATORS = 40;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const BATCH = 50_000;
const IRVE_FILE = path.join(process.cwd(), "..", "shared", "data", "irve", "qualicharge_irve-statique_2024.jsonl.gz");
const YEAR0 = Date.UTC(2023, 0, 1) / 1000 - 3600; // 1 January 2023 00:00 Paris
const YEAR_S = 365 * 86400;

const rand = seededRandom(20261123);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`Refusing a non-local database host: ${host}`);
}

// Arrival hour of day (Paris) weights: night low, morning and evening peaks.
const HOUR_WEIGHTS = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 3.5, 3.2, 2.8, 2.6, 2.8, 2.6, 2.4, 2.5, 2.8, 3.4, 3.8, 3.4, 2.6, 2, 1.6, 1.2];
const HOUR_CDF = HOUR_WEIGHTS.map((_, i) => HOUR_WEIGHTS.slice(0, i + 1).reduce((a, b) => a + b, 0) / HOUR_WEIGHTS.reduce((a, b) => a + b, 0));

/**
 * Where the bench's stations are. By default like the public charging stations of the national
 * IRVE file (../shared/data/irve, 5,571 stations in 2,219 communes, 280 of them with 5 or more):
 * each station takes the commune of a station drawn from that file, so large towns hold many and
 * most communes none. Without that file, or with BENCH_SPREAD=uniform, every commune of France is
 * equally likely (2,000 stations then fall one per commune: nearly every commune cell is secret).
 */
function stationCommunes(): { spread: string; draw: () => string } {
  const all = gunzipSync(readFileSync(path.join(process.cwd(), "data", "geo", "communes-2024.csv.gz")))
    .toString("utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",")[0]);
  const uniform = { spread: "uniform over the communes of France", draw: () => all[Math.floor(rand() * all.length)] };
  if (process.env.BENCH_SPREAD === "uniform" || !existsSync(IRVE_FILE)) {
    if (process.env.BENCH_SPREAD !== "uniform") console.warn(`${IRVE_FILE} is absent: stations spread uniformly over the communes.`);
    return uniform;
  }
  const known = new Set(all);
  const byStation = new Map<string, string>();
  for (const line of gunzipSync(readFileSync(IRVE_FILE)).toString("utf8").split("\n")) {
    if (!line) continue;
    const r = JSON.parse(line) as { id_station_itinerance?: string; code_insee_commune?: string | null };
    if (r.id_station_itinerance && r.code_insee_commune && known.has(r.code_insee_commune)) byStation.set(r.id_station_itinerance, r.code_insee_commune);
  }
  const pool = [...byStation.values()].sort();
  return {
    spread: `like the ${pool.length.toLocaleString("en-US")} public stations of the IRVE file (${new Set(pool).size.toLocaleString("en-US")} communes)`,
    draw: () => pool[Math.floor(rand() * pool.length)],
  };
}

async function main() {
  assertLocal(ADMIN_URL);
  const t0 = process.hrtime.bigint();
  const dbName = `bench_ind_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const serverVersion = (await admin.query("SHOW server_version")).rows[0].server_version;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const opened = await openDatabase(url.toString());
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const results: Record<string, unknown> = {};
  try {
    let t = process.hrtime.bigint();
    await loadReferenceData(opened.prisma);
    results.referenceS = ms(t) / 1000;

    // ---- organisations and stations ----
    const communes = stationCommunes();
    results.spread = communes.spread;
    const operators = Array.from({ length: OPERATORS }, uuid);
    const beneficiaries = Array.from({ length: BENEFICIARIES }, uuid);
    await client.query(
      `INSERT INTO operator (id, name, siren) SELECT id, 'Opérateur ' || n, lpad(n::text, 9, '0') FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [operators],
    );
    await client.query(`INSERT INTO beneficiary (id, name) SELECT id, 'Bénéficiaire ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`, [
      beneficiaries,
    ]);
    const powers = [7.4, 7.4, 11, 22, 22, 22, 50, 100, 150];
    const st = Array.from({ length: STATIONS }, (_, i) => ({
      id: uuid(),
      dossier: uuid(),
      op: operators[i % OPERATORS],
      ben: beneficiaries[Math.floor(rand() * BENEFICIARIES)],
      insee: communes.draw(),
      channel: rand() < 0.8 ? "ADVENIR" : "GIREVE",
      kw: powers[Math.floor(rand() * powers.length)],
    }));
    const perCommune = new Map<string, number>();
    for (const s of st) perCommune.set(s.insee, (perCommune.get(s.insee) ?? 0) + 1);
    results.communes = { used: perCommune.size, fiveOrMore: [...perCommune.values()].filter((k) => k >= 5).length };
    await client.query(
      `INSERT INTO dossier (id, reference, beneficiary_id, operator_id, site_name, address, insee_code, site_type, channel, updated_at)
       SELECT d, 'BENCH-' || n, b, o, 'Site ' || n, 'adresse', i, 'parking_public', c::"Channel", now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) WITH ORDINALITY AS t(d, b, o, i, c, n)`,
      [st.map((s) => s.dossier), st.map((s) => s.ben), st.map((s) => s.op), st.map((s) => s.insee), st.map((s) => s.channel)],
    );
    await client.query(
      `INSERT INTO station (id, dossier_id, operator_id, station_code, channel, point_count, nominal_power_kw, insee_code)
       SELECT id, d, o, 'ST' || n, c::"Channel", 2, kw, i
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::float8[], $6::text[]) WITH ORDINALITY AS t(id, d, o, c, kw, i, n)`,
      [st.map((s) => s.id), st.map((s) => s.dossier), st.map((s) => s.op), st.map((s) => s.channel), st.map((s) => s.kw), st.map((s) => s.insee)],
    );

    // ---- operations ----
    t = process.hrtime.bigint();
    for (let done = 0; done < OPERATIONS;) {
      const n = Math.min(BATCH, OPERATIONS - done);
      const cols = { station: [] as string[], op: [] as string[], tx: [] as string[], start: [] as number[], stop: [] as number[], wh: [] as number[] };
      for (let k = 0; k < n; k++) {
        const s = st[Math.floor(rand() * STATIONS)];
        const day = Math.floor(rand() * 365);
        const u = rand();
        const hour = HOUR_CDF.findIndex((c) => u <= c);
        const start = YEAR0 + day * 86400 + hour * 3600 + Math.floor(rand() * 3600);
        const dc = s.kw >= 50;
        const duration = dc ? 900 + Math.floor(rand() * 2700) : 1800 + Math.floor(rand() ** 1.5 * 9 * 3600);
        const stop = Math.min(start + duration, YEAR0 + YEAR_S + 86400);
        cols.station.push(s.id);
        cols.op.push(s.op);
        cols.tx.push(`T${done + k}`);
        cols.start.push(start);
        cols.stop.push(stop);
        cols.wh.push(Math.round(Math.min((s.kw * (stop - start)) / 3.6, 80_000) * (0.4 + 0.55 * rand())));
      }
      await client.query(
        `INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh)
         SELECT 'production', o, s, x, to_timestamp(a), to_timestamp(b), 0, w
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[]) AS t(o, s, x, a, b, w)`,
        [cols.op, cols.station, cols.tx, cols.start, cols.stop, cols.wh],
      );
      done += n;
    }
    results.loadS = ms(t) / 1000;
    await client.query("VACUUM ANALYZE");
    // Write the loaded data out now rather than in a checkpoint during the measurements.
    await client.query("CHECKPOINT");
    if (process.env.BENCH_KEEP === "1") {
      console.log(`Data loaded; database ${dbName} kept (BENCH_KEEP=1): drop it by hand.`);
      return;
    }

    // ---- 1. the floor: plain SQL aggregate of national energy per hour ----
    const HOURLY = `
      SELECT h, sum(o.e * (least(o.b, (h + 1) * 3600.0) - greatest(o.a, h * 3600.0)) / greatest(o.b - o.a, 1)) AS wh
        FROM (SELECT extract(epoch FROM start_at)::float8 AS a, extract(epoch FROM stop_at)::float8 AS b, (stop_wh - start_wh)::float8 AS e
                FROM charge_operation WHERE env = 'production' AND cardinality(quality_flags) = 0
                 AND stop_at >= '2023-01-01T00:00+01' AND start_at < '2024-01-01T00:00+01') o
       CROSS JOIN LATERAL generate_series(floor(o.a / 3600)::int, greatest(floor(o.a / 3600)::int, ceil(o.b / 3600)::int - 1)) AS h
       GROUP BY h`;
    const hourly: number[] = [];
    let hourlyRows = 0;
    for (let k = 0; k < 3; k++) {
      t = process.hrtime.bigint();
      hourlyRows = (await client.query(HOURLY)).rowCount ?? 0;
      hourly.push(ms(t));
    }
    results.hourlyMs = median(hourly);
    results.hourlyRows = hourlyRows;

    // ---- 2. every national, regional and departmental monthly indicator ----
    const MONTHLY = { from: "2023-01", to: "2024-01", computedBy: "bench", meshLevels: ["national", "region", "departement"], periodKinds: ["month"] } as const;
    const monthlyRun = (extra: { stationIds?: string[] } = {}) =>
      computeIndicators({ ...MONTHLY, meshLevels: [...MONTHLY.meshLevels], periodKinds: [...MONTHLY.periodKinds], ...extra }, { prisma: opened.prisma });
    // 2a. The first run after loading builds the charge caches from every charge.
    results.firstRun = await monthlyRun();
    // 2b. As in production: a day of new operations arrives (through the same triggers as the
    // data API's inserts), then a run. Each new day copies a day of December with new
    // transaction ids, one day later.
    const monthly: ComputeIndicatorsResult[] = [];
    const dayInserts: number[] = [];
    const dayInsertMs: number[] = [];
    for (let k = 0; k < 3; k++) {
      t = process.hrtime.bigint();
      const added = await client.query(
        `INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh)
         SELECT env, operator_id, station_id, transaction_id || '-day${k}', start_at + interval '1 day', stop_at + interval '1 day', start_wh, stop_wh
           FROM charge_operation
          WHERE start_at >= $1::timestamptz AND start_at < $1::timestamptz + interval '1 day' AND transaction_id NOT LIKE '%-day%'`,
        [`2023-12-${String(10 + k).padStart(2, "0")}T00:00:00+01:00`],
      );
      dayInserts.push(added.rowCount ?? 0);
      dayInsertMs.push(ms(t));
      monthly.push(await monthlyRun());
    }
    results.dayInserts = dayInserts;
    results.dayInsertMs = dayInsertMs;
    monthly.sort((a, b) => a.durationMs - b.durationMs);
    results.monthly = monthly.map((r) => r.durationMs);
    results.monthlyMedian = monthly[1];
    // 2c. The same indicators computed from the charges, without the caches (every station named).
    const stationIds = (await client.query<{ id: string }>("SELECT id FROM station")).rows.map((r) => r.id);
    results.uncached = await monthlyRun({ stationIds });

    // ---- 3. the full run: communes, quarters and years too, the one the committee reads ----
    if (process.env.BENCH_FULL !== "0") {
      results.full = await computeIndicators({ from: "2023-01", to: "2024-01", computedBy: "bench" }, { prisma: opened.prisma });
    }

    // ---- 4. what the committee pages read (newest full run) ----
    const { getKeyFigures } = await import("@/lib/indicators/get-key-figures");
    const { getMeshValues } = await import("@/lib/indicators/get-mesh-values");
    const { getTimeSeries } = await import("@/lib/indicators/get-time-series");
    const { getLoadCurve } = await import("@/lib/indicators/get-load-curve");
    const reads: Record<string, number> = {};
    const time = async (name: string, f: () => Promise<unknown>) => {
      const xs: number[] = [];
      for (let k = 0; k < 5; k++) {
        const s = process.hrtime.bigint();
        await f();
        xs.push(ms(s));
      }
      reads[name] = median(xs);
    };
    const o = { prisma: opened.prisma };
    // The reads and pages need the full run: BENCH_FULL=0 skips them too.
    if (results.full) await time("national key figures, one month", () => getKeyFigures({ periodStart: "2023-06-01" }, o));
    if (results.full)
      await time("choropleth, 101 départements", () =>
        getMeshValues({ indicator: "carbon_intensity_charging", meshLevel: "departement", periodStart: "2023-06-01" }, o),
      );
    if (results.full) await time("choropleth, communes", () => getMeshValues({ indicator: "energy_kwh", meshLevel: "commune", periodStart: "2023-06-01" }, o));
    if (results.full)
      await time("time series, 12 months × 3 indicators", () =>
        getTimeSeries({ indicators: ["carbon_intensity_charging", "carbon_intensity_grid", "peak_power_kw"] }, o),
      );
    if (results.full) await time("30-minute national load curve, one month", () => getLoadCurve({ periodStart: "2023-06-01" }, o));
    results.reads = reads;

    // ---- 5. the committee's pages over HTTP, server-rendered from the same database ----
    if (process.env.BENCH_PAGES !== "0" && results.full) {
      const { timePages, PAGES, FULL_RUN_PAGES } = await import("./indicators/pages");
      results.pages = await timePages({ prisma: opened.prisma, databaseUrl: url.toString(), pages: [...PAGES, ...FULL_RUN_PAGES] });
    }
    const [{ size }] = (await client.query(`SELECT pg_total_relation_size('indicator_value') AS size`)).rows;
    results.snapshotMb = Number(size) / 1024 ** 2;
  } finally {
    await client.end().catch(() => {});
    await opened.close().catch(() => {});
    if (process.env.BENCH_KEEP !== "1") await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  if (process.env.BENCH_KEEP === "1") return;
  const machine =
    `${os.cpus().length} vCPU (${os.cpus()[0]?.model.trim()}, nproc ${execSync("nproc").toString().trim()}), ` +
    `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, PostgreSQL ${serverVersion} (default settings; the run sets work_mem = 256MB and jit = off locally), Node ${process.version}`;
  const report = render(results, machine, ms(t0) / 1000);
  console.log(`\n${report}`);
  if (process.env.BENCH_WRITE_DOCS !== "0") writeSection(report);
}

function render(r: Record<string, unknown>, machine: string, seconds: number): string {
  const n = (x: number, d = 0) => x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  const m = r.monthlyMedian as ComputeIndicatorsResult;
  const first = r.firstRun as ComputeIndicatorsResult;
  const uncached = r.uncached as ComputeIndicatorsResult;
  const cacheBuild = (x: ComputeIndicatorsResult) =>
    Object.entries(x.steps)
      .filter(([k]) => k.startsWith("caches-"))
      .reduce((a, [, v]) => a + v, 0);
  const topSteps = (x: ComputeIndicatorsResult) =>
    Object.entries(x.steps)
      .filter(([, v]) => v >= 50)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(", ");
  const full = r.full as ComputeIndicatorsResult | undefined;
  const suppression = (x: ComputeIndicatorsResult) =>
    `${n(x.steps["secondary-suppression"] ?? 0)} ms, ${n((100 * (x.steps["secondary-suppression"] ?? 0)) / x.durationMs)} % of the run: ` +
    `reading the cells ${n(x.steps["suppression-read"] ?? 0)}, solving ${n(x.steps["suppression-solve"] ?? 0)} (${n(x.steps["suppression-solve-cpu"] ?? 0)} ms of CPU), marking ${n(x.steps["suppression-write"] ?? 0)}`;
  const ratio = m.durationMs / (r.hourlyMs as number);
  const reads = r.reads as Record<string, number>;
  return [
    "<!-- bench:indicators -->",
    "## Indicators",
    "",
    `Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench:indicators\` (bench/indicators.ts), ${n(seconds)} s in all.`,
    `Machine: ${machine}.`,
    `Data: ${n(OPERATIONS)} charge operations over 2023 (loaded in ${n(r.loadS as number, 1)} s) at ${n(STATIONS)} stations spread ${r.spread} ` +
      `(${n((r.communes as { used: number }).used)} communes, ${n((r.communes as { fiveOrMore: number }).fiveOrMore)} of them with 5 stations or more), ${n(BENEFICIARIES)} beneficiaries, 80 % ADVENIR / 20 % GIREVE; arrivals follow a daily profile, ` +
      "AC sessions last 0.5–9.5 h, DC 15–60 min. Carbon: the shipped Electricity Maps 2023 series.",
    "",
    "| computation | time | target |",
    "|---|---:|---|",
    `| plain SQL aggregate of national energy per hour (operations spread evenly, ${n(r.hourlyRows as number)} hours), median of 3 | ${n(r.hourlyMs as number)} ms | |`,
    `| **every national, regional and departmental monthly indicator**, each run after a day of new operations (${(r.dayInserts as number[]).map((x) => n(x)).join(" / ")} added, in ${(r.dayInsertMs as number[]).map((x) => n(x)).join(" / ")} ms; ` +
      `the charge caches brought up to date within the run); ${n(m.cellCount)} cells of mesh × month × channel, ${n(m.withheldCount)} withheld, ${n(m.valueCount)} values stored, ` +
      `secondary suppression by hypercubes included (${suppression(m)}); median of 3: ${(r.monthly as number[]).map((x) => n(x)).join(" / ")} ms | **${n(m.durationMs)} ms** (${n(ratio, 1)}× the plain aggregate) | < 5,000 ms ${m.durationMs < 5000 ? "✅ met" : "❌ missed"} |`,
    `| the same, first run after loading: the charge caches built from every charge (${n(cacheBuild(first))} ms of the run) | ${n(first.durationMs)} ms | |`,
    `| the same, computed from the charges without the caches (every station named) | ${n(uncached.durationMs)} ms | |`,
    ...(full
      ? [
          `| full run, the one the committee reads: + communes, quarters, year (${n(full.cellCount)} cells, ${n(full.withheldCount)} withheld, ${n(full.unprotectedCount)} primary cells without a 10 % hypercube, ${n(full.valueCount)} values; secondary suppression ${suppression(full)}) | ${n(full.durationMs)} ms | |`,
        ]
      : []),
    ...Object.entries(reads).map(([k, v]) => `| read: ${k} | ${n(v, 1)} ms | |`),
    ...Object.entries(((r.pages as { http?: Record<string, number> } | undefined)?.http ?? {}) as Record<string, number>).map(
      ([k, v]) => `| page over HTTP: ${k} (median of 5, logged-in comité member) | ${n(v)} ms | |`,
    ),
    ...Object.entries(((r.pages as { browser?: Record<string, number> } | undefined)?.browser ?? {}) as Record<string, number>).map(
      ([k, v]) =>
        `| page in Chromium, navigation to usable (load event, scripts run, h1 shown; median of 3): ${k} | ${n(v)} ms | < 1,000 ms ${v < 1000 ? "✅ met" : "❌ missed"} |`,
    ),
    "",
    `- Monthly run after a day of data (the median one), main steps (ms): ${topSteps(m)}. Its caches: ${m.caches?.mode}, ${n(m.caches?.departements ?? 0)} départements over ${n(m.caches?.slots ?? 0)} half-hours, ${n(m.caches?.stations ?? 0)} stations' months recomputed.`,
    "- The charge caches (lib/indicators/charge-caches.ts, docs/decisions/0006-charge-caches.md) hold the energy per département and per région and half-hour, the départements' energy per month, day type and hour of day with the intensities of each carbon series used (the leaf hours of a run down to départements), and the transactions per station and month. Triggers on the charge tables mark, per statement, the stations and half-hours that changed; a run recomputes what is marked, in its own snapshot, with the same SQL as a run without caches, then reads the caches instead of a year of charges.",
    `- Without the caches (main steps, ms: ${topSteps(uncached)}), the "energy" step sums the energy of every clean charge per département and half-hour (lib/indicators/sql/energy-steps.ts, leafEnergySql): each charge becomes two power steps, summed per (département, slot) and accumulated in time order, instead of being expanded into its half-hours. This data has no load curves: the operation/curve anti-join is left out (runs with curves are not measured here).`,
    `- First run, main steps (ms): ${topSteps(first)}.`,
    `- Ratio monthly indicators ÷ plain hourly aggregate: ${n(ratio, 2)}× (without the caches: ${n(uncached.durationMs / (r.hourlyMs as number), 2)}×). ` +
      "The plain aggregate is a simpler computation of the same charges (national, hourly, no mesh, no carbon, nothing stored): where it takes under " +
      `${n(5000 / ratio / 1000, 1)} s, these indicators take under 5 s. Snapshot table after ${full ? 6 : 5} runs: ${n(r.snapshotMb as number, 1)} MB.`,
    `- Reference data loaded into the empty database in ${n(r.referenceS as number, 1)} s (36,971 communes, 17,520 carbon hours).`,
    "<!-- /bench:indicators -->",
  ].join("\n");
}

function writeSection(section: string) {
  const file = path.join(process.cwd(), "docs", "benchmarks.md");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const start = current.indexOf("<!-- bench:indicators -->");
  const endMarker = "<!-- /bench:indicators -->";
  const end = current.indexOf(endMarker);
  // The previous results stay, below the new ones, as an earlier run.
  const previous =
    start >= 0 && end > start
      ? `\n\n### Earlier run\n\n${current
          .slice(start + "<!-- bench:indicators -->".length, end)
          .replace(/^\s*## Indicators\s*/, "")
          .trim()}`
      : "";
  const next =
    start >= 0 && end > start ? current.slice(0, start) + section + previous + current.slice(end + endMarker.length) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  console.log(`Section "Indicators" written to ${path.relative(process.cwd(), file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
