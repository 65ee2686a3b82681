"use server";

import { revalidatePath } from "next/cache";
import type { DataEnv } from "@/generated/prisma/enums";
import { action } from "@/lib/auth/action";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import { createRelayAccount } from "@/lib/gireve-relay/create-relay-account";
import { revokeRelayAccount } from "@/lib/gireve-relay/revoke-relay-account";
import { rotateRelaySecret } from "@/lib/gireve-relay/rotate-relay-secret";
import { setRelayCertificate } from "@/lib/gireve-relay/set-relay-certificate";
import type { SecretsActionState } from "@/components/admin/secrets-state";

// The admin's actions on the GIREVE relay's accounts; each calls one lib function (validated,
// audited, and forgetting the door's remembered secrets there).

const PAGE = "/admin/gireve";
const ENV_LABEL = { production: "production", sandbox: "bac à sable" } as const;

/** A relay account, with its generated secret shown once. */
export const createRelayAccountAction = action("gireve:manage", null, async ({ user, values }): Promise<SecretsActionState> => {
  const created = await createRelayAccount(
    { env: (values.env ?? "") as DataEnv, label: values.label, certFingerprint: values.certFingerprint }, // checked by the lib's schema
    { actor: user.email, actorUserId: user.id },
  );
  revalidatePath(PAGE);
  return {
    ok: true,
    message: `L'accès du relais ${created.username} (${ENV_LABEL[created.env]}) est créé.`,
    secrets: [{ label: "Secret HTTP Basic du relais GIREVE", login: created.username, secret: created.secret }],
  };
});

/** A new secret for a relay account, shown once; the old one stops at once. */
export const rotateRelaySecretAction = action("gireve:manage", null, async ({ user, values }): Promise<SecretsActionState> => {
  const rotated = await rotateRelaySecret({ accountId: values.accountId ?? "", actor: user.email, actorUserId: user.id });
  return { ok: true, secrets: [{ label: "Nouveau secret HTTP Basic du relais GIREVE", login: rotated.username, secret: rotated.secret }] };
});

export const revokeRelayAccountAction = action("gireve:manage", null, async ({ user, values }): Promise<ActionState> => {
  const revoked = await revokeRelayAccount({ accountId: values.accountId ?? "", actor: user.email, actorUserId: user.id });
  revalidatePath(PAGE);
  return { ok: true, message: revoked.alreadyRevoked ? `L'accès ${revoked.username} était déjà révoqué.` : `L'accès ${revoked.username} est révoqué.` };
});

/** Binds a client certificate to a relay account, or removes it (empty fingerprint). */
export const setRelayCertificateAction = action("gireve:manage", null, async ({ user, values }): Promise<ActionState> => {
  const set = await setRelayCertificate({
    accountId: values.accountId ?? "",
    certFingerprint: values.certFingerprint ?? "",
    actor: user.email,
    actorUserId: user.id,
  });
  revalidatePath(PAGE);
  const what = set.certFingerprint ? `est associé au certificat ${set.certFingerprint}` : "n'a plus de certificat (HTTP Basic seulement)";
  return { ok: true, message: set.changed ? `L'accès ${set.username} ${what}.` : `Rien n'a changé : l'accès ${set.username} ${what}.` };
});
