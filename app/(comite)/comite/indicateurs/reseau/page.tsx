import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { parseDashboardParams } from "@/lib/indicators/dashboard-params";
import { getDashboardContext } from "@/lib/indicators/get-dashboard-context";
import { getLoadProfile } from "@/lib/indicators/get-load-profile";
import { getLoadCurve } from "@/lib/indicators/get-load-curve";
import { getPeakWindowShares, PEAK_WINDOW_SHARES } from "@/lib/indicators/get-time-series";
import { hourProfileTable, loadCurveTable, timeSeriesTable } from "@/lib/indicators/dashboard-tables";
import { INDICATORS } from "@/lib/indicators/catalogue";
import { unsupported } from "@/lib/indicators/get-indicator-view";
import { DashboardPage } from "@/components/indicators/dashboard-page";
import { ChartFigure } from "@/components/indicators/chart-figure";
import { indicatorCsvHrefs } from "@/lib/indicators/indicator-csv";
import { CoverageNote } from "@/components/indicators/coverage-note";
import { noRunAction } from "../_components/no-run-action";

export const metadata: Metadata = { title: "Indicateurs — réseau électrique" };
export const dynamic = "force-dynamic";

export default async function GridPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("indicators:read");
  const context = await getDashboardContext(parseDashboardParams(await searchParams));
  const f = context.filters;
  const run = context.run;
  const q = { runId: run?.runId, periodKind: f.periodKind, periodStart: f.periodStart || undefined, meshLevel: f.meshLevel, meshCode: f.meshCode, channel: f.channel };
  // The 30-minute curve is stored per month, nationally (every channel) and per région (all
  // channels together): anything else is said, never another period, mesh or channel's curve.
  const curveRefusal = unsupported("courbe-de-charge", f);
  const profileRefusal = unsupported("profil-de-charge", f);
  const curveLevel = curveRefusal ? null : f.meshLevel === "national" || f.meshLevel === "region" ? f.meshLevel : null;
  const [profile, curve, peaks] = run
    ? await Promise.all([
        profileRefusal ? null : getLoadProfile(q),
        curveLevel ? getLoadCurve({ runId: run.runId, periodStart: q.periodStart, meshLevel: curveLevel, meshCode: f.meshCode, channel: f.channel }) : null,
        getPeakWindowShares({ runId: run.runId, periodKind: f.periodKind, meshLevel: f.meshLevel, meshCode: f.meshCode, channel: f.channel }),
      ])
    : [null, null, null];
  return (
    <DashboardPage
      title="Indicateurs : impact sur le réseau électrique"
      intro="Profil de charge par heure de la journée, courbe de charge agrégée au pas de 30 minutes et part de l'énergie appelée pendant les pointes d'hiver."
      path="/comite/indicateurs/reseau"
      context={context}
      noRunAction={noRunAction(user)}
    >
      {profileRefusal && <p className="fr-text--sm" data-testid="profile-unavailable">{profileRefusal}</p>}
      {profile && (
        <ChartFigure
          title="Profil de charge par heure de la journée"
          definition={`${profile.definitions.weekday.definition} ${profile.definitions.weekend.definition}`}
          footnote={<CoverageNote cell={profile.weekday} />}
          chart={{ kind: "line", xKey: "heure", unit: "kW", ariaLabel: "Profil de charge : puissance moyenne par heure, jours ouvrés et week-end", series: [{ key: "ouvres", label: "Jours ouvrés", colour: "#000091" }, { key: "weekend", label: "Week-end", colour: "#c9191e" }] }}
          table={hourProfileTable([
            { key: "ouvres", code: "profile_weekday_kw", label: "Jours ouvrés", cell: profile.weekday },
            { key: "weekend", code: "profile_weekend_kw", label: "Week-end", cell: profile.weekend },
          ])}
          csv={indicatorCsvHrefs("profil-de-charge", f)}
        />
      )}
      {curveLevel ? (
        curve && (
          <ChartFigure
            title="Courbe de charge agrégée (pas de 30 minutes)"
            definition={curve.definition.definition}
            footnote={<CoverageNote cell={curve.cell} />}
            chart={{ kind: "line", xKey: "pas", unit: "kW", ariaLabel: "Courbe de charge agrégée du mois", series: [{ key: "kw", label: "Puissance appelée", colour: "#000091" }] }}
            table={loadCurveTable(curve.start, curve.cell)}
            csv={indicatorCsvHrefs("courbe-de-charge", f)}
          />
        )
      ) : (
        <p className="fr-text--sm" data-testid="curve-unavailable">{curveRefusal}</p>
      )}
      {peaks && (
        <ChartFigure
          title="Pointe hivernale et heures creuses, par période"
          definition={PEAK_WINDOW_SHARES.map((c) => `${INDICATORS[c].label} : ${INDICATORS[c].definition}`).join(" ")}
          chart={{ kind: "bar", xKey: "periode", unit: "%", ariaLabel: "Parts de l'énergie en pointe hivernale et en heures creuses par période", series: [{ key: "peak_window_energy_share", label: "Part en pointe hivernale", colour: "#c9191e" }, { key: "offpeak_energy_share", label: "Part en heures creuses", colour: "#18753c" }] }}
          table={timeSeriesTable(f.periodKind, PEAK_WINDOW_SHARES, peaks.points)}
          csv={indicatorCsvHrefs("pointe", f)}
        />
      )}
    </DashboardPage>
  );
}
