import { DataTable } from "@/components/ui/data-table";
import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
import { QOS_INDICATORS, formatQosValue } from "@/lib/quality-of-service/qos-catalogue";
import type { QosCell } from "@/lib/quality-of-service/read-qos-cells";
import { formatNumber } from "@/lib/platform/format";
import { CsvDownloadLinks } from "@/components/ui/csv-download-links";

// The figures of every cell of the level (the CSV files hold the same rows, with the daily
// distribution of availability too).

export function QosCellsTable(props: { caption: string; zoneLabel: string; cells: QosCell[]; csv: { excel: string; standard: string } }) {
  const headers = [props.zoneLabel, "Points", "Stations", ...QOS_INDICATORS.map((i) => (i.qualichargeCode ? `${i.label} (${i.qualichargeCode})` : i.label))];
  const rows = props.cells.map((c) =>
    c.secret
      ? [c.label, ...Array.from({ length: headers.length - 1 }, () => SECRET_LABEL)]
      : [c.label, formatNumber(c.figures.points), formatNumber(c.figures.stations), ...QOS_INDICATORS.map((i) => formatQosValue(i.unit, i.value(c.figures)))],
  );
  return (
    <>
      {props.cells.length === 0 ? (
        <p>Aucune donnée pour cette période.</p>
      ) : (
        <DataTable caption={props.caption} headers={headers} rows={rows} rowKeys={props.cells.map((c) => c.code)} testId="qos-cells" />
      )}
      <CsvDownloadLinks csv={props.csv} title={props.caption} className="fr-mb-4w" />
    </>
  );
}
