import type { Scope } from "@/lib/schemas/qualicharge-scopes";

// The scope list lives in lib/schemas/qualicharge-scopes.ts (the accounts domain grants them too);
// the door checks them here.
export { ALL_SCOPES, GRANTABLE_SCOPES, SCOPES, type GrantableScope, type Scope } from "@/lib/schemas/qualicharge-scopes";

/** Whether `held` grants `needed` (directly or through `all:<action>`). */
export function grants(held: readonly string[], needed: Scope): boolean {
  if (held.includes(needed)) return true;
  const action = needed.split(":")[1];
  return held.includes(`all:${action}`);
}
