"use server";

import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/platform/errors";
import { action } from "@/lib/auth/action";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import type { DataEnv } from "@/generated/prisma/enums";
import { createApiCredential } from "@/lib/operators/create-api-credential";
import { rotateApiCredential } from "@/lib/operators/rotate-api-credential";
import { revokeApiCredential } from "@/lib/operators/revoke-api-credential";
import { findOwnCredential } from "@/lib/operator-console/find-own-credential";
import { wipeSandbox } from "@/lib/channels/advenir/wipe-sandbox";
import type { CredentialActionState } from "./_components/credential-state";

// Server actions of the operator console. Each checks the permission again (action()), and that
// the credential belongs to the signed-in user's operator, before calling lib/.

function operatorOf(user: { operatorId: string | null }): string {
  if (!user.operatorId) throw new AppError("FORBIDDEN", "Votre compte n'est rattaché à aucun opérateur.");
  return user.operatorId;
}

/** intent = "create" | "rotate:<credentialId>" | "revoke:<credentialId>" (the button pressed). */
export const manageCredentialAction = action("operator:credentials", null, async ({ user, values }): Promise<CredentialActionState> => {
  const who = { actor: user.email, actorUserId: user.id };
  const operatorId = operatorOf(user);
  const [intent, credentialId = ""] = (values.intent ?? "").split(":");
  let result: CredentialActionState;
  if (intent === "create") {
    const issued = await createApiCredential({ operatorId, env: values.env as DataEnv, label: values.label || undefined, ...who });
    result = { ok: true, message: `Accès ${issued.username} créé.`, issued: { username: issued.username, secret: issued.secret, env: issued.env } };
  } else if (intent === "rotate") {
    await findOwnCredential({ operatorId, credentialId });
    const issued = await rotateApiCredential({ credentialId, ...who });
    result = {
      ok: true,
      message: `Secret renouvelé : l'accès ${issued.revokedUsername} est révoqué, remplacé par ${issued.username}.`,
      issued: { username: issued.username, secret: issued.secret, env: issued.env },
    };
  } else if (intent === "revoke") {
    const own = await findOwnCredential({ operatorId, credentialId });
    const revoked = await revokeApiCredential({ credentialId, ...who });
    result = { ok: true, message: revoked.alreadyRevoked ? `L'accès ${own.username} était déjà révoqué.` : `Accès ${own.username} révoqué.` };
  } else {
    throw new AppError("INVALID_INPUT", "Action inconnue.");
  }
  revalidatePath("/operateur/identifiants");
  revalidatePath("/operateur");
  return result;
});

export const wipeSandboxAction = action("operator:console", null, async ({ user, values }): Promise<ActionState> => {
  const operatorId = operatorOf(user);
  if (values.confirm !== "oui") throw new AppError("INVALID_INPUT", "Confirmez l'effacement du bac à sable.");
  const wiped = await wipeSandbox({ operatorId, actor: user.email, actorUserId: user.id });
  revalidatePath("/operateur", "layout");
  return {
    ok: true,
    message: `Bac à sable vidé : ${wiped.operations} opération(s), ${wiped.curves} courbe(s) et ${wiped.submissions} envoi(s) effacés.`,
  };
});
