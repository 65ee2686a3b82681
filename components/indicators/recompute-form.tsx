"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { fieldId } from "@/components/forms/error-summary";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

// "Recalculer maintenant": runs the whole computation in the server action; the button shows
// the pending state, then the run's figures (id, cells, withheld cells, duration). The months are
// filled with those that have data (`defaults`). When the server answers that the run would
// empty published months, the form shows what and a box to confirm (the server checks it).
export function RecomputeForm({
  action,
  withRange = true,
  defaults,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  withRange?: boolean;
  defaults?: { from: string; to: string };
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const confirm = fieldState(state, "confirm");
  return (
    <form action={formAction} className="fr-mb-4w">
      <FormFeedback state={state} formId="recalcul" successTitle="Calcul terminé" />
      {withRange && (
        <p className="fr-text--sm">
          Un calcul publié couvre des années civiles entières (jusqu&apos;au mois en cours pour l&apos;année en cours) : il remplace, pour ces années, le calcul
          publié avant lui, dont les chiffres restent conservés tels que publiés ; les chiffres qui changent sont signalés comme révisés.
        </p>
      )}
      {withRange && (
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="Premier mois (facultatif)"
              hintText="Format AAAA-MM ; rempli avec le premier mois qui a des données"
              nativeInputProps={{ ...fieldProps("recalcul", "from"), defaultValue: state.values?.from ?? defaults?.from, pattern: "\\d{4}-\\d{2}" }}
              {...fieldState(state, "from")}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="Mois de fin, exclu (facultatif)"
              hintText="Format AAAA-MM ; rempli avec le mois qui suit le dernier mois qui a des données"
              nativeInputProps={{ ...fieldProps("recalcul", "to"), defaultValue: state.values?.to ?? defaults?.to, pattern: "\\d{4}-\\d{2}" }}
              {...fieldState(state, "to")}
            />
          </div>
        </div>
      )}
      {confirm.state && (
        <Checkbox
          options={[{ label: "Je confirme : publier ces mois vides à la place des chiffres publiés", nativeInputProps: { name: "confirm", value: "oui" } }]}
          id={fieldId("recalcul", "confirm")}
          state={confirm.state}
          stateRelatedMessage={confirm.stateRelatedMessage}
        />
      )}
      <Button type="submit" iconId="fr-icon-refresh-line" disabled={pending}>
        {pending ? "Calcul en cours…" : "Recalculer maintenant"}
      </Button>
      {pending && (
        <p role="status" className="fr-text--sm fr-mt-1w">
          Calcul de tous les indicateurs en cours (toutes mailles, périodes et canaux). Cela peut prendre quelques secondes.
        </p>
      )}
    </form>
  );
}
