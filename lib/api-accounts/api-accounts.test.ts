import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { verifySecret } from "@/lib/auth/password";
import { makeOperator, uniqueSuffix } from "@/cli/demo/factories";
import { unusedUnitCode } from "@/tests/support/qualicharge/tenant";
import { createOperationalUnit } from "@/lib/api-accounts/create-operational-unit";
import { updateOperationalUnit } from "@/lib/api-accounts/update-operational-unit";
import { createApiGroup } from "@/lib/api-accounts/create-api-group";
import { updateApiGroup } from "@/lib/api-accounts/update-api-group";
import { createApiUser } from "@/lib/api-accounts/create-api-user";
import { updateApiUser } from "@/lib/api-accounts/update-api-user";
import { resetApiUserPassword } from "@/lib/api-accounts/reset-api-user-password";
import { setApiUserActive } from "@/lib/api-accounts/set-api-user-active";
import { listOperatorApiAccounts } from "@/lib/api-accounts/list-operator-api-accounts";
import { SUPERUSER_WITH_OPERATOR } from "@/lib/schemas/api-accounts";

// The machine accounts of the QualiCharge API: their rules (superusers, tenancy of groups,
// unique names), the generated password, and the audit of every change.

const actor = { actor: "test" };

async function operatorWithUnit() {
  const operator = await makeOperator();
  const unit = await createOperationalUnit({ code: (await unusedUnitCode()).toLowerCase(), name: "Unité test", operatorId: operator.id, ...actor });
  return { operatorId: operator.id, unit };
}

describe("operational units", () => {
  it("upper-cases the AFIREV code, refuses a malformed or duplicate one in French, and audits", async () => {
    const { operatorId, unit } = await operatorWithUnit();
    expect(unit.code).toMatch(/^FR[A-Z0-9]{3}$/);
    await expect(createOperationalUnit({ code: "XX123", name: "Mauvais", operatorId, ...actor })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "code", message: expect.stringContaining("préfixe AFIREV") }],
    });
    await expect(createOperationalUnit({ code: unit.code, name: "Doublon", operatorId, ...actor })).rejects.toMatchObject({
      code: "CONFLICT",
      fields: [{ path: "code", message: `Code de l'unité : l'unité ${unit.code} existe déjà` }],
    });
    expect(await updateOperationalUnit({ code: unit.code.toLowerCase(), name: "Unité renommée", ...actor })).toEqual({
      code: unit.code,
      name: "Unité renommée",
      operatorId,
    });
    // A code no unit holds (a random one may be another test's on a shared database).
    await expect(updateOperationalUnit({ code: await unusedUnitCode(), name: "x", ...actor })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const prisma = await db();
    const audit = await prisma.auditLog.findMany({ where: { targetId: unit.code, targetType: "operational_unit" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["api_unit.created", "api_unit.updated"]);
  });
});

describe("groups", () => {
  it("holds its operator's units and refuses another operator's, and a duplicate name", async () => {
    const a = await operatorWithUnit();
    const b = await operatorWithUnit();
    const name = `groupe-${uniqueSuffix()}`;
    const group = await createApiGroup({ name, operatorId: a.operatorId, unitCodes: [a.unit.code], ...actor });
    expect(group.unitCodes).toEqual([a.unit.code]);
    await expect(
      createApiGroup({ name: `autre-${uniqueSuffix()}`, operatorId: a.operatorId, unitCodes: [a.unit.code, b.unit.code], ...actor }),
    ).rejects.toMatchObject({ code: "CONFLICT", fields: [{ path: "unitCodes", message: expect.stringContaining(b.unit.code) }] });
    await expect(updateApiGroup({ groupId: group.id, name, unitCodes: [b.unit.code], ...actor })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createApiGroup({ name, operatorId: b.operatorId, ...actor })).rejects.toMatchObject({
      code: "CONFLICT",
      fields: [{ path: "name", message: `Nom du groupe : le groupe « ${name} » existe déjà` }],
    });
    const second = await createOperationalUnit({ code: await unusedUnitCode(), name: "Deuxième", operatorId: a.operatorId, ...actor });
    const updated = await updateApiGroup({ groupId: group.id, name: `${name}-bis`, unitCodes: [second.code], ...actor });
    expect(updated).toMatchObject({ name: `${name}-bis`, unitCodes: [second.code] });
    const prisma = await db();
    expect((await prisma.apiGroupUnit.findMany({ where: { groupId: group.id } })).map((u) => u.unitCode)).toEqual([second.code]);
    expect(await prisma.auditLog.count({ where: { targetId: group.id, action: { in: ["api_group.created", "api_group.updated"] } } })).toBe(2);
  });
});

describe("API users", () => {
  it("creates a user with a generated password (hash stored), its groups and scopes; refuses duplicates and foreign groups", async () => {
    const a = await operatorWithUnit();
    const b = await operatorWithUnit();
    const groupA = await createApiGroup({ name: `ga-${uniqueSuffix()}`, operatorId: a.operatorId, unitCodes: [a.unit.code], ...actor });
    const groupB = await createApiGroup({ name: `gb-${uniqueSuffix()}`, operatorId: b.operatorId, unitCodes: [b.unit.code], ...actor });
    const username = `api-${uniqueSuffix()}`;
    const user = await createApiUser({
      username,
      email: `${username}@exemple.fr`,
      operatorId: a.operatorId,
      groupIds: [groupA.id],
      scopes: ["static:read", "dynamic:create", "static:read"],
      ...actor,
    });
    expect(user).toMatchObject({ username, scopes: ["static:read", "dynamic:create"], isSuperuser: false, env: "production" });
    expect(user.password.length).toBeGreaterThanOrEqual(20);
    const prisma = await db();
    const stored = await prisma.apiUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).not.toContain(user.password);
    expect(await verifySecret(user.password, stored.passwordHash)).toBe(true);

    await expect(createApiUser({ username, email: `autre-${username}@exemple.fr`, operatorId: a.operatorId, ...actor })).rejects.toMatchObject({
      code: "CONFLICT",
      fields: [{ path: "username" }],
    });
    await expect(createApiUser({ username: `${username}-2`, email: `${username}@exemple.fr`, operatorId: a.operatorId, ...actor })).rejects.toMatchObject({
      code: "CONFLICT",
      fields: [{ path: "email" }],
    });
    await expect(
      createApiUser({ username: `${username}-3`, email: `${username}-3@exemple.fr`, operatorId: a.operatorId, groupIds: [groupB.id], ...actor }),
    ).rejects.toMatchObject({ code: "CONFLICT", fields: [{ path: "groupIds" }] });
    await expect(
      createApiUser({ username: `${username}-4`, email: `${username}-4@exemple.fr`, scopes: ["all:everything" as "all:read"], ...actor }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "scopes.0" }],
    });
    expect(await prisma.auditLog.count({ where: { targetId: user.id, action: "api_user.created" } })).toBe(1);

    const listed = await listOperatorApiAccounts({ operatorId: a.operatorId });
    expect(listed.units).toEqual([{ code: a.unit.code, name: "Unité test" }]);
    expect(listed.groups).toEqual([{ id: groupA.id, name: groupA.name, unitCodes: [a.unit.code] }]);
    expect(listed.users).toEqual([
      {
        id: user.id,
        username,
        email: `${username}@exemple.fr`,
        scopes: ["static:read", "dynamic:create"],
        isActive: true,
        env: "production",
        lastLoginAt: null,
        groups: [groupA.name],
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain("scrypt");
  });

  it("allows a superuser only without operator (the technical operator), at creation and on update", async () => {
    const { operatorId } = await operatorWithUnit();
    const s = uniqueSuffix();
    await expect(createApiUser({ username: `su-${s}`, email: `su-${s}@exemple.fr`, operatorId, isSuperuser: true, ...actor })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "isSuperuser", message: SUPERUSER_WITH_OPERATOR }],
    });
    const tech = await createApiUser({ username: `tech-${s}`, email: `tech-${s}@exemple.fr`, isSuperuser: true, ...actor });
    expect(tech).toMatchObject({ isSuperuser: true, operatorId: null });
    const op = await createApiUser({ username: `op-${s}`, email: `op-${s}@exemple.fr`, operatorId, ...actor });
    await expect(updateApiUser({ userId: op.id, email: `op-${s}@exemple.fr`, isSuperuser: true, ...actor })).rejects.toMatchObject({
      code: "CONFLICT",
      fields: [{ path: "isSuperuser", message: SUPERUSER_WITH_OPERATOR }],
    });
    const updated = await updateApiUser({ userId: op.id, email: `op2-${s}@exemple.fr`, scopes: ["manage:read"], env: "sandbox", ...actor });
    expect(updated).toMatchObject({ email: `op2-${s}@exemple.fr`, scopes: ["manage:read"], env: "sandbox", isSuperuser: false });
  });

  it("reset and disable/enable move password_changed_at (older tokens void) and are audited", async () => {
    const { operatorId } = await operatorWithUnit();
    const s = uniqueSuffix();
    const user = await createApiUser({ username: `rs-${s}`, email: `rs-${s}@exemple.fr`, operatorId, ...actor });
    const prisma = await db();
    const changedAt = async () => (await prisma.apiUser.findUniqueOrThrow({ where: { id: user.id } })).passwordChangedAt;
    expect(await changedAt()).toBeNull();

    const reset = await resetApiUserPassword({ username: user.username, ...actor });
    expect(reset.password).not.toBe(user.password);
    const stored = await prisma.apiUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifySecret(reset.password, stored.passwordHash)).toBe(true);
    expect(await verifySecret(user.password, stored.passwordHash)).toBe(false);
    const afterReset = await changedAt();
    expect(afterReset).toBeInstanceOf(Date);

    expect(await setApiUserActive({ userId: user.id, active: false, ...actor })).toMatchObject({ isActive: false });
    expect((await changedAt())!.getTime()).toBeGreaterThanOrEqual(afterReset!.getTime());
    expect(await setApiUserActive({ userId: user.id, active: true, ...actor })).toMatchObject({ isActive: true });
    const audit = await prisma.auditLog.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["api_user.created", "api_user.password_reset", "api_user.disabled", "api_user.enabled"]);
    await expect(resetApiUserPassword({ username: `nobody-${s}`, ...actor })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
