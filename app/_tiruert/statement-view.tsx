import type { StatementContent } from "@/lib/tiruert/statement-content";
import { exclusionLabel } from "@/lib/tiruert/session-exclusion";
import { formatKwh } from "@/lib/tiruert/format";
import { METER_TYPES, type MeterType } from "@/lib/tiruert/meter-types";
import { formatDateTime } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";

/** A statement's content: totals, points, excluded sessions and the Q4 correction (draft or filed). */
export function StatementView({ content }: { content: StatementContent }) {
  const t = content.totals;
  const c = content.q4Correction;
  return (
    <>
      <h2>Totaux</h2>
      <dl data-testid="statement-totals">
        <dt className="fr-text--bold">Énergie déclarée</dt>
        <dd>
          {formatKwh(t.energyWh)} ({t.sessions} sessions, {t.points} points)
        </dd>
        <dt className="fr-text--bold">Quantité certifiée provisoire ({t.provisionalSharePercent} %)</dt>
        <dd>{formatKwh(t.certifiedWh)}</dd>
        <dt className="fr-text--bold">Sessions exclues</dt>
        <dd>
          {t.excludedSessions} ({formatKwh(t.excludedEnergyWh)})
        </dd>
        <dt className="fr-text--bold">Sessions prises en compte</dt>
        <dd>terminées dans le trimestre (heure de Paris) et reçues jusqu&apos;au {formatDateTime(new Date(content.receivedUpTo))}</dd>
      </dl>
      {c && (
        <div className="fr-callout" data-testid="q4-correction">
          <h3 className="fr-callout__title">Correction du 4ᵉ trimestre</h3>
          {c.status === "en_attente" ? (
            <p className="fr-callout__text">
              En attente : la part d&apos;électricité renouvelable en France de {c.missingYears.join(" et ")} n&apos;est pas encore saisie (source Eurostat
              SHARES). Aucune valeur n&apos;est devinée.
            </p>
          ) : (
            <p className="fr-callout__text">
              Part renouvelable moyenne {c.shareYears.join("–")} : {c.meanSharePercent.toLocaleString("fr-FR")} %. Énergie de l&apos;année{" "}
              {formatKwh(c.yearEnergyWh)} ; quantité définitive {formatKwh(c.definitiveCertifiedWh)} ; quantités provisoires{" "}
              {formatKwh(c.provisionalCertifiedWh)} ; correction {formatKwh(c.correctionWh)}.
            </p>
          )}
        </div>
      )}
      <DataTable
        caption="Énergie par point enregistré"
        headers={["Point", "Courant", "Compteur déclaré", "Sessions", "Énergie", "Sessions exclues", "Énergie exclue"]}
        rowKeys={content.points.map((p) => p.idPdcItinerance)}
        testId="statement-points"
        rows={content.points.map((p) => [
          p.idPdcItinerance,
          p.current,
          METER_TYPES[p.meterType as MeterType]?.label ?? p.meterType,
          String(p.sessions),
          formatKwh(p.energyWh),
          String(p.excludedSessions),
          formatKwh(p.excludedEnergyWh),
        ])}
        multiline
      />
      {content.excludedSessions.length > 0 && (
        <DataTable
          caption="Sessions exclues et motifs"
          headers={["Point", "Début", "Fin", "Énergie", "Reçue le", "Motifs"]}
          rows={content.excludedSessions.map((s) => [
            s.idPdcItinerance,
            formatDateTime(new Date(s.start)),
            formatDateTime(new Date(s.end)),
            formatKwh(s.energyWh),
            formatDateTime(new Date(s.receivedAt)),
            s.reasons.map(exclusionLabel).join(" ; "),
          ])}
          multiline
        />
      )}
    </>
  );
}
