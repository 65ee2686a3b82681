import { formatCsv, type CsvFormat } from "@/lib/platform/csv/format-csv";
import type { StationSending } from "@/lib/monthly-sending/list-sending-statuses";
import { formatDay } from "@/lib/platform/format";
import { moreThan } from "@/lib/monthly-sending/reminder-message";

export const LATE_STATIONS_CSV_HEADER = [
  "Opérateur",
  "UserID de l'opérateur",
  "Dossier",
  "Bénéficiaire",
  "Station",
  "Dernière donnée reçue",
  "Enregistrée (ou attestation signée) le",
  "Échéance (jour)",
  "Jours sans envoi",
];

/** The late stations of every operator as CSV (admin), with what the file holds as its first line. */
export function formatLateStationsCsv(rows: StationSending[], input: { format: CsvFormat; months: number; day: string }): string {
  // Calendar days as the rest of each format writes dates: jj/mm/aaaa for French Excel, ISO otherwise.
  const day = (d: string) => (input.format === "standard" ? d : formatDay(d));
  return formatCsv(
    LATE_STATIONS_CSV_HEADER,
    rows.map((r) => [
      r.operatorName,
      r.operatorId,
      r.dossierReference,
      r.beneficiaryName,
      r.stationCode,
      r.lastDataAt,
      r.startedAt,
      day(r.dueDay),
      r.silentDays,
    ]),
    {
      format: input.format,
      preamble: [`Stations sans envoi de données depuis ${moreThan(input.months)} au ${day(input.day)} — ${rows.length} station(s)`],
    },
  );
}
