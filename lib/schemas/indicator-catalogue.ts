// The committee indicators: one code per figure, with the French label, unit and definition
// shown next to it in the product (docs/indicators.md explains the computation). Shared by the
// computation (which stores these codes), the read functions and the pages.

export type IndicatorKind = "scalar" | "hourProfile" | "loadCurve";
export type IndicatorTheme = "activite" | "carbone" | "reseau";

export interface IndicatorDefinition {
  code: IndicatorCode;
  theme: IndicatorTheme;
  kind: IndicatorKind;
  label: string;
  unit: string;
  /** Decimals to show. */
  decimals: number;
  definition: string;
}

export const INDICATOR_CODES = [
  "energy_kwh",
  "mean_power_kw",
  "installed_power_kw",
  "carbon_intensity_charging",
  "carbon_intensity_grid",
  "carbon_timing_benefit",
  "emissions_t",
  "carbon_coverage_share",
  "peak_power_kw",
  "coincidence_factor",
  "load_factor",
  "peak_window_energy_share",
  "peak_window_mean_power_kw",
  "offpeak_energy_share",
  "profile_weekday_kw",
  "profile_weekend_kw",
  "carbon_by_hour_charging",
  "carbon_by_hour_grid",
  "load_curve_kw",
] as const;

export type IndicatorCode = (typeof INDICATOR_CODES)[number];

const defs: Omit<IndicatorDefinition, "code">[] = [
  {
    theme: "activite",
    kind: "scalar",
    label: "Énergie délivrée",
    unit: "kWh",
    decimals: 0,
    definition:
      "Somme de l'énergie des opérations de recharge de la maille sur la période. L'énergie d'une opération est répartie sur sa durée (ou selon sa courbe de charge quand elle a été transmise) ; seule la part tombant dans la période est comptée.",
  },
  {
    theme: "reseau",
    kind: "scalar",
    label: "Puissance moyenne appelée",
    unit: "kW",
    decimals: 1,
    definition: "Énergie délivrée divisée par le nombre d'heures de la période.",
  },
  {
    theme: "reseau",
    kind: "scalar",
    label: "Puissance installée",
    unit: "kW",
    decimals: 0,
    definition:
      "Somme des puissances nominales des points de charge des stations ayant transmis des données sur la période : puissance par point × nombre de points (ou somme des puissances des points déclarés un à un).",
  },
  {
    theme: "carbone",
    kind: "scalar",
    label: "Intensité carbone de la recharge",
    unit: "gCO₂/kWh",
    decimals: 1,
    definition:
      "Moyenne de l'intensité carbone horaire du réseau pondérée par l'énergie rechargée à chaque heure : Σ énergie × intensité ÷ Σ énergie. L'énergie tombant dans une heure sans intensité connue est exclue (voir la couverture carbone).",
  },
  {
    theme: "carbone",
    kind: "scalar",
    label: "Intensité carbone moyenne du réseau",
    unit: "gCO₂/kWh",
    decimals: 1,
    definition: "Moyenne simple de l'intensité carbone horaire du réseau français sur les heures de la période pour lesquelles elle est connue.",
  },
  {
    theme: "carbone",
    kind: "scalar",
    label: "Bénéfice du moment de recharge",
    unit: "gCO₂/kWh",
    decimals: 1,
    definition:
      "Intensité moyenne du réseau moins intensité carbone de la recharge. Positif : la recharge a lieu à des heures où l'électricité est moins carbonée que la moyenne.",
  },
  {
    theme: "carbone",
    kind: "scalar",
    label: "Émissions totales",
    unit: "tCO₂",
    decimals: 3,
    definition: "Σ énergie horaire × intensité carbone horaire (émissions directes), en tonnes de CO₂, sur l'énergie dont l'heure a une intensité connue.",
  },
  {
    theme: "carbone",
    kind: "scalar",
    label: "Couverture de la série carbone",
    unit: "%",
    decimals: 1,
    definition: "Part de l'énergie délivrée tombant dans des heures où la série carbone utilisée a une valeur. Les heures manquantes ne sont jamais comblées.",
  },
  {
    theme: "reseau",
    kind: "scalar",
    label: "Pointe de puissance agrégée",
    unit: "kW",
    decimals: 1,
    definition: "Plus forte puissance moyenne sur un pas de 30 minutes de la courbe de charge agrégée de la maille sur la période.",
  },
  {
    theme: "reseau",
    kind: "scalar",
    label: "Facteur de coïncidence",
    unit: "",
    decimals: 3,
    definition: "Pointe de puissance agrégée divisée par la somme des puissances nominales des stations ayant transmis des données.",
  },
  {
    theme: "reseau",
    kind: "scalar",
    label: "Facteur de charge",
    unit: "%",
    decimals: 2,
    definition: "Énergie délivrée divisée par (puissance installée × nombre d'heures de la période).",
  },
  {
    theme: "reseau",
    kind: "scalar",
    label: "Part de l'énergie en pointe hivernale",
    unit: "%",
    decimals: 1,
    definition:
      "Part de l'énergie délivrée pendant les fenêtres de pointe du réseau : jours ouvrés (lundi à vendredi) de 8 h à 13 h et de 18 h à 20 h, heure de Paris, de novembre à mars. Sans objet pour une période sans fenêtre de pointe.",
  },
  {
    theme: "reseau",
    kind: "scalar",
    label: "Puissance moyenne en pointe hivernale",
    unit: "kW",
    decimals: 1,
    definition: "Énergie délivrée pendant les fenêtres de pointe divisée par leur durée en heures sur la période.",
  },
  {
    theme: "reseau",
    kind: "scalar",
    label: "Part de l'énergie en heures creuses",
    unit: "%",
    decimals: 1,
    definition: "Part de l'énergie délivrée entre 22 h et 6 h, heure de Paris.",
  },
  {
    theme: "reseau",
    kind: "hourProfile",
    label: "Profil horaire des jours ouvrés",
    unit: "kW",
    decimals: 1,
    definition: "Puissance moyenne appelée à chaque heure de la journée (heure de Paris), du lundi au vendredi de la période.",
  },
  {
    theme: "reseau",
    kind: "hourProfile",
    label: "Profil horaire du week-end",
    unit: "kW",
    decimals: 1,
    definition: "Puissance moyenne appelée à chaque heure de la journée (heure de Paris), les samedis et dimanches de la période.",
  },
  {
    theme: "carbone",
    kind: "hourProfile",
    label: "Intensité carbone de la recharge par heure",
    unit: "gCO₂/kWh",
    decimals: 1,
    definition: "Pour chaque heure de la journée (heure de Paris), intensité carbone du réseau pondérée par l'énergie rechargée à cette heure sur la période.",
  },
  {
    theme: "carbone",
    kind: "hourProfile",
    label: "Intensité carbone du réseau par heure",
    unit: "gCO₂/kWh",
    decimals: 1,
    definition: "Pour chaque heure de la journée (heure de Paris), moyenne simple de l'intensité carbone du réseau sur la période.",
  },
  {
    theme: "reseau",
    kind: "loadCurve",
    label: "Courbe de charge agrégée",
    unit: "kW",
    decimals: 1,
    definition:
      "Puissance moyenne de la maille par pas de 30 minutes depuis le début de la période (par mois ; France entière par canal, régions tous canaux confondus).",
  },
];

export const INDICATORS: Record<IndicatorCode, IndicatorDefinition> = Object.fromEntries(
  INDICATOR_CODES.map((code, i) => [code, { code, ...defs[i] }]),
) as Record<IndicatorCode, IndicatorDefinition>;

/** Indicators whose `unit` is "%" are stored as fractions (0–1) and shown × 100. */
export function isShare(code: IndicatorCode): boolean {
  return INDICATORS[code].unit === "%";
}

export const MESH_LEVELS = ["national", "region", "departement", "commune"] as const;
export type MeshLevel = (typeof MESH_LEVELS)[number];
export const PERIOD_KINDS = ["month", "quarter", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const CHANNELS = ["all", "ADVENIR", "GIREVE"] as const;
export type IndicatorChannel = (typeof CHANNELS)[number];

export const MESH_LABELS: Record<MeshLevel, string> = { national: "France entière", region: "Région", departement: "Département", commune: "Commune" };
export const PERIOD_LABELS: Record<PeriodKind, string> = { month: "Mois", quarter: "Trimestre", year: "Année" };
export const CHANNEL_LABELS: Record<IndicatorChannel, string> = { all: "Tous les canaux", ADVENIR: "ADVENIR", GIREVE: "GIREVE" };

export const COVERAGE_DEFINITION =
  "Couverture : stations ayant transmis des données sur la période ÷ stations enregistrées dans la maille, énergie et nombre de recharges pris en compte. Seules les données de production sans anomalie de qualité sont comptées.";

export const SECRET_LABEL = "secret statistique";
export const SECRET_DEFINITION =
  "Valeur non publiée : la case regroupe trop peu de stations ou de bénéficiaires distincts pour garantir l'anonymat (secret primaire), ou sa valeur pourrait se déduire par différence de cases publiées (secret secondaire).";
