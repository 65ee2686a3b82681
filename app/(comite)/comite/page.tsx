import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getCommitteeHome } from "@/lib/indicators/get-committee-home";
import { DASHBOARD_PAGES, NoRunNotice } from "@/components/indicators/dashboard-header";
import { CommitteeHomeView } from "@/components/indicators/committee-home-view";

export const metadata: Metadata = { title: "Espace comité de pilotage" };
export const dynamic = "force-dynamic";

export default async function CommitteeHome() {
  // The committee's own landing page (the indicator pages are also open to the admin).
  const user = await requireRole("comite");
  const home = await getCommitteeHome();
  return (
    <>
      <h1>Espace comité de pilotage</h1>
      <p>
        Bonjour {user.name}. Indicateurs agrégés et anonymes de la recharge déclarée au programme ; chaque chiffre publié porte sur assez de stations et de
        bénéficiaires pour être cité.
      </p>
      {home.run ? <CommitteeHomeView home={home} /> : <NoRunNotice />}

      <h2 className="fr-h4">Pages détaillées</h2>
      <ul>
        {DASHBOARD_PAGES.map((p) => (
          <li key={p.href}>
            <Link href={p.href}>{p.label}</Link>
          </li>
        ))}
        <li>
          <Link href="/comite/qualite-de-service">Qualité de service : disponibilité, remise en service, occupation, par territoire et par opérateur</Link>
        </li>
        <li>
          <Link href="/comite/declarations-en-retard">Déclarations en retard : nombres anonymes par région et par ancienneté</Link>
        </li>
        <li>
          <Link href="/comite/tiruert">TIRUERT électrique : énergie déclarée et quantités certifiées, totaux national et régionaux</Link>
        </li>
      </ul>
      <p className="fr-text--sm">
        Chaque graphique est accompagné de ses données (tableau et téléchargement CSV). Les données sont aussi disponibles en JSON et CSV par l&apos;API{" "}
        <code>/api/indicateurs/…</code> avec votre session.
      </p>
    </>
  );
}
