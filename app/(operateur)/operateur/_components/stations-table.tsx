import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { OperatorOverview } from "@/lib/overview/get-operator-overview";
import type { StationActivityByEnv } from "@/lib/operator-console/get-station-activity-by-env";
import { formatDateTime, formatNumber } from "@/lib/format";

type Station = OperatorOverview["stations"][number];

function counts(a: { operations: number; curves: number; anomalies: number }): string {
  const parts = [`${formatNumber(a.operations)} opération(s)`, `${formatNumber(a.curves)} courbe(s)`];
  if (a.anomalies > 0) parts.push(`dont ${formatNumber(a.anomalies)} anomalie(s)`);
  return parts.join(", ");
}

/** The operator's stations with the exact identifiers to send and what was received for each. */
export function StationsTable({ stations, activityOf }: { stations: Station[]; activityOf: (stationId: string) => StationActivityByEnv }) {
  return (
    <div className="fr-table">
      {/* Focusable: the table scrolls horizontally on narrow screens. */}
      <table tabIndex={0} data-testid="stations-table">
        <caption>Stations et identifiants à envoyer</caption>
        <thead>
          <tr>
            <th scope="col">Identifiant à envoyer</th>
            <th scope="col">Canal</th>
            <th scope="col">Dossier</th>
            <th scope="col">Points × puissance</th>
            <th scope="col">Attestation</th>
            <th scope="col">Dernière donnée reçue</th>
            <th scope="col">Données reçues (production)</th>
            <th scope="col">Bac à sable</th>
          </tr>
        </thead>
        <tbody>
          {stations.map((s) => {
            const a = activityOf(s.id);
            return (
              <tr key={s.id}>
                <td>
                  {s.channel === "ADVENIR" ? (
                    <code>{s.stationCode}</code>
                  ) : (
                    <span>
                      <code>{s.stationCode}</code>
                      {s.pointIds.length > 0 && <> — points : {s.pointIds.map((id) => <code key={id}>{id} </code>)}</>}
                    </span>
                  )}
                </td>
                <td>{s.channel === "ADVENIR" ? "StationID (web service)" : "GIREVE"}</td>
                <td>{s.dossierReference}</td>
                <td>{`${s.pointCount} × ${String(s.nominalPowerKw).replace(".", ",")} kW`}</td>
                <td>{s.attestationSigned ? <Badge as="span" severity="success" small>Signée</Badge> : <Badge as="span" severity="warning" small>Non signée</Badge>}</td>
                <td>{a.production.lastDataAt ? formatDateTime(a.production.lastDataAt) : "Aucune donnée reçue"}</td>
                <td>{counts(a.production)}</td>
                <td>{a.sandbox.lastDataAt ? `${counts(a.sandbox)} — dernière le ${formatDateTime(a.sandbox.lastDataAt)}` : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
