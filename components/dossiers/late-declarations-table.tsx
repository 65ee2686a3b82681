import { DataTable } from "@/components/ui/data-table";
import { LATE_KIND_LABELS, type LateDeclaration } from "@/lib/irve/list-late-declarations";
import { formatDay, formatNumber } from "@/lib/platform/format";

/** The late declarations themselves (admin only): who, which station or point, how late. */
export function LateDeclarationsTable({ rows }: { rows: LateDeclaration[] }) {
  if (rows.length === 0) return <p>Aucune déclaration en retard.</p>;
  return (
    <DataTable
      caption={`Déclarations en retard (${formatNumber(rows.length)})`}
      headers={["Dossier", "Opérateur", "Station", "Point de charge", "Événement", "Échéance", "Déclaré le", "Retard (jours)"]}
      rows={rows.map((r) => [
        r.dossierReference,
        r.operatorName,
        <code key="s">{r.stationCode}</code>,
        r.idPdcItinerance ? <code key="p">{r.idPdcItinerance}</code> : "—",
        `${LATE_KIND_LABELS[r.kind]} du ${formatDay(r.eventDate)}`,
        formatDay(r.dueDate),
        formatDay(r.declaredOn),
        formatNumber(r.daysLate),
      ])}
    />
  );
}
