import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { DataEnv } from "@/generated/prisma/enums";
import { db, rawSql } from "@/lib/platform/db/database";
import { decoyHash, verifySecret } from "@/lib/auth/password";
import { clearFailures, machineLoginPolicies, recordFailure } from "@/lib/auth/throttle";
import { parseBasicAuthorization } from "@/lib/platform/http/basic-auth";

// Authentication of the GIREVE relay (ADR 0023), as the ADVENIR API authenticates operators:
//   - a client certificate, when the portal's server set x-portal-client-cert-sha256 (only for a
//     configured trusted proxy that terminated TLS; stripped from anyone else);
//   - HTTP Basic as a fallback: login and secret split on the first colon, scrypt verification in
//     constant time, against a decoy hash for an unknown login; failures throttled per login and
//     per client address (429 + Retry-After), as every machine login of the portal.
// The relay sends one message per call, many per second: a verified secret is remembered for a
// few minutes as an HMAC under a process key, tied to the stored hash (a rotation voids it), its
// account read again every few seconds (RECHECK_MS), not on every call.

export interface RelayPrincipal {
  id: string;
  username: string;
  env: DataEnv;
  method: "basic" | "certificate";
}

export class RelayAuthError extends Error {
  constructor(
    readonly status: 401 | 429,
    message: string,
    /** The login tried ("" when none could be read), for the security log. */
    readonly login: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "RelayAuthError";
  }
}

const CACHE_TTL_MS = 5 * 60_000;
/** How long a remembered secret is trusted without reading its account again. */
const RECHECK_MS = 5_000;
const cacheKey = randomBytes(32);
const digestOf = (secret: string) => createHmac("sha256", cacheKey).update(secret).digest();

interface Remembered {
  digest: Buffer;
  secretHash: string;
  expires: number;
  /** When the account was last read and found usable. */
  checkedAt: number;
  principal: RelayPrincipal;
}
const remembered = new Map<string, Remembered>();

/** Forgets every remembered secret (an account revoked or rotated in this process). */
export function forgetRelaySecrets(): void {
  remembered.clear();
}

interface AccountRow {
  id: string;
  username: string;
  secret_hash: string;
  env: DataEnv;
  revoked: boolean;
}

const ACCOUNT_SQL = `SELECT id::text, username, secret_hash, env::text AS env, revoked_at IS NOT NULL AS revoked FROM gireve_relay_account`;

async function touch(id: string): Promise<void> {
  const prisma = await db();
  await prisma.$executeRaw`UPDATE gireve_relay_account SET last_used_at = now()
                            WHERE id = ${id}::uuid AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`;
}

/**
 * The relay account behind a request's headers (`fingerprint`: the trusted certificate header,
 * `authorization`: the Authorization header), or a RelayAuthError (401, 429).
 */
export async function authenticateRelay(request: { fingerprint: string | null; authorization: string | null; ip: string }): Promise<RelayPrincipal> {
  const prisma = await db();
  if (request.fingerprint) {
    const [row] = await prisma.$queryRawUnsafe<AccountRow[]>(
      `${ACCOUNT_SQL} WHERE cert_fingerprint = $1 AND revoked_at IS NULL`,
      request.fingerprint.toLowerCase(),
    );
    if (row) {
      await touch(row.id);
      return { id: row.id, username: row.username, env: row.env, method: "certificate" };
    }
  }
  if (!request.authorization)
    throw new RelayAuthError(
      401,
      request.fingerprint
        ? "certificat client non reconnu ou révoqué, et aucun identifiant Basic fourni"
        : "authentification requise : certificat client ou identifiants HTTP Basic (Authorization)",
      "",
    );
  const basic = parseBasicAuthorization(request.authorization);
  if (!basic) throw new RelayAuthError(401, "en-tête Authorization invalide : « Basic » suivi de identifiant:secret en base64 attendu", "");

  const hit = remembered.get(basic.username);
  if (hit && hit.expires > Date.now() && timingSafeEqual(hit.digest, digestOf(basic.secret))) {
    // Checked against the database (not revoked, same hash) at most every RECHECK_MS: one indexed
    // read, no scrypt. A revocation or a new secret in this process forgets at once
    // (forgetRelaySecrets); in another instance of the portal it takes effect within RECHECK_MS.
    if (hit.checkedAt + RECHECK_MS > Date.now()) return hit.principal;
    const [row] = await (await rawSql()).query<AccountRow>(`${ACCOUNT_SQL} WHERE username = $1`, [basic.username], { name: "gireve_relay_account" });
    if (row && !row.revoked && row.secret_hash === hit.secretHash) {
      hit.checkedAt = Date.now();
      return hit.principal;
    }
    remembered.delete(basic.username);
  }

  const userKey = `relay:user:${basic.username}`;
  const ipKey = `relay:ip:${request.ip}`;
  const blocks = await prisma.authThrottle.findMany({ where: { key: { in: [userKey, ipKey] }, blockedUntil: { gt: new Date() } } });
  const until = Math.max(0, ...blocks.map((b) => b.blockedUntil!.getTime()));
  if (until > Date.now()) {
    const wait = Math.ceil((until - Date.now()) / 1000);
    throw new RelayAuthError(429, `trop d'échecs d'authentification : réessayez dans ${wait} secondes`, basic.username, wait);
  }
  const [row] = await prisma.$queryRawUnsafe<AccountRow[]>(`${ACCOUNT_SQL} WHERE username = $1`, basic.username);
  const usable = row && !row.revoked ? row : null;
  const ok = usable ? await verifySecret(basic.secret, usable.secret_hash) : (await verifySecret(basic.secret, await decoyHash()), false);
  if (!ok || !usable) {
    remembered.delete(basic.username);
    const { user, ip } = machineLoginPolicies();
    await recordFailure(prisma, userKey, user);
    await recordFailure(prisma, ipKey, ip);
    throw new RelayAuthError(401, "identifiant ou secret incorrect, ou accès révoqué", basic.username);
  }
  await clearFailures(prisma, userKey);
  await touch(usable.id);
  const principal: RelayPrincipal = { id: usable.id, username: usable.username, env: usable.env, method: "basic" };
  if (remembered.size > 1_000) remembered.clear();
  remembered.set(basic.username, {
    digest: digestOf(basic.secret),
    secretHash: usable.secret_hash,
    expires: Date.now() + CACHE_TTL_MS,
    checkedAt: Date.now(),
    principal,
  });
  return principal;
}
