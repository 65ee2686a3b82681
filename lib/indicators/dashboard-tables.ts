import { INDICATORS, SECRET_LABEL, isShare, type IndicatorCode, type IndicatorDefinition } from "@/lib/schemas/indicator-catalogue";
import type { Cell } from "@/lib/indicators/read-cells";
import { periodLabel } from "@/lib/indicators/dashboard-params";
import type { PeriodKind } from "@/lib/schemas/indicator-catalogue";
import { formatDateTime, formatLongDay } from "@/lib/platform/format";
import type { CurvePoint, CurveStep } from "@/lib/indicators/load-curve-steps";

// The data tables behind every committee chart, shared by the pages (table + CSV of DataFigure)
// and the CSV answers of /api/indicateurs. A withheld cell is the text "secret statistique", a
// figure that does not exist (no data, or not applicable) is null. Shares are shown in %. A
// revised figure says so in the "Révision" column: when, and why (lib/indicators/revisions.ts).
// Pure functions of the read functions' results: nothing here touches the database.

export type TableValue = string | number | null;
export interface TableColumn {
  key: string;
  label: string;
  /** Decimals shown for numbers (the CSV keeps the rounded number, dot decimals). */
  decimals?: number;
}
export interface DataTable {
  columns: TableColumn[];
  rows: Record<string, TableValue>[];
}

type ReadCell<T> = Cell<T> | null | undefined;

function unitSuffix(def: IndicatorDefinition): string {
  return def.unit ? ` (${def.unit})` : "";
}

export function shown(code: IndicatorCode, v: number | null | undefined): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const scaled = isShare(code) ? v * 100 : v;
  const f = 10 ** INDICATORS[code].decimals;
  return Math.round(scaled * f) / f;
}

/** A scalar cell as a table value. */
export function scalarValue(code: IndicatorCode, cell: ReadCell<number | null>): TableValue {
  if (!cell) return null;
  return cell.secret ? SECRET_LABEL : shown(code, cell.value);
}

function profileValue(code: IndicatorCode, cell: ReadCell<(number | null)[]>, i: number): TableValue {
  if (!cell) return null;
  return cell.secret ? SECRET_LABEL : shown(code, cell.value[i]);
}

/** "révisé le 5 décembre 2026 : <why>", or null for a figure never revised (or withheld). */
export function revisionText(cell: ReadCell<unknown>): string | null {
  if (!cell || cell.secret || !cell.revision) return null;
  return `révisé le ${formatLongDay(cell.revision.at)} : ${cell.revision.note}`;
}

const REVISION_COLUMN: TableColumn = { key: "revision", label: "Révision" };

/** The notes of the revised cells of a row, each prefixed by its figure's label when there are several. */
function revisionsOf(cells: { label: string; cell: ReadCell<unknown> }[]): string | null {
  const notes = cells.map((c) => [c.label, revisionText(c.cell)] as const).filter(([, t]) => t !== null);
  if (notes.length === 0) return null;
  return cells.length === 1 ? notes[0][1] : notes.map(([l, t]) => `${l} : ${t}`).join(" ; ");
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hourLabel = (h: number) => `${String(h).padStart(2, "0")} h`;

export function keyFiguresTable(figures: { indicator: IndicatorDefinition; cell: Cell<number | null> }[]): DataTable {
  return {
    columns: [
      { key: "indicateur", label: "Indicateur" },
      { key: "valeur", label: "Valeur" },
      { key: "unite", label: "Unité" },
      { key: "stations", label: "Stations ayant transmis" },
      { key: "enregistrees", label: "Stations enregistrées" },
      { key: "energie", label: "Énergie couverte (kWh)", decimals: 0 },
      { key: "recharges", label: "Recharges" },
      REVISION_COLUMN,
    ],
    rows: figures.map(({ indicator, cell }) => ({
      indicateur: indicator.label,
      valeur: cell.secret ? SECRET_LABEL : shown(indicator.code, cell.value),
      unite: indicator.unit,
      stations: cell.secret ? null : cell.coverage.stationsReporting,
      enregistrees: cell.secret ? null : cell.coverage.stationsRegistered,
      energie: cell.secret ? null : Math.round(cell.coverage.energyKwh),
      recharges: cell.secret ? null : cell.coverage.chargeCount,
      revision: revisionText(cell),
    })),
  };
}

/** Hour-of-day profiles side by side (load profile; carbon by hour). */
export function hourProfileTable(series: { key: string; code: IndicatorCode; label: string; cell: ReadCell<(number | null)[]> }[]): DataTable {
  if (series.every((s) => !s.cell)) return { columns: [], rows: [] };
  return {
    columns: [
      { key: "heure", label: "Heure (heure de Paris)" },
      ...series.map((s) => ({ key: s.key, label: `${s.label}${unitSuffix(INDICATORS[s.code])}`, decimals: INDICATORS[s.code].decimals })),
      REVISION_COLUMN,
    ],
    rows: HOURS.map((h) => ({
      heure: hourLabel(h),
      ...Object.fromEntries(series.map((s) => [s.key, profileValue(s.code, s.cell, h)])),
      revision: revisionsOf(series.map((s) => ({ label: s.label, cell: s.cell }))),
    })),
  };
}

/** The 30-minute aggregated load curve. */
export function loadCurveTable(start: Date | null, cell: ReadCell<(number | null)[]>): DataTable {
  if (!start || !cell) return { columns: [], rows: [] };
  const def = INDICATORS.load_curve_kw;
  const columns = [
    { key: "pas", label: "Début du pas de 30 minutes (heure de Paris)" },
    { key: "kw", label: `${def.label}${unitSuffix(def)}`, decimals: def.decimals },
    REVISION_COLUMN,
  ];
  if (cell.secret) return { columns, rows: [{ pas: null, kw: SECRET_LABEL, revision: null }] };
  const revision = revisionText(cell);
  return {
    columns,
    rows: cell.value.map((v, i) => ({ pas: formatDateTime(new Date(start.getTime() + i * 1_800_000)), kw: shown("load_curve_kw", v), revision })),
  };
}

/** Scalar indicators period by period (carbon by month, peak-window shares). */
export function timeSeriesTable(
  kind: PeriodKind,
  codes: IndicatorCode[],
  points: { periodStart: string; cells: Partial<Record<IndicatorCode, Cell<number | null>>> }[],
): DataTable {
  return {
    columns: [
      { key: "periode", label: "Période" },
      ...codes.map((c) => ({ key: c, label: `${INDICATORS[c].label}${unitSuffix(INDICATORS[c])}`, decimals: INDICATORS[c].decimals })),
      REVISION_COLUMN,
    ],
    rows: points.map((p) => ({
      periode: periodLabel(kind, p.periodStart),
      ...Object.fromEntries(codes.map((c) => [c, scalarValue(c, p.cells[c])])),
      revision: revisionsOf(codes.map((c) => ({ label: INDICATORS[c].label, cell: p.cells[c] }))),
    })),
  };
}

/** One indicator for every area of a level (the map's table). */
export function meshTable(code: IndicatorCode, areas: { code: string; name: string; cell: Cell<number | null> }[]): DataTable {
  const def = INDICATORS[code];
  return {
    columns: [
      { key: "code", label: "Code" },
      { key: "nom", label: "Nom" },
      { key: "valeur", label: `${def.label}${unitSuffix(def)}`, decimals: def.decimals },
      REVISION_COLUMN,
    ],
    rows: areas.map((a) => ({ code: a.code, nom: a.name, valeur: scalarValue(code, a.cell), revision: revisionText(a.cell) })),
  };
}

const parisDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/**
 * The load curve of a period at its drawing step (lib/indicators/load-curve-steps.ts): 30-minute
 * steps for a month; for a quarter or a year, each day's mean power and 30-minute peak.
 */
export function periodCurveTable(curve: {
  step: CurveStep;
  points: CurvePoint[];
  months: { periodStart: string; cell: Cell<(number | null)[]> }[];
}): DataTable {
  const def = INDICATORS.load_curve_kw;
  const revisions = new Map(curve.months.map((m) => [m.periodStart.slice(0, 7), revisionText(m.cell)]));
  const value = (v: CurvePoint["mean"] | undefined): TableValue => (typeof v === "number" ? shown("load_curve_kw", v) : (v ?? null));
  if (curve.step === "30min") {
    return {
      columns: [
        { key: "pas", label: "Début du pas de 30 minutes (heure de Paris)" },
        { key: "kw", label: `${def.label}${unitSuffix(def)}`, decimals: def.decimals },
        REVISION_COLUMN,
      ],
      rows: curve.points.map((p) => ({
        pas: `${parisDay(p.at.slice(0, 10))} ${p.at.slice(11)}`,
        kw: value(p.mean),
        revision: revisions.get(p.at.slice(0, 7)) ?? null,
      })),
    };
  }
  return {
    columns: [
      { key: "jour", label: "Jour (heure de Paris)" },
      { key: "moyenne", label: "Puissance moyenne du jour (kW)", decimals: def.decimals },
      { key: "pointe", label: "Pointe du jour, sur 30 minutes (kW)", decimals: def.decimals },
      REVISION_COLUMN,
    ],
    rows: curve.points.map((p) => ({ jour: parisDay(p.at), moyenne: value(p.mean), pointe: value(p.peak), revision: revisions.get(p.at.slice(0, 7)) ?? null })),
  };
}
