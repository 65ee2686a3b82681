"use client";

import { useActionState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { formatDateTime } from "@/lib/platform/format";
import { ConfirmSubmit } from "@/components/forms/confirm-submit";
import { CopyBlock } from "@/components/ui/copy-block";
import { INITIAL_CREDENTIAL_STATE, type CredentialActionState } from "./credential-state";

export interface CredentialRow {
  id: string;
  username: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const ENV_LABEL = { production: "production", sandbox: "bac à sable" } as const;

/** One environment's credentials: create, rotate (new secret shown once), revoke. */
export function CredentialsManager({
  env,
  credentials,
  action,
}: {
  env: "production" | "sandbox";
  credentials: CredentialRow[];
  action: (state: CredentialActionState, form: FormData) => Promise<CredentialActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_CREDENTIAL_STATE);
  const envLabel = ENV_LABEL[env];
  return (
    <form action={formAction} noValidate>
      <input type="hidden" name="env" value={env} />
      <FormFeedback state={state} formId={`acces-${env}`} successTitle="C'est fait" />
      {state.issued && (
        <div className="fr-mb-3w" data-testid="issued-credential">
          <Alert
            severity="warning"
            title="Copiez ce secret maintenant : il ne sera plus jamais affiché"
            description="Le portail n'en conserve qu'une empreinte. S'il est perdu, renouvelez-le : l'ancien secret cessera de fonctionner."
          />
          <p className="fr-mt-2w fr-mb-1w">
            Identifiant : <code data-testid="issued-username">{state.issued.username}</code>
          </p>
          <p className="fr-mb-1w">Secret :</p>
          <CopyBlock text={state.issued.secret} label="Secret de l'accès, affiché une seule fois" testId="issued-secret" />
        </div>
      )}
      {credentials.length === 0 ? (
        <p>Aucun accès {envLabel}.</p>
      ) : (
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>Accès {envLabel}</caption>
            <thead>
              <tr>
                <th scope="col">Identifiant</th>
                <th scope="col">Libellé</th>
                <th scope="col">Créé le</th>
                <th scope="col">Dernier usage</th>
                <th scope="col">État</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {credentials.map((c) => (
                <tr key={c.id}>
                  <td>
                    <code>{c.username}</code>
                  </td>
                  <td>{c.label || "—"}</td>
                  <td>{formatDateTime(c.createdAt)}</td>
                  <td>{formatDateTime(c.lastUsedAt)}</td>
                  <td>{c.revokedAt ? `Révoqué le ${formatDateTime(c.revokedAt)}` : "Actif"}</td>
                  <td>
                    {!c.revokedAt && (
                      <div className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                        <ConfirmSubmit
                          label={`Renouveler le secret de ${c.username}`}
                          question="L'ancien secret cessera aussitôt de fonctionner."
                          confirmLabel="Confirmer le renouvellement"
                          name="intent"
                          value={`rotate:${c.id}`}
                          disabled={pending}
                        />
                        <ConfirmSubmit
                          label={`Révoquer ${c.username}`}
                          question="Les envois avec cet accès seront refusés."
                          confirmLabel="Confirmer la révocation"
                          name="intent"
                          value={`revoke:${c.id}`}
                          disabled={pending}
                        />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-7">
          <Input
            label={`Libellé du nouvel accès ${envLabel} (facultatif)`}
            hintText="Par exemple le nom du système qui l'utilisera."
            nativeInputProps={{ ...fieldProps(`acces-${env}`, "label"), maxLength: 100, defaultValue: state.ok ? "" : (state.values?.label ?? "") }}
            {...fieldState(state, "label")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-5">
          <button type="submit" name="intent" value="create" className="fr-btn fr-mb-3w" disabled={pending}>
            {pending ? "Patientez…" : `Créer un accès ${envLabel}`}
          </button>
        </div>
      </div>
    </form>
  );
}
