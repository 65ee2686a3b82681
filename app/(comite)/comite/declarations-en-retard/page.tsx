import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { summarizeLateDeclarations } from "@/lib/irve/summarize-late-declarations";
import { LateSummaryTables } from "@/components/dossiers/late-summary-tables";
import { formatNumber } from "@/lib/platform/format";

export const metadata: Metadata = { title: "Déclarations en retard" };

// Anonymous counts only: no dossier, operator, station or point (lib/irve/summarize-late-declarations.ts).
export default async function CommitteeLateDeclarationsPage() {
  await requirePermission("declarations:read-late-summary");
  const summary = await summarizeLateDeclarations();
  return (
    <>
      <h1>Déclarations en retard</h1>
      <p>
        Les bénéficiaires déclarent les données statiques de chaque point de charge, et toute correction ou tout retrait, dans les 10 jours ouvrés suivant la
        mise en service ou le changement. Ces tableaux comptent les déclarations arrivées après l&apos;échéance, par région et par ancienneté du retard, avec le
        nombre d&apos;opérateurs concernés.
      </p>
      <p>
        Un chiffre n&apos;est publié que s&apos;il porte sur au moins {formatNumber(summary.thresholds.minStations)} stations de{" "}
        {formatNumber(summary.thresholds.minBeneficiaries)} bénéficiaires différents ; sinon il est remplacé par « secret statistique », ainsi qu&apos;au moins
        un autre chiffre du même tableau pour qu&apos;il ne se déduise pas du total.
      </p>
      <LateSummaryTables summary={summary} />
    </>
  );
}
