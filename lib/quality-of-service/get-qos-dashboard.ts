import { getEnv } from "@/lib/platform/env";
import { listQosMonths } from "@/lib/quality-of-service/list-qos-months";
import { periodContaining, periodLabel, previousPeriod, type QosPeriod } from "@/lib/quality-of-service/qos-period";
import { readQosCells, type QosCell } from "@/lib/quality-of-service/read-qos-cells";
import type { QosLevel, QosPeriodKind, QosQuery } from "@/lib/schemas/quality-of-service";

// What a quality-of-service page shows for a choice of period and level: the national cell of
// the period and of the one before, the cells of the level, and the national trend over the
// periods before (12 months, 4 quarters or 5 years). The committee reads publishable figures
// of months; an operator reads its own points' figures (and the committee's
// national figures to compare), every kind of period.

/**
 * The committee reads months only: its figures hold additive counts (points, episodes), so a
 * quarter or a year published beside its months would give a withheld month as the difference.
 */
export const COMMITTEE_KINDS: readonly QosPeriodKind[] = ["month"];

export interface QosTrendPoint {
  period: QosPeriod;
  label: string;
  own: QosCell | null;
  national: QosCell | null;
}

export interface QosDashboard {
  months: string[];
  kind: QosPeriodKind;
  level: QosLevel;
  period: QosPeriod | null;
  label: string;
  national: QosCell | null;
  previousNational: QosCell | null;
  /** The operator's own figures over all its points (operator pages only). */
  own: QosCell | null;
  cells: QosCell[];
  trend: QosTrendPoint[];
  validityHours: number;
  thresholds: { minStations: number; minOwners: number };
}

export const TREND_LENGTH: Record<QosPeriodKind, number> = { day: 14, week: 12, month: 12, quarter: 4, year: 5 };

async function nationalOf(period: QosPeriod): Promise<QosCell | null> {
  if (!COMMITTEE_KINDS.includes(period.kind)) return null;
  return (await readQosCells({ level: "national", period })).cells[0] ?? null;
}

async function ownOf(period: QosPeriod, operatorId: string): Promise<QosCell | null> {
  return (await readQosCells({ level: "national", period, operatorId })).cells[0] ?? null;
}

export async function getQosDashboard(query: QosQuery, who: { operatorId?: string } = {}): Promise<QosDashboard> {
  const operatorId = who.operatorId;
  const kind: QosPeriodKind = operatorId || COMMITTEE_KINDS.includes(query.periode) ? query.periode : "month";
  // Committee tables stop at communes; an operator's own table may go down to each of its units.
  const level = query.maille;
  const months = await listQosMonths({ operatorId });
  const env = getEnv();
  const base = { months, kind, level, validityHours: env.QOS_STATUS_VALIDITY_HOURS };
  const anchor = query.debut ?? months[0];
  if (!anchor) {
    return {
      ...base,
      period: null,
      label: "",
      national: null,
      previousNational: null,
      own: null,
      cells: [],
      trend: [],
      thresholds: { minStations: env.ANON_MIN_STATIONS, minOwners: env.ANON_MIN_BENEFICIARIES },
    };
  }
  const period = periodContaining(kind, anchor);
  const periods: QosPeriod[] = [period];
  while (periods.length < TREND_LENGTH[kind]) periods.unshift(previousPeriod(periods[0]));
  const [levelCells, national, previousNational, trend] = await Promise.all([
    readQosCells({ level, period, operatorId }),
    nationalOf(period),
    nationalOf(previousPeriod(period)),
    Promise.all(
      periods.map(async (p) => ({
        period: p,
        label: periodLabel(p),
        own: operatorId ? await ownOf(p, operatorId) : null,
        national: await nationalOf(p),
      })),
    ),
  ]);
  return {
    ...base,
    period,
    label: periodLabel(period),
    national,
    previousNational,
    own: trend[trend.length - 1].own,
    cells: levelCells.cells,
    trend,
    thresholds: levelCells.thresholds,
  };
}
