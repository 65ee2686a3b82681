import Link from "next/link";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { dashboardQuery, periodLabel } from "@/lib/indicators/dashboard-params";
import type { DashboardContext } from "@/lib/indicators/get-dashboard-context";
import { CHANNEL_LABELS, MESH_LABELS, SECRET_DEFINITION } from "@/lib/schemas/indicator-catalogue";
import { formatDateTime, formatNumber } from "@/lib/platform/format";

export const DASHBOARD_PAGES = [
  { href: "/comite/indicateurs", label: "Chiffres clés" },
  { href: "/comite/indicateurs/reseau", label: "Réseau électrique" },
  { href: "/comite/indicateurs/carbone", label: "Carbone" },
  { href: "/comite/indicateurs/carte", label: "Carte" },
  { href: "/comite/qualite-de-service/usages", label: "Usages (codes QualiCharge)" },
] as const;

/** Links between the committee pages, keeping the current filters. */
export function DashboardNav({ current, context }: { current: string; context: DashboardContext }) {
  const query = dashboardQuery(context.filters);
  return (
    <nav className="fr-mb-3w" aria-label="Pages des indicateurs">
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {DASHBOARD_PAGES.map((p) => (
          <li key={p.href}>
            <Link
              href={`${p.href}?${query}`}
              className={`fr-btn ${p.href === current ? "" : "fr-btn--tertiary"}`}
              aria-current={p.href === current ? "page" : undefined}
            >
              {p.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** What is shown (area, period, channel) and from which computation, with its anonymity rule. */
export function RunSummary({ context, scope }: { context: DashboardContext; scope?: string }) {
  const { run, filters: f, areas } = context;
  if (!run) return null;
  const area =
    scope ??
    (f.meshLevel === "national"
      ? "France entière"
      : `${MESH_LABELS[f.meshLevel]} ${areas.find((a) => a.code === f.meshCode)?.name ?? f.meshCode} (${f.meshCode})`);
  return (
    <div className="fr-callout fr-mb-4w" data-testid="run-summary">
      <p className="fr-callout__text fr-text--md">
        {area} — {f.periodStart ? periodLabel(f.periodKind, f.periodStart) : "aucune période"} — {CHANNEL_LABELS[f.channel]}
      </p>
      <p className="fr-text--sm fr-mb-0">
        Calcul du {formatDateTime(run.computedAt)} (identifiant {run.runId}). Série carbone utilisée :{" "}
        {run.series ? `${run.series.name}, version ${run.series.version}` : "aucune"}
        {run.carbonGapHours > 0 ? ` (${formatNumber(run.carbonGapHours)} heure(s) sans intensité connue, jamais comblées)` : ""}. Une case regroupant moins de{" "}
        {run.anonMinStations} stations ou de {run.anonMinBeneficiaries} bénéficiaires distincts est en « secret statistique ». {SECRET_DEFINITION}
      </p>
    </div>
  );
}

/** Said plainly when nothing has been computed yet (the admin gets the recompute button next to it). */
export function NoRunNotice({ children }: { children?: React.ReactNode }) {
  return (
    <>
      <Alert
        severity="info"
        title="Aucun calcul d'indicateurs n'a encore été publié"
        description="Les indicateurs apparaîtront ici après le premier calcul (quotidien, ou lancé par l'administration)."
        className="fr-mb-3w"
      />
      {children}
    </>
  );
}

/** ODbL attribution of the carbon series, on every page that uses it. */
export function CarbonAttribution({ context }: { context: DashboardContext }) {
  const s = context.run?.series;
  if (!s) return null;
  return (
    <p className="fr-text--xs fr-mt-2w" data-testid="carbon-attribution">
      Intensité carbone de l&apos;électricité : {s.attribution || s.name} — {s.source}. Licence : {s.licence}.
      {/odbl/i.test(s.licence) ? " Données réutilisées sous la licence Open Database License (ODbL)." : ""}
    </p>
  );
}
