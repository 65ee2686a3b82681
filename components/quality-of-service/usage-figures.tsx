import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { ChartFigure } from "@/components/indicators/chart-figure";
import { formatNumber } from "@/lib/platform/format";
import type { UsageCell } from "@/lib/quality-of-service/sessions/compute-usage-indicators";
import { SECRET_LABEL, USAGE_INDICATORS } from "@/lib/quality-of-service/sessions/usage-catalogue";
import { areaLabel, areaSummary, hourRows, usageRows } from "@/lib/quality-of-service/sessions/usage-table";

// Renders the usage figures computed by lib/quality-of-service/sessions: nothing is decided here.

const shown = (v: number | string | null) => (typeof v === "number" ? formatNumber(v) : (v ?? "—"));

const SECRET_REASONS = {
  primaire: "moins de stations ou de propriétaires que le seuil",
  secondaire: "retenue pour qu'une autre zone ne puisse pas se déduire",
} as const;

/** Every figure of one area: the table of indicators, then u5 as a chart with its table and CSV. */
export function UsageCellFigures(props: { cell: UsageCell; csv: { excel: string; standard: string }; hoursCsv: { excel: string; standard: string } }) {
  const { cell } = props;
  if (cell.secret) {
    return (
      <p className="fr-callout" data-testid="usage-secret">
        {areaLabel(cell)} : {SECRET_LABEL} ({SECRET_REASONS[cell.reason]}).
      </p>
    );
  }
  const rows = usageRows(cell.figures, { withHours: false });
  return (
    <>
      <DataTable
        caption={`Indicateurs d'usage — ${areaLabel(cell)}`}
        testId="usage-indicators"
        multiline
        headers={["Code QualiCharge", "Indicateur", "Détail", "Valeur", "Unité"]}
        rows={rows.map((r) => [r.code, r.label, r.detail || "—", shown(r.value), r.unit])}
      />
      <ul className="fr-mb-4w">
        <li>
          <a className="fr-link fr-link--download" href={props.csv.excel} download>
            CSV pour Excel<span className="fr-link__detail">tous les indicateurs de la zone, séparateur ; et virgule décimale</span>
          </a>
        </li>
        <li>
          <a className="fr-link fr-link--download" href={props.csv.standard} download>
            CSV standard<span className="fr-link__detail">tous les indicateurs de la zone, séparateur , et point décimal</span>
          </a>
        </li>
      </ul>
      {cell.figures.u5 ? (
        <ChartFigure
          title="Sessions par heure de début (heure de Paris) — u5"
          definition={USAGE_INDICATORS.u5.definition}
          table={{
            columns: [
              { key: "heure", label: "Heure de début (Paris)" },
              { key: "sessions", label: "Sessions (u5)", decimals: 0 },
            ],
            rows: hourRows(cell.figures),
          }}
          csv={props.hoursCsv}
          chart={{
            kind: "bar",
            xKey: "heure",
            series: [{ key: "sessions", label: "Sessions", colour: "#000091" }],
            unit: "sessions",
            ariaLabel: `Nombre de sessions par heure de début, ${areaLabel(cell)}`,
          }}
        />
      ) : (
        <p>Les sessions par heure (u5) ne sont pas publiées à la commune : quelques stations, leurs heures sont proches des habitudes de leurs usagers.</p>
      )}
    </>
  );
}

/** The areas of a level: headline figures, or "secret statistique", each linking to its detail. */
export function UsageAreasTable(props: { areas: UsageCell[]; hrefOf: (code: string) => string; caption: string }) {
  return (
    <DataTable
      caption={props.caption}
      testId="usage-areas"
      headers={[
        "Zone",
        "Points en service (i1)",
        "Sessions (u10)",
        "Sessions réussies (u11)",
        "Taux de réussite (%)",
        "Énergie (kWh)",
        "Facteur de charge (%)",
      ]}
      rows={props.areas.map((a) => {
        const s = areaSummary(a);
        return [
          <Link key="zone" href={props.hrefOf(a.code)}>
            {areaLabel(a)}
          </Link>,
          shown(s.i1),
          shown(s.u10),
          shown(s.u11),
          shown(s.q5),
          shown(s.energy),
          shown(s.q4),
        ];
      })}
      rowKeys={props.areas.map((a) => a.code)}
    />
  );
}
