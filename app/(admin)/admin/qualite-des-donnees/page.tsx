import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { listOperatorsQuality } from "@/lib/data-quality/read-report";
import { scopeLabel } from "@/lib/data-quality/format-data-quality-csv";
import { qualityListQuerySchema } from "@/lib/schemas/data-quality";
import { queryValues } from "@/lib/schemas/audit-filters";
import { formatLongDay } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Qualité des données par opérateur" };
export const dynamic = "force-dynamic";

// Every operator's data-quality results of a day (the latest computed by default): per unit and
// for its ADVENIR data, the rules checked and those not respected; the CSV holds every figure.
export default async function AdminDataQualityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("data-quality:read-all");
  const parsed = qualityListQuerySchema.safeParse(queryValues(await searchParams));
  const { day, lines } = await listOperatorsQuality({ day: parsed.success ? parsed.data.jour : undefined });
  return (
    <>
      <h1>Qualité des données par opérateur</h1>
      <p>
        Les règles de qualité de QualiCharge (docs/data-quality.md), contrôlées chaque nuit par unité opérationnelle et sur les charges de l&apos;API ADVENIR de
        chaque opérateur. Chaque opérateur voit son propre rapport et ses lignes en défaut dans son espace.
      </p>
      {!parsed.success && <p className="fr-error-text">{parsed.error.issues[0].message}</p>}
      {day === null ? (
        <p role="status">Aucun contrôle n&apos;a encore été calculé.</p>
      ) : (
        <>
          <p role="status">
            Contrôle du {formatLongDay(day)} : {lines.length} périmètre(s).{" "}
            <a href={`/admin/qualite-des-donnees.csv?jour=${day}`}>Exporter tous les résultats (CSV)</a>
          </p>
          <DataTable
            caption={`Qualité des données par opérateur au ${formatLongDay(day)}`}
            testId="quality-operators"
            multiline
            headers={["Opérateur", "Périmètre", "Règles contrôlées", "Règles non respectées"]}
            rowKeys={lines.map((l) => `${l.operatorId}-${l.scopeKind}-${l.scopeCode}`)}
            rows={lines.map((l) => [
              <Link key="o" href={`/admin/qualite-des-donnees/${l.operatorId}`}>
                {l.operatorName}
              </Link>,
              scopeLabel(l.scopeKind, l.scopeCode),
              String(l.checkedRules),
              l.failedRules.length === 0 ? "Aucune" : l.failedRules.join(", "),
            ])}
          />
        </>
      )}
    </>
  );
}
