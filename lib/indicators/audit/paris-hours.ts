// Hours of a period per day type and hour of day, in Paris time: what an attacker needs to turn
// the published hourly profiles (mean kW per hour of day) back into energies that add up over
// months, quarters and years. Computed here from the calendar alone (not from the product's
// SQL), so that the auditor checks the product rather than repeating it.

import { parisMidnight, parisParts } from "@/lib/platform/time/paris-time";

export function periodEnd(kind: "month" | "quarter" | "year", start: string): string {
  const [y, m] = start.split("-").map(Number);
  const months = kind === "month" ? 1 : kind === "quarter" ? 3 : 12;
  const end = new Date(Date.UTC(y, m - 1 + months, 1));
  return end.toISOString().slice(0, 10);
}

const cache = new Map<string, { weekday: number[]; weekend: number[]; total: number }>();

/** Hours of the period per hour of day (0–23), Monday–Friday and Saturday–Sunday, and in all. */
export function periodHours(kind: "month" | "quarter" | "year", start: string): { weekday: number[]; weekend: number[]; total: number } {
  const k = `${kind}:${start}`;
  const hit = cache.get(k);
  if (hit) return hit;
  const weekday = new Array<number>(24).fill(0);
  const weekend = new Array<number>(24).fill(0);
  const t1 = parisMidnight(periodEnd(kind, start)).getTime();
  let total = 0;
  for (let t = parisMidnight(start).getTime(); t < t1; t += 1_800_000) {
    const { hour, weekday: wd } = parisParts(t);
    (wd >= 6 ? weekend : weekday)[Number(hour)] += 0.5;
    total += 0.5;
  }
  const out = { weekday, weekend, total };
  cache.set(k, out);
  return out;
}
