import { randomBytes, randomInt } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Channel, DataEnv, Role } from "@/generated/prisma/enums";
import { createUser } from "@/lib/users/create-user";
import { createOperator } from "@/lib/operators/create-operator";
import { createApiCredential } from "@/lib/operators/create-api-credential";
import { createBeneficiary } from "@/lib/beneficiaries/create-beneficiary";
import { createDossier } from "@/lib/dossiers/create-dossier";
import { signAttestation } from "@/lib/attestations/sign-attestation";
import { registerStations } from "@/lib/stations/register-stations";
import { luhnValid } from "@/lib/schemas/operators";
import type { SiteType } from "@/lib/schemas/dossiers";
import type { StationInput } from "@/lib/schemas/stations";

// Factories shared by the integration tests, the end-to-end tests and the demo seed. Each call
// creates new data with unique identifiers (random suffixes), so tests never collide on one
// shared database. Every field can be overridden; `prisma` targets another database than db().

interface Common {
  prisma?: PrismaClient;
  actor?: string;
}

/** 8 random hex characters. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}

/** A random SIREN with a valid Luhn key (first digit 1–9). */
export function makeSiren(): string {
  const body = String(randomInt(10_000_000, 100_000_000));
  for (let key = 0; key <= 9; key++) if (luhnValid(body + key)) return body + key;
  throw new Error("unreachable: one Luhn key always exists");
}

export async function makeOperator({ prisma, actor = "test", ...o }: Common & { name?: string; siren?: string; credentials?: DataEnv[] } = {}) {
  return createOperator({ name: o.name ?? `Opérateur ${uniqueSuffix()}`, siren: o.siren ?? makeSiren(), credentials: o.credentials, actor }, { prisma });
}

export async function makeApiCredential({
  prisma,
  actor = "test",
  ...o
}: Common & { operatorId?: string; env?: DataEnv; username?: string; secret?: string; certFingerprint?: string; label?: string } = {}) {
  const operatorId = o.operatorId ?? (await makeOperator({ prisma })).id;
  return createApiCredential({ ...o, operatorId, env: o.env ?? "production", actor }, { prisma });
}

export async function makeBeneficiary({ prisma, actor = "test", ...o }: Common & { name?: string; siren?: string | null } = {}) {
  return createBeneficiary(
    { name: o.name ?? `Bénéficiaire ${uniqueSuffix()}`, siren: o.siren === null ? undefined : (o.siren ?? makeSiren()), actor },
    { prisma },
  );
}

/** A user of the given role, attached to a new operator or beneficiary when the role needs one. */
export async function makeUser({
  prisma,
  actor = "test",
  ...o
}: Common & { role: Role; email?: string; name?: string; password?: string; operatorId?: string; beneficiaryId?: string }) {
  const password = o.password ?? `Mdp-${uniqueSuffix()}-${uniqueSuffix()}`;
  const operatorId = o.role === "operateur" ? (o.operatorId ?? (await makeOperator({ prisma })).id) : undefined;
  const beneficiaryId = o.role === "beneficiaire" ? (o.beneficiaryId ?? (await makeBeneficiary({ prisma })).id) : undefined;
  const user = await createUser(
    {
      email: o.email ?? `${o.role}-${uniqueSuffix()}@test.advenir.fr`,
      name: o.name ?? `Test ${o.role} ${uniqueSuffix()}`,
      role: o.role,
      password,
      operatorId,
      beneficiaryId,
      actor,
    },
    { prisma },
  );
  return { ...user, password };
}

export async function makeDossier({
  prisma,
  actor = "test",
  signed = false,
  ...o
}: Common & {
  signed?: boolean | { signerName: string; signerCapacity: string; signedByUserId?: string; onBehalf?: boolean };
  reference?: string;
  operatorId?: string;
  beneficiaryId?: string;
  siteName?: string;
  address?: string;
  inseeCode?: string;
  siteType?: SiteType;
  channel?: Channel;
} = {}) {
  const dossier = await createDossier(
    {
      reference: o.reference ?? `ADV-TEST-${uniqueSuffix().toUpperCase()}`,
      beneficiaryId: o.beneficiaryId ?? (await makeBeneficiary({ prisma })).id,
      operatorId: o.operatorId ?? (await makeOperator({ prisma })).id,
      siteName: o.siteName ?? "Parking de test",
      address: o.address ?? "1 rue de Rivoli, 75001 Paris",
      inseeCode: o.inseeCode ?? "75101",
      siteType: o.siteType ?? "residentiel_collectif",
      channel: o.channel ?? "ADVENIR",
      actor,
    },
    { prisma },
  );
  if (!signed) return dossier;
  const signer = signed === true ? { signerName: "Jeanne Test", signerCapacity: "Syndic" } : signed;
  const signature = await signAttestation(
    {
      dossierId: dossier.id,
      signerName: signer.signerName,
      signerCapacity: signer.signerCapacity,
      consent: true,
      signedByUserId: signer.signedByUserId,
      onBehalf: signer.onBehalf ?? false,
      ipAddress: "127.0.0.1",
      userAgent: "factories",
      actor,
    },
    { prisma },
  );
  return { ...dossier, attestation: { textVersion: signature.textVersion, textSha256: signature.textSha256, signedAt: signature.signedAt } };
}

/** Registers `count` stations with unique codes (or the given ones) on a dossier. */
export async function makeStations({
  prisma,
  actor = "test",
  dossierId,
  count = 2,
  stations,
}: Common & { dossierId: string; count?: number; stations?: StationInput[] }) {
  const list = stations ?? Array.from({ length: count }, (_, i) => ({ stationCode: `ST-${uniqueSuffix()}-${i + 1}`, pointCount: 2, nominalPowerKw: 22 }));
  return registerStations({ dossierId, stations: list, actor }, { prisma });
}
