import { db } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { decoyHash, verifySecret } from "@/lib/auth/password";
import { blockedFor, clearFailures, recordFailure, type ThrottlePolicy } from "@/lib/auth/throttle";
import { loginSchema } from "@/lib/schemas/users";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Role } from "@/generated/prisma/enums";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

function policies(): [ThrottlePolicy, ThrottlePolicy] {
  const env = getEnv();
  const base = { windowSeconds: env.LOGIN_BLOCK_SECONDS, blockSeconds: env.LOGIN_BLOCK_SECONDS };
  return [
    { ...base, maxFailures: env.LOGIN_MAX_FAILURES },
    { ...base, maxFailures: env.LOGIN_MAX_FAILURES_PER_IP },
  ];
}

const WRONG = "Adresse e-mail ou mot de passe incorrect.";

/**
 * Checks a login. Throttled per e-mail and per client address: once either is blocked, even
 * the right password is refused until the block ends, so guessing gains nothing.
 */
export async function verifyLogin(input: { email: unknown; password: unknown; ip: string }): Promise<SessionUser> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) throw new AppError("UNAUTHENTICATED", WRONG);
  const { email, password } = parsed.data;
  const prisma = await db();
  const keys = [`login:email:${email}`, `login:ip:${input.ip}`];
  const waits = await Promise.all(keys.map((k) => blockedFor(prisma, k)));
  const wait = Math.max(...waits);
  if (wait > 0) {
    throw new AppError("TOO_MANY_REQUESTS", `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(wait / 60)} minute(s).`, [], wait);
  }
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
  const ok = await verifySecret(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok || user.disabledAt) {
    const [perEmail, perIp] = policies();
    await recordFailure(prisma, keys[0], perEmail);
    await recordFailure(prisma, keys[1], perIp);
    await recordAudit({ actor: email, action: "login.failed", targetType: "user", targetId: user?.id ?? email, details: { ip: input.ip } });
    throw new AppError("UNAUTHENTICATED", WRONG);
  }
  await clearFailures(prisma, keys[0]);
  await recordAudit({ actorUserId: user.id, actor: user.email, action: "login.succeeded", targetType: "user", targetId: user.id, details: { ip: input.ip } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
