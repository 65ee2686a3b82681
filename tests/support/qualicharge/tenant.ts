import { randomBytes, randomInt } from "node:crypto";
import { db } from "@/lib/platform/db/database";
import { hashSecret } from "@/lib/auth/password";
import { issueToken } from "@/lib/channels/qualicharge/auth/tokens";
import { SCOPES } from "@/lib/channels/qualicharge/auth/scopes";

/** A fresh AFIREV-like 5-character prefix: "FR" + three random letters or digits. */
export function freshUnitCode(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  return `FR${Array.from({ length: 3 }, () => alphabet[randomInt(alphabet.length)]).join("")}`;
}

/** A fresh code no unit holds yet (for a test that creates the unit itself, in its own way). */
export async function unusedUnitCode(): Promise<string> {
  const prisma = await db();
  for (;;) {
    const code = freshUnitCode();
    if ((await prisma.operationalUnit.count({ where: { code } })) === 0) return code;
  }
}

/** A fresh code claimed for the operator: a unit created now, never one another test holds. */
export async function claimFreshUnit(operatorId: string): Promise<string> {
  const prisma = await db();
  for (;;) {
    const code = freshUnitCode();
    const claimed = await prisma.operationalUnit.createMany({ data: [{ code, name: `Unité ${code}`, operatorId }], skipDuplicates: true });
    if (claimed.count === 1) return code;
  }
}

export interface QualichargeTenant {
  operatorId: string;
  userId: string;
  username: string;
  password: string;
  /** Operational unit codes of the user's group. */
  units: string[];
  token: string;
  /** "Bearer <token>" */
  auth: string;
}

/**
 * An operator holding fresh operational units (or `units`), one group holding them and one API
 * user in it with every scope (or `scopes`), and a token for it.
 */
export async function makeQualichargeTenant(
  options: {
    units?: string[];
    unitCount?: number;
    scopes?: string[];
    superuser?: boolean;
    active?: boolean;
    operatorId?: string;
    env?: "production" | "sandbox";
  } = {},
): Promise<QualichargeTenant> {
  const prisma = await db();
  const s = randomBytes(4).toString("hex");
  const operatorId =
    options.operatorId ??
    (await prisma.operator.create({ data: { name: `Opérateur QualiCharge ${s}`, siren: String(randomInt(100_000_000, 1_000_000_000)) }, select: { id: true } }))
      .id;
  const units = options.units ?? [];
  for (const code of units) await prisma.operationalUnit.upsert({ where: { code }, create: { code, name: `Unité ${code}`, operatorId }, update: {} });
  // Fresh codes are claimed, never upserted: 46,656 codes make collisions between the tests of one
  // run likely, and an upsert would leave a taken code with its first operator (this tenant's
  // points would then belong to another operator's unit).
  while (!options.units && units.length < (options.unitCount ?? 1)) units.push(await claimFreshUnit(operatorId));
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const username = `qc-${s}`;
  const user = await prisma.apiUser.create({
    data: {
      username,
      email: `${username}@test.advenir.fr`,
      passwordHash: await hashSecret(password),
      scopes: options.scopes ?? [...SCOPES],
      isSuperuser: options.superuser ?? false,
      isActive: options.active ?? true,
      env: options.env ?? "production",
      operatorId,
      groups: { create: { group: { create: { name: `groupe-${s}`, operatorId, units: { create: units.map((unitCode) => ({ unitCode })) } } } } },
    },
    select: { id: true },
  });
  const { token } = await issueToken({ id: user.id, username });
  return { operatorId, userId: user.id, username, password, units, token, auth: `Bearer ${token}` };
}
