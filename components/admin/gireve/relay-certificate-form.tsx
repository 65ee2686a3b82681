"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

/** The client certificate of an active relay account: a fingerprint to bind, or empty to remove it. */
export function RelayCertificateForm(props: {
  accounts: { id: string; username: string; label: string }[];
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const formKey = useSubmissionKey(state);
  const v = (name: string) => (state.ok ? "" : (state.values?.[name] ?? ""));
  return (
    <form action={formAction} noValidate aria-labelledby="certificat-title" key={formKey}>
      <h2 id="certificat-title">Certificat d&apos;un accès du relais</h2>
      <FormFeedback state={state} formId="certificat" successTitle="Certificat enregistré" />
      <Select
        label="Accès du relais"
        nativeSelectProps={{ ...fieldProps("certificat", "accountId"), defaultValue: v("accountId"), required: true }}
        {...fieldState(state, "accountId")}
      >
        <option value="" disabled>
          Choisir un accès
        </option>
        {props.accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label ? `${a.username} — ${a.label}` : a.username}
          </option>
        ))}
      </Select>
      <Input
        label="Empreinte du certificat client"
        hintText="SHA-256, 64 caractères hexadécimaux (les « : » sont acceptés). Laissez vide pour retirer le certificat : le relais s'authentifiera en HTTP Basic."
        nativeInputProps={{ ...fieldProps("certificat", "certFingerprint"), defaultValue: v("certFingerprint"), autoComplete: "off", spellCheck: false }}
        {...fieldState(state, "certFingerprint")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : "Enregistrer le certificat"}
      </Button>
    </form>
  );
}
