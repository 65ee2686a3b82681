import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { listLateDeclarations } from "@/lib/irve/list-late-declarations";
import { LateDeclarationsTable } from "@/components/dossiers/late-declarations-table";

export const metadata: Metadata = { title: "Déclarations en retard" };

export default async function LateDeclarationsPage() {
  await requirePermission("declarations:read-late");
  const rows = await listLateDeclarations();
  return (
    <>
      <h1>Déclarations de données statiques en retard</h1>
      <p>
        Les données statiques de chaque point (canal GIREVE) doivent être déclarées dans les 10 jours ouvrés suivant sa mise en
        service ou toute modification (week-ends et jours fériés exclus).
      </p>
      <LateDeclarationsTable rows={rows} />
    </>
  );
}
