import { rawSql } from "@/lib/platform/db/database";
import type { DataEnv } from "@/generated/prisma/enums";
import { authenticationFailed, insufficientPermissions, notAuthenticated } from "@/lib/channels/qualicharge/errors";
import { grants, type Scope } from "@/lib/channels/qualicharge/auth/scopes";
import { verifyToken } from "@/lib/channels/qualicharge/auth/tokens";

// Who calls the QualiCharge API: the API user behind a bearer token, with its scopes, its
// operational units (through its groups) and its operator. Read from the database, then kept in
// memory PRINCIPAL_TTL_MS: a disabled user, a changed password or a removed unit takes effect
// within that delay (docs/api-qualicharge.md).

export interface QualichargePrincipal {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  isSuperuser: boolean;
  isActive: boolean;
  scopes: string[];
  /** Codes of the operational units of the user's groups (AFIREV prefixes, upper case). */
  units: string[];
  groups: string[];
  operatorId: string | null;
  env: DataEnv;
  passwordChangedAt: Date | null;
}

const PRINCIPAL_TTL_MS = 10_000;
const cache = new Map<string, { principal: QualichargePrincipal | null; expires: number }>();

/** Forgets what is remembered of API users (tests; an admin's change in this process). */
export function forgetPrincipals(): void {
  cache.clear();
}

interface PrincipalRow {
  id: string;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  is_superuser: boolean;
  is_active: boolean;
  scopes: string[] | null;
  operator_id: string | null;
  env: DataEnv;
  password_changed_at: Date | string | null;
  units: string[] | null;
  groups: string[] | null;
}

const PRINCIPAL_SQL = `
SELECT u.id::text, u.username, u.email, u.first_name, u.last_name, u.is_superuser, u.is_active, u.scopes,
       u.operator_id::text, u.env::text AS env, u.password_changed_at,
       (SELECT array_agg(DISTINCT gu.unit_code ORDER BY gu.unit_code) FROM api_user_group ug JOIN api_group_unit gu ON gu.group_id = ug.group_id
         WHERE ug.user_id = u.id) AS units,
       (SELECT array_agg(g.name ORDER BY g.name) FROM api_user_group ug JOIN api_group g ON g.id = ug.group_id WHERE ug.user_id = u.id) AS groups
  FROM api_user u WHERE u.id = $1::uuid`;

export async function loadPrincipal(userId: string): Promise<QualichargePrincipal | null> {
  const hit = cache.get(userId);
  if (hit && hit.expires > Date.now()) return hit.principal;
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const sql = await rawSql();
  const [row] = await sql.query<PrincipalRow>(PRINCIPAL_SQL, [userId], { name: "qc_principal" });
  const principal: QualichargePrincipal | null = row
    ? {
        id: row.id,
        username: row.username,
        email: row.email,
        firstName: row.first_name,
        lastName: row.last_name,
        isSuperuser: row.is_superuser,
        isActive: row.is_active,
        scopes: row.scopes ?? [],
        units: (row.units ?? []).map((u) => u.toUpperCase()),
        groups: row.groups ?? [],
        operatorId: row.operator_id,
        env: row.env,
        passwordChangedAt: row.password_changed_at ? new Date(row.password_changed_at) : null,
      }
    : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(userId, { principal, expires: Date.now() + PRINCIPAL_TTL_MS });
  return principal;
}

/** The bearer token's user (401 as QualiCharge: no token, bad token, unknown or inactive user). */
export async function authenticateBearer(authorization: string | null): Promise<QualichargePrincipal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) throw notAuthenticated();
  const token = await verifyToken(match[1]);
  const principal = await loadPrincipal(token.userId);
  if (!principal) throw authenticationFailed("User not found");
  if (!principal.isActive) throw authenticationFailed("User is not active");
  // Tokens issued before the last password change (or deactivation) are void. JWT times are in
  // whole seconds: compare at that precision.
  if (principal.passwordChangedAt && token.issuedAt.getTime() < Math.floor(principal.passwordChangedAt.getTime() / 1000) * 1000)
    throw authenticationFailed("Token has been revoked");
  return principal;
}

/** 403 unless the user holds the scope (superusers hold every scope). */
export function requireScope(principal: QualichargePrincipal, scope: Scope): void {
  if (principal.isSuperuser || grants(principal.scopes, scope)) return;
  throw insufficientPermissions(`missing scope ${scope}`);
}

/** Whether the point (or station) id belongs to one of the user's operational units. */
export function ownsId(principal: QualichargePrincipal, id: string): boolean {
  if (principal.isSuperuser) return true;
  return principal.units.includes(id.slice(0, 5).toUpperCase());
}

/** 403 unless every id belongs to the user's units (tenancy of QualiCharge; after validation). */
export function requireTenancy(principal: QualichargePrincipal, ids: Iterable<string>): void {
  for (const id of ids) if (!ownsId(principal, id)) throw insufficientPermissions(`you cannot access ${id} (operational unit ${id.slice(0, 5)})`);
}
