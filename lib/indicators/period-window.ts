import type { PeriodKind } from "@/lib/schemas/indicator-catalogue";

// The periods a chart "by period" shows around the one selected (issue 15: the winter-peak chart
// follows the selection): the year of periods ending with the selected one (12 months, 4
// quarters), or every year up to the selected one. Pure.

function addMonths(start: string, months: number): string {
  const [y, m] = start.split("-").map(Number);
  const t = y * 12 + (m - 1) + months;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, "0")}-01`;
}

/** Whether a period start is in the window ending with `selected`. */
export function inWindow(kind: PeriodKind, selected: string, periodStart: string): boolean {
  if (periodStart > selected) return false;
  if (kind === "year") return true;
  return periodStart > addMonths(selected, -12);
}

/** The points of the window, in time order. */
export function periodWindow<T extends { periodStart: string }>(kind: PeriodKind, selected: string, points: T[]): T[] {
  if (!selected) return points;
  return points.filter((p) => inWindow(kind, selected, p.periodStart)).sort((a, b) => a.periodStart.localeCompare(b.periodStart));
}

/** French title of the window: "les 12 mois jusqu'à février 2023". */
export function windowLabel(kind: PeriodKind, selectedLabel: string): string {
  if (kind === "month") return `les 12 mois jusqu'à ${selectedLabel}`;
  if (kind === "quarter") return `les 4 trimestres jusqu'au ${selectedLabel}`;
  return `les années jusqu'à ${selectedLabel}`;
}
