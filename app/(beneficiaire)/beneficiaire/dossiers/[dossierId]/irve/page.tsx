import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePermission } from "@/lib/auth/session";
import { findOwnDossier } from "@/lib/dossiers/find-own-dossier";
import { orNotFound } from "@/lib/platform/http/page";
import { IrveImport } from "@/components/dossiers/irve-import";
import { IrvePointForm } from "@/components/dossiers/irve-point-form";
import { declareIrvePointAction } from "../../actions";

export const metadata: Metadata = { title: "Données statiques IRVE" };

export default async function IrvePage({ params }: { params: Promise<{ dossierId: string }> }) {
  const user = await requirePermission("dossiers:manage-own");
  const { dossierId } = await params;
  const d = await orNotFound(findOwnDossier({ dossierId, viewer: user }));
  if (d.channel !== "GIREVE") redirect(`/beneficiaire/dossiers/${d.id}`);
  return (
    <>
      <Breadcrumb
        currentPageLabel="Données statiques IRVE"
        segments={[
          { label: "Mes dossiers", linkProps: { href: "/beneficiaire" } },
          { label: d.reference, linkProps: { href: `/beneficiaire/dossiers/${d.id}` } },
        ]}
      />
      <h1>Données statiques IRVE — dossier {d.reference}</h1>
      <p>
        Déclarez chaque point de charge selon le schéma national IRVE statique (version 2.3), dans les 10 jours ouvrés suivant sa mise en service ou toute
        modification. Un point déjà déclaré est mis à jour.
      </p>
      <h2>Importer un fichier CSV</h2>
      <IrveImport dossierId={d.id} />
      <h2 className="fr-mt-6w">Déclarer un point de charge</h2>
      <IrvePointForm action={declareIrvePointAction.bind(null, d.id)} />
    </>
  );
}
