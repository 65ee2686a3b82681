import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { OperatorOverview } from "@/lib/overview/get-operator-overview";
import type { StationActivityByEnv } from "@/lib/operator-console/get-station-activity-by-env";
import { formatDateTime, formatDay, formatNumber } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";

type Station = OperatorOverview["stations"][number];

function counts(a: { operations: number; curves: number; anomalies: number }): string {
  const parts = [`${formatNumber(a.operations)} opération(s)`, `${formatNumber(a.curves)} courbe(s)`];
  if (a.anomalies > 0) parts.push(`dont ${formatNumber(a.anomalies)} anomalie(s)`);
  return parts.join(", ");
}

/** One page of the operator's stations with the exact identifiers to send and what was received for each. */
export function StationsTable({ stations, activityOf }: { stations: Station[]; activityOf: (stationId: string) => StationActivityByEnv }) {
  return (
    <DataTable
      caption="Stations et identifiants à envoyer"
      testId="stations-table"
      multiline
      headers={[
        "Identifiant à envoyer",
        "Canal",
        "Dossier",
        "Points × puissance",
        "Attestation",
        "Dernière donnée reçue",
        "Données reçues (production)",
        "Bac à sable",
      ]}
      rowKeys={stations.map((s) => s.id)}
      rows={stations.map((s) => {
        const a = activityOf(s.id);
        return [
          <span key="c">
            <code>{s.stationCode}</code>
            {s.channel === "GIREVE" && s.pointIds.length > 0 && (
              <>
                {" "}
                — points :{" "}
                {s.pointIds.map((id) => (
                  <code key={id}>{id} </code>
                ))}
              </>
            )}
            {s.withdrawnOn && (
              <>
                {" "}
                <Badge as="span" severity="info" small noIcon>{`Retirée le ${formatDay(s.withdrawnOn)}`}</Badge>
              </>
            )}
          </span>,
          s.channel === null ? "API QualiCharge" : s.channel === "ADVENIR" ? "StationID (web service)" : "GIREVE",
          s.dossierReference ?? "Aucun (déclarée par l'API QualiCharge)",
          `${s.pointCount} × ${String(s.nominalPowerKw).replace(".", ",")} kW`,
          s.attestationSigned ? (
            <Badge key="a" as="span" severity="success" small>
              Signée
            </Badge>
          ) : (
            <Badge key="a" as="span" severity="warning" small>
              Non signée
            </Badge>
          ),
          a.production.lastDataAt ? formatDateTime(a.production.lastDataAt) : "Aucune donnée reçue",
          counts(a.production),
          a.sandbox.lastDataAt ? `${counts(a.sandbox)} — dernière le ${formatDateTime(a.sandbox.lastDataAt)}` : "—",
        ];
      })}
    />
  );
}
