import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { getApiGroup, listApiAccounts } from "@/lib/api-accounts/list-api-accounts";
import { ApiGroupForm } from "@/components/admin/api-accounts/api-group-form";
import { updateGroupAction } from "../../actions";

export const metadata: Metadata = { title: "Groupe de l'API QualiCharge" };
export const dynamic = "force-dynamic";

export default async function ApiGroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  await requirePermission("api-accounts:manage");
  const { groupId } = await params;
  const group = await getApiGroup(groupId);
  if (!group) notFound();
  const { units } = await listApiAccounts({});
  // A group of an operator holds that operator's units only; the technical operator's, any.
  const choices = units
    .filter((u) => !group.operator || u.operator.id === group.operator.id)
    .map((u) => ({ code: u.code, name: u.name, operatorName: u.operator.name }));
  return (
    <>
      <p>
        <Link href="/admin/api-qualicharge">← Comptes de l&apos;API QualiCharge</Link>
      </p>
      <h1>Groupe {group.name}</h1>
      <p>Opérateur : {group.operator?.name ?? "opérateur technique"}.</p>
      <ApiGroupForm units={choices} group={group} action={updateGroupAction} />
    </>
  );
}
