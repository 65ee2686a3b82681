"use client";

import { useActionState } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { FormFeedback, fieldState } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/http/action-state-shared";
import { ACCESSIBILITES_PMR, CONDITIONS_ACCES, IMPLANTATIONS, RACCORDEMENTS, type IrveColumn } from "@/lib/schemas/irve";

type Kind = { type: "text"; hint?: string } | { type: "bool" } | { type: "enum"; values: readonly string[] } | { type: "date" } | { type: "number"; hint?: string };

// The 40 columns of the IRVE static schema, grouped as the schema documents them.
const GROUPS: { title: string; fields: [IrveColumn, string, Kind, boolean][] }[] = [
  {
    title: "Aménageur et opérateur",
    fields: [
      ["nom_amenageur", "Nom de l'aménageur", { type: "text" }, false],
      ["siren_amenageur", "SIREN de l'aménageur", { type: "text", hint: "9 chiffres" }, false],
      ["contact_amenageur", "Contact de l'aménageur", { type: "text" }, false],
      ["nom_operateur", "Nom de l'opérateur", { type: "text" }, false],
      ["contact_operateur", "Contact de l'opérateur", { type: "text", hint: "adresse e-mail" }, true],
      ["telephone_operateur", "Téléphone de l'opérateur", { type: "text" }, false],
      ["nom_enseigne", "Enseigne", { type: "text" }, true],
    ],
  },
  {
    title: "Station",
    fields: [
      ["id_station_itinerance", "Identifiant eMI3 de la station", { type: "text", hint: "FR + 3 caractères AFIREV + P…, par exemple FRA68P68021001" }, true],
      ["id_station_local", "Identifiant local de la station", { type: "text" }, false],
      ["nom_station", "Nom de la station", { type: "text" }, true],
      ["implantation_station", "Implantation", { type: "enum", values: IMPLANTATIONS }, true],
      ["adresse_station", "Adresse", { type: "text" }, true],
      ["code_insee_commune", "Code INSEE de la commune", { type: "text", hint: "5 caractères" }, false],
      ["coordonneesXY", "Coordonnées [longitude, latitude]", { type: "text", hint: "WGS84, par exemple [2.35, 48.85]" }, true],
      ["nbre_pdc", "Nombre de points de charge de la station", { type: "number" }, true],
    ],
  },
  {
    title: "Point de charge",
    fields: [
      ["id_pdc_itinerance", "Identifiant eMI3 du point de charge", { type: "text", hint: "même préfixe que la station, avec E : FRA68E680210015" }, true],
      ["id_pdc_local", "Identifiant local du point", { type: "text" }, false],
      ["puissance_nominale", "Puissance nominale (kW)", { type: "number", hint: "en kW, par exemple 22" }, true],
      ["prise_type_ef", "Prise type E/F", { type: "bool" }, true],
      ["prise_type_2", "Prise type 2", { type: "bool" }, true],
      ["prise_type_combo_ccs", "Prise Combo CCS", { type: "bool" }, true],
      ["prise_type_chademo", "Prise CHAdeMO", { type: "bool" }, true],
      ["prise_type_autre", "Autre prise", { type: "bool" }, true],
      ["cable_t2_attache", "Câble T2 attaché", { type: "bool" }, false],
    ],
  },
  {
    title: "Accès et paiement",
    fields: [
      ["gratuit", "Gratuit", { type: "bool" }, false],
      ["paiement_acte", "Paiement à l'acte", { type: "bool" }, true],
      ["paiement_cb", "Paiement par carte bancaire", { type: "bool" }, false],
      ["paiement_autre", "Autre paiement", { type: "bool" }, false],
      ["tarification", "Tarification", { type: "text" }, false],
      ["condition_acces", "Condition d'accès", { type: "enum", values: CONDITIONS_ACCES }, true],
      ["reservation", "Réservation possible", { type: "bool" }, true],
      ["horaires", "Horaires", { type: "text", hint: "« 24/7 » ou par exemple « Mo-Fr 08:00-18:00 »" }, true],
      ["accessibilite_pmr", "Accessibilité PMR", { type: "enum", values: ACCESSIBILITES_PMR }, true],
      ["restriction_gabarit", "Restriction de gabarit", { type: "text" }, true],
      ["station_deux_roues", "Station pour deux-roues", { type: "bool" }, true],
    ],
  },
  {
    title: "Raccordement et dates",
    fields: [
      ["raccordement", "Raccordement", { type: "enum", values: RACCORDEMENTS }, false],
      ["num_pdl", "Numéro de PDL", { type: "text", hint: "14 chiffres ; obligatoire si le raccordement est direct" }, false],
      ["date_mise_en_service", "Date de mise en service", { type: "date" }, false],
      ["date_maj", "Date de mise à jour", { type: "date" }, true],
      ["observations", "Observations", { type: "text" }, false],
    ],
  },
];

/** One charge point's static data, every error shown next to its field. */
export function IrvePointForm({ action }: { action: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const formKey = useSubmissionKey(state);
  const v = (name: string) => (state.ok ? "" : (state.values?.[name] ?? ""));
  return (
    <form action={formAction} noValidate key={formKey}>
      <FormFeedback state={state} successTitle="Point de charge déclaré" />
      {GROUPS.map((group) => (
        <fieldset key={group.title} className="fr-fieldset">
          <legend className="fr-fieldset__legend">{group.title}</legend>
          {group.fields.map(([name, label, kind, required]) => {
            const fullLabel = required ? `${label} (obligatoire)` : label;
            return (
              <div key={name} className="fr-fieldset__element">
                {kind.type === "bool" || kind.type === "enum" ? (
                  <Select label={fullLabel} nativeSelectProps={{ name, defaultValue: v(name) }} {...fieldState(state, name)}>
                    <option value="">—</option>
                    {(kind.type === "bool" ? [["true", "Oui"], ["false", "Non"]] : kind.values.map((x) => [x, x])).map(([value, text]) => (
                      <option key={value} value={value}>{text}</option>
                    ))}
                  </Select>
                ) : (
                  <Input
                    label={fullLabel}
                    hintText={"hint" in kind ? kind.hint : undefined}
                    nativeInputProps={{ name, defaultValue: v(name), type: kind.type === "date" ? "date" : "text", inputMode: kind.type === "number" ? "decimal" : undefined }}
                    {...fieldState(state, name)}
                  />
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
      <Button type="submit" disabled={pending}>{pending ? "Enregistrement…" : "Déclarer le point de charge"}</Button>
    </form>
  );
}
