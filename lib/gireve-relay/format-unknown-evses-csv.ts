import { formatCsv, type CsvFormat } from "@/lib/platform/csv/format-csv";
import { UNKNOWN_EVSES_EXPORT_MAX, type UnknownEvse } from "@/lib/gireve-relay/list-unknown-evses";

export const UNKNOWN_EVSES_CSV_HEADER = [
  "Environnement",
  "EVSE (forme IRVE)",
  "EVSE reçu",
  "Code opérateur",
  "Opérateur du portail",
  "Motif",
  "Messages",
  "Vu la première fois",
  "Vu la dernière fois",
];

const ENV_LABEL = { production: "production", sandbox: "bac à sable" } as const;

/** What the file holds, as its first line, and when it stops at the maximum. */
export function unknownEvsesExportTitle(total: number, max = UNKNOWN_EVSES_EXPORT_MAX): string {
  const head = `Points (EVSE) inconnus du canal GIREVE — ${total} point(s), du plus récemment vu au plus ancien`;
  return total > max ? `${head}, les ${max} plus récents exportés` : head;
}

export function formatUnknownEvsesCsv(rows: UnknownEvse[], total: number, format: CsvFormat): string {
  return formatCsv(
    UNKNOWN_EVSES_CSV_HEADER,
    rows.map((r) => [ENV_LABEL[r.env], r.evseId, r.rawEvseId, r.operatorCode, r.operatorName ?? "", r.reason, r.messages, r.firstSeenAt, r.lastSeenAt]),
    { format, preamble: [unknownEvsesExportTitle(total)] },
  );
}
