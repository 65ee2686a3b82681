"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { CONFIRM_EMPTY_VALUE, refreshIndicators } from "@/lib/indicators/refresh-indicators";
import { actionError, formValues } from "@/lib/platform/http/action-state";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import { formatNumber } from "@/lib/platform/format";
import { parseInput } from "@/lib/schemas/validation";
import { recomputeMonthsSchema } from "@/lib/schemas/recompute";

/**
 * Recomputes every published indicator now (admin), optionally over given months. A run that
 * would replace published months by empty ones is refused until the box "confirm" is checked.
 */
export async function recomputeIndicatorsAction(_: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("indicators:compute");
  const values = formValues(form);
  try {
    // Months checked here, in French and per field ("2023-13" is no month), before the computation.
    const months = parseInput(recomputeMonthsSchema, { from: values.from, to: values.to });
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
  } catch (e) {
    return actionError(e, values);
  }
}
