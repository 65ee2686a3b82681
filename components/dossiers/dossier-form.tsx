"use client";

import { useActionState } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { fieldId } from "@/components/forms/error-summary";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";
import { SITE_TYPES } from "@/lib/schemas/dossiers";

export interface DossierFormValues {
  reference: string;
  siteName: string;
  address: string;
  inseeCode: string;
  siteType: string;
  operatorId: string;
  channel: string;
}

export function DossierForm(props: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  operators: { id: string; name: string; siren: string }[];
  defaults?: Partial<DossierFormValues>;
  submitLabel: string;
  lockOperatorAndChannel?: boolean;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const formKey = useSubmissionKey(state);
  const v = (name: keyof DossierFormValues) => state.values?.[name] ?? props.defaults?.[name] ?? "";
  return (
    <form action={formAction} noValidate key={formKey}>
      <FormFeedback state={state} formId="dossier" />
      <Input
        label="Référence du dossier ADVENIR"
        hintText="Telle qu'indiquée dans votre espace ADVENIR, par exemple ADV-2026-001234."
        nativeInputProps={{ ...fieldProps("dossier", "reference"), defaultValue: v("reference"), required: true }}
        {...fieldState(state, "reference")}
      />
      <Input
        label="Nom du site"
        nativeInputProps={{ ...fieldProps("dossier", "siteName"), defaultValue: v("siteName"), required: true }}
        {...fieldState(state, "siteName")}
      />
      <Input
        label="Adresse du site"
        nativeInputProps={{ ...fieldProps("dossier", "address"), defaultValue: v("address"), required: true, autoComplete: "street-address" }}
        {...fieldState(state, "address")}
      />
      <Input
        label="Code INSEE de la commune"
        hintText="5 caractères, par exemple 69123 pour Lyon (ce n'est pas le code postal)."
        nativeInputProps={{ ...fieldProps("dossier", "inseeCode"), defaultValue: v("inseeCode"), required: true, inputMode: "text", maxLength: 5 }}
        {...fieldState(state, "inseeCode")}
      />
      <Select
        label="Type de site"
        nativeSelectProps={{ ...fieldProps("dossier", "siteType"), defaultValue: v("siteType"), required: true }}
        {...fieldState(state, "siteType")}
      >
        <option value="" disabled>
          Choisir un type de site
        </option>
        {Object.entries(SITE_TYPES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <Select
        label="Opérateur qui supervise les points de charge"
        hint={props.lockOperatorAndChannel ? "Ne peut plus changer : des stations sont déclarées." : undefined}
        disabled={props.lockOperatorAndChannel}
        nativeSelectProps={{ ...fieldProps("dossier", "operatorId"), defaultValue: v("operatorId"), required: true }}
        {...fieldState(state, "operatorId")}
      >
        <option value="" disabled>
          Choisir un opérateur
        </option>
        {props.operators.map((o) => (
          <option key={o.id} value={o.id}>{`${o.name} (SIREN ${o.siren})`}</option>
        ))}
      </Select>
      {props.lockOperatorAndChannel && <input type="hidden" name="operatorId" value={v("operatorId")} />}
      <RadioButtons
        id={fieldId("dossier", "channel")}
        legend="Canal de collecte des données"
        disabled={props.lockOperatorAndChannel}
        options={[
          {
            label: "Web service ADVENIR",
            hintText: "L'opérateur envoie courbes et opérations à ADVENIR.",
            nativeInputProps: { name: "channel", value: "ADVENIR", defaultChecked: v("channel") !== "GIREVE" },
          },
          {
            label: "GIREVE",
            hintText: "La supervision, certifiée GIREVE, relaie les données ; déclarez les données statiques IRVE.",
            nativeInputProps: { name: "channel", value: "GIREVE", defaultChecked: v("channel") === "GIREVE" },
          },
        ]}
        {...fieldState(state, "channel")}
      />
      {props.lockOperatorAndChannel && <input type="hidden" name="channel" value={v("channel")} />}
      <Button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : props.submitLabel}
      </Button>
    </form>
  );
}
