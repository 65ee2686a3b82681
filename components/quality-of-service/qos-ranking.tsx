import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
import { QOS_INDICATORS, formatQosValue, type QosIndicator } from "@/lib/quality-of-service/qos-catalogue";
import { rankQosCells } from "@/lib/quality-of-service/rank-qos-cells";
import type { QosCell } from "@/lib/quality-of-service/read-qos-cells";

// Operators ranked by one indicator (best first); withheld operators last, unranked.

const COLUMNS = ["disponibilite", "remise_en_service_mediane", "hors_service_7j", "sans_statut"];

export function QosRanking(props: { cells: QosCell[]; indicator: QosIndicator; caption: string; hrefOf?: (code: string) => string }) {
  const ranked = rankQosCells(props.cells, props.indicator);
  const shown = QOS_INDICATORS.filter((i) => COLUMNS.includes(i.key) || i.key === props.indicator.key);
  return ranked.length === 0 ? (
    <p>Aucun opérateur n&apos;a de données sur cette période.</p>
  ) : (
    <DataTable
      caption={props.caption}
      headers={["Rang", "Opérateur", ...shown.map((i) => i.label)]}
      rowKeys={ranked.map((r) => r.cell.code)}
      testId="qos-ranking"
      rows={ranked.map(({ rank, cell }) =>
        cell.secret
          ? ["—", cell.label, ...shown.map(() => SECRET_LABEL)]
          : [
              rank === null ? "—" : String(rank),
              props.hrefOf ? <Link href={props.hrefOf(cell.code)}>{cell.label}</Link> : cell.label,
              ...shown.map((i) => formatQosValue(i.unit, i.value(cell.figures))),
            ],
      )}
    />
  );
}
