import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { setAccountDisabled } from "@/lib/users/set-account-disabled";
import { verifyLogin } from "@/lib/users/verify-login";
import { makeUser } from "@/cli/demo/factories";

describe("setAccountDisabled", () => {
  it("a disabled account cannot log in until it is enabled again; both are audited", async () => {
    const admin = await makeUser({ role: "admin" });
    const person = await makeUser({ role: "comite" });
    const ip = "192.0.2.41";
    await expect(verifyLogin({ email: person.email, password: person.password, ip })).resolves.toMatchObject({ id: person.id });

    const disabled = await setAccountDisabled({ userId: person.id, disabled: true, actor: admin.email, actorUserId: admin.id });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    await expect(verifyLogin({ email: person.email, password: person.password, ip })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    // Disabling again keeps the first date.
    const again = await setAccountDisabled({ email: person.email.toUpperCase(), disabled: true, actor: "cli" });
    expect(again.disabledAt).toEqual(disabled.disabledAt);

    await setAccountDisabled({ userId: person.id, disabled: false, actor: admin.email, actorUserId: admin.id });
    // Enabled again, but the sessions opened before the disabling stay void.
    const prisma = await db();
    const cut = await prisma.user.findUniqueOrThrow({ where: { id: person.id }, select: { disabledAt: true, sessionsValidFrom: true } });
    expect(cut.disabledAt).toBeNull();
    expect(cut.sessionsValidFrom!.getTime()).toBeGreaterThanOrEqual(disabled.disabledAt!.getTime());
    await expect(verifyLogin({ email: person.email, password: person.password, ip })).resolves.toMatchObject({ id: person.id });
    const audit = await prisma.auditLog.findMany({ where: { targetType: "user", targetId: person.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["user.created", "test"],
      ["login.succeeded", person.email],
      ["user.disabled", admin.email],
      ["login.failed", person.email],
      ["user.disabled", "cli"],
      ["user.enabled", admin.email],
      ["login.succeeded", person.email],
    ]);
  });

  it("refuses to disable one's own account, an unknown account, or a request naming no account", async () => {
    const admin = await makeUser({ role: "admin" });
    await expect(setAccountDisabled({ userId: admin.id, disabled: true, actor: admin.email, actorUserId: admin.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Vous ne pouvez pas désactiver votre propre compte.",
    });
    await expect(setAccountDisabled({ email: "personne@exemple.fr", disabled: true, actor: "cli" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      fields: [{ path: "email", message: "compte introuvable" }],
    });
    await expect(setAccountDisabled({ disabled: true, actor: "cli" })).rejects.toMatchObject({ code: "INVALID_INPUT", fields: [{ path: "userId" }] });
    const prisma = await db();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id }, select: { disabledAt: true } })).disabledAt).toBeNull();
  });
});
