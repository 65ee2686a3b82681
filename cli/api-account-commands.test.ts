import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { verifySecret } from "@/lib/auth/password";
import { cli } from "@/tests/support/cli/run-cli";
import { makeOperator, uniqueSuffix } from "@/cli/demo/factories";
import { unusedUnitCode } from "@/tests/support/qualicharge/tenant";
import { usage } from "@/cli/help";

// The QualiCharge API's machine accounts from the command line: unit, group, user (password
// printed once), list, reset, disable and enable, with French errors naming the options.

describe("API account commands", () => {
  it("creates a unit, a group and a user whose printed password is the stored one; lists them without secret", async () => {
    const operator = await makeOperator();
    const code = await unusedUnitCode();
    const s = uniqueSuffix();
    const unit = await cli(["api-unit:create", "--code", code.toLowerCase(), "--name", "Unité CLI", "--operator-id", operator.id]);
    expect(unit).toMatchObject({ code: 0, err: "" });
    expect(unit.out).toBe(`Unité opérationnelle créée : ${code} (Unité CLI).`);
    const group = await cli(["api-group:create", "--name", `groupe-${s}`, "--operator-id", operator.id, "--unit", code]);
    expect(group.out).toBe(`Groupe créé : groupe-${s} (unités : ${code}).`);
    const user = await cli([
      "api-user:create",
      "--username",
      `api-${s}`,
      "--email",
      `api-${s}@exemple.fr`,
      "--operator-id",
      operator.id,
      "--group",
      `groupe-${s}`,
      "--scope",
      "static:read",
      "--scope",
      "all:create",
    ]);
    expect(user.code).toBe(0);
    expect(user.out).toContain(`Utilisateur d'API créé : api-${s} (droits : static:read, all:create)`);
    const password = /Mot de passe de api-\w+ : (\S+)/.exec(user.out)?.[1] ?? "";
    const prisma = await db();
    const stored = await prisma.apiUser.findUniqueOrThrow({ where: { username: `api-${s}` }, include: { groups: { include: { group: true } } } });
    expect(await verifySecret(password, stored.passwordHash)).toBe(true);
    expect(stored.groups.map((g) => g.group.name)).toEqual([`groupe-${s}`]);

    const listed = await cli(["api-accounts:list", "--operator-id", operator.id]);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`  ${code}  Unité CLI — ${operator.name}`);
    expect(listed.out).toContain(`api-${s} <api-${s}@exemple.fr> — ${operator.name} — actif, production — droits : static:read, all:create`);
    expect(listed.out).toContain("dernière connexion : jamais");
    expect(listed.out).not.toContain(password);
    const audit = await prisma.auditLog.findMany({ where: { actor: "cli", targetId: { in: [code, stored.id] } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["api_unit.created", "api_user.created"]);
  });

  it("resets a password (printed once), disables and enables a user", async () => {
    const s = uniqueSuffix();
    const created = await cli(["api-user:create", "--username", `tech-${s}`, "--email", `tech-${s}@exemple.fr`, "--superuser"]);
    expect(created.out).toContain("(super-utilisateur)");
    const reset = await cli(["api-user:reset-password", "--username", `tech-${s}`]);
    expect(reset.code).toBe(0);
    const password = /Nouveau mot de passe de tech-\w+ : (\S+)/.exec(reset.out)?.[1] ?? "";
    const prisma = await db();
    const read = () => prisma.apiUser.findUniqueOrThrow({ where: { username: `tech-${s}` } });
    expect(await verifySecret(password, (await read()).passwordHash)).toBe(true);
    expect((await cli(["api-user:disable", "--username", `tech-${s}`])).out).toBe(`Utilisateur d'API désactivé : tech-${s}.`);
    expect((await read()).isActive).toBe(false);
    expect((await cli(["api-utilisateur:reactiver", "--username", `tech-${s}`])).out).toBe(`Utilisateur d'API réactivé : tech-${s}.`);
    expect((await read()).isActive).toBe(true);
  });

  it("says in French what is refused, naming the options", async () => {
    const operator = await makeOperator();
    const s = uniqueSuffix();
    const su = await cli(["api-user:create", "--username", `su-${s}`, "--email", `su-${s}@exemple.fr`, "--operator-id", operator.id, "--superuser"]);
    expect(su.code).toBe(1);
    expect(su.err).toContain("--superuser : Super-utilisateur : réservé aux comptes de l'opérateur technique");
    const bad = await cli(["api-unit:create", "--code", "XYZ", "--name", "x", "--operator-id", operator.id]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("--code : Code de l'unité : préfixe AFIREV");
    const ghost = await cli(["api-user:create", "--username", `g-${s}`, "--email", `g-${s}@exemple.fr`, "--group", `nope-${s}`]);
    expect(ghost.code).toBe(1);
    expect(ghost.err).toContain(`Groupe(s) introuvable(s) : nope-${s}.`);
    expect((await cli(["api-user:disable", "--username", `nobody-${s}`])).err).toContain(`Utilisateur d'API introuvable : nobody-${s}.`);
  });

  it("are listed by --help", () => {
    for (const name of ["api-unit:create", "api-group:create", "api-user:create", "api-user:reset-password", "api-user:disable", "api-accounts:list"])
      expect(usage()).toContain(name);
  });
});
