import type { Metadata } from "next";
import type { FeatureCollection, Geometry } from "geojson";
import { requirePermission } from "@/lib/auth/session";
import { parseDashboardParams } from "@/lib/indicators/dashboard-params";
import { getDashboardContext } from "@/lib/indicators/get-dashboard-context";
import { getMeshValues } from "@/lib/indicators/get-mesh-values";
import { meshTable, shown } from "@/lib/indicators/dashboard-tables";
import { INDICATORS, MESH_LABELS, type IndicatorCode } from "@/lib/schemas/indicator-catalogue";
import { getBoundaries } from "@/lib/reference-data/get-boundaries";
import { DashboardPage } from "@/components/indicators/dashboard-page";
import { ChartFigure } from "@/components/indicators/chart-figure";
import { indicatorCsvHrefs } from "@/lib/indicators/indicator-csv";
import { CarbonAttribution } from "@/components/indicators/dashboard-header";
import { ChoroplethMap, type MapCell } from "@/components/map/choropleth-map";
import { formatNumber } from "@/lib/platform/format";
import { noRunAction } from "../_components/no-run-action";

export const metadata: Metadata = { title: "Indicateurs — carte" };
export const dynamic = "force-dynamic";

const LEVELS = ["region", "departement"] as const;

export default async function MapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("indicators:read");
  const params = parseDashboardParams(await searchParams);
  const level = params.meshLevel === "region" ? "region" : "departement";
  const context = await getDashboardContext({ ...params, meshLevel: level, meshCode: undefined });
  const f = context.filters;
  const code: IndicatorCode = f.indicator && INDICATORS[f.indicator].kind === "scalar" ? f.indicator : "energy_kwh";
  const def = INDICATORS[code];
  const values = context.run
    ? await getMeshValues({
        runId: context.run.runId,
        indicator: code,
        meshLevel: level,
        periodKind: f.periodKind,
        periodStart: f.periodStart || undefined,
        channel: f.channel,
      })
    : null;
  const cells: Record<string, MapCell> = Object.fromEntries(
    (values?.areas ?? []).map((a) => [a.code, a.cell.secret ? { value: null, withheld: true } : { value: shown(code, a.cell.value), withheld: false }]),
  );
  const title = `${def.label} par ${MESH_LABELS[level].toLowerCase()}`;
  return (
    <DashboardPage
      title="Indicateurs : carte de France"
      intro="Un indicateur par région ou par département, outre-mer compris. Les zones en secret statistique sont hachurées."
      path="/comite/indicateurs/carte"
      context={{ ...context, filters: { ...f, indicator: code } }}
      noRunAction={noRunAction(user)}
      levels={LEVELS}
      showIndicator
      scope={`Carte de France, par ${MESH_LABELS[level].toLowerCase()}`}
    >
      {values && (
        <ChartFigure
          title={title}
          definition={def.definition}
          node={
            <ChoroplethMap
              title={`Carte : ${title}`}
              features={getBoundaries(level) as unknown as FeatureCollection<Geometry, { code: string; nom: string }>}
              level={level}
              cells={cells}
              format={(v) => `${formatNumber(v)}${def.unit ? ` ${def.unit}` : ""}`}
            />
          }
          table={meshTable(code, values.areas)}
          csv={indicatorCsvHrefs("carte", { ...f, indicator: code })}
          footnote="Zones sans données : aucune station n'a transmis de données sur la période."
        />
      )}
      {def.theme === "carbone" && <CarbonAttribution context={context} />}
    </DashboardPage>
  );
}
