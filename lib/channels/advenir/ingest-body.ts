import type { DataEnv } from "@/generated/prisma/enums";
import type { AdvenirMessage } from "@/lib/schemas/advenir";
import { AUTH_PATH, IngestError, type IngestStatus } from "@/lib/channels/advenir/errors";
import { parseBody } from "@/lib/channels/advenir/parse-body";
import type { Endpoint, NormalizedBody } from "@/lib/channels/advenir/normalize-body";
import { listOf, type Issue } from "@/lib/channels/advenir/message-list";
import { authorizeStations, forgetStations } from "@/lib/channels/advenir/authorize-stations";
import { assessCurve, assessOperation, flagMessages } from "@/lib/charges/quality";
import { writeRecords, type CurveRow, type OperationRow, type WriteChecks } from "@/lib/channels/advenir/write-records";
import type { SubmissionInput } from "@/lib/channels/advenir/record-submission";
import type { SqlExecutor } from "@/lib/platform/db/migrate";

// Ingests one body of the ADVENIR web service: parse, validate the whole body (structure,
// fields, stations), compute quality flags, then store everything, and the submission row, in
// one SQL statement (so one transaction), or nothing at all. Plain SQL through the database's
// pool rather than Prisma: this is the hot path of the data API, and a raw query through Prisma
// costs about five times the CPU of the same query through pg (docs/decisions/0005).

/** A body parsed and checked field by field; its stations are not checked yet. */
export interface ValidatedBody {
  userId: string;
  normalized: NormalizedBody;
}

export interface StoreInput {
  sql: SqlExecutor;
  operatorId: string;
  env: DataEnv;
  body: ValidatedBody;
  /** The submission row to write with the data on success (counts and status are filled here). */
  submission: Omit<SubmissionInput, "warnings" | "durationMs" | "rawBody"> & { rawBody: Promise<Uint8Array | null> | Uint8Array | null };
  /** performance.now() when the request arrived, for the submission's duration. */
  startedAt: number;
  /**
   * A credential verified from memory (OperatorPrincipal.remembered), and how to verify it again
   * from the database (throws the authentication's error) when the write finds it must be.
   * Without it, stations are authorized from the database too.
   */
  remembered?: { checks: WriteChecks["remembered"]; verifyAgain: () => Promise<void> };
}

export interface IngestInput extends Omit<StoreInput, "body"> {
  endpoint: Endpoint;
  text: string;
  now?: Date;
}

export interface IngestResult {
  recus: number;
  enregistres: number;
  inchanges: number;
  avertissements: AdvenirMessage[];
  submissionId: bigint;
  /** The remembered login had throttle failures, which this success should clear. */
  userFailures: boolean;
}

/**
 * The write found the credential revoked, or the programme's individual data purged, after the
 * request was authenticated (lib/channels/advenir/write-records.ts): nothing stored.
 */
export const REVOKED_DURING_WRITE = "accès révoqué pendant l'envoi (fin du programme ou révocation de l'identifiant) : rien n'a été enregistré";

/** Retries of the whole statement on serialization failures and deadlocks. */
const MAX_ATTEMPTS = 5;

function fail(status: IngestStatus, issues: Issue[], total = issues.length): never {
  throw new IngestError(status, listOf(issues, total));
}

export async function ingestBody(input: IngestInput): Promise<IngestResult> {
  const body = validateBody(input.text, { endpoint: input.endpoint, operatorId: input.operatorId, now: input.now ?? new Date() });
  return storeBody({ ...input, body });
}

/**
 * Parses and checks a body (400 and 403 thrown here; data errors are kept for storeBody to report
 * with the stations'). The body is read straight into rows (lib/channels/advenir/parse-body.ts): no JSON
 * tree is built, so a large body is held as its text and its rows only.
 */
export function validateBody(text: string, options: { endpoint: Endpoint; operatorId: string; now: Date }): ValidatedBody {
  const { userId, normalized } = parseBody(text, options);
  const { issues } = normalized;
  if (issues.has("forbidden")) {
    const { kept, total } = issues.of(["forbidden"]);
    fail(403, kept, total);
  }
  if (issues.has("structure")) {
    const { kept, total } = issues.of(["structure", "data"]);
    fail(400, kept, total);
  }
  return { userId, normalized };
}

/**
 * Checks the stations, flags what is implausible, and stores everything with the submission row.
 * With a credential verified from memory, the stations may be too (lib/channels/advenir/authorize-stations.ts):
 * when the write's gate finds either no longer valid, nothing was written; the credential is
 * verified again from the database (its error is the answer), or the stations are authorized
 * again from it, and the body is written again.
 */
export async function storeBody(input: StoreInput): Promise<IngestResult> {
  const { normalized } = input.body;
  const codes = [...new Set([...normalized.operations, ...normalized.curves].map((t) => t.stationCode))];
  let remembered = input.remembered?.checks ?? null;
  let stationsFromMemory = remembered !== null;
  for (let pass = 1; ; pass++) {
    const prepared = await prepareRows(input, codes, stationsFromMemory);
    const written = await writeWithRetries(input, prepared, remembered);
    if (written.refused === false) {
      const { submissionId, stored, userFailures } = written;
      return {
        recus: prepared.received,
        enregistres: stored,
        inchanges: prepared.received - stored,
        avertissements: prepared.warnings.list(),
        submissionId,
        userFailures,
      };
    }
    // Refused by the gate: nothing was written. Closed for good, unless the credential came from
    // memory (then its verification from the database gives the answer a request starting now would get).
    if (written.refused === "closed" && remembered === null) fail(401, [{ kind: "forbidden", chemin: AUTH_PATH, message: REVOKED_DURING_WRITE }]);
    if (pass >= 3) throw new Error(`écriture refusée ${pass} fois par le contrôle final (${written.refused})`);
    if (written.refused === "stations") {
      forgetStations(input.operatorId);
      stationsFromMemory = false;
    } else if (remembered !== null) {
      await input.remembered!.verifyAgain();
      remembered = null;
    }
  }
}

interface PreparedRows {
  operations: OperationRow[];
  curves: CurveRow[];
  received: number;
  warnings: ValidatedBody["normalized"]["warnings"];
  checks: WriteChecks["stations"];
}

/** The body's rows with their stations and quality flags (422 when a station is refused or a field is wrong). */
async function prepareRows(input: StoreInput, codes: string[], fromMemory: boolean): Promise<PreparedRows> {
  const { userId, normalized } = input.body;
  const { issues } = normalized;
  const { stations, issues: stationIssues } = await authorizeStations(input.sql, { operatorId: input.operatorId, userId, stationCodes: codes, fromMemory });
  if (stationIssues.length > 0 || issues.has("data")) {
    const { kept, total } = issues.of(["data"]);
    fail(422, [...stationIssues, ...kept], stationIssues.length + total);
  }
  // A pass after a refused write starts again from the warnings of the body itself.
  const warnings = normalized.warnings.copy();
  const operations: OperationRow[] = normalized.operations.map((op) => {
    const station = stations.get(op.stationCode)!;
    const assessment = assessOperation(op, station.powerKw);
    for (const message of flagMessages(assessment)) warnings.push({ chemin: op.path, message });
    return {
      stationId: station.id,
      transactionId: op.transactionId,
      startS: op.startS,
      stopS: op.stopS,
      startWh: op.startWh,
      stopWh: op.stopWh,
      flags: assessment.flags,
    };
  });
  const curves: CurveRow[] = normalized.curves.map((c) => {
    const station = stations.get(c.stationCode)!;
    const assessment = assessCurve(c, station.powerKw);
    for (const message of flagMessages(assessment)) warnings.push({ chemin: c.path, message });
    return { stationId: station.id, transactionId: c.transactionId, timestamps: c.timestamps, values: c.values, energyWh: c.energyWh, flags: assessment.flags };
  });
  const checks = new Map<string, { code: string; powerKw: number }>();
  for (const [code, station] of stations) checks.set(station.id, { code, powerKw: station.powerKw });
  return { operations, curves, received: operations.length + curves.length, warnings, checks };
}

async function writeWithRetries(input: StoreInput, rows: PreparedRows, remembered: WriteChecks["remembered"]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeRecords(input.sql, {
        env: input.env,
        operatorId: input.operatorId,
        operations: rows.operations,
        curves: rows.curves,
        submission: { ...input.submission, warnings: rows.warnings.list(), durationMs: performance.now() - input.startedAt },
        checks: { stations: rows.checks, remembered },
      });
    } catch (e) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20 * attempt));
    }
  }
}

/** Serialization failure (40001) or deadlock (40P01), as pg and PGlite report them (SQLSTATE in `code`). */
export function isRetryable(e: unknown): boolean {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return code === "40001" || code === "40P01";
}
