// The usage indicators as the committee reads them: QualiCharge's code kept beside our French name,
// so that a figure can be compared with QualiCharge's own (../shared/docs/QUALICHARGE.md). q4 and
// q5 are the codes QualiCharge reserves for the load factor and the success rate it plans but does
// not publish.

export const USAGE_CODES = ["i1", "i4", "i7", "t1", "e4", "u5", "u6", "u9", "u10", "u11", "u12", "u13", "u14", "q4", "q5"] as const;
export type UsageCode = (typeof USAGE_CODES)[number];

export interface UsageIndicatorDefinition {
  label: string;
  unit: string;
  /** Decimals shown (the CSV keeps the number so rounded). */
  decimals: number;
  definition: string;
}

export const USAGE_INDICATORS: Record<UsageCode, UsageIndicatorDefinition> = {
  i1: {
    label: "Points de charge en service",
    unit: "points",
    decimals: 0,
    definition: "Points déclarés et mis en service avant la fin de la période, non retirés avant son début.",
  },
  i4: { label: "Stations en service", unit: "stations", decimals: 0, definition: "Stations ayant au moins un point en service." },
  i7: { label: "Puissance installée", unit: "kW", decimals: 1, definition: "Somme des puissances nominales des points en service." },
  t1: {
    label: "Points en service par classe de puissance",
    unit: "points",
    decimals: 0,
    definition: "Classes de QualiCharge : moins de 7,4 kW, 7,4 à 22 kW, plus de 22 à moins de 50 kW, 50 à 150, 150 à 350, 350 kW et plus.",
  },
  e4: {
    label: "Points ayant eu une session dans le dernier mois",
    unit: "points",
    decimals: 0,
    definition: "Points ayant au moins une session commencée dans le mois qui finit avec la période.",
  },
  u5: {
    label: "Sessions par heure de la journée",
    unit: "sessions",
    decimals: 0,
    definition: "Sessions comptées à l'heure de Paris de leur début (l'heure répétée d'octobre compte deux fois dans l'heure 2).",
  },
  u6: { label: "Heures de session par classe de puissance", unit: "h", decimals: 1, definition: "Durée totale des sessions commencées dans la période." },
  u9: { label: "Énergie par classe de puissance", unit: "kWh", decimals: 1, definition: "Énergie des sessions commencées dans la période." },
  u10: {
    label: "Sessions",
    unit: "sessions",
    decimals: 0,
    definition: "Sessions commencées dans la période (hors données signalées par les contrôles de qualité, doublons comptés une fois).",
  },
  u11: { label: "Sessions réussies", unit: "sessions", decimals: 0, definition: "Sessions de plus de 0,5 kWh et de plus de 3 minutes." },
  u12: {
    label: "Points ayant envoyé un statut, par classe de puissance",
    unit: "points",
    decimals: 0,
    definition: "Points ayant envoyé au moins un statut pendant la période (données de production).",
  },
  u13: {
    label: "Puissance des points ayant envoyé un statut, par classe",
    unit: "kW",
    decimals: 1,
    definition: "Somme des puissances nominales de ces points.",
  },
  u14: {
    label: "Énergie par type de courant et de raccordement",
    unit: "kWh",
    decimals: 1,
    definition:
      "Courant continu (DC : 50 kW et plus, ou prise CCS ou CHAdeMO) ou alternatif, raccordement direct ou indirect ; sans les sessions dépassant 1,1 × puissance × durée.",
  },
  q4: { label: "Facteur de charge", unit: "%", decimals: 2, definition: "Énergie ÷ (puissance installée × heures de la période)." },
  q5: { label: "Taux de réussite des sessions", unit: "%", decimals: 1, definition: "Sessions réussies (u11) ÷ sessions (u10)." },
};

export const U14_KEYS = ["dc_direct", "dc_indirect", "dc_inconnu", "ac_direct", "ac_indirect", "ac_inconnu"] as const;
export type U14Key = (typeof U14_KEYS)[number];

export const U14_LABELS: Record<U14Key, string> = {
  dc_direct: "DC, raccordement direct",
  dc_indirect: "DC, raccordement indirect",
  dc_inconnu: "DC, raccordement non renseigné",
  ac_direct: "AC, raccordement direct",
  ac_indirect: "AC, raccordement indirect",
  ac_inconnu: "AC, raccordement non renseigné",
};

export { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
