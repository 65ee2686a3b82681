// `npm run bench:gireve`: the GIREVE door (POST /api/gireve/emip) measured over HTTP at 32
// concurrent senders, against a minimal Node server that parses the same envelopes with the same
// XML reader and does one INSERT per envelope (bench/gireve/baseline-server.ts), on the same
// PostgreSQL database in the same run. Creates a unique local database (dropped at the end, even
// on failure) holding a GIREVE dossier of BENCH_POINTS points (default 1,000) with a signed
// attestation, its operator's operational unit and a relay account (cli/gireve/prepare-simulation.ts),
// starts both servers, and sends a realistic mix (bench/gireve/mix.ts: 80 % statuses, 20 % CDRs)
// with the simulator's sender (cli/gireve/send-envelopes.ts). Rounds alternate between the two
// servers so that a busy moment of the shared machine weighs on both. Target: envelopes/s of the
// door ≥ 50 % of the baseline's.
//   BENCH_ROUNDS (2), BENCH_ROUND_SECONDS (8): under a minute in all with the warm-up.
//   BENCH_GIREVE_TARGET=stub: the baseline without its INSERT stands in for the portal (to check
//   the harness while the portal has no GIREVE door).
// Figures replace the <!-- bench:gireve --> section of docs/benchmarks.md (BENCH_WRITE_DOCS=0 to
// only print).
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { fmt, verdict, writeSection } from "./ingest/report";
import { startScript, type ChildServer } from "./qualicharge/setup";
import { benchMix, MIX } from "./gireve/mix";
import { quantile, sendEnvelopes, type SendStats } from "@/cli/gireve/send-envelopes";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const CONCURRENCY = 32;
const PATH = "/api/gireve/emip";

function assertLocal(url: string) {
  const u = new URL(url);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(u.hostname)) throw new Error(`Refusing to benchmark a non-local database (${u.hostname}).`);
}

/** The message's kind, for the latencies by kind: its name without eMIP's prefix, and a CDR's nature. */
function messageKind(envelope: string): string {
  const name = /<m:eMIP_\w+?_Set(\w+?)Request/.exec(envelope)?.[1] ?? "?";
  return name === "ChargeDetailRecord" ? (envelope.includes("<CDRNature>1<") ? "final CDR" : "intermediate CDR") : name;
}

/** Envelopes from `next` until `seconds` have passed. */
function* forSeconds(next: () => string, seconds: number): Generator<string> {
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) yield next();
}

function merge(rounds: SendStats[]) {
  const sent = rounds.reduce((n, r) => n + r.sent, 0);
  const seconds = rounds.reduce((n, r) => n + r.elapsedMs / 1000, 0);
  const byStatus: Record<string, number> = {};
  for (const r of rounds) for (const [k, v] of Object.entries(r.byRequestStatus)) byStatus[k] = (byStatus[k] ?? 0) + v;
  const failures = rounds.reduce((n, r) => n + r.faults + r.networkErrors + Object.values(r.httpErrors).reduce((a, b) => a + b, 0), 0);
  const latencies = rounds.flatMap((r) => r.latenciesMs);
  return {
    sent,
    rate: sent / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    roundRates: rounds.map((r) => r.sent / (r.elapsedMs / 1000)),
    byStatus,
    failures,
    samples: rounds.flatMap((r) => r.samples).slice(0, 3),
    byKind: Object.fromEntries(
      [...new Set(rounds.flatMap((r) => Object.keys(r.latenciesByKind)))].sort().map((k) => {
        const l = rounds.flatMap((r) => r.latenciesByKind[k] ?? []);
        return [k, { n: l.length, p50: quantile(l, 0.5), p99: quantile(l, 0.99) }];
      }),
    ),
  };
}

async function main() {
  assertLocal(ADMIN_URL);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  const seconds = Number(process.env.BENCH_ROUND_SECONDS ?? 8);
  const pointCount = Number(process.env.BENCH_POINTS ?? 1000);
  const stubTarget = process.env.BENCH_GIREVE_TARGET === "stub";
  const startedAt = Date.now();
  const loadAtStart = os.loadavg()[0];
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const dbName = `bench_gireve_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  process.env.DATABASE_URL = databaseUrl;
  const servers: ChildServer[] = [];
  try {
    const { prepareSimulation } = await import("@/cli/gireve/prepare-simulation");
    const { closeDb } = await import("@/lib/platform/db/database");
    const prepared = await prepareSimulation({ points: pointCount });
    await closeDb();
    console.log(`Database ${dbName}: dossier ${prepared.dossierReference}, ${prepared.evseIds.length} points, unit ${prepared.operatorId}`);
    const env = {
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
      QUALICHARGE_JWT_SECRET: randomBytes(32).toString("hex"),
      JOBS_DISABLED: "1",
    };
    const portal = stubTarget
      ? await startScript("bench/gireve/baseline-server.ts", { ...env, BASELINE_NO_DB: "1" })
      : await startScript("bench/gireve/door-server.ts", env, process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean));
    servers.push(portal);
    const baseline = await startScript("bench/gireve/baseline-server.ts", env);
    servers.push(baseline);
    const portalKind = stubTarget
      ? "STUB (the baseline without its INSERT: the portal has no GIREVE door yet)"
      : "the portal's Node server with its doors, Next.js stood in (bench/gireve/door-server.ts)";
    console.log(`Portal: ${portalKind}, ${portal.url}; baseline ${baseline.url}`);

    const authorization = `Basic ${Buffer.from(`${prepared.relay.username}:${prepared.relay.secret}`).toString("base64")}`;
    const portalMix = benchMix(prepared.evseIds, 1);
    const baselineMix = benchMix(prepared.evseIds, 2);
    const toPortal = (s: number) =>
      sendEnvelopes({ url: `${portal.url}${PATH}`, authorization, concurrency: CONCURRENCY, envelopes: forSeconds(portalMix, s), kindOf: messageKind });
    const toBaseline = (s: number) => sendEnvelopes({ url: `${baseline.url}/`, concurrency: CONCURRENCY, envelopes: forSeconds(baselineMix, s) });
    await toPortal(3);
    await toBaseline(3);
    const portalRounds: SendStats[] = [];
    const baselineRounds: SendStats[] = [];
    for (let k = 0; k < rounds; k++) {
      portalRounds.push(await toPortal(seconds));
      baselineRounds.push(await toBaseline(seconds));
      console.log(
        `round ${k + 1}: portal ${fmt(portalRounds[k].sent / (portalRounds[k].elapsedMs / 1000))}/s, baseline ${fmt(baselineRounds[k].sent / (baselineRounds[k].elapsedMs / 1000))}/s`,
      );
    }
    const p = merge(portalRounds);
    const b = merge(baselineRounds);
    const ratio = p.rate / b.rate;
    const ok = ratio >= 0.5 && p.failures === 0 && !stubTarget;
    const statuses = (s: Record<string, number>) =>
      Object.entries(s)
        .map(([k, v]) => `${k}: ${fmt(v)}`)
        .join(", ");
    const row = (label: string, s: ReturnType<typeof merge>) =>
      `| ${label} | ${fmt(s.rate)} (${s.roundRates.map((x) => fmt(x)).join(", ")}) | ${fmt(s.p50, 1)} ms | ${fmt(s.p99, 1)} ms | ${statuses(s.byStatus)} | ${s.failures} |`;
    const pgVersion = (await admin.query("SHOW server_version")).rows[0].server_version as string;
    const cpus = os.cpus();
    const markdown = [
      "## GIREVE eMIP door (`npm run bench:gireve`)",
      "",
      `Run of ${new Date().toISOString().slice(0, 10)} (\`npm run bench:gireve\`, ${fmt((Date.now() - startedAt) / 1000)} s): ${cpus.length} vCPU (${cpus[0]?.model.trim() ?? ""}), ${fmt(os.totalmem() / 1024 ** 3, 1)} GiB RAM, PostgreSQL ${pgVersion}, Node ${process.version}; load average (1 min) at start / end ${fmt(loadAtStart, 1)} / ${fmt(os.loadavg()[0], 1)}. Portal: ${portalKind}.`,
      "",
      `One eMIP message per SOAP 1.2 envelope, ${CONCURRENCY} concurrent senders on kept-alive connections (cli/gireve/send-envelopes.ts), ${rounds} rounds of ${seconds} s each side, alternating, after 3 s of warm-up each. Mix: ${fmt(MIX.busy * 100)} % busy statuses, ${fmt(MIX.availability * 100)} % availability statuses, ${fmt(MIX.intermediate * 100)} % intermediate CDRs, ${fmt(MIX.final * 100)} % final CDRs, over ${prepared.evseIds.length} points of one GIREVE dossier.`,
      "",
      "| server | envelopes/s (rounds) | p50 | p99 | requestStatus | failures |",
      "|---|---:|---:|---:|---|---:|",
      row("portal `POST /api/gireve/emip` (Basic auth of the relay, SOAP, validation, EVSE lookup, storage, journal)", p),
      row("minimal Node server: same XML reader, one INSERT per envelope", b),
      "",
      `Envelopes/s portal / minimal: **${fmt(ratio * 100)} %** (target ≥ 50 %: ${stubTarget ? "not measured: stub target" : verdict(ok)}).`,
      "",
      `Portal latency by message: ${Object.entries(p.byKind)
        .map(([k, v]) => `${k} p50 ${fmt(v.p50, 1)} ms / p99 ${fmt(v.p99, 1)} ms (${fmt(v.n)})`)
        .join("; ")}.`,
      ...(p.samples.length ? ["", `Portal failures, e.g.: ${p.samples.join(" / ")}`] : []),
    ].join("\n");
    console.log(`\n${markdown}`);
    if (process.env.BENCH_WRITE_DOCS !== "0" && !stubTarget) console.log(`Written to ${writeSection(markdown, "gireve")}`);
  } finally {
    for (const s of servers) s.stop();
    await new Promise((r) => setTimeout(r, 300));
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
