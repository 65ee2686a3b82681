import type { Metadata } from "next";
import Link from "next/link";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePermission } from "@/lib/auth/session";
import { getAdminOverview } from "@/lib/overview/get-admin-overview";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Administration" };
export const dynamic = "force-dynamic";

export default async function AdminHome() {
  await requirePermission("users:manage");
  const o = await getAdminOverview();
  return (
    <>
      <h1>Administration — opérateur technique</h1>
      <p>
        Vous créez les comptes, opérateurs et bénéficiaires, lancez le calcul des indicateurs, importez les séries carbone et
        suivez les déclarations de données statiques. Les mêmes opérations, et la saisie de dossiers pour le compte d&apos;un
        bénéficiaire, existent en ligne de commande (<code>npm run cli -- --help</code>).
      </p>
      <ul>
        <li><Link href="/admin/comptes">Comptes, opérateurs et bénéficiaires</Link></li>
        <li><Link href="/admin/declarations-en-retard">Déclarations de données statiques en retard</Link></li>
        <li><Link href="/admin/indicateurs">Calcul des indicateurs et séries carbone</Link> — <Link href="/comite/indicateurs">tableau de bord du comité</Link></li>
        <li><Link href="/admin/donnees-individuelles">Fin du programme : purge des données individuelles</Link></li>
      </ul>
      <h2>En chiffres</h2>
      <ul>
        <li>
          Comptes : {ROLES.map((r) => `${ROLE_LABELS[r]} ${formatNumber(o.counts.users[r] ?? 0)}`).join(" ; ")} —{" "}
          <Link href="/admin/comptes">gérer les comptes</Link>
        </li>
        <li>{formatNumber(o.counts.operators)} opérateur(s), {formatNumber(o.counts.beneficiaries)} bénéficiaire(s)</li>
        <li>{formatNumber(o.counts.dossiers)} dossier(s), {formatNumber(o.counts.stations)} station(s)</li>
      </ul>
      <Table
        caption="Journal d'audit (20 dernières entrées)"
        headers={["Date", "Auteur", "Action", "Objet"]}
        data={o.audit.map((a) => [formatDateTime(a.at), a.actor, a.action, `${a.targetType} ${a.targetId}`])}
      />
    </>
  );
}
