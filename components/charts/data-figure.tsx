"use client";

import { useId, type ReactNode } from "react";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { CsvDownloadLinks } from "@/components/ui/csv-download-links";

export type CsvValue = string | number | boolean | null | undefined;

export interface FigureColumn {
  key: string;
  label: string;
  format?: (value: CsvValue) => string;
}

// Every chart comes with its data: a table (under a disclosure, for screen readers and for
// checking) and CSV downloads of exactly the same rows, produced by the server (plain links:
// they work without JavaScript), for French Excel and in the standard format.
export function DataFigure(props: {
  title: string;
  definition?: ReactNode;
  chart: ReactNode;
  columns: FigureColumn[];
  rows: Record<string, CsvValue>[];
  /** The CSV downloads of the same rows (lib/indicators/indicator-csv.ts). */
  csv: { excel: string; standard: string };
  footnote?: ReactNode;
}) {
  const id = useId();
  const header = props.columns.map((c) => c.label);

  return (
    <figure className="fr-mb-6w" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="fr-h5">
        {props.title}
      </h3>
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
      <p className="fr-mt-1w fr-mb-1v">Télécharger les données :</p>
      <CsvDownloadLinks csv={props.csv} title={props.title} className="fr-mb-0" />
    </figure>
  );
}
