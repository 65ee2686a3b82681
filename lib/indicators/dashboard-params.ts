import {
  CHANNELS,
  INDICATOR_CODES,
  MESH_LEVELS,
  PERIOD_KINDS,
  type IndicatorChannel,
  type IndicatorCode,
  type MeshLevel,
  type PeriodKind,
} from "@/lib/schemas/indicator-catalogue";

// Query-string parameters of the committee pages and of /api/indicateurs (same names, so a page
// and its data are linkable the same way). Unknown values fall back to defaults instead of failing:
// a stale or hand-edited link still shows a page.

export interface DashboardParams {
  periodKind: PeriodKind;
  periodStart?: string;
  meshLevel: MeshLevel;
  meshCode?: string;
  channel: IndicatorChannel;
  indicator?: IndicatorCode;
}

type Raw = Record<string, string | string[] | undefined> | URLSearchParams;

function read(params: Raw, key: string): string | undefined {
  const v = params instanceof URLSearchParams ? params.get(key) : params[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === null || s === undefined || s === "" ? undefined : s;
}

function oneOf<T extends string>(values: readonly T[], v: string | undefined): T | undefined {
  return values.includes(v as T) ? (v as T) : undefined;
}

export function parseDashboardParams(params: Raw): DashboardParams {
  const periode = read(params, "periode");
  const zone = read(params, "zone");
  return {
    periodKind: oneOf(PERIOD_KINDS, read(params, "type")) ?? "month",
    periodStart: periode && /^\d{4}-\d{2}-\d{2}$/.test(periode) ? periode : undefined,
    meshLevel: oneOf(MESH_LEVELS, read(params, "maille")) ?? "national",
    // "FR" is the national area: sent with another level (the no-JavaScript form, where the area
    // list is still the national one), it means no area chosen yet.
    meshCode: zone && zone !== "FR" && /^[0-9A-Za-z]{1,10}$/.test(zone) ? zone : undefined,
    channel: oneOf(CHANNELS, read(params, "canal")) ?? "all",
    indicator: oneOf(INDICATOR_CODES, read(params, "indicateur")),
  };
}

/** The query string of the given parameters (for links between pages and to the APIs). */
export function dashboardQuery(p: Partial<DashboardParams>, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (p.periodKind) q.set("type", p.periodKind);
  if (p.periodStart) q.set("periode", p.periodStart);
  if (p.meshLevel) q.set("maille", p.meshLevel);
  if (p.meshCode && p.meshLevel !== "national") q.set("zone", p.meshCode);
  if (p.channel) q.set("canal", p.channel);
  if (p.indicator) q.set("indicateur", p.indicator);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** "janvier 2023", "2e trimestre 2023", "2023". */
export function periodLabel(kind: PeriodKind, start: string): string {
  const [y, m] = start.split("-").map(Number);
  if (kind === "year") return String(y);
  if (kind === "quarter") {
    const q = Math.floor((m - 1) / 3) + 1;
    return `${q === 1 ? "1er" : `${q}e`} trimestre ${y}`;
  }
  return `${MONTHS[m - 1]} ${y}`;
}
