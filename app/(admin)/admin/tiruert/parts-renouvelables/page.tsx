import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { EUROSTAT_DATASET_URL, EUROSTAT_SHARES_URL, listRenewableShares } from "@/lib/tiruert/renewable-shares";
import { formatDateTime } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";
import { RenewableShareForm } from "@/components/tiruert/renewable-share-form";
import { setRenewableShareAction } from "./actions";

export const metadata: Metadata = { title: "TIRUERT — part renouvelable de l'électricité" };
export const dynamic = "force-dynamic";

export default async function RenewableSharesPage() {
  await requirePermission("tiruert:manage-reference");
  const shares = await listRenewableShares();
  return (
    <>
      <h1>Part renouvelable de l&apos;électricité en France</h1>
      <p>
        La correction du quatrième trimestre des états TIRUERT remplace les 25 % provisoires par la part d&apos;électricité renouvelable en France observée par
        la Commission européenne sur les deux années précédentes. Source : résultats{" "}
        <a href={EUROSTAT_SHARES_URL} rel="noopener">
          SHARES d&apos;Eurostat
        </a>{" "}
        (indicateur RES-E, électricité), aussi publiés dans le jeu{" "}
        <a href={EUROSTAT_DATASET_URL} rel="noopener">
          nrg_ind_ren
        </a>
        . Tant qu&apos;une des deux années manque, la correction reste « en attente » : aucune valeur n&apos;est devinée. Chaque saisie est inscrite au{" "}
        <Link href="/admin/journal">journal d&apos;audit</Link>.
      </p>
      {shares.length === 0 ? (
        <p data-testid="no-share">Aucune année saisie : le portail est livré sans valeur, faute de source vérifiée.</p>
      ) : (
        <DataTable
          caption="Parts renouvelables saisies"
          headers={["Année", "Part (%)", "Source", "Saisie par", "Le"]}
          rowKeys={shares.map((s) => String(s.year))}
          rows={shares.map((s) => [
            String(s.year),
            s.sharePercent.toLocaleString("fr-FR", { minimumFractionDigits: 2 }),
            s.source,
            s.updatedBy,
            formatDateTime(s.updatedAt),
          ])}
          multiline
        />
      )}
      <RenewableShareForm action={setRenewableShareAction} />
    </>
  );
}
