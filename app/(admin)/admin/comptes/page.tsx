import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { requirePermission } from "@/lib/auth/session";
import { listOperatorChoices } from "@/lib/operators/list-operator-choices";
import { listBeneficiaryChoices } from "@/lib/beneficiaries/list-beneficiary-choices";
import { listAccounts } from "@/lib/users/list-accounts";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/platform/format";
import { AccountStatusForm } from "@/components/admin/account-status-form";
import { AccountPasswordForm } from "@/components/admin/account-password-form";
import { CreateAccountForm } from "@/components/admin/create-account-form";
import { CreateBeneficiaryForm } from "@/components/admin/create-beneficiary-form";
import { CreateOperatorForm } from "@/components/admin/create-operator-form";
import { createAccountAction, createBeneficiaryAction, createOperatorAction, resetPasswordAction, setAccountDisabledAction } from "./actions";

export const metadata: Metadata = { title: "Comptes, opérateurs et bénéficiaires" };
export const dynamic = "force-dynamic";

export default async function AccountsPage() {
  const me = await requirePermission("users:manage");
  await requirePermission("operators:manage");
  const [operators, beneficiaries, accounts] = await Promise.all([listOperatorChoices(), listBeneficiaryChoices(), listAccounts()]);
  return (
    <>
      <h1>Comptes, opérateurs et bénéficiaires</h1>
      <p>
        Un compte bénéficiaire se rattache à un bénéficiaire, un compte opérateur à un opérateur : créez d&apos;abord l&apos;organisation, puis le compte de la
        personne. Un compte désactivé ne peut plus se connecter et ses sessions ouvertes s&apos;arrêtent ; rien n&apos;est supprimé. Un nouveau mot de passe
        remplace l&apos;ancien et clôt les sessions ouvertes avec lui. Chaque opération est inscrite au journal d&apos;audit.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-6">
          <CreateBeneficiaryForm action={createBeneficiaryAction} />
        </div>
        <div className="fr-col-12 fr-col-lg-6">
          <CreateOperatorForm action={createOperatorAction} />
        </div>
      </div>
      <hr className="fr-mt-4w" />
      <CreateAccountForm operators={operators} beneficiaries={beneficiaries} action={createAccountAction} />
      <hr className="fr-mt-4w" />
      <DataTable
        caption="Comptes"
        multiline
        headers={["Nom", "Adresse e-mail", "Rôle", "Rattachement", "Créé le", "État", "Actions"]}
        // Keyed by account: a disabled account moves down the list, its row keeps its answer.
        rowKeys={accounts.map((a) => a.id)}
        rows={accounts.map((a) => [
          a.name,
          a.email,
          ROLE_LABELS[a.role],
          a.operator?.name ?? a.beneficiary?.name ?? "—",
          formatDateTime(a.createdAt),
          a.disabledAt ? `Désactivé le ${formatDateTime(a.disabledAt)}` : "Actif",
          // One's own account is neither disabled (lock-out) nor reset here: the server refuses both.
          a.id === me.id ? (
            <Link key={a.id} href="/compte/mot-de-passe">
              Changer mon mot de passe
            </Link>
          ) : (
            <div key={a.id}>
              <AccountStatusForm userId={a.id} name={a.name} disabled={a.disabledAt !== null} action={setAccountDisabledAction} />
              <AccountPasswordForm userId={a.id} name={a.name} action={resetPasswordAction} />
            </div>
          ),
        ])}
      />
      <DataTable caption="Opérateurs" headers={["Raison sociale", "SIREN", "UserID ADVENIR"]} rows={operators.map((o) => [o.name, o.siren, o.id])} />
      <DataTable caption="Bénéficiaires" headers={["Nom", "SIREN"]} rows={beneficiaries.map((b) => [b.name, b.siren ?? "—"])} />
    </>
  );
}
