"use server";

import { revalidatePath } from "next/cache";
import { CONFIRM_EMPTY_VALUE, refreshIndicators } from "@/lib/indicators/refresh-indicators";
import { action } from "@/lib/auth/action";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import { formatNumber } from "@/lib/platform/format";
import { recomputeMonthsSchema } from "@/lib/schemas/recompute";

/**
 * Recomputes every published indicator now (admin), optionally over given months. A run that
 * would replace published months by empty ones is refused until the box "confirm" is checked.
 * The months are checked by the wrapper, in French and per field ("2023-13" is no month),
 * before the computation.
 */
export const recomputeIndicatorsAction = action("indicators:compute", recomputeMonthsSchema, async ({ user, input: months, values }): Promise<ActionState> => {
  const r = await refreshIndicators({ computedBy: user.email, from: months.from, to: months.to, confirmEmpty: values.confirm === CONFIRM_EMPTY_VALUE });
  revalidatePath("/admin/indicateurs");
  revalidatePath("/comite/indicateurs", "layout");
  return {
    ok: true,
    message:
      `Calcul ${r.runId} : ${formatNumber(r.cellCount)} cases calculées, dont ${formatNumber(r.withheldCount)} en secret statistique, ` +
      `en ${formatNumber(r.durationMs)} ms (${r.firstMonth.slice(0, 7)} à ${r.endMonth.slice(0, 7)} exclu).`,
    values,
  };
});
