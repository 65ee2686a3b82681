import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { decoyHash, verifySecret } from "@/lib/auth/password";
import { blockedFor, clearFailures, machineLoginPolicies, recordFailure } from "@/lib/auth/throttle";
import { parseInput } from "@/lib/schemas/validation";
import { apiLoginSchema, type ApiLoginInput } from "@/lib/schemas/api-accounts";

// The login of an API user (QualiCharge's OAuth2 password flow, POST /api/v1/auth/token):
// scrypt verification in constant time (against a decoy hash when the username is unknown), an
// inactive user told only once its password is verified, and failures throttled per username
// and per client address with the ADVENIR Basic auth's policies (API_BASIC_*). The door says
// the outcome in QualiCharge's words and records failures in the security log.

export type ApiLoginOutcome =
  | { kind: "ok"; user: { id: string; username: string; operatorId: string | null } }
  /** Wrong password or unknown username; `operatorId` of the login when it exists (security log). */
  | { kind: "wrong"; operatorId: string | null }
  | { kind: "inactive"; operatorId: string | null }
  | { kind: "blocked"; retryAfterSeconds: number; operatorId: string | null };

export const userThrottleKey = (username: string) => `qc:user:${username}`;
export const ipThrottleKey = (ip: string) => `qc:ip:${ip}`;

export async function verifyApiLogin(input: ApiLoginInput, options: { prisma?: PrismaClient; now?: Date } = {}): Promise<ApiLoginOutcome> {
  const login = parseInput(apiLoginSchema, input);
  const prisma = options.prisma ?? (await db());
  const now = options.now ?? new Date();
  const userKey = userThrottleKey(login.username);
  const ipKey = ipThrottleKey(login.ip);
  const user = await prisma.apiUser.findUnique({
    where: { username: login.username },
    select: { id: true, username: true, passwordHash: true, isActive: true, operatorId: true },
  });
  const operatorId = user?.operatorId ?? null;
  const wait = Math.max(await blockedFor(prisma, userKey, now), await blockedFor(prisma, ipKey, now));
  if (wait > 0) return { kind: "blocked", retryAfterSeconds: wait, operatorId };

  const ok = await verifySecret(login.password, user?.passwordHash ?? (await decoyHash()));
  if (!ok || !user) {
    const { user: userPolicy, ip: ipPolicy } = machineLoginPolicies();
    await recordFailure(prisma, userKey, userPolicy, now);
    await recordFailure(prisma, ipKey, ipPolicy, now);
    return { kind: "wrong", operatorId };
  }
  if (!user.isActive) return { kind: "inactive", operatorId };
  await clearFailures(prisma, userKey);
  await prisma.apiUser.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return { kind: "ok", user: { id: user.id, username: user.username, operatorId } };
}
