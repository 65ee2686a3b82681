import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { resolveRun, type RunInfo } from "@/lib/indicators/read-cells";
import { listMeshAreas, listPublishedPeriods } from "@/lib/indicators/list-periods";
import { MESH_LABELS } from "@/lib/schemas/indicator-catalogue";
import { periodLabel, type DashboardParams } from "@/lib/indicators/dashboard-params";

export interface DashboardContext {
  /** The run whose figures are shown; null before any run, or when what was asked is not published. */
  run: RunInfo | null;
  /** The parameters shown: the ones asked, or defaults for those not asked. */
  filters: Required<Omit<DashboardParams, "indicator">> & Pick<DashboardParams, "indicator">;
  /** Every published period of the kind, whichever run publishes it. */
  periods: string[];
  /** Areas of the chosen level with cells in the run (empty for the national level). */
  areas: { code: string; name: string }[];
  /** Why nothing is shown for what was asked (French, for the page's empty state and the API's 404). */
  missing: string | null;
}

/**
 * Resolves the committee pages' parameters. A period asked is served by the run published for
 * it, or not at all ("missing": never another period under its name); without a period, the
 * latest published period. An area asked must have data in that run (never another area);
 * without one, the first area of the level with figures (not every cell withheld). Reads only run metadata and the period and area
 * lists (a few hundred rows at most).
 */
export async function getDashboardContext(params: DashboardParams, options: { prisma?: PrismaClient } = {}): Promise<DashboardContext> {
  const base = { periodKind: params.periodKind, meshLevel: params.meshLevel, channel: params.channel, indicator: params.indicator };
  const [periods, newest] = await Promise.all([listPublishedPeriods({ periodKind: params.periodKind }, options), resolveRun({}, options.prisma)]);
  if (!newest) {
    // Nothing computed yet: a period asked is still answered plainly.
    const missing = params.periodStart ? `Aucun calcul publié ne couvre la période ${periodLabel(params.periodKind, params.periodStart)}.` : null;
    return { run: null, filters: { ...base, periodStart: params.periodStart ?? "", meshCode: params.meshCode ?? "FR" }, periods, areas: [], missing };
  }
  const asked = params.periodStart;
  // Nothing asked: the latest published period, from the run that publishes it.
  const latest = periods.at(-1);
  const run = asked || latest ? await resolveRun({ periodKind: params.periodKind, periodStart: asked ?? latest }, options.prisma) : newest;
  const areaRun = run ?? newest;
  const listed = params.meshLevel === "national" ? [] : await listMeshAreas({ runId: areaRun.runId, meshLevel: params.meshLevel }, options);
  const areas = listed.map(({ code, name }) => ({ code, name }));
  // Without an area asked, the first one with figures: an area whose every cell is withheld
  // would open the committee's pages on nothing but "secret".
  const firstArea = listed.find((a) => a.published) ?? listed[0];
  const meshCode = params.meshLevel === "national" ? "FR" : (params.meshCode ?? firstArea?.code ?? "");
  const missingOf = (message: string) => ({ run: null, filters: { ...base, periodStart: asked ?? "", meshCode }, periods, areas, missing: message });
  let periodStart: string;
  if (asked) {
    const label = periodLabel(params.periodKind, asked);
    if (!run) return missingOf(`Aucun calcul publié ne couvre la période ${label}.`);
    if (!periods.includes(asked)) return missingOf(`Aucune donnée publiée pour la période ${label} : aucune station n'a transmis de données.`);
    periodStart = asked;
  } else {
    periodStart = latest ?? "";
  }
  if (params.meshLevel !== "national" && params.meshCode && !areas.some((a) => a.code === params.meshCode)) {
    return {
      ...missingOf(`Aucune donnée publiée pour la zone ${params.meshCode} (${MESH_LABELS[params.meshLevel].toLowerCase()}) dans le calcul de cette période.`),
      filters: { ...base, periodStart, meshCode },
    };
  }
  return { run, filters: { ...base, periodStart, meshCode }, periods, areas, missing: null };
}
