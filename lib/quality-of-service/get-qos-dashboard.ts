import { getEnv } from "@/lib/platform/env";
import { listQosMonths } from "@/lib/quality-of-service/list-qos-months";
import { periodContaining, periodLabel, previousPeriod, type QosPeriod } from "@/lib/quality-of-service/qos-period";
import { readQosCells, type QosCell } from "@/lib/quality-of-service/read-qos-cells";
import {
  listPublishedQosMonths,
  readPublishedQosCells,
  readPublishedQosCode,
  readQosPublicationInfo,
  type QosPublicationInfo,
} from "@/lib/quality-of-service/read-published-qos";
import type { QosLevel, QosPeriodKind, QosQuery } from "@/lib/schemas/quality-of-service";

// What a quality-of-service page shows for a choice of period and level: the national cell of
// the period and of the one before, the cells of the level, and the national trend over the
// periods before (12 months, 4 quarters or 5 years). The committee reads the published figures
// of closed months (publish-qos-month.ts); an operator reads its own points' figures, every kind
// of period, computed from the daily rows, and the committee's published national figures to
// compare.

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
  /** When the committee's month was published (committee pages only). */
  publication: QosPublicationInfo | null;
}

export const TREND_LENGTH: Record<QosPeriodKind, number> = { day: 14, week: 12, month: 12, quarter: 4, year: 5 };

/** The published national cell of each month among `periods` (other kinds: none). */
async function publishedNational(periods: QosPeriod[]): Promise<Map<string, QosCell>> {
  const months = periods.filter((p) => COMMITTEE_KINDS.includes(p.kind)).map((p) => p.fromDay);
  return readPublishedQosCode("national", "FR", months);
}

async function ownOf(period: QosPeriod, operatorId: string): Promise<QosCell | null> {
  return (await readQosCells({ level: "national", period, operatorId })).cells[0] ?? null;
}

export async function getQosDashboard(query: QosQuery, who: { operatorId?: string } = {}): Promise<QosDashboard> {
  const operatorId = who.operatorId;
  const kind: QosPeriodKind = operatorId || COMMITTEE_KINDS.includes(query.periode) ? query.periode : "month";
  // Committee tables stop at communes; an operator's own table may go down to each of its units.
  const level = query.maille;
  const months = operatorId ? await listQosMonths({ operatorId }) : await listPublishedQosMonths();
  const env = getEnv();
  const base = { months, kind, level, validityHours: env.QOS_STATUS_VALIDITY_HOURS };
  const anchor = query.debut ?? months[0];
  const empty = {
    ...base,
    label: "",
    national: null,
    previousNational: null,
    own: null,
    cells: [],
    trend: [],
    thresholds: { minStations: env.ANON_MIN_STATIONS, minOwners: env.ANON_MIN_BENEFICIARIES },
    publication: null,
  };
  if (!anchor) return { ...empty, period: null };
  const period = periodContaining(kind, anchor);
  const periods: QosPeriod[] = [period];
  while (periods.length < TREND_LENGTH[kind]) periods.unshift(previousPeriod(periods[0]));
  const previous = previousPeriod(period);
  const [levelCells, national, publication, ownTrend] = await Promise.all([
    operatorId ? readQosCells({ level, period, operatorId }) : readPublishedQosCells(level, period.fromDay),
    publishedNational([...periods, previous]),
    operatorId ? null : readQosPublicationInfo(period.fromDay),
    operatorId ? Promise.all(periods.map((p) => ownOf(p, operatorId))) : null,
  ]);
  // The committee asked for a month that is not published: nothing to show for it.
  if (!levelCells) return { ...empty, period, label: periodLabel(period) };
  const trend = periods.map((p, i) => ({ period: p, label: periodLabel(p), own: ownTrend?.[i] ?? null, national: national.get(p.fromDay) ?? null }));
  return {
    ...base,
    period,
    label: periodLabel(period),
    national: national.get(period.fromDay) ?? null,
    previousNational: national.get(previous.fromDay) ?? null,
    own: trend[trend.length - 1].own,
    cells: levelCells.cells,
    trend,
    thresholds: levelCells.thresholds,
    publication,
  };
}
