import { formatCsv, type CsvFormat } from "@/lib/platform/csv/format-csv";
import type { StatementContent } from "@/lib/tiruert/statement-content";
import { provisionalCertifiedWh } from "@/lib/tiruert/certified-quantity";

// The CSV exports of filed statements (lib/platform/csv: French Excel by default, `format=standard`).
// Energies in kWh (from the Wh of the statement: exact to the Wh).

const POINT_HEADER = [
  "siren_amenageur",
  "annee",
  "trimestre",
  "version",
  "id_pdc_itinerance",
  "courant",
  "type_compteur",
  "sessions",
  "energie_kwh",
  "quantite_certifiee_provisoire_kwh",
  "sessions_exclues",
  "energie_exclue_kwh",
];

export interface FiledContent {
  version: number;
  content: StatementContent;
}

/** One row per point of each statement given (one statement, or the admin's export of many). */
export function formatStatementPointsCsv(statements: FiledContent[], options: { format: CsvFormat }): string {
  const rows = statements.flatMap(({ version, content: c }) =>
    c.points.map((p) => [
      c.siren,
      c.year,
      c.quarter,
      version,
      p.idPdcItinerance,
      p.current,
      p.meterType,
      p.sessions,
      p.energyWh / 1000,
      provisionalCertifiedWh(p.energyWh) / 1000,
      p.excludedSessions,
      p.excludedEnergyWh / 1000,
    ]),
  );
  return formatCsv(POINT_HEADER, rows, { format: options.format });
}
