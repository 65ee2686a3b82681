import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { cli } from "@/tests/support/cli/run-cli";
import { makeUser } from "@/cli/demo/factories";
import { verifyLogin } from "@/lib/users/verify-login";

describe("account commands", () => {
  it("disable then enable an account by its e-mail, audited as the CLI", async () => {
    const person = await makeUser({ role: "operateur" });
    const prisma = await db();
    const disabledAt = async () => (await prisma.user.findUniqueOrThrow({ where: { id: person.id }, select: { disabledAt: true } })).disabledAt;

    const off = await cli(["user:disable", "--email", person.email]);
    expect(off.err).toBe("");
    expect(off.code).toBe(0);
    expect(off.out).toContain(`Compte désactivé : ${person.email}.`);
    expect(await disabledAt()).toBeInstanceOf(Date);

    const on = await cli(["utilisateur:reactiver", "--email", person.email]);
    expect(on.code).toBe(0);
    expect(on.out).toContain(`Compte réactivé : ${person.email}.`);
    expect(await disabledAt()).toBeNull();
    const audit = await prisma.auditLog.findMany({ where: { targetId: person.id, action: { in: ["user.disabled", "user.enabled"] } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["user.disabled", "cli"],
      ["user.enabled", "cli"],
    ]);
  });

  it("user:reset-password prints a new password that logs in, once", async () => {
    const person = await makeUser({ role: "comite" });
    const r = await cli(["user:reset-password", "--email", person.email]);
    expect(r.code).toBe(0);
    const password = /Nouveau mot de passe de .+ : (\S+)/.exec(r.out)?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(20);
    await expect(verifyLogin({ email: person.email, password, ip: "192.0.2.44" })).resolves.toMatchObject({ id: person.id });
  });

  it("says in French when the account does not exist", async () => {
    const r = await cli(["user:disable", "--email", "personne@exemple.fr"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Compte introuvable : personne@exemple.fr.");
  });
});
