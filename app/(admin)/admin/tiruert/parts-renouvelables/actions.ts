"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import { renewableShareSchema, type RenewableShareInput } from "@/lib/schemas/tiruert";
import { setRenewableShare } from "@/lib/tiruert/renewable-shares";

const PAGE = "/admin/tiruert/parts-renouvelables";

export const setRenewableShareAction = action<ActionState, [], RenewableShareInput>(
  "tiruert:manage-reference",
  renewableShareSchema,
  async ({ user, input }) => {
    await setRenewableShare({ ...input, actor: user.email, actorUserId: user.id });
    revalidatePath(PAGE);
    return { ok: true, message: `Part renouvelable de ${input.year} enregistrée.` };
  },
);
