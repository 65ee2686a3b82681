import { DataTable } from "@/components/ui/data-table";
import type { StationSending } from "@/lib/monthly-sending/list-sending-statuses";
import { formatDateTime, formatDay, formatNumber } from "@/lib/platform/format";

/**
 * Stations late under the monthly-sending rule: which, in which dossier, since when nothing came,
 * for how many days. The admin's list adds the operator; an operator sees its own only.
 */
export function LateStationsTable({ rows, showOperator = false, caption }: { rows: StationSending[]; showOperator?: boolean; caption: string }) {
  return (
    <DataTable
      caption={`${caption} (${formatNumber(rows.length)})`}
      testId="late-stations-table"
      multiline
      headers={[
        ...(showOperator ? ["Opérateur"] : []),
        "Station",
        "Dossier",
        "Bénéficiaire",
        "Dernière donnée reçue",
        "À envoyer au plus tard le",
        "Jours sans envoi",
      ]}
      rowKeys={rows.map((r) => r.stationId)}
      rows={rows.map((r) => [
        ...(showOperator ? [r.operatorName] : []),
        <code key="s">{r.stationCode}</code>,
        r.dossierReference,
        r.beneficiaryName,
        r.lastDataAt ? formatDateTime(r.lastDataAt) : `Aucune (compte depuis le ${formatDay(r.startedAt)})`,
        formatDay(r.dueDay),
        formatNumber(r.silentDays),
      ])}
    />
  );
}
