import type { Metadata } from "next";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePermission } from "@/lib/auth/session";
import { findOwnDossier } from "@/lib/dossiers/find-own-dossier";
import { orNotFound } from "@/lib/platform/http/page";
import { listOperatorChoices } from "@/lib/operators/list-operator-choices";
import { DossierForm } from "@/components/dossiers/dossier-form";
import { updateDossierAction } from "../../actions";

export const metadata: Metadata = { title: "Modifier le dossier" };

export default async function EditDossierPage({ params }: { params: Promise<{ dossierId: string }> }) {
  const user = await requirePermission("dossiers:manage-own");
  const { dossierId } = await params;
  const dossier = await orNotFound(findOwnDossier({ dossierId, viewer: user }));
  const operators = await listOperatorChoices();
  return (
    <>
      <Breadcrumb
        currentPageLabel="Modifier"
        segments={[
          { label: "Mes dossiers", linkProps: { href: "/beneficiaire" } },
          { label: dossier.reference, linkProps: { href: `/beneficiaire/dossiers/${dossier.id}` } },
        ]}
      />
      <h1>Modifier le dossier {dossier.reference}</h1>
      <DossierForm
        action={updateDossierAction.bind(null, dossier.id)}
        operators={operators}
        defaults={{ ...dossier, operatorId: dossier.operator.id }}
        lockOperatorAndChannel={dossier.stations.length > 0}
        submitLabel="Enregistrer les modifications"
      />
    </>
  );
}
