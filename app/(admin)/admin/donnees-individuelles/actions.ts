"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { purgeIndividualData } from "@/lib/programme/purge-individual-data";
import { actionError, formValues } from "@/lib/platform/http/action-state";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import { formatNumber } from "@/lib/platform/format";

/** End of the programme: deletes every piece of individual data (admin, typed confirmation). */
export async function purgeIndividualDataAction(_: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("individual-data:purge");
  const values = formValues(form);
  try {
    const { counts } = await purgeIndividualData({ confirmation: values.confirmation ?? "", actor: user.email, actorUserId: user.id });
    revalidatePath("/admin", "layout");
    return {
      ok: true,
      message:
        `Supprimé : ${formatNumber(counts.chargeOperations)} opération(s), ${formatNumber(counts.loadCurves)} courbe(s), ` +
        `${formatNumber(counts.submissions)} appel(s) journalisé(s) ; ${formatNumber(counts.activeCredentials)} accès à l'API révoqué(s).`,
    };
  } catch (e) {
    return actionError(e, values);
  }
}
