import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { openOwnDatabase } from "@/tests/support/common/own-database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations } from "@/tests/support/indicators/make-indicator-stations";
import { auditPublishedFigures } from "@/lib/indicators/audit/read-everything";
import { parisMidnight } from "@/lib/platform/time/paris-time";

// The anonymity auditor on real charging sessions (issue 14): a year of the 16 least-used public
// charge points of Perth & Kinross (4,781 sessions, lib/indicators/fixtures, extracted by
// extract-perth-kinross-year.ts) replayed over 2023 at the same Paris wall-clock times,
// September–December 2018 and January–August 2019 becoming the months of 2023, at stations spread
// over eight small communes of four départements in two régions (one to three stations each,
// three on the GIREVE channel). The thresholds are lowered to 3 stations and 2 beneficiaries so
// that communes with all their stations reporting are published next to the withheld ones: the
// attacker has more sums to work with.
process.env.ANON_MIN_STATIONS = "3";
process.env.ANON_MIN_BENEFICIARIES = "2";

const H = 3_600_000;
const POWER: Record<string, [number, number]> = {}; // charge point → [kW per point, points]
for (const cp of ["51321", "51318", "51320", "51319"]) POWER[cp] = [7, 2]; // Siemens 7 kW dual outlet
for (const cp of ["51492", "51493"]) POWER[cp] = [22, 1]; // Siemens semi-rapid
for (const cp of ["50275"]) POWER[cp] = [7, 2]; // APT 7 kW dual outlet
const CPS = ["51321", "51318", "50284", "50281", "50283", "51320", "51319", "50811", "50280", "50277", "50279", "51492", "50285", "50278", "50275", "51493"];
// Commune and beneficiary of each charge point, in CPS order: Concarneau ×3, Landerneau ×2
// (Finistère), Carnac ×2, Auray (Morbihan), La Hague ×3, Carentan ×2 (Manche), Bayeux ×2,
// Bernières-sur-Mer (Calvados).
const PLACES: [string, number][] = [
  ["29039", 0],
  ["29039", 1],
  ["29039", 2],
  ["29103", 3],
  ["29103", 3],
  ["56034", 4],
  ["56034", 5],
  ["56007", 6],
  ["50041", 7],
  ["50041", 8],
  ["50041", 7],
  ["50099", 9],
  ["50099", 10],
  ["14047", 11],
  ["14047", 12],
  ["14066", 13],
];
const GIREVE = new Set(["50811", "50277", "51492"]);

/** The published date, with day and month put back where the source swapped them (days 1–12). */
function day(d: string): string {
  const inRange = (x: string) => x >= "2018-09-01" && x < "2019-09-01";
  if (inRange(d)) return d;
  const swapped = `${d.slice(0, 4)}-${d.slice(8, 10)}-${d.slice(5, 7)}`;
  return inRange(swapped) ? swapped : d;
}
/** A Paris wall-clock time of 2018-09…2019-08 replayed in 2023 (same month, day and time). */
function in2023(date: string, time: string): number {
  const d = `2023-${date.slice(5, 10)}`;
  if (Number.isNaN(Date.parse(d)) || new Date(d).toISOString().slice(0, 10) !== d) return NaN;
  const [h, m] = time.split(":").map(Number);
  return parisMidnight(d).getTime() + (h * 60 + m) * 60_000;
}

const sessions = readFileSync(path.join(import.meta.dirname, "..", "fixtures", "perth-kinross-year-16-stations.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [cp, sd, st, ed, et, kwh] = line.split(",");
    const start = in2023(day(sd), st);
    let stop = in2023(day(ed), et);
    if (stop < start && day(ed) < day(sd)) stop = start; // a session running over New Year lands in the same 2023
    return { cp, start, stop, kwh: Number(kwh) };
  })
  .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.stop) && s.stop > s.start && s.stop - s.start < 48 * H && s.kwh > 0);

let prisma: PrismaClient;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ prisma, close } = await openOwnDatabase("advenir_audit_real"));
  const ref = await ensureReferenceData({ prisma });
  const { operatorId, stations } = await makeIndicatorStations(
    prisma,
    CPS.map((cp, i) => ({
      beneficiary: PLACES[i][1],
      inseeCode: PLACES[i][0],
      nominalPowerKw: (POWER[cp] ?? [22, 2])[0],
      pointCount: (POWER[cp] ?? [22, 2])[1],
      channel: GIREVE.has(cp) ? ("GIREVE" as const) : ("ADVENIR" as const),
    })),
  );
  const stationOf = new Map(CPS.map((cp, i) => [cp, stations[i].id]));
  await addOperations(
    prisma,
    sessions.map((s) => ({ operatorId, stationId: stationOf.get(s.cp)!, start: new Date(s.start), stop: new Date(s.stop), wh: s.kwh * 1000 })),
  );
  await computeIndicators({ from: "2023-01", to: "2024-01", seriesId: ref.carbonSeriesId, computedBy: "test" }, { prisma });
});
afterAll(async () => close());

describe("anonymity auditor on real sessions spread over small communes", () => {
  it("replays most of the year's sessions", () => {
    expect(sessions.length).toBeGreaterThan(4_000);
    expect(new Set(sessions.map((s) => new Date(s.start).getUTCMonth())).size).toBe(12);
  });

  it("recovers no withheld cell, by differencing or by bounds", async () => {
    const audit = await auditPublishedFigures(prisma);
    expect(audit.primary).toBeGreaterThan(100);
    expect(audit.published).toBeGreaterThan(40);
    expect(audit.findings.slice(0, 20)).toEqual([]);
  });
});
