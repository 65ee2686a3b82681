import type { ReactNode } from "react";

/**
 * A DSFR table (1.12 structure: wrapper, container, content) whose container scrolls
 * horizontally inside the page column when the table is wider: the page itself never does.
 * The scrolling region is focusable and named by the caption, so keyboard users can scroll it.
 */
export function DataTable(props: {
  caption: string;
  headers: ReactNode[];
  rows: ReactNode[][];
  /** Row keys (defaults to the index). */
  rowKeys?: string[];
  testId?: string;
  /** Cells that may wrap on several lines (DSFR tables keep one line per cell otherwise). */
  multiline?: boolean;
}) {
  return (
    <div className={`fr-table${props.multiline ? " fr-table--multiline" : ""}`}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={props.caption}>
          <div className="fr-table__content">
            <table data-testid={props.testId}>
              <caption>{props.caption}</caption>
              <thead>
                <tr>
                  {props.headers.map((h, i) => (
                    <th key={i} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.rows.map((row, i) => (
                  <tr key={props.rowKeys?.[i] ?? i}>
                    {row.map((cell, j) => (
                      <td key={j}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
