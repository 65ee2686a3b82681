import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { listOperatorApiAccounts } from "@/lib/api-accounts/list-operator-api-accounts";
import { formatDateTime } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Comptes de l'API QualiCharge — Espace opérateur" };
export const dynamic = "force-dynamic";

/** The operator's machine accounts of the QualiCharge API, read only (the technical operator manages them); no secret. */
export default async function OperatorApiAccountsPage() {
  const user = await requirePermission("operator:credentials");
  if (!user.operatorId) return <p>Votre compte n&apos;est rattaché à aucun opérateur : contactez l&apos;opérateur technique.</p>;
  const { units, groups, users } = await listOperatorApiAccounts({ operatorId: user.operatorId });
  return (
    <>
      <h1>Comptes de l&apos;API QualiCharge</h1>
      <p>
        Vos clients écrits pour l&apos;API QualiCharge s&apos;adressent au portail sous <code>/api/v1</code> : ils échangent l&apos;identifiant et le mot de
        passe d&apos;un utilisateur d&apos;API contre un jeton (<code>POST /api/v1/auth/token</code>). Chaque utilisateur agit selon ses droits, sur les points
        de charge dont l&apos;identifiant commence par le code d&apos;une de ses unités opérationnelles. L&apos;opérateur technique crée ces comptes et remet
        les mots de passe ; demandez-lui un nouveau mot de passe ou une désactivation.
      </p>
      <DataTable
        caption="Unités opérationnelles"
        testId="operator-api-units"
        headers={["Code AFIREV", "Nom"]}
        rowKeys={units.map((u) => u.code)}
        rows={units.map((u) => [u.code, u.name])}
      />
      {units.length === 0 && <p>Aucune unité opérationnelle pour l&apos;instant.</p>}
      <DataTable
        caption="Groupes"
        headers={["Nom", "Unités opérationnelles"]}
        rowKeys={groups.map((g) => g.id)}
        rows={groups.map((g) => [g.name, g.unitCodes.join(", ") || "—"])}
      />
      <DataTable
        caption="Utilisateurs d'API"
        testId="operator-api-users"
        multiline
        headers={["Identifiant", "Adresse e-mail", "Groupes", "Droits", "Environnement", "État", "Dernière connexion"]}
        rowKeys={users.map((u) => u.id)}
        rows={users.map((u) => [
          u.username,
          u.email,
          u.groups.join(", ") || "—",
          u.scopes.join(", ") || "Aucun",
          u.env === "production" ? "Production" : "Bac à sable",
          u.isActive ? "Actif" : "Désactivé",
          u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "Jamais",
        ])}
      />
      {users.length === 0 && <p>Aucun utilisateur d&apos;API pour l&apos;instant.</p>}
    </>
  );
}
