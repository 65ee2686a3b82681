import type { SqlExecutor } from "@/lib/db/migrate";
import { pathOf } from "@/lib/ingest/errors";
import type { Issue } from "@/lib/ingest/normalize-body";

// Resolves the body's StationIDs in one query. A StationID is accepted when it is registered
// with this operator on a dossier whose attestation is signed; otherwise the error names the
// station and the reason. A station registered with another operator is an authorisation
// error (403), an unknown one or an unsigned attestation a data error (422).

export interface AuthorizedStation {
  id: string;
  /** Nominal power per point × number of points, in kW: the quality ceiling. */
  powerKw: number;
}

interface Row {
  station_code: string;
  id: string;
  operator_id: string;
  power_kw: number;
  signed: boolean;
}

export async function authorizeStations(
  sql: SqlExecutor,
  input: { operatorId: string; userId: string; stationCodes: string[] },
): Promise<{ stations: Map<string, AuthorizedStation>; issues: Issue[] }> {
  const stations = new Map<string, AuthorizedStation>();
  const issues: Issue[] = [];
  if (input.stationCodes.length === 0) return { stations, issues };
  const rows = await sql.query<Row>(
    `SELECT s.station_code, s.id::text AS id, s.operator_id::text AS operator_id,
            (s.nominal_power_kw * s.point_count)::float8 AS power_kw, (a.signed_at IS NOT NULL) AS signed
       FROM station s LEFT JOIN attestation a ON a.dossier_id = s.dossier_id
      WHERE s.station_code = ANY($1::text[])`,
    [input.stationCodes],
    { name: "advenir_authorize_stations" },
  );
  const byCode = new Map<string, Row[]>();
  for (const r of rows) byCode.set(r.station_code, [...(byCode.get(r.station_code) ?? []), r]);
  for (const code of input.stationCodes) {
    const chemin = pathOf(input.userId, code);
    const candidates = byCode.get(code) ?? [];
    const own = candidates.find((r) => r.operator_id === input.operatorId);
    if (own?.signed) stations.set(code, { id: own.id, powerKw: Number(own.power_kw) });
    else if (own)
      issues.push({ kind: "data", chemin, message: `station ${code} : l'attestation sur l'honneur de son dossier n'est pas signée, ses données ne peuvent pas encore être reçues` });
    else if (candidates.length > 0)
      issues.push({ kind: "forbidden", chemin, message: `station ${code} : elle n'est pas déclarée pour votre compte` });
    else
      issues.push({ kind: "data", chemin, message: `station ${code} inconnue : elle doit d'abord être déclarée par le bénéficiaire sur son dossier` });
  }
  return { stations, issues };
}
