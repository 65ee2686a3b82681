import { periodContaining, periodLabel, previousPeriod, type QosPeriod } from "@/lib/quality-of-service/qos-period";
import type { QosCell } from "@/lib/quality-of-service/read-qos-cells";
import { listPublishedQosMonths, readPublishedQosCode } from "@/lib/quality-of-service/read-published-qos";
import { COMMITTEE_KINDS, TREND_LENGTH, type QosTrendPoint } from "@/lib/quality-of-service/get-qos-dashboard";
import type { QosPeriodKind, QosQuery } from "@/lib/schemas/quality-of-service";

// One operator's historised figures as the committee reads them (issue 19): its published cell of
// the operators' level for each month of the trend, published or withheld exactly as in the
// ranking of that month, beside the published national cell.

export interface OperatorQosHistory {
  code: string;
  label: string | null;
  kind: QosPeriodKind;
  period: QosPeriod | null;
  periodLabel: string;
  current: QosCell | null;
  trend: QosTrendPoint[];
}

export async function getOperatorQosHistory(code: string, query: QosQuery): Promise<OperatorQosHistory> {
  const kind = COMMITTEE_KINDS.includes(query.periode) ? query.periode : "month";
  const anchor = query.debut ?? (await listPublishedQosMonths())[0];
  if (!anchor) return { code, label: null, kind, period: null, periodLabel: "", current: null, trend: [] };
  const period = periodContaining(kind, anchor);
  const periods: QosPeriod[] = [period];
  while (periods.length < TREND_LENGTH[kind]) periods.unshift(previousPeriod(periods[0]));
  const months = periods.map((p) => p.fromDay);
  const [own, national] = await Promise.all([readPublishedQosCode("operateur", code, months), readPublishedQosCode("national", "FR", months)]);
  const trend = periods.map((p) => ({ period: p, label: periodLabel(p), own: own.get(p.fromDay) ?? null, national: national.get(p.fromDay) ?? null }));
  const current = trend[trend.length - 1].own;
  const label = trend.map((t) => t.own?.label).find((l) => l !== undefined) ?? null;
  return { code, label, kind, period, periodLabel: periodLabel(period), current, trend };
}
