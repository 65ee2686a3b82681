import type { PrismaClient } from "@/generated/prisma/client";
import { getEnv } from "@/lib/platform/env";

// Failed-attempt throttling shared by every process (stored in the database): after
// `maxFailures` failures within `windowSeconds`, the key is blocked for `blockSeconds`.
// Keys look like "login:email:<email>", "login:ip:<ip>", "basic:user:<name>".

export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
  blockSeconds: number;
}

/** Seconds left before the key may try again, or 0 when it is not blocked. */
export async function blockedFor(prisma: PrismaClient, key: string, now = new Date()): Promise<number> {
  const row = await prisma.authThrottle.findUnique({ where: { key } });
  if (!row?.blockedUntil || row.blockedUntil <= now) return 0;
  return Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000);
}

/** Records one failure atomically (one upsert statement, safe under concurrency). */
export async function recordFailure(prisma: PrismaClient, key: string, policy: ThrottlePolicy, now = new Date()): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO auth_throttle (key, failures, window_start, blocked_until)
    VALUES (${key}, 1, ${now}, CASE WHEN ${policy.maxFailures}::int <= 1
      THEN ${now}::timestamptz + make_interval(secs => ${policy.blockSeconds}::int) END)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN auth_throttle.window_start < ${now}::timestamptz - make_interval(secs => ${policy.windowSeconds}::int)
        THEN 1 ELSE auth_throttle.failures + 1 END,
      window_start = CASE WHEN auth_throttle.window_start < ${now}::timestamptz - make_interval(secs => ${policy.windowSeconds}::int)
        THEN ${now} ELSE auth_throttle.window_start END,
      blocked_until = CASE
        WHEN auth_throttle.window_start >= ${now}::timestamptz - make_interval(secs => ${policy.windowSeconds}::int)
         AND auth_throttle.failures + 1 >= ${policy.maxFailures}::int
        THEN ${now}::timestamptz + make_interval(secs => ${policy.blockSeconds}::int)
        ELSE auth_throttle.blocked_until END`;
}

export async function clearFailures(prisma: PrismaClient, key: string): Promise<void> {
  await prisma.authThrottle.deleteMany({ where: { key } });
}

/** The throttle of the data APIs' machine logins (ADVENIR Basic auth, QualiCharge's token): per login and per address. */
export function machineLoginPolicies(): { user: ThrottlePolicy; ip: ThrottlePolicy } {
  const env = getEnv();
  const block = env.API_BASIC_BLOCK_SECONDS;
  return {
    user: { maxFailures: env.API_BASIC_MAX_FAILURES, windowSeconds: block, blockSeconds: block },
    ip: { maxFailures: env.API_BASIC_MAX_FAILURES_PER_IP, windowSeconds: block, blockSeconds: block },
  };
}
