import { CHANNEL_LABELS, INDICATORS, MESH_LABELS, PERIOD_LABELS, type IndicatorCode } from "@/lib/schemas/indicator-catalogue";
import { dashboardQuery, periodLabel, type DashboardParams } from "@/lib/indicators/dashboard-params";
import type { DashboardContext } from "@/lib/indicators/get-dashboard-context";
import type { IndicatorView } from "@/lib/indicators/get-indicator-view";
import type { RunInfo } from "@/lib/indicators/read-cells";
import type { DataTable } from "@/lib/indicators/dashboard-tables";
import { csvFileName, formatCsv, type CsvFormat } from "@/lib/platform/csv/format-csv";
import { formatDateTime } from "@/lib/platform/format";
import { parisParts } from "@/lib/platform/time/paris-time";

// The committee's CSV exports (GET /api/indicateurs/<vue>?format=csv, or format=standard): the
// page's data table, in the format French Excel opens as columns by default (lib/platform/csv/format-csv.ts).
// The first line says what the file holds — indicator, period, mesh, channel, the run (date and
// id) and the carbon series — and the file name carries all of it, so that two different exports
// never share a name. Withheld cells are the text "secret statistique" (the tables never hold
// their value), and the "Révision" column of revised figures is kept as is.
// Pure: the route reads the view (lib/indicators/get-indicator-view.ts) and passes it here.

const VIEW_LABELS: Record<IndicatorView, string> = {
  "chiffres-cles": "Chiffres clés",
  "profil-de-charge": "Profil de charge par heure (jours ouvrés et week-end)",
  "courbe-de-charge": "Courbe de charge agrégée (pas de 30 minutes pour un mois, d'un jour pour un trimestre ou une année)",
  "carbone-par-heure": "Intensité carbone par heure (recharge et réseau)",
  "carbone-par-mois": "Intensité carbone mois par mois",
  pointe: "Parts de l'énergie en pointe hivernale et en heures creuses",
  carte: "Carte",
};

/** Views that show every published period rather than the one selected. */
const ALL_PERIODS: readonly IndicatorView[] = ["carbone-par-mois", "pointe"];

/** The indicator a map shows (energy when none or a non-scalar one is asked). */
export function mapIndicator(indicator: IndicatorCode | undefined): IndicatorCode {
  return indicator && INDICATORS[indicator].kind === "scalar" ? indicator : "energy_kwh";
}

/** "20260329-0415": a run's Paris time in a file name. */
const compactParis = (d: Date) => {
  const p = parisParts(d);
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}`;
};

export interface IndicatorCsvInput {
  view: IndicatorView;
  run: RunInfo;
  context: Pick<DashboardContext, "filters" | "areas">;
  table: DataTable;
  format: CsvFormat;
}

function describe(input: IndicatorCsvInput) {
  const f = input.context.filters;
  const code = mapIndicator(f.indicator);
  const indicator = input.view === "carte" ? `${VIEW_LABELS.carte} : ${INDICATORS[code].label}` : VIEW_LABELS[input.view];
  const allPeriods = ALL_PERIODS.includes(input.view);
  const period = allPeriods
    ? `toutes les périodes publiées (${PERIOD_LABELS[input.view === "carbone-par-mois" ? "month" : f.periodKind].toLowerCase()})`
    : `${periodLabel(f.periodKind, f.periodStart)} (${PERIOD_LABELS[f.periodKind].toLowerCase()})`;
  const areaName = input.context.areas.find((a) => a.code === f.meshCode)?.name;
  const mesh =
    input.view === "carte"
      ? `toutes les zones de la maille ${MESH_LABELS[f.meshLevel].toLowerCase()}`
      : f.meshLevel === "national"
        ? MESH_LABELS.national
        : `${MESH_LABELS[f.meshLevel]} ${areaName ? `${areaName} (${f.meshCode})` : f.meshCode}`;
  const run = `calcul du ${formatDateTime(input.run.computedAt)} (heure de Paris), n° ${input.run.runId}`;
  const series = input.run.series ? `${input.run.series.name} version ${input.run.series.version}` : "aucune";
  return { f, code, indicator, allPeriods, period, mesh, run, series };
}

/** The file name: every choice that changes the content, the run and the series, and the format. */
export function indicatorCsvFileName(input: IndicatorCsvInput): string {
  const d = describe(input);
  const r = input.run;
  return csvFileName([
    "indicateurs",
    input.view,
    input.view === "carte" ? d.code : "",
    input.view === "carbone-par-mois" ? "mois" : PERIOD_LABELS[d.f.periodKind].toLowerCase(),
    d.allPeriods ? "toutes-periodes" : d.f.periodStart,
    input.view === "carte" ? d.f.meshLevel : d.f.meshLevel === "national" ? "national" : `${d.f.meshLevel}-${d.f.meshCode}`,
    d.f.channel === "all" ? "tous-canaux" : d.f.channel,
    `calcul-${compactParis(r.computedAt)}-${r.runId}`,
    r.series ? `serie-${r.series.name}-v${r.series.version}` : "sans-serie-carbone",
    input.format,
  ]);
}

/** The CSV text, its first line saying what it holds. */
export function indicatorCsv(input: IndicatorCsvInput): { fileName: string; body: string } {
  const d = describe(input);
  const preamble = [
    `Indicateur : ${d.indicator}`,
    `Période : ${d.period}`,
    `Maille : ${d.mesh}`,
    `Canal : ${CHANNEL_LABELS[d.f.channel]}`,
    `Calcul : ${d.run}`,
    `Série carbone : ${d.series}`,
  ];
  const { columns, rows } = input.table;
  const body = formatCsv(
    columns.map((c) => c.label),
    rows.map((r) => columns.map((c) => r[c.key])),
    { format: input.format, preamble: [preamble] },
  );
  return { fileName: indicatorCsvFileName(input), body };
}

/** The links of a committee figure's CSV downloads, with the page's parameters. */
export function indicatorCsvHrefs(view: IndicatorView, params: Partial<DashboardParams>): { excel: string; standard: string } {
  const base = `/api/indicateurs/${view}?${dashboardQuery(params)}`;
  return { excel: `${base}&format=csv`, standard: `${base}&format=standard` };
}
