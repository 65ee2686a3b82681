import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { DASHBOARD_PAGES } from "@/components/indicators/dashboard-header";

export const metadata: Metadata = { title: "Espace comité de pilotage" };
export const dynamic = "force-dynamic";

export default async function CommitteeHome() {
  // The committee's own landing page (the indicator pages are also open to the admin).
  const user = await requireRole("comite");
  return (
    <>
      <h1>Espace comité de pilotage</h1>
      <p>
        Bonjour {user.name}. Ce portail publie des indicateurs agrégés et anonymes de la recharge déclarée au programme, par
        région, département et commune, par mois, trimestre et année, et par canal (ADVENIR, GIREVE) :
      </p>
      <ul>
        {DASHBOARD_PAGES.map((p) => (
          <li key={p.href}>
            <Link href={p.href}>{p.label}</Link>
          </li>
        ))}
      </ul>
      <p>
        Chaque graphique est accompagné de ses données (tableau et téléchargement CSV). Les données sont aussi disponibles en JSON
        et CSV par l&apos;API <code>/api/indicateurs/…</code> avec votre session.
      </p>
      <p>
        <Link href="/comite/declarations-en-retard">Déclarations de données statiques en retard</Link> (délai de 10 jours ouvrés).
      </p>
    </>
  );
}
