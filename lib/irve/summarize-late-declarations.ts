import { db } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { listLateDeclarations, type LateDeclaration } from "@/lib/irve/list-late-declarations";
import { suppressSmallGroups, totalPasses, type Group, type Thresholds } from "@/lib/anonymity/suppress-small-groups";

// What the committee reads about late declarations: counts only, per région and per age of the
// delay, with the number of operators concerned, under the anonymity thresholds of the
// indicators (lib/anonymity/suppress-small-groups.ts). No dossier, operator, station or point
// leaves this function.

export const DELAY_CLASSES = [
  { key: "1-5", label: "1 à 5 jours", max: 5 },
  { key: "6-20", label: "6 à 20 jours", max: 20 },
  { key: "21-60", label: "21 à 60 jours", max: 60 },
  { key: "61+", label: "plus de 60 jours", max: Infinity },
] as const;
export type DelayClass = (typeof DELAY_CLASSES)[number]["key"];

export function delayClassOf(daysLate: number): DelayClass {
  return DELAY_CLASSES.find((c) => daysLate <= c.max)!.key;
}

export type Published = { secret: false; count: number; operatorCount: number; medianDaysLate: number } | { secret: true };

export interface LateSummary {
  thresholds: Thresholds;
  total: Published;
  regions: ({ code: string; name: string } & Published)[];
  delays: ({ key: DelayClass; label: string } & Published)[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function facts(items: LateDeclaration[]): Published {
  return {
    secret: false,
    count: items.length,
    operatorCount: new Set(items.map((i) => i.operatorId)).size,
    medianDaysLate: median(items.map((i) => i.daysLate)),
  };
}

function groupsOf<K extends string>(items: LateDeclaration[], keyOf: (i: LateDeclaration) => K): { groups: Group<K>[]; members: Map<K, LateDeclaration[]> } {
  const members = new Map<K, LateDeclaration[]>();
  for (const i of items) members.set(keyOf(i), [...(members.get(keyOf(i)) ?? []), i]);
  const groups = [...members].map(([key, list]) => ({
    key,
    count: list.length,
    stations: new Set(list.map((i) => i.stationId)),
    beneficiaries: new Set(list.map((i) => i.beneficiaryId)),
  }));
  return { groups, members };
}

/** Pure part, on given late declarations and région of each INSEE code. */
export function summarize(items: LateDeclaration[], regionOf: (inseeCode: string) => { code: string; name: string }, thresholds: Thresholds): LateSummary {
  const all = groupsOf(items, () => "all");
  const total: Published =
    items.length === 0
      ? { secret: false, count: 0, operatorCount: 0, medianDaysLate: 0 }
      : totalPasses(all.groups, thresholds)
        ? facts(items)
        : { secret: true };

  const names = new Map<string, string>();
  const byRegion = groupsOf(items, (i) => {
    const r = regionOf(i.inseeCode);
    names.set(r.code, r.name);
    return r.code;
  });
  const regions = suppressSmallGroups(byRegion.groups, thresholds)
    .map((s) => ({ code: s.key, name: names.get(s.key)!, ...(s.secret ? { secret: true as const } : facts(byRegion.members.get(s.key)!)) }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));

  const byDelay = groupsOf(items, (i) => delayClassOf(i.daysLate));
  const suppressed = new Map(suppressSmallGroups(byDelay.groups, thresholds).map((s) => [s.key, s]));
  const delays = DELAY_CLASSES.filter((c) => suppressed.has(c.key)).map((c) => {
    const s = suppressed.get(c.key)!;
    return { key: c.key, label: c.label, ...(s.secret ? { secret: true as const } : facts(byDelay.members.get(c.key)!)) };
  });
  return { thresholds, total, regions, delays };
}

export async function summarizeLateDeclarations(): Promise<LateSummary> {
  const env = getEnv();
  const items = await listLateDeclarations();
  const prisma = await db();
  const communes = await prisma.commune.findMany({
    where: { inseeCode: { in: [...new Set(items.map((i) => i.inseeCode))] } },
    select: { inseeCode: true, departement: { select: { region: { select: { code: true, name: true } } } } },
  });
  const regions = new Map(communes.map((c) => [c.inseeCode, c.departement.region]));
  const unknown = { code: "?", name: "Région inconnue" };
  return summarize(items, (code) => regions.get(code) ?? unknown, { minStations: env.ANON_MIN_STATIONS, minBeneficiaries: env.ANON_MIN_BENEFICIARIES });
}
