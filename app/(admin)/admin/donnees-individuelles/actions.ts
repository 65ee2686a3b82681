"use server";

import { revalidatePath } from "next/cache";
import { purgeIndividualData } from "@/lib/programme/purge-individual-data";
import { action } from "@/lib/auth/action";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import { formatNumber } from "@/lib/platform/format";

/** End of the programme: deletes every piece of individual data (admin, typed confirmation). */
export const purgeIndividualDataAction = action("individual-data:purge", null, async ({ user, values }): Promise<ActionState> => {
  const { counts } = await purgeIndividualData({ confirmation: values.confirmation ?? "", actor: user.email, actorUserId: user.id });
  revalidatePath("/admin", "layout");
  return {
    ok: true,
    message:
      `Supprimé : ${formatNumber(counts.chargeOperations)} opération(s), ${formatNumber(counts.loadCurves)} courbe(s), ` +
      `${formatNumber(counts.submissions)} appel(s) journalisé(s), ${formatNumber(counts.statuses)} statut(s) ; ` +
      `${formatNumber(counts.activeCredentials)} accès à l'API révoqué(s), ${formatNumber(counts.activeApiUsers)} compte(s) de l'API QualiCharge désactivé(s).`,
  };
});
