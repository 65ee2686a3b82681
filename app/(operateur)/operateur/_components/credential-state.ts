import type { ActionState } from "@/lib/platform/http/action-state-shared";

// What the credential actions return to the form: the usual message, plus the new secret,
// shown once in the browser and never stored nor shown again.
export interface CredentialActionState extends ActionState {
  issued?: { username: string; secret: string; env: "production" | "sandbox" };
}

export const INITIAL_CREDENTIAL_STATE: CredentialActionState = { ok: false };
