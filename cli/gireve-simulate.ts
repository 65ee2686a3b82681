// `npm run gireve:simulate -- --points N --days D [--url …] --user U --secret S [--operator FR*ABC |
// --dossier REF] [--concurrency C] [--start ISO] [--seed S] [--summary-json F] [--dry-run]`:
// GIREVE's relay simulated (lib/channels/gireve/simulate/relay-traffic.ts) against a running
// portal's door (POST /api/gireve/emip). `--prepare --points N [--operator FR*ABC]` first makes a
// GIREVE dossier to send for, in the local database (DATABASE_URL), and prints the command.
// Progress on stderr; the summary on stdout. Exit codes: 0 sent (whatever the answers), 1 failed,
// 2 bad command line.
import { writeFileSync } from "node:fs";
import { isAppError } from "@/lib/platform/errors";
import {
  relayEnvelope,
  relayTraffic,
  simulatedEvseIds,
  simulatedPointPowerKw,
  summarizeRelayTraffic,
  type RelayTrafficSpec,
} from "@/lib/channels/gireve/simulate/relay-traffic";
import { listDossierEvses } from "@/lib/channels/gireve/simulate/list-dossier-evses";
import { CliUsageError } from "@/cli/args";
import { parseSimulateArgs, SIMULATE_OPTIONS, type SimulateArgs } from "@/cli/gireve/simulate-args";
import { quantile, sendEnvelopes, type SendStats } from "@/cli/gireve/send-envelopes";

export const EMIP_PATH = "/api/gireve/emip";

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Progress line (stderr, rewritten in place on a terminal). */
  progress: (line: string) => void;
}

function usage(): string {
  const lines = Object.entries(SIMULATE_OPTIONS).map(([name, o]) => `  --${name}${o.value ? ` ${o.value}` : ""}\n      ${o.description}`);
  return [
    "Usage : npm run gireve:simulate -- --points N --days D --user U --secret S [options]",
    "        npm run gireve:simulate -- --prepare --points N [--operator FR*ABC]",
    "",
    ...lines,
  ].join("\n");
}

const fmt = (n: number, digits = 0) => n.toLocaleString("fr-FR", { maximumFractionDigits: digits });

function statsLines(stats: SendStats): string[] {
  const rate = stats.sent / Math.max(stats.elapsedMs / 1000, 1e-3);
  const codes = Object.entries(stats.byRequestStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code}: ${fmt(n)}`);
  const http = Object.entries(stats.httpErrors).map(([code, n]) => `${code}: ${fmt(n)}`);
  return [
    `Envoyés : ${fmt(stats.sent)} enveloppes en ${fmt(stats.elapsedMs / 1000, 1)} s (${fmt(rate)} enveloppes/s ; latence p50 ${fmt(quantile(stats.latenciesMs, 0.5), 1)} ms, p99 ${fmt(quantile(stats.latenciesMs, 0.99), 1)} ms).`,
    `  requestStatus : ${codes.length ? codes.join(", ") : "aucun"}`,
    `  Faults SOAP : ${fmt(stats.faults)} ; autres erreurs HTTP : ${http.length ? http.join(", ") : "aucune"} ; sans réponse : ${fmt(stats.networkErrors)}`,
    ...stats.samples.map((s) => `  ex. ${s}`),
  ];
}

async function prepare(args: Extract<SimulateArgs, { mode: "prepare" }>, io: Io): Promise<number> {
  const { prepareSimulation } = await import("@/cli/gireve/prepare-simulation");
  const p = await prepareSimulation({ points: args.points, operator: args.operator });
  io.out(
    `Dossier GIREVE ${p.dossierReference} : ${p.evseIds.length} point(s) déclaré(s) (${p.evseIds[0]} …), attestation signée, unité ${p.operatorId.replace("*", "")}.`,
  );
  io.out(`Compte du relais (production) : ${p.relay.username} (secret affiché une seule fois).`);
  io.out("Portail démarré sur cette base, lancez :");
  io.out(`  npm run gireve:simulate -- --dossier ${p.dossierReference} --days 1 --user ${p.relay.username} --secret '${p.relay.secret}'`);
  return 0;
}

export async function runSimulate(argv: string[], io: Io): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(usage());
    return 0;
  }
  let args: SimulateArgs;
  try {
    args = parseSimulateArgs(argv);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    io.err(`${e.message}\n\n${usage()}`);
    return 2;
  }
  try {
    if (args.mode === "prepare") return await prepare(args, io);
    // A dossier's points with their declared powers; generated ids with the simulation's own.
    let points = args.dossier
      ? await listDossierEvses({ reference: args.dossier })
      : simulatedEvseIds(args.operator!, args.points!).map((evseId, i) => ({ evseId, nominalPowerKw: simulatedPointPowerKw(i) }));
    if (args.points !== undefined) points = points.slice(0, args.points);
    const evseIds = points.map((p) => p.evseId);
    if (evseIds.length === 0) {
      io.err(`Le dossier ${args.dossier} n'a aucun point déclaré avec un identifiant eMI3.`);
      return 1;
    }
    const spec: RelayTrafficSpec = { evseIds, pointPowersKw: points.map((p) => p.nominalPowerKw), start: args.start, days: args.days, seed: args.seed };
    const summary = summarizeRelayTraffic(spec);
    io.out(
      `Trafic simulé : ${fmt(evseIds.length)} EVSE du ${summary.start} au ${summary.end} (graine ${summary.seed}) : ${fmt(summary.envelopes)} enveloppes ` +
        `(${Object.entries(summary.byKind)
          .map(([k, n]) => `${k} ${fmt(n)}`)
          .join(
            ", ",
          )}), dont ${fmt(summary.duplicates)} renvoyées et ${fmt(summary.late)} retardées ; ${fmt(summary.sessions)} sessions, ${fmt(summary.finalEnergyWh / 1000, 1)} kWh.`,
    );
    if (args.summaryJson) {
      writeFileSync(args.summaryJson, `${JSON.stringify(summary, null, 2)}\n`);
      io.out(`Résumé écrit dans ${args.summaryJson}.`);
    }
    if (args.dryRun) return 0;
    let lastShown = 0;
    const stats = await sendEnvelopes({
      url: `${args.url}${EMIP_PATH}`,
      authorization: `Basic ${Buffer.from(`${args.user}:${args.secret}`).toString("base64")}`,
      concurrency: args.concurrency,
      envelopes: (function* () {
        for (const m of relayTraffic(spec)) yield relayEnvelope(m);
      })(),
      onAnswer: (s) => {
        if (s.elapsedMs - lastShown < 1000 && s.sent < summary.envelopes) return;
        lastShown = s.elapsedMs;
        const failed = s.faults + s.networkErrors + Object.values(s.httpErrors).reduce((a, b) => a + b, 0);
        io.progress(
          `${fmt(s.sent)} / ${fmt(summary.envelopes)} (${fmt((100 * s.sent) / summary.envelopes)} %), ${fmt(s.sent / (s.elapsedMs / 1000))}/s, ${fmt(failed)} en échec`,
        );
      },
    });
    statsLines(stats).forEach(io.out);
    return 0;
  } catch (e) {
    io.err(isAppError(e) ? e.message : `Échec : ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

async function main(): Promise<void> {
  const tty = process.stderr.isTTY;
  let code = 1;
  try {
    code = await runSimulate(process.argv.slice(2), {
      out: (l) => console.log(l),
      err: (l) => console.error(l),
      progress: (l) => (tty ? process.stderr.write(`\r${l}\x1b[K`) : console.error(l)),
    });
    if (tty) process.stderr.write("\n");
  } finally {
    const { closeDb } = await import("@/lib/platform/db/database");
    await closeDb().catch(() => {});
  }
  process.exitCode = code;
}

// Run only as the entry point (the tests import runSimulate).
if (process.argv[1] && /(^|[\\/])cli[\\/]gireve-simulate\.ts$/.test(process.argv[1])) void main();
