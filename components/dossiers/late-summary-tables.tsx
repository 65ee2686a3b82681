import { DataTable } from "@/components/ui/data-table";
import type { LateSummary, Published } from "@/lib/irve/summarize-late-declarations";
import { formatNumber } from "@/lib/platform/format";

const SECRET = "secret statistique";

function cells(p: Published): string[] {
  return p.secret ? [SECRET, SECRET, SECRET] : [formatNumber(p.count), formatNumber(p.operatorCount), formatNumber(p.medianDaysLate)];
}

/** The committee's anonymous view of late declarations: counts per région and per age of the delay. */
export function LateSummaryTables({ summary }: { summary: LateSummary }) {
  const headers = ["Déclarations en retard", "Opérateurs concernés", "Retard médian (jours)"];
  if (!summary.total.secret && summary.total.count === 0) return <p>Aucune déclaration en retard.</p>;
  return (
    <>
      <DataTable caption="Ensemble du territoire" headers={["Périmètre", ...headers]} rows={[["France entière", ...cells(summary.total)]]} />
      <DataTable caption="Par région" headers={["Région", ...headers]} rows={summary.regions.map((r) => [r.name, ...cells(r)])} />
      <DataTable caption="Par ancienneté du retard" headers={["Retard", ...headers]} rows={summary.delays.map((d) => [d.label, ...cells(d)])} />
    </>
  );
}
