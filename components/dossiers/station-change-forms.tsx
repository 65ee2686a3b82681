"use client";

import { useActionState } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { fieldId } from "@/components/forms/error-summary";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

const DAY_HINT = "Le jour du changement sur le terrain. Le délai de déclaration est de 10 jours ouvrés à partir de ce jour.";

/** Corrects a web-service station: StationID (until data arrives), points and power, with the day of the change. */
export function CorrectStationForm(props: {
  action: Action;
  current: { stationCode: string; pointCount: number; nominalPowerKw: number };
  codeLocked: boolean;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const F = "correction";
  const v = (name: string, current: string) => (state.ok ? current : (state.values?.[name] ?? current));
  return (
    <form action={formAction} noValidate>
      <FormFeedback state={state} formId={F} successTitle="Correction enregistrée" />
      <Input
        label="Identifiant de la station (StationID)"
        hintText={props.codeLocked ? "Ne peut plus changer : des données ont été reçues sous cet identifiant." : "Tel que l'opérateur l'envoie."}
        nativeInputProps={{ ...fieldProps(F, "stationCode"), defaultValue: v("stationCode", props.current.stationCode), readOnly: props.codeLocked }}
        {...fieldState(state, "stationCode")}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Nombre de points"
            nativeInputProps={{
              ...fieldProps(F, "pointCount"),
              type: "number",
              min: 1,
              step: 1,
              defaultValue: v("pointCount", String(props.current.pointCount)),
            }}
            {...fieldState(state, "pointCount")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Puissance nominale par point (kW)"
            nativeInputProps={{
              ...fieldProps(F, "nominalPowerKw"),
              inputMode: "decimal",
              defaultValue: v("nominalPowerKw", String(props.current.nominalPowerKw).replace(".", ",")),
            }}
            {...fieldState(state, "nominalPowerKw")}
          />
        </div>
      </div>
      <Input
        label="Date du changement"
        hintText={DAY_HINT}
        nativeInputProps={{ ...fieldProps(F, "effectiveOn"), type: "date", defaultValue: state.ok ? "" : state.values?.effectiveOn }}
        {...fieldState(state, "effectiveOn")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : "Enregistrer la correction"}
      </Button>
    </form>
  );
}

/** Withdraws a station or a charge point taken out of service, from a given day, after an explicit confirmation. */
export function WithdrawForm(props: { action: Action; what: string; consequence: string; formId: string }) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const F = props.formId;
  const confirm = fieldState(state, "confirm");
  return (
    <form action={formAction} noValidate>
      <FormFeedback state={state} formId={F} successTitle="Retrait enregistré" />
      <Input
        label="Date du retrait"
        hintText={DAY_HINT}
        nativeInputProps={{ ...fieldProps(F, "effectiveOn"), type: "date", defaultValue: state.ok ? "" : state.values?.effectiveOn }}
        {...fieldState(state, "effectiveOn")}
      />
      <Checkbox
        id={fieldId(F, "confirm")}
        options={[{ label: `Je confirme vouloir retirer ${props.what}. ${props.consequence}`, nativeInputProps: { name: "confirm" } }]}
        state={confirm.state}
        stateRelatedMessage={confirm.stateRelatedMessage}
      />
      <Button type="submit" priority="secondary" iconId="fr-icon-delete-line" disabled={pending}>
        {pending ? "Enregistrement…" : `Retirer ${props.what}`}
      </Button>
    </form>
  );
}
