import { z } from "zod";
import { QOS_PERIOD_KINDS, QOS_PERIOD_LABELS, type QosPeriodKind } from "@/lib/schemas/quality-of-service";

// Inputs of the usage indicators computed from sessions (QualiCharge's codes, issue 19): the
// level, the area and the period the committee asks for, as the page and its CSV route read them
// from the query string (`maille`, `zone`, `type`, `periode`, `format`).

/** QualiCharge's levels (EPCIs of 2024: ADR 0032). */
export const USAGE_LEVELS = ["national", "region", "departement", "epci", "commune", "unite", "amenageur"] as const;
export type UsageLevel = (typeof USAGE_LEVELS)[number];

export const USAGE_LEVEL_LABELS: Record<UsageLevel, string> = {
  national: "France entière",
  region: "Région",
  departement: "Département",
  epci: "EPCI",
  commune: "Commune",
  unite: "Unité opérationnelle (opérateur)",
  amenageur: "Aménageur (SIREN)",
};

/** The periods of the quality-of-service pages (one list for both). */
export const USAGE_PERIOD_KINDS = QOS_PERIOD_KINDS;
export type UsagePeriodKind = QosPeriodKind;
export const USAGE_PERIOD_LABELS: Record<UsagePeriodKind, string> = QOS_PERIOD_LABELS;

/**
 * The committee reads months only: sessions and energy add up over days and months, so a day,
 * week, quarter or year published beside its months would give a withheld cell by difference
 * (the suppression protects the areas of one period, not periods of different kinds).
 */
export const USAGE_COMMITTEE_KINDS = ["month"] as const satisfies readonly UsagePeriodKind[];

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const usageQuerySchema = z.object({
  maille: z.enum(USAGE_LEVELS, { error: "maille inconnue" }).default("national"),
  /** The area's code at that level (INSEE code, operational unit, SIREN); none: every area of the level. */
  zone: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{2,14}$/, { error: "zone : code attendu (lettres et chiffres)" })
      .optional(),
  ),
  type: z.enum(USAGE_COMMITTEE_KINDS, { error: "type de période : le comité lit des mois" }).default("month"),
  /** Any day of the period (Paris calendar); the period is the one containing it. */
  periode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "période : date attendue au format AAAA-MM-JJ" })
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
        error: "période : date inexistante",
      })
      .optional(),
  ),
  format: z.enum(["csv", "standard"]).optional(),
  /** The CSV of the whole view, or of the hourly chart (u5) only. */
  vue: z.enum(["tout", "u5"]).default("tout"),
});

export type UsageQuery = z.output<typeof usageQuerySchema>;

/** The query from a page's searchParams or a URL's: the first value of each field. */
export function parseUsageQuery(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return Array.isArray(v) ? v[0] : (v ?? undefined);
  };
  return usageQuerySchema.safeParse({
    maille: get("maille"),
    zone: get("zone"),
    type: get("type"),
    periode: get("periode"),
    format: get("format"),
    vue: get("vue"),
  });
}
