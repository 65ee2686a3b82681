import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { RecomputeForm } from "@/components/indicators/recompute-form";
import { recomputeIndicatorsAction } from "@/app/(admin)/admin/indicateurs/actions";

/** Before the first run, the admin can launch it from the committee pages too. */
export function noRunAction(user: CurrentUser) {
  return can(user.role, "indicators:compute") ? <RecomputeForm action={recomputeIndicatorsAction} withRange={false} /> : null;
}
