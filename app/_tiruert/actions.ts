"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import {
  fileStatementSchema,
  registerPointsSchema,
  unregisterPointSchema,
  type FileStatementFormInput,
  type RegisterPointsFormInput,
} from "@/lib/schemas/tiruert";
import { registerPoints, unregisterPoint } from "@/lib/tiruert/register-points";
import { fileStatement } from "@/lib/tiruert/file-statement";
import { tiruertActor } from "@/lib/tiruert/format";
import type { Quarter } from "@/lib/tiruert/quarter";
import { tiruertBase } from "./base";

// The TIRUERT actions of beneficiaries and operators; the pages they return to follow the role.

export const registerPointsAction = action<ActionState, [], RegisterPointsFormInput>("tiruert:prepare-own", registerPointsSchema, async ({ user, input }) => {
  const { registered } = await registerPoints({ actor: tiruertActor(user), points: input.points });
  revalidatePath(tiruertBase(user.role), "layout");
  return { ok: true, message: `${registered} point${registered > 1 ? "s" : ""} enregistré${registered > 1 ? "s" : ""} dans le dispositif.` };
});

export const unregisterPointAction = action<ActionState, [], { chargePointId: string }>(
  "tiruert:prepare-own",
  unregisterPointSchema,
  async ({ user, input }) => {
    await unregisterPoint({ actor: tiruertActor(user), chargePointId: input.chargePointId });
    revalidatePath(tiruertBase(user.role), "layout");
    return { ok: true, message: "Point retiré du dispositif." };
  },
);

export const fileStatementAction = action<ActionState, [], FileStatementFormInput>("tiruert:prepare-own", fileStatementSchema, async ({ user, input }) => {
  const r = await fileStatement({
    actor: tiruertActor(user),
    siren: input.siren,
    year: input.year,
    quarter: input.quarter as Quarter,
    expectedVersion: input.expectedVersion,
  });
  redirect(`${tiruertBase(user.role)}/recus/${r.id}`);
});
