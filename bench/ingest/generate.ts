// Realistic data for the ingestion benchmark: stations with the nominal powers of real
// ADVENIR sites (7.4 kW home/residential wallboxes to 50 kW DC), charge sessions of 20 min to
// 10 h over the last 30 days, energy consistent with the power (never flagged), load curves at
// a 5-minute step. Seeded, so every run posts the same bytes.
import { seededRandom } from "@/lib/platform/random/seeded-random";

export interface BenchStation {
  code: string;
  pointCount: number;
  nominalPowerKw: number;
}

const POWERS = [3.7, 7.4, 7.4, 11, 22, 22, 22, 50];

const rng = seededRandom;

export function makeStationSpecs(count: number, seed = 1): BenchStation[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => ({
    code: `BENCH-${String(i + 1).padStart(4, "0")}`,
    pointCount: 1 + Math.floor(r() * 4),
    nominalPowerKw: POWERS[Math.floor(r() * POWERS.length)],
  }));
}

export interface Operation {
  StartTransaction: number;
  StopTransaction: number;
  StartValue: number;
  StopValue: number;
}

const NOW_S = Math.floor(Date.now() / 1000);
const MONTH_S = 30 * 86_400;

function session(r: () => number, station: BenchStation) {
  const start = NOW_S - MONTH_S + Math.floor(r() * (MONTH_S - 12 * 3600));
  const duration = 1200 + Math.floor(r() * 36_000);
  // Average power: 20–90 % of one point's nominal power.
  const wh = Math.floor((station.nominalPowerKw * 1000 * (0.2 + r() * 0.7) * duration) / 3600);
  return { start, duration, wh };
}

/** `count` operations spread over the stations: { UserID: { StationID: { TransactionID: … } } }. */
export function makeOperationsBody(userId: string, stations: BenchStation[], count: number, seed = 2, prefix = "OP") {
  const r = rng(seed);
  const byStation: Record<string, Record<string, Operation>> = {};
  const index = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const station = stations[i % stations.length];
    const { start, duration, wh } = session(r, station);
    const meter = index.get(station.code) ?? Math.floor(r() * 1_000_000);
    index.set(station.code, meter + wh);
    (byStation[station.code] ??= {})[`${prefix}-${i}`] = {
      StartTransaction: start,
      StopTransaction: start + duration,
      StartValue: meter,
      StopValue: meter + wh,
    };
  }
  return { [userId]: byStation };
}

/** `curves` load curves of `points` points each, 5 minutes apart, cumulative energy. */
export function makeCurvesBody(userId: string, stations: BenchStation[], curves: number, points: number, seed = 3) {
  const r = rng(seed);
  const byStation: Record<string, Record<string, { timestamp: number; value: number }[]>> = {};
  for (let i = 0; i < curves; i++) {
    const station = stations[i % stations.length];
    const start = NOW_S - MONTH_S + Math.floor(r() * (MONTH_S - 86_400));
    const maxStepWh = (station.nominalPowerKw * 1000 * 300) / 3600;
    let value = Math.floor(r() * 1_000_000);
    const list: { timestamp: number; value: number }[] = [];
    for (let p = 0; p < points; p++) {
      list.push({ timestamp: start + p * 300, value });
      value += Math.floor(maxStepWh * (0.2 + r() * 0.7));
    }
    (byStation[station.code] ??= {})[`CURVE-${i}`] = list;
  }
  return { [userId]: byStation };
}

/** The operations of a body as rows (station code, transaction, times, energy), for the COPY. */
export function operationRows(body: Record<string, Record<string, Record<string, Operation>>>) {
  const rows: { code: string; tx: string; op: Operation }[] = [];
  for (const stations of Object.values(body))
    for (const [code, txs] of Object.entries(stations)) for (const [tx, op] of Object.entries(txs)) rows.push({ code, tx, op });
  return rows;
}
