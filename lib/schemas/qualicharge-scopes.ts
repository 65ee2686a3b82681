// QualiCharge's scopes (../shared/docs/QUALICHARGE.md): a user holds a list of them; superusers
// bypass them. `all:*` names every scope of its family, as in QualiCharge. Described here, below
// the door and the accounts domain, since both read the list (the door checks, the domain grants).

export const SCOPES = [
  "static:create",
  "static:read",
  "static:update",
  "static:delete",
  "dynamic:create",
  "dynamic:read",
  "dynamic:update",
  "dynamic:delete",
  "manage:read",
] as const;

export type Scope = (typeof SCOPES)[number];

export const ALL_SCOPES = ["all:create", "all:read", "all:update", "all:delete"] as const;

export type GrantableScope = Scope | (typeof ALL_SCOPES)[number];

export const GRANTABLE_SCOPES: readonly GrantableScope[] = [...SCOPES, ...ALL_SCOPES];
