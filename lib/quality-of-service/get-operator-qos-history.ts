import { listQosMonths } from "@/lib/quality-of-service/list-qos-months";
import { periodContaining, periodLabel, previousPeriod, type QosPeriod } from "@/lib/quality-of-service/qos-period";
import { readQosCells, type QosCell } from "@/lib/quality-of-service/read-qos-cells";
import { COMMITTEE_KINDS, TREND_LENGTH, type QosTrendPoint } from "@/lib/quality-of-service/get-qos-dashboard";
import type { QosPeriodKind, QosQuery } from "@/lib/schemas/quality-of-service";

// One operator's historised figures as the committee reads them (issue 19): its cell of the
// operators' level for each period of the trend, published or withheld exactly as in the
// ranking (the same suppression among operators), beside the national cell.

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
  const anchor = query.debut ?? (await listQosMonths())[0];
  if (!anchor) return { code, label: null, kind, period: null, periodLabel: "", current: null, trend: [] };
  const period = periodContaining(kind, anchor);
  const periods: QosPeriod[] = [period];
  while (periods.length < TREND_LENGTH[kind]) periods.unshift(previousPeriod(periods[0]));
  const trend = await Promise.all(
    periods.map(async (p) => {
      const [operators, national] = await Promise.all([readQosCells({ level: "operateur", period: p }), readQosCells({ level: "national", period: p })]);
      return { period: p, label: periodLabel(p), own: operators.cells.find((c) => c.code === code) ?? null, national: national.cells[0] ?? null };
    }),
  );
  const current = trend[trend.length - 1].own;
  const label = trend.map((t) => t.own?.label).find((l) => l !== undefined) ?? null;
  return { code, label, kind, period, periodLabel: periodLabel(period), current, trend };
}
