import { z } from "zod";

// The committee's and operators' choices on the quality-of-service pages (query strings).

export const QOS_PERIOD_KINDS = ["day", "week", "month", "quarter", "year"] as const;
export type QosPeriodKind = (typeof QOS_PERIOD_KINDS)[number];

export const QOS_LEVELS = ["national", "region", "departement", "epci", "commune", "operateur", "amenageur"] as const;
export type QosLevel = (typeof QOS_LEVELS)[number];

export const QOS_PERIOD_LABELS: Record<QosPeriodKind, string> = {
  day: "Jour",
  week: "Semaine",
  month: "Mois",
  quarter: "Trimestre",
  year: "Année",
};

export const QOS_LEVEL_LABELS: Record<QosLevel, string> = {
  national: "France entière",
  region: "Région",
  departement: "Département",
  epci: "EPCI",
  commune: "Commune",
  operateur: "Opérateur (unité d'exploitation)",
  amenageur: "Aménageur (SIREN)",
};

/** A level's label inside a sentence ("par département", "par EPCI": an acronym keeps its capitals). */
export function qosLevelInText(level: QosLevel): string {
  return level === "epci" ? QOS_LEVEL_LABELS.epci : QOS_LEVEL_LABELS[level].toLowerCase();
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** ?periode=month&debut=2026-11-01&maille=departement: each optional, defaults chosen by the page. */
export const qosQuery = z.object({
  periode: z.enum(QOS_PERIOD_KINDS).catch("month"),
  debut: z
    .string()
    .regex(DAY)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d))
    .optional()
    .catch(undefined),
  maille: z.enum(QOS_LEVELS).catch("departement"),
  /** The indicator of the map and the ranking (lib/quality-of-service/qos-catalogue.ts). */
  indicateur: z.string().max(40).optional().catch(undefined),
});
export type QosQuery = z.infer<typeof qosQuery>;

/** The levels of one operator's map on the committee's pages (lib/quality-of-service/operator-map-cells.ts). */
export const OPERATOR_MAP_LEVELS = ["region", "departement"] as const satisfies readonly QosLevel[];
export type OperatorMapLevel = (typeof OPERATOR_MAP_LEVELS)[number];

/** ?maille= of one operator's map: by région unless département is asked for. */
export const operatorMapLevel = z.enum(OPERATOR_MAP_LEVELS).catch("region");

/** The CSV downloads: the same choices, plus which table. */
export const qosCsvQuery = qosQuery.extend({ vue: z.enum(["tableau", "tendance"]).catch("tableau") });

/** The page's query string with `vue`: the href of a CSV download. */
export function qosCsvHref(base: string, q: QosQuery, vue: "tableau" | "tendance", format: "csv" | "standard"): string {
  const p = new URLSearchParams({ vue, periode: q.periode, maille: q.maille, format });
  if (q.debut) p.set("debut", q.debut);
  if (q.indicateur) p.set("indicateur", q.indicateur);
  return `${base}?${p.toString()}`;
}

/** A path segment decoded once, or left as it is when it is not valid percent-encoding ("%" alone). */
function decodedSegment(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** An operator's code on the committee's pages: its operational unit, or "op:" and its id when its points have none. */
export const qosOperatorCode = z.preprocess(
  decodedSegment,
  z.string().regex(/^(FR[A-Z0-9]{3}|op:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, "Code d'opérateur inconnu."),
);
