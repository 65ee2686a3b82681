"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { FormFeedback } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { DataTable } from "@/components/ui/data-table";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

export interface PointChoice {
  chargePointId: string;
  idPdcItinerance: string;
  stationCode: string;
  siren: string | null;
  current: "AC" | "DC" | null;
  /** Why the point cannot enter the scheme; null when it can. */
  refusal: string | null;
  registeredMeter: string | null;
}

/** Points to register: a checkbox and a meter type per eligible point; refused points say why. */
export function RegisterPointsForm(props: {
  points: PointChoice[];
  meterTypes: { code: string; label: string; currents: readonly string[] }[];
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const formKey = useSubmissionKey(state);
  return (
    <form action={formAction} noValidate aria-labelledby="pts-title" key={formKey}>
      <h2 id="pts-title">Points à enregistrer</h2>
      <FormFeedback state={state} formId="pts" successTitle="Points enregistrés" />
      <DataTable
        caption="Vos points de charge et leur admissibilité"
        headers={["Enregistrer", "Point (id_pdc_itinerance)", "Station", "SIREN de l'aménageur", "Courant", "Type de compteur", "État"]}
        rowKeys={props.points.map((p) => p.chargePointId)}
        multiline
        rows={props.points.map((p) => {
          const checkboxId = `pts-point-${p.chargePointId}`;
          const selectId = `pts-meter-${p.chargePointId}`;
          return [
            p.refusal ? (
              "—"
            ) : (
              <div key="c" className="fr-checkbox-group fr-checkbox-group--sm">
                <input type="checkbox" id={checkboxId} name={`point:${p.chargePointId}`} defaultChecked={false} />
                <label className="fr-label" htmlFor={checkboxId}>
                  <span className="fr-sr-only">Enregistrer le point </span>
                  {p.idPdcItinerance}
                </label>
              </div>
            ),
            p.idPdcItinerance,
            p.stationCode,
            p.siren ?? "inconnu",
            p.current ?? "—",
            p.refusal ? (
              "—"
            ) : (
              <div key="m" className="fr-select-group">
                <label className="fr-label fr-sr-only" htmlFor={selectId}>
                  Type de compteur du point {p.idPdcItinerance}
                </label>
                <select className="fr-select" id={selectId} name={`meter:${p.chargePointId}`} defaultValue={p.registeredMeter ?? ""}>
                  <option value="">Choisir</option>
                  {props.meterTypes
                    .filter((m) => p.current && m.currents.includes(p.current))
                    .map((m) => (
                      <option key={m.code} value={m.code}>
                        {m.label}
                      </option>
                    ))}
                </select>
              </div>
            ),
            p.refusal ? `Non admissible : ${p.refusal}` : p.registeredMeter ? "Enregistré" : "Admissible, non enregistré",
          ];
        })}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : "Enregistrer les points cochés"}
      </Button>
    </form>
  );
}
