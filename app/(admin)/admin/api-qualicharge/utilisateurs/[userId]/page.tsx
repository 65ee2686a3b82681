import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { getApiUser, listApiAccounts } from "@/lib/api-accounts/list-api-accounts";
import { formatDateTime } from "@/lib/platform/format";
import { ApiUserForm } from "@/components/admin/api-accounts/api-user-form";
import { updateApiUserAction } from "../../actions";

export const metadata: Metadata = { title: "Utilisateur de l'API QualiCharge" };
export const dynamic = "force-dynamic";

export default async function ApiUserPage({ params }: { params: Promise<{ userId: string }> }) {
  await requirePermission("api-accounts:manage");
  const { userId } = await params;
  const user = await getApiUser(userId);
  if (!user) notFound();
  const { groups } = await listApiAccounts({});
  // Only the groups of the user's operator may be chosen (the lib refuses the others).
  const choices = groups
    .filter((g) => (g.operator?.id ?? null) === (user.operator?.id ?? null))
    .map((g) => ({ id: g.id, name: g.name, operatorName: g.operator?.name ?? "Opérateur technique" }));
  return (
    <>
      <p>
        <Link href="/admin/api-qualicharge">← Comptes de l&apos;API QualiCharge</Link>
      </p>
      <h1>Utilisateur d&apos;API {user.username}</h1>
      <ul>
        <li>Opérateur : {user.operator?.name ?? "opérateur technique"}</li>
        <li>État : {user.isActive ? "actif" : "désactivé"}</li>
        <li>
          Créé le {formatDateTime(user.createdAt)} ; dernière connexion : {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "jamais"}
        </li>
      </ul>
      <ApiUserForm
        groups={choices}
        user={{
          id: user.id,
          username: user.username,
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          groupIds: user.groups.map((g) => g.id),
          scopes: user.scopes,
          isSuperuser: user.isSuperuser,
          env: user.env,
        }}
        action={updateApiUserAction}
      />
    </>
  );
}
