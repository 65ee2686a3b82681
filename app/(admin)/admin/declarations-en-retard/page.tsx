import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { listLateDeclarations } from "@/lib/irve/list-late-declarations";
import { LateDeclarationsTable } from "@/components/dossiers/late-declarations-table";

export const metadata: Metadata = { title: "Déclarations en retard" };

// Individual data (dossiers, operators, stations): the admin only. The committee reads the
// anonymous counts at /comite/declarations-en-retard.
export default async function LateDeclarationsPage() {
  await requirePermission("declarations:read-late");
  const rows = await listLateDeclarations();
  return (
    <>
      <h1>Déclarations en retard</h1>
      <p>
        Les données statiques de chaque point (canal GIREVE), et toute correction ou tout retrait d&apos;une station ou d&apos;un point, doivent être déclarés
        dans les 10 jours ouvrés suivant la mise en service ou le changement (week-ends et jours fériés exclus). Dates au format jj/mm/aaaa. Le comité de
        pilotage n&apos;en voit que des comptes anonymes (<Link href="/comite/declarations-en-retard">vue du comité</Link>).
      </p>
      <LateDeclarationsTable rows={rows} />
    </>
  );
}
