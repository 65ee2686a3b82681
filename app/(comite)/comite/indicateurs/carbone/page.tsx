import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { parseDashboardParams } from "@/lib/indicators/dashboard-params";
import { getDashboardContext } from "@/lib/indicators/get-dashboard-context";
import { getCarbonByHour } from "@/lib/indicators/get-carbon-by-hour";
import { getCarbonByMonth, CARBON_BY_MONTH } from "@/lib/indicators/get-time-series";
import { hourProfileTable, timeSeriesTable } from "@/lib/indicators/dashboard-tables";
import { INDICATORS } from "@/lib/schemas/indicator-catalogue";
import type { Cell } from "@/lib/indicators/read-cells";
import { DashboardPage } from "@/components/indicators/dashboard-page";
import { ChartFigure } from "@/components/indicators/chart-figure";
import { indicatorCsvHrefs } from "@/lib/indicators/indicator-csv";
import { CoverageNote } from "@/components/indicators/coverage-note";
import { CarbonAttribution } from "@/components/indicators/dashboard-header";
import { noRunAction } from "../_components/no-run-action";
import { unsupported } from "@/lib/indicators/get-indicator-view";

export const metadata: Metadata = { title: "Indicateurs — carbone" };
export const dynamic = "force-dynamic";

const SERIES = [
  { key: "recharge", label: "Recharge (pondérée par l'énergie)", colour: "#000091" },
  { key: "reseau", label: "Réseau (moyenne simple)", colour: "#c9191e" },
];

export default async function CarbonPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("indicators:read");
  const context = await getDashboardContext(parseDashboardParams(await searchParams));
  const f = context.filters;
  const run = context.run;
  const byHourRefusal = unsupported("carbone-par-heure", f);
  const [byHour, byMonth] = run
    ? await Promise.all([
        byHourRefusal
          ? null
          : getCarbonByHour({
              runId: run.runId,
              periodKind: f.periodKind,
              periodStart: f.periodStart || undefined,
              meshLevel: f.meshLevel,
              meshCode: f.meshCode,
              channel: f.channel,
            }),
        getCarbonByMonth({ runId: run.runId, meshLevel: f.meshLevel, meshCode: f.meshCode, channel: f.channel }),
      ])
    : [null, null];
  // The grid's intensity is public (France-wide, one value per hour): shown as a published profile.
  const grid: Cell<(number | null)[]> | null = byHour?.grid
    ? { secret: false, value: byHour.grid, coverage: { stationsReporting: 0, stationsRegistered: 0, energyKwh: 0, chargeCount: 0 }, revision: null }
    : null;
  const monthTable = byMonth ? timeSeriesTable("month", CARBON_BY_MONTH, byMonth.points) : null;
  return (
    <DashboardPage
      title="Indicateurs : intensité carbone de la recharge"
      intro="Intensité carbone de l'électricité rechargée, pondérée par l'énergie à chaque heure, comparée à l'intensité moyenne du réseau français : l'écart mesure le bénéfice du moment de la recharge."
      path="/comite/indicateurs/carbone"
      context={context}
      noRunAction={noRunAction(user)}
    >
      {byHourRefusal && (
        <p className="fr-text--sm" data-testid="by-hour-unavailable">
          {byHourRefusal}
        </p>
      )}
      {byHour && (
        <ChartFigure
          title="Intensité carbone par heure de la journée : recharge et réseau"
          definition={`${byHour.definitions.charging.definition} ${byHour.definitions.grid.definition}`}
          footnote={<CoverageNote cell={byHour.charging} />}
          chart={{
            kind: "line",
            lineType: "stepAfter",
            xKey: "heure",
            unit: "gCO₂/kWh",
            ariaLabel: "Intensité carbone par heure, recharge et réseau",
            series: SERIES,
          }}
          table={hourProfileTable([
            { key: "recharge", code: "carbon_by_hour_charging", label: "Recharge", cell: byHour.charging },
            { key: "reseau", code: "carbon_by_hour_grid", label: "Réseau", cell: grid },
          ])}
          csv={indicatorCsvHrefs("carbone-par-heure", f)}
        />
      )}
      {monthTable && (
        <ChartFigure
          title="Intensité carbone par mois : recharge et réseau"
          definition={CARBON_BY_MONTH.map((c) => `${INDICATORS[c].label} : ${INDICATORS[c].definition}`).join(" ")}
          chart={{
            kind: "bar",
            xKey: "periode",
            unit: "gCO₂/kWh",
            ariaLabel: "Intensité carbone par mois, recharge et réseau",
            series: [
              { key: "carbon_intensity_charging", label: SERIES[0].label, colour: SERIES[0].colour },
              { key: "carbon_intensity_grid", label: SERIES[1].label, colour: SERIES[1].colour },
            ],
          }}
          table={monthTable}
          csv={indicatorCsvHrefs("carbone-par-mois", f)}
        />
      )}
      <CarbonAttribution context={context} />
    </DashboardPage>
  );
}
