import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { getAdminOverview } from "@/lib/overview/get-admin-overview";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { auditFiltersSchema } from "@/lib/schemas/audit-filters";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { formatDateTime, formatNumber } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Administration" };
export const dynamic = "force-dynamic";

export default async function AdminHome() {
  await requirePermission("users:manage");
  const [o, latest] = await Promise.all([getAdminOverview(), listAuditEntries(auditFiltersSchema.parse({}), { pageSize: 10 })]);
  return (
    <>
      <h1>Administration — opérateur technique</h1>
      <p>
        Vous créez les comptes, opérateurs et bénéficiaires, lancez le calcul des indicateurs, importez les séries carbone et suivez les déclarations de données
        statiques. Les mêmes opérations, et la saisie de dossiers pour le compte d&apos;un bénéficiaire, existent en ligne de commande (
        <code>npm run cli -- --help</code> en donne la liste).
      </p>
      <ul>
        <li>
          <Link href="/admin/comptes">Comptes, opérateurs et bénéficiaires</Link>
        </li>
        <li>
          <Link href="/admin/api-qualicharge">Comptes de l&apos;API QualiCharge</Link> (unités opérationnelles, groupes, utilisateurs d&apos;API)
        </li>
        <li>
          <Link href="/admin/gireve">Canal GIREVE</Link> (accès du relais, appels reçus, points inconnus)
        </li>
        <li>
          <Link href="/admin/declarations-en-retard">Déclarations en retard</Link>
        </li>
        <li>
          <Link href="/admin/envois-en-retard">Envois en retard</Link> (règle d&apos;envoi au moins mensuel : stations silencieuses, rappels aux opérateurs)
        </li>
        <li>
          <Link href="/admin/declarations-en-conflit">Déclarations en conflit</Link> (points déclarés différemment par l&apos;API QualiCharge et par un dossier)
        </li>
        <li>
          <Link href="/admin/indicateurs">Calcul des indicateurs et séries carbone</Link> — <Link href="/comite/indicateurs">tableau de bord du comité</Link>
        </li>
        <li>
          <Link href="/admin/journal">Journal d&apos;audit</Link> (filtres, export CSV)
        </li>
        <li>
          <Link href="/admin/securite">Journal de sécurité</Link> (authentifications refusées de l&apos;API)
        </li>
        <li>
          <Link href="/admin/qualite-des-donnees">Qualité des données par opérateur</Link> (règles de QualiCharge, export CSV)
        </li>
        <li>
          <Link href="/admin/tiruert">TIRUERT électrique : états déposés</Link> (export CSV) et{" "}
          <Link href="/admin/tiruert/parts-renouvelables">part renouvelable de l&apos;électricité par année</Link> (correction du 4ᵉ trimestre)
        </li>
        <li>
          <Link href="/admin/donnees-individuelles">Fin du programme : purge des données individuelles</Link>
        </li>
      </ul>
      <h2>En chiffres</h2>
      <ul>
        <li>
          Comptes : {ROLES.map((r) => `${ROLE_LABELS[r]} ${formatNumber(o.counts.users[r] ?? 0)}`).join(" ; ")} —{" "}
          <Link href="/admin/comptes">gérer les comptes</Link>
        </li>
        <li>
          {formatNumber(o.counts.operators)} opérateur(s), {formatNumber(o.counts.beneficiaries)} bénéficiaire(s)
        </li>
        <li>
          {formatNumber(o.counts.dossiers)} dossier(s), {formatNumber(o.counts.stations)} station(s)
        </li>
      </ul>
      <DataTable
        caption="Journal d'audit : les 10 dernières entrées"
        headers={["Date", "Auteur", "Action", "Objet"]}
        rowKeys={latest.items.map((a) => a.id)}
        rows={latest.items.map((a) => [formatDateTime(a.at), a.actor, a.actionLabel, `${a.targetTypeLabel} ${a.target}`])}
      />
      <p>
        <Link href="/admin/journal">Tout le journal d&apos;audit</Link>
      </p>
    </>
  );
}
