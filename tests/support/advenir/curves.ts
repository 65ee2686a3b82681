import { seededRandom } from "@/lib/platform/random/seeded-random";

// Realistic load curves for the tests (vitest and Playwright): no database, no route handlers.

/**
 * A load curve as a supervision system derives it from OCPP MeterValues: a reading of the meter's
 * cumulative Wh register every 1 to 5 minutes (seeded jitter), from `meterWh` (the register since
 * the meter was installed, not 0), at about `kw` with the taper of a battery near full.
 */
export function ocppCurve(o: { start: number; meterWh: number; kw: number; minutes: number; seed: number }): { timestamp: number; value: number }[] {
  const r = seededRandom(o.seed);
  const points = [{ timestamp: o.start, value: o.meterWh }];
  let t = o.start;
  let wh = o.meterWh;
  while (t < o.start + o.minutes * 60) {
    const dt = 60 + Math.floor(r() * 240);
    const progress = (t - o.start) / (o.minutes * 60);
    const kw = o.kw * (progress < 0.8 ? 0.95 + r() * 0.05 : 0.3 + r() * 0.3);
    t += dt;
    wh += Math.round((kw * 1000 * dt) / 3600);
    points.push({ timestamp: t, value: wh });
  }
  return points;
}

/**
 * The shapes of issue 13 §1, from a real client's output: (a) one reading glitches between two
 * consistent ones (its register reads 1,543 Wh below the one before); (b) two meters' readings
 * interleaved under one TransactionID (each register consistent on its own).
 */
export function glitchedCurve(start: number, seed: number) {
  const points = ocppCurve({ start, meterWh: 1_523_400, kw: 7, minutes: 120, seed });
  const k = Math.floor(points.length / 2);
  points[k] = { ...points[k], value: points[k - 1].value - 1543 };
  return { points, glitch: k };
}

export function interleavedCurve(start: number, seed: number) {
  const a = ocppCurve({ start, meterWh: 1_523_400, kw: 7, minutes: 90, seed });
  const taken = new Set(a.map((p) => p.timestamp));
  const b = ocppCurve({ start: start + 30, meterWh: 8_765_432, kw: 11, minutes: 90, seed: seed + 1 }).map((p) => {
    let timestamp = p.timestamp;
    while (taken.has(timestamp)) timestamp++; // two readings at the same second would be ambiguous, not interleaved
    return { ...p, timestamp };
  });
  return [...a, ...b].sort((x, y) => x.timestamp - y.timestamp);
}

/**
 * The body of issue 13 §1 (a month of a real client's curves): 111 clean curves over three
 * stations, plus TX-GLITCH (one glitched reading) on the first and TX-TWO-METERS (two meters
 * interleaved) on the second.
 */
export function monthlyCurvesBody(userId: string, codes: [string, string, string], start = 1_700_000_000) {
  const stations: Record<string, Record<string, { timestamp: number; value: number }[]>> = { [codes[0]]: {}, [codes[1]]: {}, [codes[2]]: {} };
  for (let i = 0; i < 111; i++)
    stations[codes[i % 3]][`TX-${1000 + i}`] = ocppCurve({
      start: start + i * 4 * 3600,
      meterWh: 1_000_000 + i * 50_000,
      kw: 7,
      minutes: 30 + (i % 7) * 20,
      seed: i + 1,
    });
  const glitch = glitchedCurve(start + 200 * 3600, 7001);
  stations[codes[0]]["TX-GLITCH"] = glitch.points;
  stations[codes[1]]["TX-TWO-METERS"] = interleavedCurve(start + 210 * 3600, 7002);
  return { body: { [userId]: stations }, glitch };
}
