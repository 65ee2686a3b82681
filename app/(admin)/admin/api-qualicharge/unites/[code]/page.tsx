import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { listApiAccounts } from "@/lib/api-accounts/list-api-accounts";
import { RenameUnitForm } from "@/components/admin/api-accounts/rename-unit-form";
import { renameUnitAction } from "../../actions";

export const metadata: Metadata = { title: "Unité opérationnelle de l'API QualiCharge" };
export const dynamic = "force-dynamic";

export default async function ApiUnitPage({ params }: { params: Promise<{ code: string }> }) {
  await requirePermission("api-accounts:manage");
  const { code } = await params;
  const { units, groups } = await listApiAccounts({});
  const unit = units.find((u) => u.code === code.toUpperCase());
  if (!unit) notFound();
  const holders = groups.filter((g) => g.unitCodes.includes(unit.code)).map((g) => g.name);
  return (
    <>
      <p>
        <Link href="/admin/api-qualicharge">← Comptes de l&apos;API QualiCharge</Link>
      </p>
      <h1>Unité opérationnelle {unit.code}</h1>
      <p>
        Opérateur : {unit.operator.name}. Groupes qui la détiennent : {holders.join(", ") || "aucun"}. Son code et son opérateur ne changent pas : ils désignent
        les points de charge de l&apos;opérateur.
      </p>
      <RenameUnitForm unit={{ code: unit.code, name: unit.name }} action={renameUnitAction} />
    </>
  );
}
