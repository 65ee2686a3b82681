import { createHash } from "node:crypto";
import type { Q4Correction } from "@/lib/tiruert/certified-quantity";

// The content of a quarterly statement: what a draft shows, what filing freezes and hashes, what
// the JSON export publishes (docs/tiruert-statement.schema.json). Energies in Wh (integers),
// certified quantities in Wh (multiples of 0.25), instants in ISO 8601 UTC.

export const STATEMENT_FORMAT = "advenir-tiruert-statement/1";

export interface StatementPoint {
  idPdcItinerance: string;
  meterType: string;
  current: "AC" | "DC";
  regionCode: string | null;
  sessions: number;
  energyWh: number;
  excludedSessions: number;
  excludedEnergyWh: number;
}

export interface ExcludedSession {
  idPdcItinerance: string;
  start: string;
  end: string;
  energyWh: number;
  receivedAt: string;
  reasons: string[];
}

export interface StatementContent {
  format: typeof STATEMENT_FORMAT;
  siren: string;
  year: number;
  quarter: number;
  period: { start: string; end: string; timeZone: "Europe/Paris"; rule: "sessions-ending-in-quarter" };
  deadline: string;
  /** Sessions received up to this instant are in the statement; later ones go to the next correction. */
  receivedUpTo: string;
  points: StatementPoint[];
  excludedSessions: ExcludedSession[];
  totals: {
    points: number;
    sessions: number;
    energyWh: number;
    excludedSessions: number;
    excludedEnergyWh: number;
    provisionalSharePercent: number;
    certifiedWh: number;
  };
  /** Q4 only: the year's correction with the renewable share (null in Q1–Q3). */
  q4Correction: (Q4Correction & { quarters: { quarter: number; energyWh: number; source: string }[] }) | null;
}

/** JSON with object keys sorted at every level, no spaces: the text that is hashed. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function contentSha256(content: StatementContent): string {
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}
