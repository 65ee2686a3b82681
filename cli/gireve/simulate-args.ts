import { CliUsageError, parseOptions, type OptionSpec } from "@/cli/args";

// The command line of `npm run gireve:simulate` (cli/gireve-simulate.ts), read into options.

export const SIMULATE_OPTIONS: Record<string, OptionSpec> = {
  points: { type: "string", value: "<N>", description: "nombre d'EVSE simulés (avec --dossier : les N premiers points du dossier, tous sinon)" },
  days: { type: "string", value: "<D>", description: "jours de trafic simulé (1 par défaut)" },
  url: { type: "string", value: "<url>", description: "adresse du portail (http://127.0.0.1:3000 par défaut)" },
  user: { type: "string", value: "<identifiant>", description: "compte du relais GIREVE (Basic)" },
  secret: { type: "string", value: "<secret>", description: "secret du compte du relais" },
  operator: { type: "string", value: "<FR*ABC>", description: "opérateur eMI3 dont on génère les EVSE FR*ABC*ESIM00001… (sans --dossier)" },
  dossier: { type: "string", value: "<référence>", description: "dossier GIREVE dont les points sont lus dans la base locale (DATABASE_URL)" },
  concurrency: { type: "string", value: "<C>", description: "requêtes en vol au plus (8 par défaut)" },
  start: { type: "string", value: "<instant ISO>", description: "début du trafic (minuit UTC, D jours avant aujourd'hui, par défaut)" },
  seed: { type: "string", value: "<entier>", description: "graine du générateur (1 par défaut) : même graine, mêmes messages" },
  "summary-json": { type: "string", value: "<fichier>", description: "écrit le résumé de ce qui est généré (sessions et énergie par EVSE) en JSON" },
  "dry-run": { type: "boolean", description: "génère et résume sans rien envoyer" },
  prepare: {
    type: "boolean",
    description: "prépare un dossier GIREVE de --points points (attestation signée, unité opérationnelle, compte du relais) et affiche la commande à lancer",
  },
};

export type SimulateArgs =
  | { mode: "prepare"; points: number; operator?: string }
  | {
      mode: "send";
      points?: number;
      days: number;
      url: string;
      user?: string;
      secret?: string;
      operator?: string;
      dossier?: string;
      concurrency: number;
      start: Date;
      seed: number;
      summaryJson?: string;
      dryRun: boolean;
    };

function integer(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new CliUsageError(`--${name} : un entier de ${min} à ${max} est attendu (reçu « ${raw} »).`);
  return n;
}

/** Midnight UTC `days` days before `now`'s day: traffic about the recent past, as a relay replays it. */
export function defaultStart(days: number, now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - Math.ceil(days) * 86_400_000);
}

export function parseSimulateArgs(argv: string[], now = new Date()): SimulateArgs {
  const v = parseOptions(argv, SIMULATE_OPTIONS);
  const s = (name: string) => (typeof v[name] === "string" ? (v[name] as string) : undefined);
  const operator = s("operator");
  if (operator !== undefined && !/^[A-Za-z]{2}\*?[A-Za-z0-9]{3}$/.test(operator))
    throw new CliUsageError(`--operator : un identifiant d'opérateur eMI3 est attendu (FR*ABC), reçu « ${operator} ».`);
  const points = integer("points", s("points"), 1, 100_000);
  if (v.prepare) {
    if (points === undefined) throw new CliUsageError("--prepare : indiquez le nombre de points avec --points <N>.");
    for (const other of ["dossier", "user", "secret", "dry-run"])
      if (v[other] !== undefined) throw new CliUsageError(`--prepare ne se combine pas avec --${other}.`);
    return { mode: "prepare", points, operator };
  }
  const dossier = s("dossier");
  if (dossier && operator)
    throw new CliUsageError("--dossier et --operator s'excluent : avec --dossier, les EVSE et leur opérateur viennent des points du dossier.");
  if (!dossier && points === undefined) throw new CliUsageError("Indiquez --points <N> (EVSE générés pour --operator) ou --dossier <référence>.");
  const daysRaw = s("days") ?? "1";
  const days = Number(daysRaw);
  if (!/^\d+(\.\d+)?$/.test(daysRaw) || !(days > 0) || days > 366)
    throw new CliUsageError(`--days : un nombre de jours de 0 à 366 est attendu (reçu « ${daysRaw} »).`);
  const url = s("url") ?? "http://127.0.0.1:3000";
  if (!/^https?:\/\/[^/]+\/?$/.test(url))
    throw new CliUsageError(`--url : l'adresse du portail est attendue, sans chemin (http://hôte:port), reçu « ${url} ».`);
  const user = s("user");
  const secret = s("secret");
  if ((user === undefined) !== (secret === undefined)) throw new CliUsageError("--user et --secret vont ensemble.");
  const dryRun = v["dry-run"] === true;
  if (!dryRun && user === undefined) throw new CliUsageError("Indiquez le compte du relais (--user et --secret), ou --dry-run pour ne rien envoyer.");
  const startRaw = s("start");
  // Without a zone, UTC (as eMIP's senders mean their dates).
  const start = startRaw === undefined ? defaultStart(days, now) : new Date(/T[\d:.]+$/.test(startRaw) ? `${startRaw}Z` : startRaw);
  if (startRaw !== undefined && (!/^\d{4}-\d{2}-\d{2}(T|$)/.test(startRaw) || Number.isNaN(start.getTime())))
    throw new CliUsageError(`--start : un instant ISO 8601 est attendu (2026-03-02T00:00:00Z), reçu « ${startRaw} ».`);
  return {
    mode: "send",
    points,
    days,
    url: url.replace(/\/$/, ""),
    user,
    secret,
    operator: dossier ? undefined : (operator ?? "FR*SIM"),
    dossier,
    concurrency: integer("concurrency", s("concurrency"), 1, 512) ?? 8,
    start,
    seed: integer("seed", s("seed"), 0, 2 ** 32 - 1) ?? 1,
    summaryJson: s("summary-json"),
    dryRun,
  };
}
