import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { getEnv } from "@/lib/platform/env";
import { getOperatorQosHistory } from "@/lib/quality-of-service/get-operator-qos-history";
import { qosIndicator, qosNumber } from "@/lib/quality-of-service/qos-catalogue";
import { OPERATOR_MAP_LEVELS, operatorMapLevel, qosLevelInText, qosOperatorCode, qosQuery } from "@/lib/schemas/quality-of-service";
import { COMMITTEE_KINDS } from "@/lib/quality-of-service/get-qos-dashboard";
import { listPublishedQosMonths, readPublishedOperatorMap } from "@/lib/quality-of-service/read-published-qos";
import { QosFilters } from "@/components/quality-of-service/qos-filters";
import { QosMapFigure } from "@/components/quality-of-service/qos-map-figure";
import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
import { QosKeyFigures } from "@/components/quality-of-service/qos-key-figures";
import { QosTrendFigure } from "@/components/quality-of-service/qos-trend-figure";

export const metadata: Metadata = { title: "Qualité de service d'un opérateur" };
export const dynamic = "force-dynamic";

const KEY_FIGURES = ["disponibilite", "remise_en_service_mediane", "hors_service_7j", "occupation", "sans_statut", "fraicheur"];

// One operator's historised quality of service for the committee (issue 19), and its map by
// région or département: published figures only, withheld as in the ranking and, on the map, so
// that no cell is the difference of the zone's or the operator's figure and the others
// (lib/quality-of-service/operator-map-cells.ts).
export default async function OperatorQualityOfServicePage(props: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("indicators:read");
  const code = qosOperatorCode.safeParse((await props.params).code);
  if (!code.success) notFound();
  const searchParams = await props.searchParams;
  const query = qosQuery.parse(searchParams);
  const h = await getOperatorQosHistory(code.data, query);
  if (!h.label || !h.period) notFound();
  const mapLevel = operatorMapLevel.parse(searchParams.maille);
  const [months, mapCells] = await Promise.all([listPublishedQosMonths(), readPublishedOperatorMap(h.code, mapLevel, h.period.fromDay)]);
  const indicator = qosIndicator(query.indicateur);
  const availability = qosIndicator("disponibilite");
  const share = (c: (typeof h.trend)[number]["own"]) => (!c ? null : c.secret ? SECRET_LABEL : qosNumber("share", availability.value(c.figures)));
  const csvBase = `/api/qualite-de-service/operateurs/${encodeURIComponent(h.code)}?periode=${h.kind}&debut=${h.period.fromDay}`;
  const mapCsv = `${csvBase}&vue=carte&maille=${mapLevel}`;
  const last = h.trend[h.trend.length - 1];
  return (
    <>
      <p>
        <Link href={`/comite/qualite-de-service?periode=${h.kind}&debut=${h.period.fromDay}&maille=operateur`}>Retour au tableau de bord</Link>
      </p>
      <h1>Qualité de service : {h.label}</h1>
      <p>
        Chiffres publiés de cet opérateur (unité d&apos;exploitation {h.code.startsWith("op:") ? "non renseignée" : h.code}), comparés à la France entière. Un
        chiffre couvrant moins de {getEnv().ANON_MIN_STATIONS} stations, ou qui permettrait d&apos;en déduire un autre, est remplacé par « {SECRET_LABEL} ».
      </p>
      <QosFilters
        action={`/comite/qualite-de-service/operateurs/${encodeURIComponent(h.code)}`}
        query={{ ...query, periode: h.kind, debut: h.period.fromDay, maille: mapLevel }}
        kinds={COMMITTEE_KINDS}
        levels={OPERATOR_MAP_LEVELS}
        months={months}
        kind={h.kind}
        level={mapLevel}
        periodStart={h.period.fromDay}
        levelLabel="Maille de la carte"
      />
      <h2>{h.periodLabel}</h2>
      <QosKeyFigures
        national={last.national}
        previous={h.trend.length > 1 ? h.trend[h.trend.length - 2].own : null}
        own={h.current}
        validityHours={getEnv().QOS_STATUS_VALIDITY_HOURS}
        keys={KEY_FIGURES}
        ownLabel={h.label}
        previousLabel={h.label}
      />
      <h2>Historique</h2>
      <QosTrendFigure
        title={`Taux de disponibilité de ${h.label} et de la France entière, jusqu'à ${h.periodLabel}`}
        definition={availability.definition(getEnv().QOS_STATUS_VALIDITY_HOURS)}
        withOwn
        ownLabel={h.label}
        rows={h.trend.map((t) => ({ periode: t.label, own: share(t.own), national: share(t.national) }))}
        csv={{ excel: `${csvBase}&format=csv`, standard: `${csvBase}&format=standard` }}
      />
      <h2>Carte</h2>
      <QosMapFigure
        title={`${indicator.label} de ${h.label} par ${qosLevelInText(mapLevel)}, ${h.periodLabel}`}
        indicator={indicator}
        level={mapLevel}
        cells={mapCells}
        validityHours={getEnv().QOS_STATUS_VALIDITY_HOURS}
        csv={{ excel: `${mapCsv}&format=csv`, standard: `${mapCsv}&format=standard` }}
      />
    </>
  );
}
