// Hours of a period per day type and hour of day, in Paris time: what an attacker needs to turn
// the published hourly profiles (mean kW per hour of day) back into energies that add up over
// months, quarters and years. Computed here from the calendar alone (not from the product's
// SQL), so that the auditor checks the product rather than repeating it.

const fmt = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", weekday: "short", hourCycle: "h23" });

/** Paris midnight of a calendar day "YYYY-MM-DD", as epoch ms (Paris is UTC+1 or UTC+2). */
export function parisMidnight(day: string): number {
  for (const offset of [1, 2]) {
    const t = Date.parse(`${day}T00:00:00Z`) - offset * 3_600_000;
    const parts = fmt.formatToParts(new Date(t));
    if (parts.find((p) => p.type === "hour")?.value === "00") return t;
  }
  throw new Error(`no Paris midnight for ${day}`);
}

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
  const t1 = parisMidnight(periodEnd(kind, start));
  let total = 0;
  for (let t = parisMidnight(start); t < t1; t += 1_800_000) {
    const parts = fmt.formatToParts(new Date(t));
    const h = Number(parts.find((p) => p.type === "hour")!.value);
    const wd = parts.find((p) => p.type === "weekday")!.value;
    (wd === "Sat" || wd === "Sun" ? weekend : weekday)[h] += 0.5;
    total += 0.5;
  }
  const out = { weekday, weekend, total };
  cache.set(k, out);
  return out;
}
