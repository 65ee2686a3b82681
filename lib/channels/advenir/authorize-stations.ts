import type { SqlExecutor } from "@/lib/platform/db/migrate";
import { pathOf } from "@/lib/channels/advenir/errors";
import type { Issue } from "@/lib/channels/advenir/message-list";

// Resolves the body's StationIDs in one query. A StationID is accepted when it is registered
// with this operator on a dossier whose attestation is signed; otherwise the error names the
// station and the reason. A station registered with another operator is answered exactly as an
// unknown one (same status, same message, same query: only this operator's stations are read),
// so that an operator learns nothing of the StationIDs other operators registered.
// StationIDs arrive in NFC (lib/channels/advenir/parse-body.ts), as they are registered (lib/schemas/stations.ts).
//
// Small puts name the same few stations over and over: the stations authorized are remembered
// per operator for a few minutes, so that such a put makes no query here. What is remembered is
// only a shortcut: the write checks every station again under its locks, in the same statement
// (lib/channels/advenir/write-records.ts: still this operator's, same code, signed, same power);
// when one no longer is, the write stores nothing, the operator's stations are forgotten and the
// body is authorized again from the database. A station never authorized is always read again.

export interface AuthorizedStation {
  id: string;
  /** Nominal power per point × number of points, in kW: the quality ceiling. */
  powerKw: number;
}

interface Row {
  station_code: string;
  id: string;
  power_kw: number;
  signed: boolean;
}

const REMEMBER_MS = 5 * 60_000;
/** Bound on the stations remembered, all operators together (forgotten all at once beyond). */
const REMEMBER_MAX = 50_000;
const remembered = new Map<string, { expires: number; stations: Map<string, AuthorizedStation> }>();
let rememberedCount = 0;

/** Forgets the stations remembered for an operator (the write found one no longer authorized). */
export function forgetStations(operatorId: string): void {
  const entry = remembered.get(operatorId);
  if (!entry) return;
  rememberedCount -= entry.stations.size;
  remembered.delete(operatorId);
}

function remember(operatorId: string, authorized: Map<string, AuthorizedStation>, refused: string[]): void {
  let entry = remembered.get(operatorId);
  if (!entry || entry.expires <= Date.now()) {
    forgetStations(operatorId);
    if (rememberedCount + authorized.size > REMEMBER_MAX) {
      remembered.clear();
      rememberedCount = 0;
    }
    entry = { expires: Date.now() + REMEMBER_MS, stations: new Map() };
    remembered.set(operatorId, entry);
  }
  for (const code of refused) if (entry.stations.delete(code)) rememberedCount--;
  for (const [code, station] of authorized) {
    if (!entry.stations.has(code)) rememberedCount++;
    entry.stations.set(code, station);
  }
}

/** The stations remembered for all these codes, or null when one is missing (or they expired). */
function recall(operatorId: string, codes: string[]): Map<string, AuthorizedStation> | null {
  const entry = remembered.get(operatorId);
  if (!entry || entry.expires <= Date.now()) return null;
  const stations = new Map<string, AuthorizedStation>();
  for (const code of codes) {
    const station = entry.stations.get(code);
    if (!station) return null;
    stations.set(code, station);
  }
  return stations;
}

/**
 * The body's stations, authorized or refused with a message each. `fromMemory`: the answer may
 * come from the stations remembered (the caller's write checks them again).
 */
export async function authorizeStations(
  sql: SqlExecutor,
  input: { operatorId: string; userId: string; stationCodes: string[]; fromMemory?: boolean },
): Promise<{ stations: Map<string, AuthorizedStation>; issues: Issue[]; remembered: boolean }> {
  const issues: Issue[] = [];
  if (input.fromMemory) {
    const recalled = recall(input.operatorId, input.stationCodes);
    if (recalled) return { stations: recalled, issues, remembered: true };
  }
  const stations = new Map<string, AuthorizedStation>();
  if (input.stationCodes.length === 0) return { stations, issues, remembered: false };
  const rows = await sql.query<Row>(
    `SELECT s.station_code, s.id::text AS id, (s.nominal_power_kw * s.point_count)::float8 AS power_kw, (a.signed_at IS NOT NULL) AS signed
       FROM station s LEFT JOIN attestation a ON a.dossier_id = s.dossier_id
      WHERE s.operator_id = $1::uuid AND s.station_code = ANY($2::text[])`,
    [input.operatorId, input.stationCodes],
    { name: "advenir_authorize_own_stations" },
  );
  const byCode = new Map(rows.map((r) => [r.station_code, r]));
  const refused: string[] = [];
  for (const code of input.stationCodes) {
    const chemin = pathOf(input.userId, code);
    const own = byCode.get(code);
    if (own?.signed) {
      stations.set(code, { id: own.id, powerKw: Number(own.power_kw) });
      continue;
    }
    refused.push(code);
    if (own)
      issues.push({
        kind: "data",
        chemin,
        message: `station ${code} : l'attestation sur l'honneur de son dossier n'est pas signée, ses données ne peuvent pas encore être reçues`,
      });
    else
      issues.push({
        kind: "data",
        chemin,
        message: `station ${code} inconnue pour votre compte : elle doit d'abord être déclarée par le bénéficiaire sur son dossier, avec votre compte comme opérateur`,
      });
  }
  remember(input.operatorId, stations, refused);
  return { stations, issues, remembered: false };
}
