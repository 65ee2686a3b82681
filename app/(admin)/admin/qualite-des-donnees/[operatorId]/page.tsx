import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { findReportOperator, getOperatorReport } from "@/lib/data-quality/read-report";
import { OFFENDER_CAP } from "@/lib/data-quality/compute-data-quality";
import { scopeLabel } from "@/lib/data-quality/format-data-quality-csv";
import { reportOperatorIdSchema } from "@/lib/schemas/data-quality";
import { formatLongDay, formatNumber } from "@/lib/platform/format";
import { QualityReportTable } from "@/components/data-quality/quality-report-table";

export const metadata: Metadata = { title: "Qualité des données d'un opérateur" };
export const dynamic = "force-dynamic";

// One operator's report as the operator reads it, for the admin (who may see individual data:
// the offending rows are downloadable here too).
export default async function AdminOperatorQualityPage({ params }: { params: Promise<{ operatorId: string }> }) {
  await requirePermission("data-quality:read-all");
  const parsed = reportOperatorIdSchema.safeParse((await params).operatorId);
  if (!parsed.success) notFound();
  const operator = await findReportOperator(parsed.data);
  if (!operator) notFound();
  const report = await getOperatorReport(operator.id);
  const base = `/admin/qualite-des-donnees/${operator.id}/lignes.csv`;
  return (
    <>
      <p>
        <Link href="/admin/qualite-des-donnees">Tous les opérateurs</Link>
      </p>
      <h1>Qualité des données : {operator.name}</h1>
      {report.day === null ? (
        <p role="status">Aucun contrôle n&apos;a encore été calculé pour cet opérateur.</p>
      ) : (
        <>
          <p role="status">
            Contrôle du {formatLongDay(report.day)}. Les fichiers CSV listent au plus {formatNumber(OFFENDER_CAP)} lignes en défaut par règle et par unité.{" "}
            <a href={`${base}?jour=${report.day}`}>Toutes les lignes en défaut de ce jour (CSV)</a>
          </p>
          {report.scopes.map((scope) => (
            <section key={`${scope.kind}-${scope.code}`} className="fr-mt-4w">
              <h2>{scopeLabel(scope.kind, scope.code)}</h2>
              <QualityReportTable
                scope={scope}
                title={scopeLabel(scope.kind, scope.code)}
                day={report.day!}
                rowsHref={(code) => `${base}?jour=${report.day}&regle=${code}`}
              />
            </section>
          ))}
        </>
      )}
    </>
  );
}
