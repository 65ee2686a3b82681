"use client";

import type { ReactNode } from "react";
import { DataFigure, type FigureColumn } from "@/components/charts/data-figure";
import { SeriesChart, type LineType, type Series } from "@/components/charts/series-chart";
import type { DataTable } from "@/lib/indicators/dashboard-tables";

export interface ChartSpec {
  kind: "line" | "bar";
  xKey: string;
  series: Series[];
  unit: string;
  ariaLabel: string;
  lineType?: LineType;
}

const formats = new Map<number, Intl.NumberFormat>();
function formatNumber(value: number, decimals: number): string {
  let f = formats.get(decimals);
  if (!f) formats.set(decimals, (f = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 0, maximumFractionDigits: decimals })));
  return f.format(value);
}

// A committee figure: the chart (a recharts series chart, or a node drawn on the server such as
// the map) with its data table and CSV exports. Withheld cells arrive as "secret statistique"
// and stay so in the table and the CSV; the chart leaves a gap for them.
export function ChartFigure(props: {
  title: string;
  definition?: ReactNode;
  footnote?: ReactNode;
  table: DataTable;
  /** The CSV downloads (lib/indicators/indicator-csv.ts: indicatorCsvHrefs). */
  csv: { excel: string; standard: string };
  chart?: ChartSpec;
  node?: ReactNode;
}) {
  const columns: FigureColumn[] = props.table.columns.map((c) => ({
    key: c.key,
    label: c.label,
    format: (v) => (typeof v === "number" ? formatNumber(v, c.decimals ?? 3) : v === null || v === undefined ? "—" : String(v)),
  }));
  const spec = props.chart;
  const chart = spec ? (
    <SeriesChart
      kind={spec.kind}
      xKey={spec.xKey}
      series={spec.series}
      unit={spec.unit}
      ariaLabel={spec.ariaLabel}
      lineType={spec.lineType}
      data={props.table.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === spec.xKey || typeof v === "number" ? v : null])))}
    />
  ) : (
    props.node
  );
  return (
    <DataFigure
      title={props.title}
      definition={props.definition}
      footnote={props.footnote}
      chart={chart}
      columns={columns}
      rows={props.table.rows}
      csv={props.csv}
    />
  );
}
