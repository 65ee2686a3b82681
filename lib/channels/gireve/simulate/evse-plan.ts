import { seededRandom } from "@/lib/platform/random/seeded-random";
import { readEvseId } from "@/lib/schemas/gireve-emip-ids";

// One simulated EVSE's plan (lib/channels/gireve/simulate/relay-traffic.ts): its power, its
// out-of-order episodes and its sessions with their meter readings, drawn from a generator seeded
// by the run's seed and the EVSE's rank (adding an EVSE changes no other's plan).

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Spacing of the intermediate CDRs' meter readings. */
export const READING_STEP_MS = 5 * MINUTE;

export interface SimulatedSession {
  serviceSessionId: string;
  evseId: string;
  /** ms since the epoch. */
  start: number;
  end: number;
  /** Mean power asked of the point (kW, 3.7–150). */
  powerKw: number;
  /** Cumulative energy (Wh) at each reading, every 5 minutes from the start; the last one is at `end`. */
  readings: number[];
  /** = the last reading: what the final CDR carries. */
  energyWh: number;
  userId: string;
}

export interface SimulatedOutage {
  start: number;
  end: number;
}
export interface EvsePlan {
  index: number;
  evseId: string;
  pointKw: number;
  operatorId: string;
  outages: SimulatedOutage[];
  sessions: SimulatedSession[];
  /** A short reservation (busy 3) before some sessions: minutes ahead, by session id. */
  reservedAhead: Map<string, number>;
}

/** A 32-bit seed for one EVSE and one purpose, so that adding an EVSE changes no other's traffic. */
export function subSeed(seed: number, index: number, purpose: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [index, purpose]) {
    h = Math.imul(h ^ v, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
  }
  return h;
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function hex(rng: () => number, digits: number): string {
  let s = "";
  while (s.length < digits)
    s += Math.floor(rng() * 0x10000)
      .toString(16)
      .padStart(4, "0");
  return s.slice(0, digits);
}

/** The operator of an eMI3 EVSE id, in eMI3 form (FR*ABC). */
export function operatorOfEvse(evseId: string): string {
  const id = readEvseId(evseId);
  if (!id) throw new Error(`Identifiant d'EVSE eMI3 invalide : ${evseId}`);
  return `${id.operator.slice(0, 2)}*${id.operator.slice(2)}`;
}

/** `count` EVSE ids of an operator (FR*ABC → FR*ABC*ESIM00001…), the IRVE form FRABCESIM00001. */
export function simulatedEvseIds(operatorId: string, count: number): string[] {
  const m = /^([A-Za-z]{2})\*?([A-Za-z0-9]{3})$/.exec(operatorId);
  if (!m) throw new Error(`Identifiant d'opérateur eMI3 invalide : ${operatorId}`);
  const op = `${m[1]}*${m[2]}`.toUpperCase();
  return Array.from({ length: count }, (_, i) => `${op}*ESIM${String(i + 1).padStart(5, "0")}`);
}

/** The EVSE id of an IRVE id_pdc_itinerance (FRABCE0001 → FR*ABC*E0001). */
export function evseIdOfIrve(idPdcItinerance: string): string {
  const m = /^([A-Z]{2})([A-Z0-9]{3})E([A-Z0-9]+)$/.exec(idPdcItinerance);
  if (!m) throw new Error(`id_pdc_itinerance inattendu : ${idPdcItinerance}`);
  return `${m[1]}*${m[2]}*E${m[3]}`;
}

const POINT_POWERS_KW = [22, 7.4, 11, 3.7, 22, 50, 7.4, 22, 150] as const;

/**
 * The nominal power (kW) of the simulated point of rank `index` when none is given: a mix of AC
 * and DC points, the same whatever the seed, so that the points prepared for a simulation
 * (cli/gireve/prepare-simulation.ts) declare the power their sessions draw.
 */
export function simulatedPointPowerKw(index: number): number {
  return POINT_POWERS_KW[index % POINT_POWERS_KW.length];
}
const VEHICLE_POWERS_KW = [3.7, 7.4, 11, 11, 22, 50, 100, 150] as const;

/** `pointKw`: the point's nominal power, which no session exceeds (simulatedPointPowerKw by default). */
export function planEvse(index: number, evseId: string, from: number, to: number, seed: number, pointKw = simulatedPointPowerKw(index)): EvsePlan {
  const rng = seededRandom(subSeed(seed, index, 1));
  const fast = pointKw >= 50;
  const outages: SimulatedOutage[] = [];
  const firstDay = Math.floor(from / DAY) * DAY;
  for (let day = firstDay; day < to; day += DAY) {
    if (rng() >= 0.06) continue;
    const start = day + Math.floor(rng() * DAY);
    const end = start + HOUR + Math.floor(rng() * 11 * HOUR);
    if (start >= from && end < to && (outages.length === 0 || start > outages[outages.length - 1].end)) outages.push({ start, end });
  }
  const sessions: SimulatedSession[] = [];
  const reservedAhead = new Map<string, number>();
  let freeFrom = from + 10 * MINUTE;
  for (let day = firstDay; day < to; day += DAY) {
    // A few sessions a day, more on fast chargers; mostly between 07:00 and 22:00 (UTC).
    let count = 0;
    for (let k = 0; k < 6; k++) if (rng() < (fast ? 0.8 : 0.45)) count++;
    const starts = Array.from({ length: count }, () => day + Math.floor((rng() < 0.9 ? 7 * HOUR + rng() * 15 * HOUR : rng() * DAY) / 1000) * 1000).sort(
      (a, b) => a - b,
    );
    for (const start of starts) {
      const vehicleKw = pick(rng, VEHICLE_POWERS_KW);
      const neededKwh = 4 + rng() * 46;
      const maxKw = Math.max(3.7, Math.min(150, pointKw));
      const powerKw = Math.min(maxKw, Math.max(3.7, Math.min(pointKw, vehicleKw) * (0.85 + 0.15 * rng())));
      const minutes = Math.min(600, Math.max(10, (neededKwh / powerKw) * 60));
      const steps = Math.ceil(minutes / 5);
      const end = start + steps * READING_STEP_MS;
      const reserve = rng() < 0.05 ? 2 + Math.floor(rng() * 10) : 0;
      if (start - reserve * MINUTE < freeFrom || end + 20 * MINUTE >= to) continue;
      if (outages.some((o) => start - reserve * MINUTE <= o.end + MINUTE && end + 20 * MINUTE >= o.start)) continue;
      const readings: number[] = [];
      let wh = 0;
      for (let s = 0; s < steps; s++) {
        wh += Math.min(maxKw, Math.max(3.7, powerKw * (0.95 + 0.1 * rng()))) * 1000 * (READING_STEP_MS / HOUR);
        readings.push(Math.round(wh));
      }
      const session: SimulatedSession = {
        serviceSessionId: `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`,
        evseId,
        start,
        end,
        powerKw: Math.round(powerKw * 100) / 100,
        readings,
        energyWh: readings[readings.length - 1],
        userId: hex(rng, 14).toUpperCase(),
      };
      sessions.push(session);
      if (reserve) reservedAhead.set(session.serviceSessionId, reserve);
      freeFrom = end + 15 * MINUTE;
    }
  }
  return { index, evseId, pointKw, operatorId: operatorOfEvse(evseId), outages, sessions, reservedAhead };
}
