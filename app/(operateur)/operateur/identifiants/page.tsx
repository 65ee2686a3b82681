import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { getOperatorOverview } from "@/lib/overview/get-operator-overview";
import { CredentialsManager } from "../_components/credentials-manager";
import { manageCredentialAction } from "../actions";

export const metadata: Metadata = { title: "Identifiants d'API — Espace opérateur" };
export const dynamic = "force-dynamic";

export default async function CredentialsPage() {
  const user = await requirePermission("operator:credentials");
  if (!user.operatorId) return <p>Votre compte n&apos;est rattaché à aucun opérateur : contactez l&apos;opérateur technique.</p>;
  const op = await getOperatorOverview({ operatorId: user.operatorId });
  const of = (env: "production" | "sandbox") => op.credentials.filter((c) => c.env === env);
  return (
    <>
      <h1>Identifiants d&apos;API</h1>
      <p>
        Vos systèmes s&apos;authentifient en HTTP Basic avec un identifiant et un secret. Le secret n&apos;est affiché qu&apos;une fois, à la création ou au
        renouvellement. Un accès <strong>bac à sable</strong> envoie vers un espace de test séparé, jamais compté dans les indicateurs. Voir la{" "}
        <Link href="/docs/api">documentation de l&apos;API</Link>.
      </p>
      <h2>Production</h2>
      <CredentialsManager env="production" credentials={of("production")} action={manageCredentialAction} />
      <h2 className="fr-mt-4w">Bac à sable</h2>
      <CredentialsManager env="sandbox" credentials={of("sandbox")} action={manageCredentialAction} />
    </>
  );
}
