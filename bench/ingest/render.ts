import type { ScenarioResults } from "./scenarios";
import { fmt, mib, verdict } from "./report";

// The markdown of the "Ingestion over HTTP" section.

export interface Machine {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  pgVersion: string;
  node: string;
  seconds: number;
  /** 1-minute load averages at the start and at the end of the run. */
  load: [number, number];
}

export function renderReport(r: ScenarioResults, m: Machine): string {
  const opsRate = r.ops.count / (r.ops.ms / 1000);
  const copyRate = r.copy.rows / (r.copy.ms / 1000);
  const ratio = opsRate / copyRate;
  const pointsRate = r.curves.points / (r.curves.ms / 1000);
  const peakOk = r.big.peak < 512 * 1024 * 1024;
  return [
    "## Ingestion over HTTP (ADVENIR data API)",
    "",
    `Run ${m.date} with \`npm run bench:ingest\` (bench/ingest.ts), ${m.seconds} s in all.`,
    `Machine: ${m.cpus} vCPU (${m.cpuModel.trim()}), ${fmt(m.memoryGiB, 1)} GiB RAM, PostgreSQL ${m.pgVersion} (default settings, same machine), Node ${m.node}.`,
    `Load average (1 min) at start / end: ${fmt(m.load[0], 1)} / ${fmt(m.load[1], 1)} on ${m.cpus} cores${m.load[0] > m.cpus ? " — the machine was shared with other sessions' builds, tests and benchmarks, so every figure below is pessimistic" : ""}.`,
    "Server: the production build started by `lib/cli/start.ts` on a fresh database; client (this script and autocannon) on the same 2 cores.",
    "Data: one operator, a signed dossier, 200 stations of 1–4 points at 3.7–50 kW; sessions of 20 min–10 h over the last 30 days with energy consistent with the power (no quality flag).",
    "",
    "| measure | result | target | |",
    "|---|---:|---:|---|",
    `| 50,000 operations in one body (${mib(r.ops.bytes)}), POST → answer, median of 3 rounds | ${fmt(r.ops.ms / 1000, 2)} s = **${fmt(opsRate)} operations/s** | ≥ 20,000/s | ${verdict(opsRate >= 20_000)} |`,
    `| same rows by raw \`COPY … FROM STDIN\` into \`charge_operation\` (one transaction), median of the same 3 rounds | ${fmt(r.copy.ms / 1000, 2)} s = ${fmt(copyRate)} rows/s | | |`,
    `| HTTP rate / COPY rate | **${fmt(ratio * 100)} %** | ≥ 50 % | ${verdict(ratio >= 0.5)} |`,
    `| load curves: ${fmt(r.curves.count)} curves × 120 points = ${fmt(r.curves.points)} points (${mib(r.curves.bytes)}) | ${fmt(r.curves.ms / 1000, 2)} s = **${fmt(pointsRate)} points/s** | ≥ 100,000/s | ${verdict(pointsRate >= 100_000)} |`,
    `| ${mib(r.big.bytes)} body (${fmt(r.big.operations)} operations): server peak RSS (VmHWM${r.big.peakReset ? ", reset just before; first request after warm-up" : ", whole run"}) | **${mib(r.big.peak)}** (RSS before: ${mib(r.big.rssBefore)}; ${fmt(r.big.ms / 1000, 2)} s) | < 512 MiB | ${verdict(peakOk)} |`,
    `| small puts (3 operations each, new every time), 32 concurrent clients, 20 s (autocannon) | **p99 ${fmt(r.small.p99)} ms** (p50 ${fmt(r.small.p50)}, p97.5 ${fmt(r.small.p97_5)}, max ${fmt(r.small.max)}); ${fmt(r.small.rps)} req/s, ${fmt(r.small.requests)} requests, ${r.small.non2xx} non-2xx, ${r.small.errors} errors | p99 < 50 ms | ${verdict(r.small.p99 < 50 && r.small.non2xx === 0)} |`,
    "",
    `Rounds (HTTP / COPY, s): ${r.ops.rounds.map((x) => `${fmt(x.httpMs / 1000, 2)} / ${fmt(x.copyMs / 1000, 2)}`).join("; ")} — each round posts 50,000 new operations, then COPYs the same rows (sandbox environment, so that they never collide).`,
    "",
    `Also: re-sending the 50,000 operations unchanged took ${fmt(r.ops.resendMs / 1000, 2)} s (${fmt(r.ops.resendUnchanged)} \`inchanges\`, nothing written); server RSS after warm-up ${mib(r.baselineRss)} (peak so far ${mib(r.big.peakBefore)}); peak RSS over the whole run after warm-up, the 50,000-operation and curve bodies included: ${mib(r.runPeak)}.`,
    "",
    "Method: the HTTP figures are wall-clock times seen by the client, from sending the body to the parsed answer (authentication, reading, JSON parsing, whole-body validation, station check, quality flags, one-transaction set-based upsert, submission log and raw body archive included).",
    "",
    "What limits it (2 vCPU shared by the client, the Node server and PostgreSQL):",
    "- 50,000 operations: the body is parsed (≈ 0.2 s) and validated transaction by transaction with zod (≈ 0.6 s) before anything is written, then written by one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE … WHERE IS DISTINCT FROM` (plus the submission row and the gzip archive of the raw body) in one transaction. The upsert alone costs about what the COPY costs (1.3–1.8 s vs 1.4 s for 50,000 rows when measured in process under a load average of 8, through Prisma or raw pg alike), so the gap to COPY is mostly parsing and whole-body validation, which COPY does not do. Each column travels as one array-literal text parameter (not a JS array of 50,000 values), which took the ratio from 31 % to 47 % and the 15 MB peak from 659 to 592 MiB on this machine.",
    "- Small puts: each one is a Next.js route call (≈ 25 ms for /api/health alone on this loaded machine), the Basic check (throttle + credential queries; the scrypt verification is cached), the station query and one transaction of 4 statements through Prisma. At ≈ 100 requests/s on 2 shared cores, 32 clients queue behind each other (p50 ≈ 32 / throughput), so p99 < 50 ms would need ≈ 10× the throughput: out of reach for this stack on this machine; fewer concurrent clients, or more cores, are what moves it.",
    "- Peak RSS: the Next.js server process already holds ≈ 350 MiB after warm-up (Next.js, React, Prisma and its query compiler); a 15 MB body then adds ≈ 250 MiB while it lives at once as raw bytes, text, parsed JSON, normalised rows and query parameters, so the peak lands near 600 MiB. Streaming the parse (never holding the whole parsed body) is what would bring it under 512 MiB.",
    "",
    "The COPY figure is the database's part only: rows are formatted before the clock starts (text format through pg-copy-streams), so the ratio is conservative.",
    "",
  ].join("\n");
}
