import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { parseDashboardParams } from "@/lib/indicators/dashboard-params";
import { getDashboardContext } from "@/lib/indicators/get-dashboard-context";
import { getLoadProfile } from "@/lib/indicators/get-load-profile";
import { getPeriodLoadCurve } from "@/lib/indicators/get-load-curve";
import { periodLabel } from "@/lib/indicators/dashboard-params";
import { periodWindow, windowLabel } from "@/lib/indicators/period-window";
import { getPeakWindowShares, PEAK_WINDOW_SHARES } from "@/lib/indicators/get-time-series";
import { hourProfileTable, periodCurveTable, timeSeriesTable } from "@/lib/indicators/dashboard-tables";
import { INDICATORS } from "@/lib/schemas/indicator-catalogue";
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
  const q = {
    runId: run?.runId,
    periodKind: f.periodKind,
    periodStart: f.periodStart || undefined,
    meshLevel: f.meshLevel,
    meshCode: f.meshCode,
    channel: f.channel,
  };
  // The 30-minute curve is stored per month, nationally (every channel) and per région (all
  // channels together): another mesh or channel is said, never another one's curve. A quarter or
  // a year is drawn from its months, day by day (lib/indicators/load-curve-steps.ts).
  const curveRefusal = unsupported("courbe-de-charge", { ...f, periodKind: "month" });
  const profileRefusal = unsupported("profil-de-charge", f);
  const curveLevel = curveRefusal ? null : f.meshLevel === "national" || f.meshLevel === "region" ? f.meshLevel : null;
  const [profile, curve, peaks] = run
    ? await Promise.all([
        profileRefusal ? null : getLoadProfile(q),
        curveLevel && f.periodStart
          ? getPeriodLoadCurve({
              runId: run.runId,
              periodKind: f.periodKind,
              periodStart: f.periodStart,
              meshLevel: curveLevel,
              meshCode: f.meshCode,
              channel: f.channel,
            })
          : null,
        getPeakWindowShares({ runId: run.runId, periodKind: f.periodKind, meshLevel: f.meshLevel, meshCode: f.meshCode, channel: f.channel }),
      ])
    : [null, null, null];
  const selected = f.periodStart ? periodLabel(f.periodKind, f.periodStart) : "";
  const peakPoints = peaks ? periodWindow(f.periodKind, f.periodStart, peaks.points) : [];
  return (
    <DashboardPage
      title="Indicateurs : impact sur le réseau électrique"
      intro="Profil de charge par heure de la journée, courbe de charge agrégée au pas de 30 minutes et part de l'énergie appelée pendant les pointes d'hiver."
      path="/comite/indicateurs/reseau"
      context={context}
      noRunAction={noRunAction(user)}
    >
      {profileRefusal && (
        <p className="fr-text--sm" data-testid="profile-unavailable">
          {profileRefusal}
        </p>
      )}
      {profile && (
        <ChartFigure
          title="Profil de charge par heure de la journée"
          definition={`${profile.definitions.weekday.definition} ${profile.definitions.weekend.definition}`}
          footnote={<CoverageNote cell={profile.weekday} />}
          chart={{
            kind: "line",
            lineType: "stepAfter",
            xKey: "heure",
            unit: "kW",
            ariaLabel: "Profil de charge : puissance moyenne par heure, jours ouvrés et week-end",
            series: [
              { key: "ouvres", label: "Jours ouvrés", colour: "#000091" },
              { key: "weekend", label: "Week-end", colour: "#c9191e" },
            ],
          }}
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
            title={
              curve.step === "30min"
                ? `Courbe de charge agrégée, ${selected} (pas de 30 minutes)`
                : `Courbe de charge agrégée, ${selected} (pas d'un jour : moyenne et pointe de chaque jour)`
            }
            definition={
              curve.step === "30min"
                ? `${curve.definition.definition} Pas de 30 minutes.`
                : `${curve.definition.definition} Pour une période de plus d'un mois, chaque jour est résumé par sa puissance moyenne et par sa pointe (la plus forte puissance sur 30 minutes du jour) : pas d'un jour.`
            }
            footnote={curve.step === "30min" && curve.months[0] ? <CoverageNote cell={curve.months[0].cell} /> : undefined}
            chart={
              curve.step === "30min"
                ? {
                    kind: "line",
                    lineType: "linear",
                    xKey: "pas",
                    unit: "kW",
                    ariaLabel: `Courbe de charge agrégée, ${selected}, au pas de 30 minutes`,
                    series: [{ key: "kw", label: "Puissance appelée", colour: "#000091" }],
                  }
                : {
                    kind: "line",
                    lineType: "linear",
                    xKey: "jour",
                    unit: "kW",
                    ariaLabel: `Courbe de charge agrégée, ${selected}, au pas d'un jour : moyenne et pointe`,
                    series: [
                      { key: "pointe", label: "Pointe du jour (30 minutes)", colour: "#c9191e" },
                      { key: "moyenne", label: "Puissance moyenne du jour", colour: "#000091" },
                    ],
                  }
            }
            table={periodCurveTable(curve)}
            csv={indicatorCsvHrefs("courbe-de-charge", f)}
          />
        )
      ) : (
        <p className="fr-text--sm" data-testid="curve-unavailable">
          {curveRefusal}
        </p>
      )}
      {peaks && (
        <ChartFigure
          title={`Pointe hivernale et heures creuses : ${windowLabel(f.periodKind, selected)}`}
          definition={PEAK_WINDOW_SHARES.map((c) => `${INDICATORS[c].label} : ${INDICATORS[c].definition}`).join(" ")}
          chart={{
            kind: "bar",
            xKey: "periode",
            unit: "%",
            ariaLabel: "Parts de l'énergie en pointe hivernale et en heures creuses par période",
            series: [
              { key: "peak_window_energy_share", label: "Part en pointe hivernale", colour: "#c9191e" },
              { key: "offpeak_energy_share", label: "Part en heures creuses", colour: "#18753c" },
            ],
          }}
          table={timeSeriesTable(f.periodKind, PEAK_WINDOW_SHARES, peakPoints)}
          csv={indicatorCsvHrefs("pointe", f)}
        />
      )}
    </DashboardPage>
  );
}
