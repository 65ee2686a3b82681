"use client";

import { useActionState, useState, type FormEvent } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";
import { ACCESSIBILITES_PMR, CONDITIONS_ACCES, IMPLANTATIONS, IRVE_LABELS as L, RACCORDEMENTS, irveRowSchema, type IrveColumn } from "@/lib/schemas/irve";
import { parisDay } from "@/lib/platform/time/paris-time";

type Kind =
  | { type: "text"; hint?: string }
  | { type: "bool" }
  | { type: "enum"; values: readonly string[] }
  | { type: "date"; hint?: string }
  | { type: "number"; hint?: string };

// The 40 columns of the IRVE static schema, grouped as the schema documents them.
const GROUPS: { title: string; fields: [IrveColumn, string, Kind, boolean][] }[] = [
  {
    title: "Aménageur et opérateur",
    fields: [
      ["nom_amenageur", L.nom_amenageur, { type: "text" }, false],
      ["siren_amenageur", L.siren_amenageur, { type: "text", hint: "9 chiffres" }, false],
      ["contact_amenageur", L.contact_amenageur, { type: "text" }, false],
      ["nom_operateur", L.nom_operateur, { type: "text" }, false],
      ["contact_operateur", L.contact_operateur, { type: "text", hint: "adresse e-mail" }, true],
      ["telephone_operateur", L.telephone_operateur, { type: "text" }, false],
      ["nom_enseigne", L.nom_enseigne, { type: "text" }, true],
    ],
  },
  {
    title: "Station",
    fields: [
      ["id_station_itinerance", L.id_station_itinerance, { type: "text", hint: "FR + 3 caractères AFIREV + P…, par exemple FRA68P68021001" }, true],
      ["id_station_local", L.id_station_local, { type: "text" }, false],
      ["nom_station", L.nom_station, { type: "text" }, true],
      ["implantation_station", L.implantation_station, { type: "enum", values: IMPLANTATIONS }, true],
      ["adresse_station", L.adresse_station, { type: "text" }, true],
      ["code_insee_commune", L.code_insee_commune, { type: "text", hint: "5 caractères" }, false],
      ["coordonneesXY", L.coordonneesXY, { type: "text", hint: "WGS84, par exemple [2.35, 48.85]" }, true],
      ["nbre_pdc", L.nbre_pdc, { type: "number" }, true],
    ],
  },
  {
    title: "Point de charge",
    fields: [
      ["id_pdc_itinerance", L.id_pdc_itinerance, { type: "text", hint: "même préfixe que la station, avec E : FRA68E680210015" }, true],
      ["id_pdc_local", L.id_pdc_local, { type: "text" }, false],
      ["puissance_nominale", L.puissance_nominale, { type: "number", hint: "en kW, par exemple 22" }, true],
      ["prise_type_ef", L.prise_type_ef, { type: "bool" }, true],
      ["prise_type_2", L.prise_type_2, { type: "bool" }, true],
      ["prise_type_combo_ccs", L.prise_type_combo_ccs, { type: "bool" }, true],
      ["prise_type_chademo", L.prise_type_chademo, { type: "bool" }, true],
      ["prise_type_autre", L.prise_type_autre, { type: "bool" }, true],
      ["cable_t2_attache", L.cable_t2_attache, { type: "bool" }, false],
    ],
  },
  {
    title: "Accès et paiement",
    fields: [
      ["gratuit", L.gratuit, { type: "bool" }, false],
      ["paiement_acte", L.paiement_acte, { type: "bool" }, true],
      ["paiement_cb", L.paiement_cb, { type: "bool" }, false],
      ["paiement_autre", L.paiement_autre, { type: "bool" }, false],
      ["tarification", L.tarification, { type: "text" }, false],
      ["condition_acces", L.condition_acces, { type: "enum", values: CONDITIONS_ACCES }, true],
      ["reservation", L.reservation, { type: "bool" }, true],
      ["horaires", L.horaires, { type: "text", hint: "« 24/7 » ou par exemple « Mo-Fr 08:00-18:00 »" }, true],
      ["accessibilite_pmr", L.accessibilite_pmr, { type: "enum", values: ACCESSIBILITES_PMR }, true],
      ["restriction_gabarit", L.restriction_gabarit, { type: "text" }, true],
      ["station_deux_roues", L.station_deux_roues, { type: "bool" }, true],
    ],
  },
  {
    title: "Raccordement et dates",
    fields: [
      ["raccordement", L.raccordement, { type: "enum", values: RACCORDEMENTS }, false],
      ["num_pdl", L.num_pdl, { type: "text", hint: "14 chiffres ; obligatoire si le raccordement est direct" }, false],
      ["date_mise_en_service", L.date_mise_en_service, { type: "date" }, false],
      ["date_maj", L.date_maj, { type: "date", hint: "Le jour de la mise en service ou de la modification déclarée" }, true],
      ["observations", L.observations, { type: "text" }, false],
    ],
  },
];

const FORM_ID = "point";

/**
 * One charge point's static data. On submit the browser runs the same validators as the server
 * and the CSV import (lib/schemas/irve.ts; the INSEE list is checked by the server): every error
 * at once in the error summary, each next to its field. The server checks everything again.
 * With `lockedPointId`, the form corrects that declared point (its identifier cannot change).
 */
export function IrvePointForm(props: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  initialValues?: Record<string, string>;
  lockedPointId?: string;
  submitLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const [refused, setRefused] = useState<{ after: ActionState; state: ActionState } | null>(null);
  const shown = refused && refused.after === state ? refused.state : state;
  const formKey = useSubmissionKey(state);
  const v = (name: string) => (state.ok && !props.initialValues ? "" : (shown.values?.[name] ?? props.initialValues?.[name] ?? ""));

  function checkInBrowser(event: FormEvent<HTMLFormElement>) {
    const values = Object.fromEntries([...new FormData(event.currentTarget)].map(([k, x]) => [k, String(x)]));
    const check = irveRowSchema({ today: parisDay(new Date()) }).safeParse(values);
    if (check.success) return setRefused(null);
    event.preventDefault();
    const fieldErrors: Record<string, string> = {};
    for (const issue of check.error.issues) fieldErrors[String(issue.path[0] ?? "")] ??= issue.message;
    setRefused({ after: state, state: { ok: false, message: "Le formulaire contient des erreurs.", fieldErrors, values } });
  }

  return (
    <form action={formAction} onSubmit={checkInBrowser} noValidate key={formKey}>
      <FormFeedback state={shown} formId={FORM_ID} successTitle={props.lockedPointId ? "Point de charge corrigé" : "Point de charge déclaré"} />
      {GROUPS.map((group) => (
        <fieldset key={group.title} className="fr-fieldset">
          <legend className="fr-fieldset__legend">{group.title}</legend>
          {group.fields.map(([name, label, kind, required]) => {
            const fullLabel = required ? `${label} (obligatoire)` : label;
            const locked = name === "id_pdc_itinerance" && props.lockedPointId !== undefined;
            return (
              <div key={name} className="fr-fieldset__element">
                {kind.type === "bool" || kind.type === "enum" ? (
                  <Select label={fullLabel} nativeSelectProps={{ ...fieldProps(FORM_ID, name), defaultValue: v(name) }} {...fieldState(shown, name)}>
                    <option value="">—</option>
                    {(kind.type === "bool"
                      ? [
                          ["true", "Oui"],
                          ["false", "Non"],
                        ]
                      : kind.values.map((x) => [x, x])
                    ).map(([value, text]) => (
                      <option key={value} value={value}>
                        {text}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Input
                    label={fullLabel}
                    hintText={locked ? "Ne change pas : l'identifiant désigne le point." : "hint" in kind ? kind.hint : undefined}
                    nativeInputProps={{
                      ...fieldProps(FORM_ID, name),
                      ...(locked ? { value: props.lockedPointId, readOnly: true } : { defaultValue: v(name) }),
                      type: kind.type === "date" ? "date" : "text",
                      inputMode: kind.type === "number" ? "decimal" : undefined,
                    }}
                    {...fieldState(shown, name)}
                  />
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
      <Button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : (props.submitLabel ?? "Déclarer le point de charge")}
      </Button>
    </form>
  );
}
