import type { Metadata } from "next";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePermission } from "@/lib/auth/session";
import { listOperatorChoices } from "@/lib/operators/list-operator-choices";
import { DossierForm } from "@/components/dossiers/dossier-form";
import { createDossierAction } from "../actions";

export const metadata: Metadata = { title: "Nouveau dossier" };

export default async function NewDossierPage() {
  await requirePermission("dossiers:manage-own");
  const operators = await listOperatorChoices();
  return (
    <>
      <Breadcrumb currentPageLabel="Nouveau dossier" segments={[{ label: "Mes dossiers", linkProps: { href: "/beneficiaire" } }]} />
      <h1>Nouveau dossier</h1>
      <p>
        Renseignez le site subventionné et l&apos;opérateur qui supervise ses points de charge. Vous signerez ensuite l&apos;attestation sur l&apos;honneur.
      </p>
      <DossierForm action={createDossierAction} operators={operators} submitLabel="Créer le dossier" />
    </>
  );
}
