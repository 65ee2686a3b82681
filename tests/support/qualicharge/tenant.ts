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
  const units = options.units ?? Array.from({ length: options.unitCount ?? 1 }, freshUnitCode);
  for (const code of units) await prisma.operationalUnit.upsert({ where: { code }, create: { code, name: `Unité ${code}`, operatorId }, update: {} });
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
