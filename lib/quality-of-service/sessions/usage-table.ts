import { POWER_CLASSES, POWER_CLASS_LABELS } from "@/lib/quality-of-service/sessions/power-classes";
import { SECRET_LABEL, U14_KEYS, U14_LABELS, USAGE_INDICATORS, type UsageCode } from "@/lib/quality-of-service/sessions/usage-catalogue";
import type { UsageCell, UsageFigures } from "@/lib/quality-of-service/sessions/compute-usage-indicators";

// The rows the page's tables and the CSV files show: one row per figure (indicator, and the class,
// hour or kind of current it details), shares in %, numbers rounded as shown. Pure functions.

export interface UsageRow {
  code: UsageCode;
  label: string;
  detail: string;
  value: number | null;
  unit: string;
}

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

function row(code: UsageCode, value: number | null, detail = ""): UsageRow {
  const d = USAGE_INDICATORS[code];
  const shown = value === null ? null : round(d.unit === "%" ? value * 100 : value, d.decimals);
  return { code, label: d.label, detail, value: shown, unit: d.unit };
}

const perClass = (code: UsageCode, v: Record<string, number>) => POWER_CLASSES.map((c) => row(code, v[c], POWER_CLASS_LABELS[c]));

/** Sessions per Paris hour: "0 h" … "23 h". */
export function hourRows(figures: UsageFigures): { heure: string; sessions: number }[] {
  return (figures.u5 ?? []).map((n, h) => ({ heure: `${h} h`, sessions: n }));
}

/** Every figure of a published cell; u5 only where it is published (not for communes). */
export function usageRows(figures: UsageFigures, options: { withHours: boolean }): UsageRow[] {
  return [
    row("i1", figures.i1),
    row("i4", figures.i4),
    row("i7", figures.i7),
    ...perClass("t1", figures.t1),
    row("e4", figures.e4),
    ...(options.withHours && figures.u5 ? figures.u5.map((n, h) => row("u5", n, `${h} h`)) : []),
    ...perClass("u6", figures.u6),
    ...perClass("u9", figures.u9),
    row("u10", figures.u10),
    row("u11", figures.u11),
    ...perClass("u12", figures.u12),
    ...perClass("u13", figures.u13),
    ...U14_KEYS.map((k) => row("u14", figures.u14[k], U14_LABELS[k])),
    row("q4", figures.loadFactor),
    row("q5", figures.successRate),
  ];
}

/** The headline figures of an area in the level's table; a withheld area reads "secret statistique". */
export function areaSummary(cell: UsageCell): Record<"i1" | "u10" | "u11" | "q5" | "energy" | "q4", number | string | null> {
  if (cell.secret) return { i1: SECRET_LABEL, u10: SECRET_LABEL, u11: SECRET_LABEL, q5: SECRET_LABEL, energy: SECRET_LABEL, q4: SECRET_LABEL };
  const f = cell.figures;
  const energy = Object.values(f.u9).reduce((a, b) => a + b, 0);
  return {
    i1: f.i1,
    u10: f.u10,
    u11: f.u11,
    q5: row("q5", f.successRate).value,
    energy: round(energy, 1),
    q4: row("q4", f.loadFactor).value,
  };
}

/** "Bretagne (53)", "FRXYZ — Opérateur SA", "France entière". */
export function areaLabel(cell: Pick<UsageCell, "level" | "code" | "name" | "operatorName">): string {
  if (cell.level === "national") return "France entière";
  if (cell.level === "unite") return cell.operatorName ? `${cell.code} — ${cell.operatorName}` : cell.code;
  return cell.name ? `${cell.name} (${cell.code})` : cell.code;
}
