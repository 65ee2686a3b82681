import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { parseDashboardParams } from "@/lib/indicators/dashboard-params";
import { getDashboardContext } from "@/lib/indicators/get-dashboard-context";
import { getKeyFigures } from "@/lib/indicators/get-key-figures";
import { keyFiguresTable } from "@/lib/indicators/dashboard-tables";
import { COVERAGE_DEFINITION } from "@/lib/schemas/indicator-catalogue";
import { DashboardPage } from "@/components/indicators/dashboard-page";
import { KeyFigureCards } from "@/components/indicators/key-figure-cards";
import { ChartFigure } from "@/components/indicators/chart-figure";
import { indicatorCsvHrefs } from "@/lib/indicators/indicator-csv";
import { CarbonAttribution } from "@/components/indicators/dashboard-header";
import { noRunAction } from "./_components/no-run-action";

export const metadata: Metadata = { title: "Indicateurs — chiffres clés" };
export const dynamic = "force-dynamic";

export default async function KeyFiguresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("indicators:read");
  const context = await getDashboardContext(parseDashboardParams(await searchParams));
  const f = context.filters;
  const kf = context.run
    ? await getKeyFigures({
        runId: context.run.runId,
        periodKind: f.periodKind,
        periodStart: f.periodStart || undefined,
        meshLevel: f.meshLevel,
        meshCode: f.meshCode,
        channel: f.channel,
      })
    : null;
  return (
    <DashboardPage
      title="Indicateurs du programme : chiffres clés"
      intro="Chiffres agrégés et anonymes de la recharge déclarée au programme ADVENIR : énergie, carbone et impact sur le réseau électrique."
      path="/comite/indicateurs"
      context={context}
      noRunAction={noRunAction(user)}
    >
      {kf && kf.figures.length === 0 ? (
        <p>Aucune donnée pour cette sélection.</p>
      ) : (
        kf && (
          <ChartFigure
            title="Chiffres clés de la période"
            definition={COVERAGE_DEFINITION}
            node={<KeyFigureCards figures={kf.figures} />}
            table={keyFiguresTable(kf.figures)}
            csv={indicatorCsvHrefs("chiffres-cles", f)}
          />
        )
      )}
      <CarbonAttribution context={context} />
    </DashboardPage>
  );
}
