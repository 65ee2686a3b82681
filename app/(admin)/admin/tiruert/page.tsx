import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/session";
import { listAllStatements } from "@/lib/tiruert/list-all-statements";
import { formatKwh } from "@/lib/tiruert/format";
import { formatDateTime } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";
import { CsvDownloadLinks } from "@/components/ui/csv-download-links";

export const metadata: Metadata = { title: "TIRUERT électrique — tous les états" };
export const dynamic = "force-dynamic";

const yearParam = z.coerce
  .number()
  .int()
  .min(2020)
  .max(2100)
  .catch(() => new Date().getUTCFullYear() - 1);

export default async function AdminTiruertPage({ searchParams }: { searchParams: Promise<{ annee?: string }> }) {
  await requirePermission("tiruert:read-all");
  const year = yearParam.parse((await searchParams).annee);
  const statements = await listAllStatements({ year });
  return (
    <>
      <h1>TIRUERT électrique : états déposés {year}</h1>
      <p>
        Toutes les versions déposées (une correction garde les versions précédentes).{" "}
        <Link href="/admin/tiruert/parts-renouvelables">Part renouvelable de l&apos;électricité par année</Link> (correction du 4ᵉ trimestre).
      </p>
      <form method="get" className="fr-mb-3w">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="annee">
            Année
          </label>
          <input className="fr-input" id="annee" name="annee" inputMode="numeric" defaultValue={year} />
        </div>
        <button className="fr-btn fr-btn--secondary" type="submit">
          Afficher
        </button>
      </form>
      <CsvDownloadLinks
        csv={{ excel: `/admin/tiruert.csv?annee=${year}`, standard: `/admin/tiruert.csv?annee=${year}&format=standard` }}
        title={`points des états ${year}`}
      />
      {statements.length === 0 ? (
        <p>Aucun état déposé pour {year}.</p>
      ) : (
        <DataTable
          caption={`États TIRUERT déposés en ${year}`}
          headers={["Trimestre", "SIREN", "Version", "Déposé le", "Par", "Énergie", "Quantité certifiée", "Récépissé"]}
          rowKeys={statements.map((s) => s.id)}
          rows={statements.map((s) => [
            `T${s.quarter}`,
            s.siren,
            String(s.version),
            formatDateTime(s.filedAt),
            s.filedBy,
            formatKwh(s.energyWh),
            formatKwh(s.certifiedWh),
            <Link key="r" href={`/admin/tiruert/recus/${s.id}`}>
              Récépissé T{s.quarter} {s.siren} v{s.version}
            </Link>,
          ])}
          multiline
        />
      )}
    </>
  );
}
