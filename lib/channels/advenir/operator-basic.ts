import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import type { DataEnv } from "@/generated/prisma/enums";
import { db, rawSql } from "@/lib/platform/db/database";
import { CLIENT_CERT_FINGERPRINT_HEADER, CLIENT_IP_HEADER } from "@/lib/platform/server/trusted-headers";
import { AUTH_PATH, IngestError } from "@/lib/channels/advenir/errors";
import { decoyHash, verifySecret } from "@/lib/auth/password";
import { clearFailures, machineLoginPolicies, recordFailure } from "@/lib/auth/throttle";
import { parseBasicAuthorization } from "@/lib/platform/http/basic-auth";

// Machine authentication of the ADVENIR data API. Two ways in:
//   - a client certificate, when the custom server (lib/platform/server/sanitize-headers.ts) set
//     x-portal-client-cert-sha256: it does so only for a configured trusted proxy that passed
//     the fingerprint in the configured header, and strips it from anyone else;
//   - HTTP Basic: username and secret split on the FIRST colon (secrets may contain colons),
//     scrypt verification in constant time, against a decoy hash when the username is unknown.
// Repeated Basic failures are throttled per username and per client address (429 + Retry-After).

export const WWW_AUTHENTICATE = 'Basic realm="ADVENIR", charset="UTF-8"';

export interface OperatorPrincipal {
  operatorId: string;
  credentialId: string;
  env: DataEnv;
  username: string;
  method: "basic" | "certificate";
  /**
   * Set when the Basic credential was verified from the process's memory, without reading the
   * database for this request: the write checks it again under its locks (hash unchanged, login
   * and address not blocked, not revoked) and the caller verifies it again from the database
   * before answering anything but a success (lib/channels/advenir/handle-put.ts).
   */
  remembered?: { secretHash: string; userKey: string; ipKey: string };
}

/**
 * An authentication failure, with the login tried ("" when none could be read) and the operator
 * owning it when it exists: what the security log needs (lib/security/record-auth-failure.ts).
 */
export class OperatorAuthError extends IngestError {
  constructor(
    code: "UNAUTHENTICATED" | "TOO_MANY_REQUESTS",
    message: string,
    readonly attempt: { login: string; operatorId: string | null } = { login: "", operatorId: null },
    retryAfterSeconds?: number,
  ) {
    super(code === "UNAUTHENTICATED" ? 401 : 429, [{ chemin: AUTH_PATH, message }], retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : {});
    this.name = "OperatorAuthError";
  }
}

/** The client address set by the custom server (never the client's own forwarding headers). */
export function clientIp(request: { headers: { get(name: string): string | null } }): string {
  return request.headers.get(CLIENT_IP_HEADER)?.trim() || "inconnue";
}

// scrypt costs tens of milliseconds by design; an operator's client posts many times with the
// same secret. A verified secret is remembered for a few minutes, per login, as an HMAC under a
// key that never leaves the process, tied to the stored hash (rotation invalidates it), with the
// credential it opens. Read from the database, a credential is checked against it instead of
// scrypt; on the data API's hot path (`fromMemory`), a remembered login and secret open the
// credential without reading the database at all: the write checks it again (see
// OperatorPrincipal.remembered). A failure on a login forgets it.
const CACHE_TTL_MS = 5 * 60_000;
const cacheKey = randomBytes(32);

interface Verified {
  digest: Buffer;
  secretHash: string;
  expires: number;
  credential: { id: string; operatorId: string; env: DataEnv; username: string; lastUsedAt: Date | null };
}
const verified = new Map<string, Verified>();

function digestOf(secret: string): Buffer {
  return createHmac("sha256", cacheKey).update(secret).digest();
}

async function secretMatches(credential: Verified["credential"] & { secretHash: string }, secret: string): Promise<boolean> {
  const digest = digestOf(secret);
  const hit = verified.get(credential.username);
  if (hit && hit.credential.id === credential.id && hit.secretHash === credential.secretHash && hit.expires > Date.now() && timingSafeEqual(hit.digest, digest))
    return true;
  const ok = await verifySecret(secret, credential.secretHash);
  if (ok) {
    if (verified.size > 10_000) verified.clear();
    const { id, operatorId, env, username, lastUsedAt } = credential;
    verified.set(credential.username, {
      digest,
      secretHash: credential.secretHash,
      expires: Date.now() + CACHE_TTL_MS,
      credential: { id, operatorId, env, username, lastUsedAt },
    });
  }
  return ok;
}

/** The remembered credential for this login and secret (compared in constant time), if any. */
function recall(basic: { username: string; secret: string }): Verified | null {
  const hit = verified.get(basic.username);
  if (!hit || hit.expires <= Date.now()) return null;
  return timingSafeEqual(hit.digest, digestOf(basic.secret)) ? hit : null;
}

interface CredentialRow {
  id: string | null;
  operator_id: string | null;
  env: DataEnv | null;
  username: string | null;
  secret_hash: string | null;
  revoked: boolean | null;
  last_used_at: Date | string | null;
  blocked_until: Date | string | null;
  user_failures: boolean | null;
}

const CREDENTIAL_SQL = `
SELECT c.id::text AS id, c.operator_id::text AS operator_id, c.env::text AS env, c.username, c.secret_hash,
       c.revoked_at IS NOT NULL AS revoked, c.last_used_at, t.blocked_until, t.user_failures
  FROM (SELECT max(blocked_until) FILTER (WHERE blocked_until > now()) AS blocked_until, bool_or(key = $3) AS user_failures
          FROM auth_throttle WHERE key IN ($2, $3)) AS t
  LEFT JOIN api_credential c ON c.username = $1`;

const credentialSelect = { id: true, operatorId: true, env: true, username: true, secretHash: true, revokedAt: true, lastUsedAt: true } as const;

async function touch(prisma: PrismaClient, credential: { id: string; lastUsedAt: Date | null }): Promise<void> {
  const now = new Date();
  if (credential.lastUsedAt && now.getTime() - credential.lastUsedAt.getTime() < 60_000) return;
  await prisma.apiCredential.updateMany({ where: { id: credential.id }, data: { lastUsedAt: now } });
  credential.lastUsedAt = now;
}

/** What a request's headers are read through: a web Headers, or the Node request's own (serve-advenir-put). */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * The operator credential behind a request, or an OperatorAuthError (401 or 429). `fromMemory`:
 * a Basic login and secret verified a moment ago may be taken from memory (see
 * OperatorPrincipal.remembered), for a caller whose write checks it again.
 */
export async function authenticateOperator(
  request: { headers: HeaderSource },
  options: { prisma?: PrismaClient; fromMemory?: boolean } = {},
): Promise<OperatorPrincipal> {
  if (options.fromMemory && !request.headers.get(CLIENT_CERT_FINGERPRINT_HEADER)) {
    const basic = parseBasicAuthorization(request.headers.get("authorization") ?? "");
    const hit = basic && recall(basic);
    if (hit) {
      const { credential } = hit;
      if (credential.lastUsedAt === null || Date.now() - credential.lastUsedAt.getTime() >= 60_000) await touch(options.prisma ?? (await db()), credential);
      const remembered = { secretHash: hit.secretHash, userKey: `basic:user:${credential.username}`, ipKey: `basic:ip:${clientIp(request)}` };
      return {
        operatorId: credential.operatorId,
        credentialId: credential.id,
        env: credential.env,
        username: credential.username,
        method: "basic",
        remembered,
      };
    }
  }
  const prisma = options.prisma ?? (await db());

  const fingerprint = request.headers.get(CLIENT_CERT_FINGERPRINT_HEADER);
  if (fingerprint) {
    const credential = await prisma.apiCredential.findFirst({
      where: { certFingerprint: fingerprint.toLowerCase(), revokedAt: null },
      select: credentialSelect,
    });
    if (credential) {
      await touch(prisma, credential);
      return { operatorId: credential.operatorId, credentialId: credential.id, env: credential.env, username: credential.username, method: "certificate" };
    }
  }

  const header = request.headers.get("authorization");
  if (!header) {
    throw new OperatorAuthError(
      "UNAUTHENTICATED",
      fingerprint
        ? "certificat client non reconnu ou révoqué, et aucun identifiant Basic fourni"
        : "authentification requise : identifiants HTTP Basic (Authorization) ou certificat client",
    );
  }
  const basic = parseBasicAuthorization(header);
  if (!basic) throw new OperatorAuthError("UNAUTHENTICATED", "en-tête Authorization invalide : « Basic » suivi de identifiant:secret en base64 attendu");

  const ipKey = `basic:ip:${clientIp(request)}`;
  const userKey = `basic:user:${basic.username}`;
  const now = new Date();
  // This runs on every Basic request: one plain-SQL round trip for the credential and both
  // throttle keys (the aggregate always yields one row; the credential part is null when unknown).
  const [row] = await (await rawSql()).query<CredentialRow>(CREDENTIAL_SQL, [basic.username, ipKey, userKey], { name: "advenir_basic_credential" });
  const wait = row.blocked_until ? Math.ceil((new Date(row.blocked_until).getTime() - now.getTime()) / 1000) : 0;
  if (wait > 0)
    throw new OperatorAuthError(
      "TOO_MANY_REQUESTS",
      `trop d'échecs d'authentification : réessayez dans ${wait} secondes`,
      { login: basic.username, operatorId: row.operator_id },
      wait,
    );

  const credential = row.id
    ? {
        id: row.id,
        operatorId: row.operator_id!,
        env: row.env!,
        username: row.username!,
        secretHash: row.secret_hash!,
        lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
      }
    : null;
  const usable = credential && !row.revoked ? credential : null;
  const ok = usable ? await secretMatches(usable, basic.secret) : (await verifySecret(basic.secret, await decoyHash()), false);
  if (!ok || !usable) {
    verified.delete(basic.username);
    const { user, ip } = machineLoginPolicies();
    await recordFailure(prisma, userKey, user, now);
    await recordFailure(prisma, ipKey, ip, now);
    throw new OperatorAuthError("UNAUTHENTICATED", "identifiant ou secret incorrect, ou accès révoqué", {
      login: basic.username,
      operatorId: credential?.operatorId ?? null,
    });
  }
  if (row.user_failures) await clearFailures(prisma, userKey);
  await touch(prisma, usable);
  // What is remembered knows the last use just recorded: the next calls need not record it again.
  const remembered = verified.get(usable.username);
  if (remembered?.credential.id === usable.id) remembered.credential.lastUsedAt = usable.lastUsedAt;
  return { operatorId: usable.operatorId, credentialId: usable.id, env: usable.env, username: usable.username, method: "basic" };
}
