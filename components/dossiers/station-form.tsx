"use client";

import { useActionState } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

/** Registers one ADVENIR station: the StationID agreed with the operator, points and power. */
export function StationForm({ action }: { action: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const v = (name: string) => (state.ok ? "" : (state.values?.[name] ?? ""));
  return (
    <form action={formAction} noValidate key={state.ok ? state.message : "form"}>
      <FormFeedback state={state} formId="station" successTitle="Station enregistrée" />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Identifiant de la station (StationID)"
            hintText="Convenu avec l'opérateur, un par point de charge si possible."
            nativeInputProps={{ ...fieldProps("station", "stationCode"), defaultValue: v("stationCode"), required: true }}
            {...fieldState(state, "stationCode")}
          />
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <Input
            label="Nombre de points"
            nativeInputProps={{ ...fieldProps("station", "pointCount"), type: "number", min: 1, step: 1, defaultValue: v("pointCount") || "1", required: true }}
            {...fieldState(state, "pointCount")}
          />
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <Input
            label="Puissance nominale par point (kW)"
            nativeInputProps={{ ...fieldProps("station", "nominalPowerKw"), inputMode: "decimal", defaultValue: v("nominalPowerKw"), required: true }}
            {...fieldState(state, "nominalPowerKw")}
          />
        </div>
      </div>
      <Button type="submit" priority="secondary" disabled={pending}>
        {pending ? "Enregistrement…" : "Ajouter la station"}
      </Button>
    </form>
  );
}
