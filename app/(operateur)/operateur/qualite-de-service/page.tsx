import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { getQosDashboard } from "@/lib/quality-of-service/get-qos-dashboard";
import { readQosCells } from "@/lib/quality-of-service/read-qos-cells";
import { qosIndicator, qosNumber } from "@/lib/quality-of-service/qos-catalogue";
import { QOS_LEVEL_LABELS, QOS_PERIOD_KINDS, qosCsvHref, qosQuery, type QosLevel, qosLevelInText } from "@/lib/schemas/quality-of-service";
import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
import { QosFilters } from "@/components/quality-of-service/qos-filters";
import { QosKeyFigures } from "@/components/quality-of-service/qos-key-figures";
import { QosTrendFigure } from "@/components/quality-of-service/qos-trend-figure";
import { QosCellsTable } from "@/components/quality-of-service/qos-cells-table";
import { QosMapFigure } from "@/components/quality-of-service/qos-map-figure";

export const metadata: Metadata = { title: "Qualité de service" };
export const dynamic = "force-dynamic";

const LEVELS: readonly QosLevel[] = ["national", "region", "departement", "commune", "operateur"];
const KEY_FIGURES = ["disponibilite", "remise_en_service_mediane", "hors_service_7j", "occupation", "sans_statut", "fraicheur"];
const CSV = "/api/operateur/qualite-de-service";

// An operator's own quality of service (issue 19): every figure of its points, by day to year,
// beside the committee's published national figures, with its history, table and map.
export default async function OperatorQualityOfServicePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("operator:console");
  if (!user.operatorId) return <p>Votre compte n&apos;est rattaché à aucun opérateur : contactez l&apos;opérateur technique.</p>;
  const query = qosQuery.parse(await searchParams);
  const d = await getQosDashboard(query, { operatorId: user.operatorId });
  const indicator = qosIndicator(query.indicateur);
  const mapLevel = query.maille === "region" ? "region" : "departement";
  const mapCells = d.period ? await readQosCells({ level: mapLevel, period: d.period, operatorId: user.operatorId }) : null;
  const q = { ...query, periode: d.kind, debut: d.period?.fromDay };
  const href = (vue: "tableau" | "tendance", maille: QosLevel = d.level) => ({
    excel: qosCsvHref(CSV, { ...q, maille }, vue, "csv"),
    standard: qosCsvHref(CSV, { ...q, maille }, vue, "standard"),
  });
  const availability = qosIndicator("disponibilite");
  const share = (c: (typeof d.trend)[number]["national"]) => (!c ? null : c.secret ? SECRET_LABEL : qosNumber("share", availability.value(c.figures)));
  return (
    <>
      <h1>Qualité de service de vos points de charge</h1>
      <p>
        Calculée chaque nuit à partir des statuts que vous transmettez (API QualiCharge, relais GIREVE), pour vos seuls points, et comparée aux chiffres
        nationaux publiés au comité de pilotage. Un statut reste en vigueur jusqu&apos;au suivant, au plus {d.validityHours} heures : au-delà, le point compte
        comme « sans statut ».
      </p>
      <QosFilters
        action="/operateur/qualite-de-service"
        query={q}
        kinds={QOS_PERIOD_KINDS}
        levels={LEVELS}
        months={d.months}
        kind={d.kind}
        level={d.level}
        periodStart={d.period?.fromDay ?? null}
      />
      {!d.period ? (
        <p>Aucune qualité de service n&apos;a encore été calculée pour vos points : envoyez leurs statuts, le calcul a lieu chaque nuit.</p>
      ) : (
        <>
          <h2>Vos points, {d.label}</h2>
          <QosKeyFigures national={d.national} previous={d.previousNational} own={d.own} validityHours={d.validityHours} keys={KEY_FIGURES} />
          <h2>Historique</h2>
          <QosTrendFigure
            title={`Taux de disponibilité de vos points et France entière, jusqu'à ${d.label}`}
            definition={availability.definition(d.validityHours)}
            withOwn
            rows={d.trend.map((t) => ({ periode: t.label, own: share(t.own), national: share(t.national) }))}
            csv={href("tendance")}
          />
          <h2>Par {qosLevelInText(d.level)}</h2>
          <QosCellsTable
            caption={`Vos points par ${qosLevelInText(d.level)}, ${d.label}`}
            zoneLabel={QOS_LEVEL_LABELS[d.level]}
            cells={d.cells}
            csv={href("tableau")}
          />
          <h2>Carte</h2>
          {mapCells && (
            <QosMapFigure
              title={`${indicator.label} de vos points par ${qosLevelInText(mapLevel)}, ${d.label}`}
              indicator={indicator}
              level={mapLevel}
              cells={mapCells.cells}
              validityHours={d.validityHours}
              csv={href("tableau", mapLevel)}
            />
          )}
        </>
      )}
    </>
  );
}
