import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { getEnv } from "@/lib/platform/env";
import { authenticationFailed } from "@/lib/channels/qualicharge/errors";

// Access tokens of the QualiCharge API: JWT signed HS256 with QUALICHARGE_JWT_SECRET, valid
// QUALICHARGE_TOKEN_MINUTES (30 as QualiCharge). Rotation: tokens signed with a key listed in
// QUALICHARGE_JWT_PREVIOUS_SECRETS are still accepted (docs/api-qualicharge.md).

const encoder = new TextEncoder();
export const TOKEN_ISSUER = "advenir-portail";
export const TOKEN_AUDIENCE = "qualicharge-api-v1";

function keys(): Uint8Array[] {
  const env = getEnv();
  if (!env.QUALICHARGE_JWT_SECRET) throw new Error("QUALICHARGE_JWT_SECRET is not configured");
  return [env.QUALICHARGE_JWT_SECRET, ...env.QUALICHARGE_JWT_PREVIOUS_SECRETS].map((k) => encoder.encode(k));
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** A token for this API user (`sub` = its id; `iat` lets a password change void older tokens). */
export async function issueToken(user: { id: string; username: string }, now = new Date()): Promise<IssuedToken> {
  const minutes = getEnv().QUALICHARGE_TOKEN_MINUTES;
  const iat = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((iat + minutes * 60) * 1000);
  const token = await new SignJWT({ username: user.username })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(keys()[0]);
  return { token, expiresAt };
}

export interface VerifiedToken {
  userId: string;
  issuedAt: Date;
}

// Tokens verified a moment ago are remembered until their expiry (a client sends the same token
// for its 30 minutes): the signature is checked once, not on every call of the hot path (ADR 0005,
// "remembered credential"). Keys are the process's configuration: a remembered token stays as
// valid as its signature was. Bounded; cleared when full.
const REMEMBERED_MAX = 10_000;
const remembered = new Map<string, VerifiedToken & { expiresAt: number }>();

/** The token's user and issue time, or a 401 "Authentication failed: …". */
export async function verifyToken(token: string): Promise<VerifiedToken> {
  const known = remembered.get(token);
  if (known) {
    if (known.expiresAt > Date.now()) return { userId: known.userId, issuedAt: known.issuedAt };
    remembered.delete(token);
  }
  const verified = await verifySignature(token);
  if (remembered.size >= REMEMBERED_MAX) remembered.clear();
  remembered.set(token, verified);
  return { userId: verified.userId, issuedAt: verified.issuedAt };
}

async function verifySignature(token: string): Promise<VerifiedToken & { expiresAt: number }> {
  let expired = false;
  for (const key of keys()) {
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
      if (typeof payload.sub !== "string" || typeof payload.iat !== "number" || typeof payload.exp !== "number") break;
      return { userId: payload.sub, issuedAt: new Date(payload.iat * 1000), expiresAt: payload.exp * 1000 };
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) expired = true;
      // a signature made with another key: try the next one
    }
  }
  throw authenticationFailed(expired ? "Token has expired" : "Could not validate credentials");
}
