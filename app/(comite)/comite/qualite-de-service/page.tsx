import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { COMMITTEE_KINDS, getQosDashboard } from "@/lib/quality-of-service/get-qos-dashboard";
import { readPublishedQosCells } from "@/lib/quality-of-service/read-published-qos";
import { qosIndicator, qosNumber } from "@/lib/quality-of-service/qos-catalogue";
import { QOS_LEVEL_LABELS, qosCsvHref, qosQuery, type QosLevel, qosLevelInText } from "@/lib/schemas/quality-of-service";
import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
import { QosFilters } from "@/components/quality-of-service/qos-filters";
import { QosKeyFigures } from "@/components/quality-of-service/qos-key-figures";
import { QosTrendFigure } from "@/components/quality-of-service/qos-trend-figure";
import { QosCellsTable } from "@/components/quality-of-service/qos-cells-table";
import { QosMapFigure } from "@/components/quality-of-service/qos-map-figure";
import { QosRanking } from "@/components/quality-of-service/qos-ranking";
import { formatDateTime, formatNumber } from "@/lib/platform/format";
import { PUBLICATION_DAY_OF_MONTH } from "@/lib/quality-of-service/publish-closed-months";

export const metadata: Metadata = { title: "Qualité de service" };
export const dynamic = "force-dynamic";

const LEVELS: readonly QosLevel[] = ["national", "region", "departement", "epci", "commune", "operateur"];
const KEY_FIGURES = ["disponibilite", "remise_en_service_mediane", "hors_service_7j", "occupation", "saturation", "sans_statut"];
const CSV = "/api/qualite-de-service";

// The committee's quality-of-service dashboard (issue 19): national figures and their trend, the
// table of a level, the map of an indicator, the operators' ranking. The figures of closed
// months as they were published (lib/quality-of-service/publish-qos-month.ts), never recomputed.
export default async function QualityOfServicePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("indicators:read");
  const query = qosQuery.parse(await searchParams);
  const level = LEVELS.includes(query.maille) ? query.maille : "departement";
  const d = await getQosDashboard({ ...query, maille: level });
  const indicator = qosIndicator(query.indicateur);
  const mapLevel = level === "region" ? "region" : "departement";
  const [mapCells, operators] = d.publication
    ? await Promise.all([readPublishedQosCells(mapLevel, d.publication.month), readPublishedQosCells("operateur", d.publication.month)])
    : [null, null];
  const q = { ...query, periode: d.kind, maille: level, debut: d.period?.fromDay };
  const href = (vue: "tableau" | "tendance", maille: QosLevel = level) => ({
    excel: qosCsvHref(CSV, { ...q, maille }, vue, "csv"),
    standard: qosCsvHref(CSV, { ...q, maille }, vue, "standard"),
  });
  const availability = qosIndicator("disponibilite");
  return (
    <>
      <h1>Qualité de service des points de charge</h1>
      <p>
        Disponibilité, remise en service et usage des points de charge, calculés chaque nuit à partir des statuts que les opérateurs transmettent (API
        QualiCharge et relais GIREVE). Un chiffre n&apos;est publié que s&apos;il porte sur au moins {formatNumber(d.thresholds.minStations)} stations et, hors
        opérateurs, {formatNumber(d.thresholds.minOwners)} aménageurs différents, sur chaque période de l&apos;année ; sinon il est remplacé par «{" "}
        {SECRET_LABEL} », ainsi qu&apos;au moins un autre chiffre de même niveau pour qu&apos;il ne se déduise pas du total. Les opérateurs, qui sont des
        entreprises, sont nommés.
      </p>
      <QosFilters
        action="/comite/qualite-de-service"
        query={q}
        kinds={COMMITTEE_KINDS}
        levels={LEVELS}
        months={d.months}
        kind={d.kind}
        level={level}
        periodStart={d.period?.fromDay ?? null}
      />
      {!d.period ? (
        <p>
          Aucune qualité de service n&apos;a encore été publiée : chaque mois est publié le {PUBLICATION_DAY_OF_MONTH} du mois suivant, une fois ses statuts
          reçus et calculés.
        </p>
      ) : !d.publication ? (
        <p>La qualité de service de {d.label} n&apos;est pas publiée : choisissez un mois publié.</p>
      ) : (
        <>
          <h2>France entière, {d.label}</h2>
          <p data-testid="qos-publication">
            Chiffres publiés le {formatDateTime(d.publication.publishedAt)}
            {d.publication.firstPublishedAt && <> (publication corrigée : première publication le {formatDateTime(d.publication.firstPublishedAt)})</>}. Ils ne
            changent plus, même si des statuts arrivent en retard.
          </p>
          <QosKeyFigures national={d.national} previous={d.previousNational} validityHours={d.validityHours} keys={KEY_FIGURES} />
          <h2>Évolution</h2>
          <QosTrendFigure
            title={`Taux de disponibilité, France entière, jusqu'à ${d.label}`}
            definition={availability.definition(d.validityHours)}
            withOwn={false}
            rows={d.trend.map((t) => ({
              periode: t.label,
              national: !t.national ? null : t.national.secret ? SECRET_LABEL : qosNumber("share", availability.value(t.national.figures)),
            }))}
            csv={href("tendance")}
          />
          <h2>Par {qosLevelInText(level)}</h2>
          <QosCellsTable
            caption={`Qualité de service par ${qosLevelInText(level)}, ${d.label}`}
            zoneLabel={QOS_LEVEL_LABELS[level]}
            cells={d.cells}
            csv={href("tableau")}
          />
          <h2>Carte</h2>
          {level === "epci" && <p data-testid="qos-map-epci">La carte est par département : les contours des EPCI ne sont pas livrés avec le portail.</p>}
          {mapCells && (
            <QosMapFigure
              title={`${indicator.label} par ${qosLevelInText(mapLevel)}, ${d.label}`}
              indicator={indicator}
              level={mapLevel}
              cells={mapCells.cells}
              validityHours={d.validityHours}
              csv={href("tableau", mapLevel)}
            />
          )}
          <h2>Classement des opérateurs</h2>
          {operators && (
            <QosRanking
              cells={operators.cells}
              indicator={indicator}
              caption={`Opérateurs classés par ${indicator.label.toLowerCase()}, ${d.label}`}
              hrefOf={(code) => `/comite/qualite-de-service/operateurs/${encodeURIComponent(code)}?periode=${d.kind}&debut=${d.period!.fromDay}`}
            />
          )}
        </>
      )}
    </>
  );
}
