"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { fieldId } from "@/components/forms/error-summary";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { GRANTABLE_SCOPES } from "@/lib/schemas/qualicharge-scopes";
import { IssuedSecrets } from "../issued-secrets";
import { INITIAL_SECRETS_STATE, type SecretsActionState } from "../secrets-state";
import { CHECKBOX_PREFIX, type GroupChoice, type OperatorChoice } from "./choices";

export interface EditedApiUser {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  groupIds: string[];
  scopes: string[];
  isSuperuser: boolean;
  env: "production" | "sandbox";
}

const SCOPE_HINTS: Record<string, string> = {
  "all:create": "tous les droits de création",
  "all:read": "tous les droits de lecture",
  "all:update": "tous les droits de modification",
  "all:delete": "tous les droits de suppression",
};

/**
 * An API user of the QualiCharge API: created (its password generated and shown once, its
 * username and operator chosen for good) or edited (contact, groups, scopes, environment).
 */
export function ApiUserForm(props: {
  operators?: OperatorChoice[];
  groups: GroupChoice[];
  user?: EditedApiUser;
  action: (s: SecretsActionState, f: FormData) => Promise<SecretsActionState>;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_SECRETS_STATE);
  const formKey = useSubmissionKey(state);
  const u = props.user;
  const failed = !state.ok && state.values !== undefined;
  const v = (name: keyof EditedApiUser & string) => (failed ? (state.values?.[name] ?? "") : u ? String(u[name] ?? "") : "");
  const box = (name: string, saved: boolean) => (failed ? state.values?.[name] === "on" : saved);
  const groups = fieldState(state, "groupIds");
  const scopes = fieldState(state, "scopes");
  const superuser = fieldState(state, "isSuperuser");
  return (
    <form action={formAction} noValidate aria-labelledby="api-user-title" key={formKey}>
      <h2 id="api-user-title">{u ? `Modifier l'utilisateur d'API ${u.username}` : "Nouvel utilisateur d'API"}</h2>
      <FormFeedback state={state} formId="api-user" successTitle={u ? "Utilisateur d'API modifié" : "Utilisateur d'API créé"} />
      {state.secrets && <IssuedSecrets secrets={state.secrets} />}
      {u ? (
        <input type="hidden" name="userId" value={u.id} />
      ) : (
        <Input
          label="Identifiant de connexion"
          hintText="3 à 100 caractères : lettres, chiffres et . _ @ -"
          nativeInputProps={{ ...fieldProps("api-user", "username"), defaultValue: v("username"), required: true, autoComplete: "off" }}
          {...fieldState(state, "username")}
        />
      )}
      <Input
        label="Adresse e-mail de contact"
        nativeInputProps={{ ...fieldProps("api-user", "email"), type: "email", defaultValue: v("email"), required: true, autoComplete: "off" }}
        {...fieldState(state, "email")}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Prénom du contact"
            nativeInputProps={{ ...fieldProps("api-user", "firstName"), defaultValue: v("firstName") }}
            {...fieldState(state, "firstName")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Nom du contact"
            nativeInputProps={{ ...fieldProps("api-user", "lastName"), defaultValue: v("lastName") }}
            {...fieldState(state, "lastName")}
          />
        </div>
      </div>
      {props.operators && (
        <Select
          label="Opérateur"
          hint="Aucun : un compte de l'opérateur technique du portail (seul à pouvoir être super-utilisateur)."
          nativeSelectProps={{ ...fieldProps("api-user", "operatorId"), defaultValue: failed ? (state.values?.operatorId ?? "") : "" }}
          {...fieldState(state, "operatorId")}
        >
          <option value="">Aucun (opérateur technique)</option>
          {props.operators.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </Select>
      )}
      {props.groups.length === 0 ? (
        <p>Aucun groupe : créez-en d&apos;abord pour donner des unités opérationnelles à l&apos;utilisateur.</p>
      ) : (
        <Checkbox
          id={fieldId("api-user", "groupIds")}
          legend="Groupes"
          hintText="Des groupes de son opérateur : leurs unités opérationnelles sont celles de l'utilisateur."
          options={props.groups.map((g) => ({
            label: g.name,
            hintText: g.operatorName,
            nativeInputProps: {
              name: `${CHECKBOX_PREFIX.groupIds}${g.id}`,
              defaultChecked: box(`${CHECKBOX_PREFIX.groupIds}${g.id}`, u?.groupIds.includes(g.id) ?? false),
            },
          }))}
          state={groups.state}
          stateRelatedMessage={groups.stateRelatedMessage}
        />
      )}
      <Checkbox
        id={fieldId("api-user", "scopes")}
        legend="Droits (scopes)"
        orientation="horizontal"
        options={GRANTABLE_SCOPES.map((s) => ({
          label: s,
          hintText: SCOPE_HINTS[s],
          nativeInputProps: { name: `${CHECKBOX_PREFIX.scopes}${s}`, defaultChecked: box(`${CHECKBOX_PREFIX.scopes}${s}`, u?.scopes.includes(s) ?? false) },
        }))}
        state={scopes.state}
        stateRelatedMessage={scopes.stateRelatedMessage}
      />
      <Checkbox
        id={fieldId("api-user", "isSuperuser")}
        legend="Super-utilisateur"
        options={[
          {
            label: "Super-utilisateur : tous les droits, sur les points de tous les opérateurs",
            hintText: "Réservé aux comptes de l'opérateur technique (sans opérateur).",
            nativeInputProps: { name: "isSuperuser", defaultChecked: box("isSuperuser", u?.isSuperuser ?? false) },
          },
        ]}
        state={superuser.state}
        stateRelatedMessage={superuser.stateRelatedMessage}
      />
      <Select
        label="Environnement"
        nativeSelectProps={{ ...fieldProps("api-user", "env"), defaultValue: v("env") || "production" }}
        {...fieldState(state, "env")}
      >
        <option value="production">Production</option>
        <option value="sandbox">Bac à sable</option>
      </Select>
      <Button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : u ? "Enregistrer l'utilisateur d'API" : "Créer l'utilisateur d'API"}
      </Button>
    </form>
  );
}
