import type { SqlExecutor } from "@/lib/platform/db/migrate";
import { pathOf } from "@/lib/channels/advenir/errors";
import type { Issue } from "@/lib/channels/advenir/message-list";

// Resolves the body's StationIDs in one query. A StationID is accepted when it is registered
// with this operator on a dossier whose attestation is signed; otherwise the error names the
// station and the reason. A station registered with another operator is answered exactly as an
// unknown one (same status, same message, same query: only this operator's stations are read),
// so that an operator learns nothing of the StationIDs other operators registered.
// StationIDs arrive in NFC (lib/channels/advenir/parse-body.ts), as they are registered (lib/schemas/stations.ts).

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

export async function authorizeStations(
  sql: SqlExecutor,
  input: { operatorId: string; userId: string; stationCodes: string[] },
): Promise<{ stations: Map<string, AuthorizedStation>; issues: Issue[] }> {
  const stations = new Map<string, AuthorizedStation>();
  const issues: Issue[] = [];
  if (input.stationCodes.length === 0) return { stations, issues };
  const rows = await sql.query<Row>(
    `SELECT s.station_code, s.id::text AS id, (s.nominal_power_kw * s.point_count)::float8 AS power_kw, (a.signed_at IS NOT NULL) AS signed
       FROM station s LEFT JOIN attestation a ON a.dossier_id = s.dossier_id
      WHERE s.operator_id = $1::uuid AND s.station_code = ANY($2::text[])`,
    [input.operatorId, input.stationCodes],
    { name: "advenir_authorize_own_stations" },
  );
  const byCode = new Map(rows.map((r) => [r.station_code, r]));
  for (const code of input.stationCodes) {
    const chemin = pathOf(input.userId, code);
    const own = byCode.get(code);
    if (own?.signed) stations.set(code, { id: own.id, powerKw: Number(own.power_kw) });
    else if (own)
      issues.push({ kind: "data", chemin, message: `station ${code} : l'attestation sur l'honneur de son dossier n'est pas signée, ses données ne peuvent pas encore être reçues` });
    else
      issues.push({
        kind: "data",
        chemin,
        message: `station ${code} inconnue pour votre compte : elle doit d'abord être déclarée par le bénéficiaire sur son dossier, avec votre compte comme opérateur`,
      });
  }
  return { stations, issues };
}
