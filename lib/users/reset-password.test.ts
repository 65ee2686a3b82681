import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { resetPassword } from "@/lib/users/reset-password";
import { verifyLogin } from "@/lib/users/verify-login";
import { sessionStillValid } from "@/lib/auth/session-validity";
import { makeUser } from "@/cli/demo/factories";

describe("resetPassword", () => {
  it("gives a new password once: the old one and the sessions opened with it stop working", async () => {
    const admin = await makeUser({ role: "admin" });
    const person = await makeUser({ role: "comite" });
    const ip = "192.0.2.42";
    const openedAt = Date.now() - 1000;

    const reset = await resetPassword({ userId: person.id, actor: admin.email, actorUserId: admin.id });
    expect(reset.email).toBe(person.email);
    expect(reset.password.length).toBeGreaterThanOrEqual(20);
    expect(reset.password).not.toBe(person.password);
    await expect(verifyLogin({ email: person.email, password: person.password, ip })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(verifyLogin({ email: person.email, password: reset.password, ip })).resolves.toMatchObject({ id: person.id });

    const prisma = await db();
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: person.id }, select: { passwordHash: true, sessionsValidFrom: true } });
    expect(stored.passwordHash).not.toContain(reset.password);
    expect(sessionStillValid(openedAt, stored.sessionsValidFrom)).toBe(false);
    const audit = await prisma.auditLog.findMany({ where: { targetId: person.id, action: "user.password_reset" } });
    expect(audit.map((a) => a.actor)).toEqual([admin.email]);
  });

  it("refuses one's own account from the page, and an unknown account", async () => {
    const admin = await makeUser({ role: "admin" });
    await expect(resetPassword({ userId: admin.id, actor: admin.email, actorUserId: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(verifyLogin({ email: admin.email, password: admin.password, ip: "192.0.2.43" })).resolves.toMatchObject({ id: admin.id });
    await expect(resetPassword({ email: "personne@exemple.fr", actor: "cli" })).rejects.toMatchObject({ code: "NOT_FOUND", fields: [{ path: "email" }] });
  });
});
