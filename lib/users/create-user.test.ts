import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { createUser } from "@/lib/users/create-user";
import { verifySecret } from "@/lib/auth/password";
import { makeBeneficiary, makeUser, uniqueSuffix } from "@/cli/demo/factories";

describe("createUser", () => {
  it("stores a scrypt hash, returns no hash, and audits the creation", async () => {
    const email = `Jeanne.${uniqueSuffix()}@Test.Advenir.fr`;
    const user = await createUser({ email, name: "Jeanne", role: "comite", password: "un mot de passe long", actor: "test" });
    expect(user.email).toBe(email.toLowerCase());
    expect(Object.keys(user)).not.toContain("passwordHash");
    const prisma = await db();
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).not.toContain("un mot de passe long");
    expect(await verifySecret("un mot de passe long", stored.passwordHash)).toBe(true);
    const audit = await prisma.auditLog.findMany({ where: { targetType: "user", targetId: user.id } });
    expect(audit.map((a) => a.action)).toEqual(["user.created"]);
  });

  it("refuses a duplicate e-mail with CONFLICT, in French", async () => {
    const first = await makeUser({ role: "admin" });
    await expect(
      createUser({ email: first.email.toUpperCase(), name: "Autre", role: "admin", password: "un autre mot de passe", actor: "test" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: `Un compte existe déjà avec l'adresse ${first.email}.` });
    const prisma = await db();
    expect(await prisma.user.count({ where: { email: first.email } })).toBe(1);
  });

  it("validates: short password, role without its attachment, unknown beneficiary", async () => {
    await expect(
      createUser({ email: `a-${uniqueSuffix()}@test.advenir.fr`, name: "A", role: "admin", password: "court", actor: "test" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fields: [{ path: "password", message: "le mot de passe doit faire au moins 12 caractères" }] });
    await expect(
      createUser({ email: `b-${uniqueSuffix()}@test.advenir.fr`, name: "B", role: "beneficiaire", password: "un mot de passe long", actor: "test" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fields: [{ path: "beneficiaryId" }] });
    const beneficiary = await makeBeneficiary();
    await expect(
      createUser({
        email: `c-${uniqueSuffix()}@test.advenir.fr`,
        name: "C",
        role: "beneficiaire",
        password: "un mot de passe long",
        beneficiaryId: beneficiary.id.replace(/^.{8}/, "00000000"),
        actor: "test",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
