"use client";

import { DataFigure, type CsvValue } from "@/components/charts/data-figure";
import { SeriesChart, type Series } from "@/components/charts/series-chart";

// The trend of availability over the periods before the one chosen: national (published) and,
// on an operator's page, its own points. Chart, data table and CSV of the same rows.

export function QosTrendFigure(props: {
  title: string;
  definition: string;
  rows: { periode: string; national: CsvValue; own?: CsvValue }[];
  withOwn: boolean;
  /** The name of the second series ("Vos points", an operator's name). */
  ownLabel?: string;
  csv: { excel: string; standard: string };
}) {
  const series: Series[] = [
    ...(props.withOwn ? [{ key: "own", label: props.ownLabel ?? "Vos points", colour: "#000091" }] : []),
    { key: "national", label: "France entière", colour: props.withOwn ? "#e1000f" : "#000091" },
  ];
  // The chart draws numbers only: a withheld figure is a gap.
  const data = props.rows.map((r) => ({
    periode: r.periode,
    national: typeof r.national === "number" ? r.national : null,
    own: typeof r.own === "number" ? r.own : null,
  }));
  return (
    <DataFigure
      title={props.title}
      definition={props.definition}
      chart={<SeriesChart kind="line" data={data} xKey="periode" series={series} unit="%" ariaLabel={props.title} />}
      columns={[
        { key: "periode", label: "Période" },
        ...(props.withOwn ? [{ key: "own", label: `${props.ownLabel ?? "Vos points"} (%)` }] : []),
        { key: "national", label: "France entière (%)" },
      ]}
      rows={props.rows}
      csv={props.csv}
    />
  );
}
