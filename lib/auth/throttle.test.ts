import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { blockedFor, clearFailures, recordFailure } from "@/lib/auth/throttle";
import { uniqueSuffix } from "@/cli/demo/factories";

const policy = { maxFailures: 3, windowSeconds: 60, blockSeconds: 300 };
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

describe("auth throttle", () => {
  it("blocks after maxFailures failures, with the seconds left", async () => {
    const prisma = await db();
    const key = `test:${uniqueSuffix()}`;
    const t0 = new Date();
    await recordFailure(prisma, key, policy, t0);
    await recordFailure(prisma, key, policy, at(t0, 1));
    expect(await blockedFor(prisma, key, at(t0, 2))).toBe(0);
    await recordFailure(prisma, key, policy, at(t0, 2));
    const wait = await blockedFor(prisma, key, at(t0, 3));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBe(299);
    expect(await blockedFor(prisma, key, at(t0, 302))).toBe(0);
  });

  it("starts a new window when the previous one is over", async () => {
    const prisma = await db();
    const key = `test:${uniqueSuffix()}`;
    const t0 = new Date();
    await recordFailure(prisma, key, policy, t0);
    await recordFailure(prisma, key, policy, at(t0, 1));
    // Outside the 60 s window: the count restarts at 1, so one more failure does not block.
    await recordFailure(prisma, key, policy, at(t0, 120));
    expect(await blockedFor(prisma, key, at(t0, 121))).toBe(0);
    expect((await prisma.authThrottle.findUniqueOrThrow({ where: { key } })).failures).toBe(1);
  });

  it("counts concurrent failures without losing any", async () => {
    const prisma = await db();
    const key = `test:${uniqueSuffix()}`;
    const t0 = new Date();
    await Promise.all(Array.from({ length: 5 }, () => recordFailure(prisma, key, { ...policy, maxFailures: 10 }, t0)));
    expect((await prisma.authThrottle.findUniqueOrThrow({ where: { key } })).failures).toBe(5);
  });

  it("clearFailures lifts the block", async () => {
    const prisma = await db();
    const key = `test:${uniqueSuffix()}`;
    for (let i = 0; i < 3; i++) await recordFailure(prisma, key, policy);
    expect(await blockedFor(prisma, key)).toBeGreaterThan(0);
    await clearFailures(prisma, key);
    expect(await blockedFor(prisma, key)).toBe(0);
  });
});
