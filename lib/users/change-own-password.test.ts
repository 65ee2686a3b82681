import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { verifyLogin } from "@/lib/users/verify-login";
import { sessionStillValid } from "@/lib/auth/session-validity";
import { makeUser } from "@/cli/demo/factories";

const NEW = "une phrase de passe assez longue";

async function stored(userId: string) {
  return (await db()).user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, sessionsValidFrom: true } });
}

describe("changeOwnPassword", () => {
  it("replaces the password once the current one is proven, and ends every session of the account", async () => {
    const person = await makeUser({ role: "beneficiaire" });
    const openedAt = Date.now() - 1000;
    await changeOwnPassword({ userId: person.id, currentPassword: person.password, newPassword: NEW, confirmation: NEW });

    await expect(verifyLogin({ email: person.email, password: person.password, ip: "192.0.2.60" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(verifyLogin({ email: person.email, password: NEW, ip: "192.0.2.60" })).resolves.toMatchObject({ id: person.id });
    const after = await stored(person.id);
    expect(after.passwordHash).not.toContain(NEW);
    expect(sessionStillValid(openedAt, after.sessionsValidFrom)).toBe(false);
    const audit = await (await db()).auditLog.findMany({ where: { targetId: person.id, action: { startsWith: "user.password_change" } } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([["user.password_changed", person.email]]);
  });

  it("refuses a wrong current password, a short or unconfirmed new one, or the same one, each on its field, and changes nothing", async () => {
    const person = await makeUser({ role: "operateur" });
    const before = await stored(person.id);
    const cases = [
      { input: { currentPassword: "pas le bon mot de passe", newPassword: NEW, confirmation: NEW }, path: "currentPassword" },
      { input: { currentPassword: person.password, newPassword: "court", confirmation: "court" }, path: "newPassword" },
      { input: { currentPassword: person.password, newPassword: NEW, confirmation: `${NEW}!` }, path: "confirmation" },
      { input: { currentPassword: person.password, newPassword: person.password, confirmation: person.password }, path: "newPassword" },
      { input: { currentPassword: "", newPassword: NEW, confirmation: NEW }, path: "currentPassword" },
    ];
    for (const c of cases) {
      await expect(changeOwnPassword({ userId: person.id, ...c.input }), c.path).rejects.toMatchObject({ code: "INVALID_INPUT", fields: [{ path: c.path }] });
    }
    expect(await stored(person.id)).toEqual(before);
    await expect(verifyLogin({ email: person.email, password: person.password, ip: "192.0.2.61" })).resolves.toMatchObject({ id: person.id });
  });

  it("throttles wrong current passwords per account: once blocked, even the right one is refused", async () => {
    const person = await makeUser({ role: "comite" });
    const wrong = { userId: person.id, currentPassword: "pas le bon mot de passe", newPassword: NEW, confirmation: NEW };
    for (let i = 0; i < getEnv().LOGIN_MAX_FAILURES; i++) await expect(changeOwnPassword(wrong)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(changeOwnPassword({ ...wrong, currentPassword: person.password })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(verifyLogin({ email: person.email, password: person.password, ip: "192.0.2.62" })).resolves.toMatchObject({ id: person.id });
    const failures = await (await db()).auditLog.count({ where: { targetId: person.id, action: "user.password_change_failed" } });
    expect(failures).toBe(getEnv().LOGIN_MAX_FAILURES);
  });
});
