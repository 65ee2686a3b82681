import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { requirePermission } from "@/lib/auth/session";
import { listOperatorChoices } from "@/lib/operators/list-operator-choices";
import { listApiAccounts } from "@/lib/api-accounts/list-api-accounts";
import { formatDateTime } from "@/lib/platform/format";
import { AccountStatusForm } from "@/components/admin/account-status-form";
import { AccountPasswordForm } from "@/components/admin/account-password-form";
import { CreateUnitForm } from "@/components/admin/api-accounts/create-unit-form";
import { ApiGroupForm } from "@/components/admin/api-accounts/api-group-form";
import { ApiUserForm } from "@/components/admin/api-accounts/api-user-form";
import { createApiUserAction, createGroupAction, createUnitAction, resetApiUserPasswordAction, setApiUserActiveAction } from "./actions";

export const metadata: Metadata = { title: "Comptes de l'API QualiCharge" };
export const dynamic = "force-dynamic";

const TECHNICAL = "Opérateur technique";

export default async function ApiAccountsPage() {
  await requirePermission("api-accounts:manage");
  const [operators, accounts] = await Promise.all([listOperatorChoices(), listApiAccounts()]);
  const units = accounts.units.map((u) => ({ code: u.code, name: u.name, operatorName: u.operator.name }));
  const groups = accounts.groups.map((g) => ({ id: g.id, name: g.name, operatorName: g.operator?.name ?? TECHNICAL }));
  return (
    <>
      <h1>Comptes de l&apos;API QualiCharge</h1>
      <p>
        Les systèmes des opérateurs appellent l&apos;API QualiCharge du portail (<code>/api/v1</code>) avec un utilisateur d&apos;API : un identifiant et un mot
        de passe échangés contre un jeton de 30 minutes. Ses <strong>droits</strong> (scopes) disent ce qu&apos;il peut faire ; ses <strong>groupes</strong> lui
        donnent des <strong>unités opérationnelles</strong> (préfixes AFIREV), qui disent sur quels points de charge. Le mot de passe généré n&apos;est affiché
        qu&apos;une fois ; un nouveau mot de passe ou une désactivation annule les jetons en cours. Chaque opération est inscrite au journal d&apos;audit. Les
        mêmes opérations existent en ligne de commande (<code>npm run cli -- api-user:create --help</code>).
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-6">
          <CreateUnitForm operators={operators} action={createUnitAction} />
        </div>
        <div className="fr-col-12 fr-col-lg-6">
          <ApiGroupForm operators={operators} units={units} action={createGroupAction} />
        </div>
      </div>
      <hr className="fr-mt-4w" />
      <ApiUserForm operators={operators} groups={groups} action={createApiUserAction} />
      <hr className="fr-mt-4w" />
      <DataTable
        caption="Utilisateurs d'API"
        testId="api-users"
        multiline
        headers={["Identifiant", "Opérateur", "Groupes", "Droits", "Environnement", "État", "Dernière connexion", "Actions"]}
        rowKeys={accounts.users.map((u) => u.id)}
        rows={accounts.users.map((u) => [
          <Link key="edit" href={`/admin/api-qualicharge/utilisateurs/${u.id}`}>
            {u.username}
          </Link>,
          u.operator?.name ?? TECHNICAL,
          u.groups.map((g) => g.name).join(", ") || "—",
          u.isSuperuser ? "Super-utilisateur" : u.scopes.join(", ") || "Aucun",
          u.env === "production" ? "Production" : "Bac à sable",
          u.isActive ? "Actif" : "Désactivé",
          u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "Jamais",
          <div key="actions">
            <AccountStatusForm userId={u.id} name={u.username} disabled={!u.isActive} action={setApiUserActiveAction} />
            <AccountPasswordForm userId={u.id} name={u.username} action={resetApiUserPasswordAction} />
          </div>,
        ])}
      />
      <DataTable
        caption="Groupes"
        testId="api-groups"
        headers={["Nom", "Opérateur", "Unités opérationnelles", "Utilisateurs"]}
        rowKeys={accounts.groups.map((g) => g.id)}
        rows={accounts.groups.map((g) => [
          <Link key="edit" href={`/admin/api-qualicharge/groupes/${g.id}`}>
            {g.name}
          </Link>,
          g.operator?.name ?? TECHNICAL,
          g.unitCodes.join(", ") || "—",
          String(g.userCount),
        ])}
      />
      <DataTable
        caption="Unités opérationnelles"
        testId="api-units"
        headers={["Code AFIREV", "Nom", "Opérateur", "Créée le"]}
        rowKeys={accounts.units.map((u) => u.code)}
        rows={accounts.units.map((u) => [
          <Link key="edit" href={`/admin/api-qualicharge/unites/${u.code}`}>
            {u.code}
          </Link>,
          u.name,
          u.operator.name,
          formatDateTime(u.createdAt),
        ])}
      />
    </>
  );
}
