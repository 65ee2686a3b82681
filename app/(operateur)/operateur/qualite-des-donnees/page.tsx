import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { getOperatorReport } from "@/lib/data-quality/read-report";
import { OFFENDER_CAP } from "@/lib/data-quality/compute-data-quality";
import { scopeLabel } from "@/lib/data-quality/format-data-quality-csv";
import { formatLongDay, formatNumber } from "@/lib/platform/format";
import { QualityReportTable } from "@/components/data-quality/quality-report-table";

export const metadata: Metadata = { title: "Qualité des données — Espace opérateur" };
export const dynamic = "force-dynamic";

// The operator's data-quality report: its units' and its ADVENIR data's results of the latest day
// computed (nightly job), with the trend of the days before and the rows breaking each rule.
export default async function DataQualityPage() {
  const user = await requirePermission("data-quality:read-own");
  if (!user.operatorId) return <p>Votre compte n&apos;est rattaché à aucun opérateur : contactez l&apos;opérateur technique.</p>;
  const report = await getOperatorReport(user.operatorId);
  const rowsHref = (code: string) => `/operateur/qualite-des-donnees/lignes.csv?jour=${report.day}&regle=${code}`;
  return (
    <>
      <h1>Qualité des données</h1>
      <p>
        Chaque nuit, le portail contrôle vos données de la veille avec les règles de qualité de QualiCharge : données statiques de vos points, sessions et
        charges reçues, statuts. Une règle n&apos;est <strong>pas respectée</strong> quand la part des lignes en défaut dépasse sa tolérance. Les contrôles
        portent sur chaque unité opérationnelle (les 5 premiers caractères de vos identifiants de points) et sur les charges envoyées par l&apos;API ADVENIR.
      </p>
      {report.day === null ? (
        <p role="status">Aucun contrôle n&apos;a encore été calculé pour vos données.</p>
      ) : (
        <>
          <p role="status">
            Contrôle du {formatLongDay(report.day)}. Les fichiers CSV listent au plus {formatNumber(OFFENDER_CAP)} lignes en défaut par règle et par unité.{" "}
            <a href={`/operateur/qualite-des-donnees/lignes.csv?jour=${report.day}`}>Toutes les lignes en défaut de ce jour (CSV)</a>
          </p>
          {report.scopes.map((scope) => (
            <section key={`${scope.kind}-${scope.code}`} className="fr-mt-4w">
              <h2>{scopeLabel(scope.kind, scope.code)}</h2>
              <QualityReportTable scope={scope} title={scopeLabel(scope.kind, scope.code)} day={report.day!} rowsHref={rowsHref} />
            </section>
          ))}
        </>
      )}
    </>
  );
}
