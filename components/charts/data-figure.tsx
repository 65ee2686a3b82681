"use client";

import { useId, type ReactNode } from "react";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { toCsv, type CsvValue } from "@/lib/csv/to-csv";

export interface FigureColumn {
  key: string;
  label: string;
  format?: (value: CsvValue) => string;
}

// Every chart comes with its data: a table (under a disclosure, for screen readers and for
// checking) and a CSV download of exactly the same rows.
export function DataFigure(props: {
  title: string;
  definition?: ReactNode;
  chart: ReactNode;
  columns: FigureColumn[];
  rows: Record<string, CsvValue>[];
  csvFilename: string;
  footnote?: ReactNode;
}) {
  const id = useId();
  const header = props.columns.map((c) => c.label);
  const matrix = props.rows.map((r) => props.columns.map((c) => r[c.key]));

  function download() {
    const blob = new Blob([toCsv(header, matrix)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = props.csvFilename;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <figure className="fr-mb-6w" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="fr-h5">{props.title}</h3>
      {props.definition && <p className="fr-text--sm">{props.definition}</p>}
      {props.rows.length === 0 ? <p>Aucune donnée publiable pour cette sélection.</p> : props.chart}
      {props.footnote && <figcaption className="fr-text--xs">{props.footnote}</figcaption>}
      <details className="fr-mt-2w">
        <summary>Voir les données sous forme de tableau</summary>
        <Table
          caption={props.title}
          headers={header}
          data={props.rows.map((r) => props.columns.map((c) => (c.format ? c.format(r[c.key]) : String(r[c.key] ?? "—"))))}
        />
      </details>
      <Button priority="secondary" size="small" iconId="fr-icon-download-line" onClick={download} className="fr-mt-1w">
        Télécharger les données (CSV)
      </Button>
    </figure>
  );
}
