import "server-only";
import { db } from "@/lib/platform/db/database";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { getEnv } from "@/lib/platform/env";
import { suppressSmallGroups, totalPasses, type Group, type Suppressed, type Thresholds } from "@/lib/anonymity/suppress-small-groups";
import { provisionalCertifiedWh } from "@/lib/tiruert/certified-quantity";
import type { StatementContent } from "@/lib/tiruert/statement-content";
import { filingDeadline, type Quarter } from "@/lib/tiruert/quarter";
import { addCalendarDays, parisMidnight } from "@/lib/platform/time/paris-time";

// What the committee sees of the TIRUERT: per quarter of a year, the national and regional totals
// of declared energy and provisional certified quantity of the filed statements (latest version
// of each), under the anonymity rules of the indicators (lib/anonymity): a région is published
// when it gathers at least ANON_MIN_STATIONS points and ANON_MIN_BENEFICIARIES aménageurs, with
// secondary secrecy so that no withheld région is known by subtraction; the national total only
// when it passes too. Points in no known région count in the "non renseignée" group.

export interface QuarterTotals {
  quarter: number;
  national: { energyWh: number; certifiedWh: number; points: number; amenageurs: number } | null;
  regions: (Suppressed<string> & { name: string; certifiedWh?: number })[];
}

export interface LatestStatement {
  quarter: number;
  siren: string;
  content: Pick<StatementContent, "points">;
}

/** The totals of the given latest versions, per quarter, with the anonymity rules applied. */
export function summarizeTotals(latest: LatestStatement[], regionNames: ReadonlyMap<string, string>, t: Thresholds): QuarterTotals[] {
  const out: QuarterTotals[] = [];
  for (const quarter of [1, 2, 3, 4]) {
    const groups = new Map<string, Group & { stations: Set<string>; beneficiaries: Set<string> }>();
    for (const s of latest.filter((r) => r.quarter === quarter)) {
      for (const p of s.content.points) {
        const key = p.regionCode ?? "inconnue";
        const g = groups.get(key) ?? { key, count: 0, stations: new Set<string>(), beneficiaries: new Set<string>() };
        g.count += p.energyWh;
        g.stations.add(p.idPdcItinerance);
        g.beneficiaries.add(s.siren);
        groups.set(key, g);
      }
    }
    const list = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
    const passes = list.length > 0 && totalPasses(list, t);
    const energyWh = list.reduce((a, g) => a + g.count, 0);
    out.push({
      quarter,
      national: passes
        ? {
            energyWh,
            certifiedWh: provisionalCertifiedWh(energyWh),
            points: list.reduce((a, g) => a + g.stations.size, 0),
            amenageurs: new Set(list.flatMap((g) => [...g.beneficiaries])).size,
          }
        : null,
      regions: suppressSmallGroups(list, t).map((r) => ({
        ...r,
        name: regionNames.get(r.key) ?? "Région non renseignée",
        ...(r.secret ? {} : { certifiedWh: provisionalCertifiedWh(r.count) }),
      })),
    });
  }
  return out;
}

/** A quarter's totals as the committee reads them: published once its filing deadline has passed. */
export type CommitteeQuarter = QuarterTotals & { deadline: string; published: boolean };

export async function getCommitteeTotals(input: { year: number; now?: Date }): Promise<CommitteeQuarter[]> {
  const prisma = await db();
  const now = input.now ?? new Date();
  const quarters = ([1, 2, 3, 4] as Quarter[]).map((quarter) => {
    const deadline = filingDeadline({ year: input.year, quarter });
    const cutoff = parisMidnight(addCalendarDays(deadline, 1));
    return { quarter, deadline, cutoff, published: cutoff.getTime() <= now.getTime() };
  });
  const open = quarters.filter((q) => q.published);
  const latest = await queryRows<LatestStatement>(
    prisma,
    sql`SELECT DISTINCT ON (s.siren, s.quarter) s.quarter, s.siren, s.content
          FROM tiruert_statement s
          JOIN unnest(${open.map((q) => q.quarter)}::int[], ${open.map((q) => q.cutoff.toISOString())}::timestamptz[]) AS c(quarter, cutoff)
            ON c.quarter = s.quarter
         WHERE s.year = ${input.year} AND s.filed_at < c.cutoff
         ORDER BY s.siren, s.quarter, s.version DESC`,
  );
  const regionNames = new Map((await prisma.region.findMany({ select: { code: true, name: true } })).map((r) => [r.code, r.name]));
  const env = getEnv();
  const totals = summarizeTotals(latest, regionNames, { minStations: env.ANON_MIN_STATIONS, minBeneficiaries: env.ANON_MIN_BENEFICIARIES });
  return quarters.map((q, i) => ({ ...totals[i], deadline: q.deadline, published: q.published }));
}
