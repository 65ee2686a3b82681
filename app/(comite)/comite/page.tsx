import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { PendingNotice } from "@/components/ui/pending-notice";

export const metadata: Metadata = { title: "Indicateurs" };
export const dynamic = "force-dynamic";

export default async function CommitteeHome() {
  // The committee's own landing page (the indicator pages are also open to the admin).
  const user = await requireRole("comite");
  return (
    <>
      <h1>Espace comité de pilotage</h1>
      <p>Bonjour {user.name}. Ce portail vous donnera des indicateurs agrégés et anonymes, par région, département et commune :</p>
      <ul>
        <li>l&apos;intensité carbone de la recharge comparée à celle du réseau électrique ;</li>
        <li>la charge que la recharge fait peser sur le réseau (courbe agrégée, pointes d&apos;hiver, heures creuses) ;</li>
        <li>la disponibilité du service.</li>
      </ul>
      <p>
        <Link href="/comite/declarations-en-retard">Déclarations de données statiques en retard</Link> (délai de 10 jours ouvrés).
      </p>
      <PendingNotice title="Les indicateurs ne sont pas encore calculés : aucun chiffre n'est publié pour l'instant." />
    </>
  );
}
