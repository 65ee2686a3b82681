import type { QosIndicator } from "@/lib/quality-of-service/qos-catalogue";
import type { QosCell } from "@/lib/quality-of-service/read-qos-cells";

/** Cells ranked by the indicator, best first (ties share a rank); cells without a value, then withheld ones, last and unranked. Pure. */
export function rankQosCells(cells: QosCell[], indicator: QosIndicator): { rank: number | null; cell: QosCell }[] {
  const valued = cells
    .flatMap((c): { cell: QosCell; value: number }[] => {
      const value = c.secret ? null : indicator.value(c.figures);
      return value === null ? [] : [{ cell: c, value }];
    })
    .sort((a, b) => (indicator.higherIsBetter ? b.value - a.value : a.value - b.value) || a.cell.label.localeCompare(b.cell.label, "fr"));
  const out: { rank: number | null; cell: QosCell }[] = [];
  valued.forEach((x, i) => {
    const rank = i > 0 && valued[i - 1].value === x.value ? out[i - 1].rank : i + 1;
    out.push({ rank, cell: x.cell });
  });
  const rest = cells.filter((c) => !valued.some((v) => v.cell === c));
  return [
    ...out,
    ...rest.filter((c) => !c.secret).map((cell) => ({ rank: null, cell })),
    ...rest.filter((c) => c.secret).map((cell) => ({ rank: null, cell })),
  ];
}
