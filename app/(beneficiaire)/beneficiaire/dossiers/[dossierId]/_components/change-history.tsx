import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { DataTable } from "@/components/ui/data-table";
import type { StationView } from "@/lib/stations/get-station-view";
import { formatDay } from "@/lib/platform/format";

/** The corrections and withdrawals declared for a station, with their deadline (dates jj/mm/aaaa). */
export function ChangeHistory({ changes }: { changes: StationView["changes"] }) {
  if (changes.length === 0) return <p>Aucune correction ni aucun retrait déclaré.</p>;
  return (
    <DataTable
      caption="Corrections et retraits déclarés"
      headers={["Déclaré le", "Changement", "Objet", "Jour du changement", "Échéance", "Délai"]}
      rows={changes.map((c) => [
        formatDay(c.declaredAt),
        c.kind === "retrait" ? "Retrait" : "Correction",
        c.pointId ? <code key="p">{c.pointId}</code> : "La station",
        formatDay(c.effectiveOn),
        formatDay(c.dueOn),
        c.daysLate > 0 ? (
          <Badge key="l" as="span" severity="error" small>{`En retard de ${c.daysLate} j`}</Badge>
        ) : (
          <Badge key="o" as="span" severity="success" small>
            Dans le délai
          </Badge>
        ),
      ])}
      rowKeys={changes.map((c) => c.id)}
    />
  );
}
