import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { changeOwnPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Changer de mot de passe" };
export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const user = await requirePermission("account:manage-own");
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Changer de mot de passe</h1>
        <p>
          Compte {user.email}. Après la modification, toutes les sessions ouvertes avec ce compte se ferment, celle-ci comprise : reconnectez-vous avec le
          nouveau mot de passe.
        </p>
        <ChangePasswordForm action={changeOwnPasswordAction} />
      </div>
    </div>
  );
}
