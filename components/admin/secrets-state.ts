import type { ActionState } from "@/lib/platform/http/action-state-shared";

// What the account and operator actions return to their forms: the usual message, plus the
// secrets the action created (an initial password, API credentials), shown once in the browser
// and never stored in clear nor shown again.
export interface IssuedSecret {
  label: string;
  login: string;
  secret: string;
}

export interface SecretsActionState extends ActionState {
  secrets?: IssuedSecret[];
}

export const INITIAL_SECRETS_STATE: SecretsActionState = { ok: false };
