import type { Metadata } from "next";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime, formatLongDay, formatNumber } from "@/lib/platform/format";
import { parseUsageQuery, USAGE_LEVEL_LABELS, type UsageQuery } from "@/lib/schemas/usage-indicators";
import { getUsageView, type UnpublishedUsage } from "@/lib/quality-of-service/sessions/get-usage-view";
import { usagePeriod, usagePeriodLabel } from "@/lib/quality-of-service/sessions/usage-period";
import { areaLabel } from "@/lib/quality-of-service/sessions/usage-table";
import { UsageFilters } from "@/components/quality-of-service/usage-filters";
import { UsageAreasTable, UsageCellFigures } from "@/components/quality-of-service/usage-figures";

export const metadata: Metadata = { title: "Qualité de service — indicateurs d'usage" };
export const dynamic = "force-dynamic";

const PATH = "/comite/qualite-de-service/usages";

function link(q: UsageQuery, extra: Record<string, string>, base = PATH): string {
  const params = new URLSearchParams({ type: q.type, periode: q.periode ?? "", maille: q.maille, ...(q.zone ? { zone: q.zone } : {}), ...extra });
  return `${base}?${params}`;
}

// QualiCharge's usage indicators computed from the sessions stored in the portal
// (lib/quality-of-service/sessions), for one level, area and month, anonymous, as published once
// the month was closed (publish-usage-month.ts).
export default async function UsageIndicatorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("indicators:read");
  const parsed = parseUsageQuery(await searchParams);
  const title = <h1>Qualité de service : indicateurs d&apos;usage (codes QualiCharge)</h1>;
  if (!parsed.success) {
    return (
      <>
        {title}
        <Alert severity="error" title="Filtres non valides" description={parsed.error.issues.map((i) => i.message).join(" ; ")} />
        <p className="fr-mt-2w">
          <a href={PATH}>Revenir aux filtres par défaut</a>
        </p>
      </>
    );
  }
  const result = await getUsageView(parsed.data);
  if (!result.published) return <UnpublishedUsagePage title={title} unpublished={result.unpublished} />;
  const view = result.view;
  const q = view.query;
  const t = view.indicators.thresholds;
  const csvOf = (query: UsageQuery, vue: string) => ({
    excel: link(query, { format: "csv", vue }, `${PATH}/csv`),
    standard: link(query, { format: "standard", vue }, `${PATH}/csv`),
  });
  const csv = (vue: string) => csvOf(q, vue);
  // The level's table: every area, whatever zone was asked for.
  const areasCsv = csvOf({ ...q, zone: undefined }, "tout");
  return (
    <>
      {title}
      <p>
        Les indicateurs que QualiCharge publie sur l&apos;usage des points de charge, calculés ici à partir des sessions et des charges reçues par le portail
        (QualiCharge, GIREVE), avec le code de QualiCharge à côté de chaque nom pour comparer les chiffres. Sessions comptées dans la période où elles
        commencent, heures de Paris ; données signalées par les contrôles de qualité exclues.
      </p>
      <p className="fr-text--sm">
        Une zone n&apos;est publiée que si au moins {formatNumber(t.minStations)} stations de {formatNumber(t.minBeneficiaries)} propriétaires différents
        (aménageur, sinon bénéficiaire du dossier, sinon l&apos;opérateur) y ont envoyé des données ; une unité opérationnelle l&apos;est dès{" "}
        {formatNumber(t.minStations)} stations, avec le nom de son opérateur. D&apos;autres zones sont retenues pour qu&apos;une zone en « secret statistique »
        ne se déduise pas de la zone qui la contient.
      </p>
      <p className="fr-text--sm" data-testid="usage-publication">
        Chiffres de {view.periodLabel} tels que publiés le {formatDateTime(view.computedAt)}, une fois le mois clos (à partir du 16 du mois suivant : les
        sessions ont 15 jours pour parvenir) ; une session reçue depuis ne les change pas.
      </p>
      <UsageFilters action={PATH} query={q} zones={q.maille === "national" ? [] : view.areas.map((a) => ({ code: a.code, label: areaLabel(a) }))} />
      <h2 className="fr-h4" data-testid="usage-scope">
        {view.cell ? areaLabel(view.cell) : USAGE_LEVEL_LABELS[q.maille]} — {view.periodLabel}
      </h2>
      {view.cell ? (
        <UsageCellFigures cell={view.cell} csv={csv("tout")} hoursCsv={csv("u5")} />
      ) : q.maille === "national" || view.areas.length === 0 ? (
        <p>Aucune donnée pour cette période.</p>
      ) : (
        <>
          {q.zone && <p>Aucune donnée pour la zone {q.zone} à ce niveau et pour cette période : voici les zones du niveau.</p>}
          <UsageAreasTable
            areas={view.areas}
            caption={`${USAGE_LEVEL_LABELS[q.maille]} : indicateurs principaux, ${view.periodLabel}`}
            hrefOf={(code) => link({ ...q, zone: code }, {})}
          />
          <ul>
            <li>
              <a className="fr-link fr-link--download" href={areasCsv.excel} download>
                CSV pour Excel<span className="fr-link__detail">toutes les zones du niveau, séparateur ; et virgule décimale</span>
              </a>
            </li>
            <li>
              <a className="fr-link fr-link--download" href={areasCsv.standard} download>
                CSV standard<span className="fr-link__detail">toutes les zones du niveau, séparateur , et point décimal</span>
              </a>
            </li>
          </ul>
        </>
      )}
    </>
  );
}

/** A month not published yet: when it will be, and links to the months that are. */
function UnpublishedUsagePage({ title, unpublished }: { title: React.ReactNode; unpublished: UnpublishedUsage }) {
  const q = unpublished.query;
  return (
    <>
      {title}
      <Alert
        severity="info"
        title={`Indicateurs d'usage de ${unpublished.periodLabel} non publiés`}
        description={`Un mois est publié une fois clos, à partir du 16 du mois suivant (les sessions ont 15 jours pour parvenir) : ${unpublished.periodLabel} le sera à partir du ${formatLongDay(unpublished.publishableFrom)}, s'il a des données.`}
      />
      {unpublished.publishedMonths.length > 0 ? (
        <>
          <h2 className="fr-h4 fr-mt-3w">Mois publiés</h2>
          <ul>
            {unpublished.publishedMonths.map((m) => (
              <li key={m}>
                <a href={link({ ...q, periode: m }, {})}>{usagePeriodLabel(usagePeriod("month", m))}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="fr-mt-3w">Aucun mois n&apos;est encore publié.</p>
      )}
    </>
  );
}
