import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { createOperationalUnit } from "@/lib/api-accounts/create-operational-unit";
import { createApiGroup } from "@/lib/api-accounts/create-api-group";
import { createApiUser } from "@/lib/api-accounts/create-api-user";
import { makeApiCredential, makeBeneficiary, makeDossier, makeOperator, makeStations, makeUser } from "@/cli/demo/factories";

// Demo data for trying the portal: DEMO ONLY, printed in the README, never for a real deployment.
// Seeded only into a database without real accounts; a second run does nothing.

export const DEMO_ACCOUNTS = [
  { role: "comite", email: "comite@demo.advenir.fr", password: "Demo-Comite-2026", name: "Camille Comité" },
  { role: "operateur", email: "operateur@demo.advenir.fr", password: "Demo-Operateur-2026", name: "Olivier Opérateur" },
  { role: "beneficiaire", email: "beneficiaire@demo.advenir.fr", password: "Demo-Beneficiaire-2026", name: "Bérénice Bénéficiaire" },
  // Created last: its presence means the seed completed.
  { role: "admin", email: "admin@demo.advenir.fr", password: "Demo-Admin-2026", name: "Alice Admin" },
] as const;

export const DEMO_OPERATOR = { name: "Recharge Démo SAS", siren: "900012345" } as const;
export const DEMO_BENEFICIARY = { name: "Copropriété Les Tilleuls" } as const;
export const DEMO_CREDENTIALS = [
  { env: "production", username: "demo-operateur", secret: "Demo-Api-Secret-2026", label: "Démonstration" },
  { env: "sandbox", username: "demo-operateur-bac-a-sable", secret: "Demo-Sandbox-Secret-2026", label: "Démonstration (bac à sable)" },
] as const;
/** The demo operator's machine account of the QualiCharge API (/api/v1): one unit, one group, one user. */
export const DEMO_QUALICHARGE = {
  unit: { code: "FRDEM", name: "Recharge Démo — réseau" },
  group: "recharge-demo",
  user: { username: "demo-qualicharge", email: "api-qualicharge@demo.advenir.fr", password: "Demo-QualiCharge-2026" },
  scopes: ["all:create", "all:read", "all:update", "all:delete", "manage:read"],
} as const;
export const DEMO_DOSSIER = {
  reference: "ADV-DEMO-0001",
  siteName: "Résidence Les Tilleuls — parking souterrain",
  address: "4 place du Louvre, 75001 Paris",
  inseeCode: "75101",
  siteType: "residentiel_collectif",
  channel: "ADVENIR",
} as const;
export const DEMO_STATIONS = [
  { stationCode: "DEMO-ST-001", pointCount: 2, nominalPowerKw: 7.4 },
  { stationCode: "DEMO-ST-002", pointCount: 2, nominalPowerKw: 22 },
  { stationCode: "DEMO-ST-003", pointCount: 1, nominalPowerKw: 50 },
];

export type SeedDemoResult = { status: "created"; message: string } | { status: "already-present"; message: string } | { status: "refused"; message: string };

const ACTOR = "demo:seed";
const ADMIN_EMAIL = "admin@demo.advenir.fr";

export async function seedDemo(options: { prisma?: PrismaClient } = {}): Promise<SeedDemoResult> {
  const prisma = options.prisma ?? (await db());
  if (await prisma.user.findUnique({ where: { email: ADMIN_EMAIL }, select: { id: true } }))
    return { status: "already-present", message: "Données de démonstration déjà présentes : rien à faire." };

  const demoEmails: string[] = DEMO_ACCOUNTS.map((a) => a.email);
  const realUsers = await prisma.user.count({ where: { email: { notIn: demoEmails } } });
  if (realUsers > 0)
    return {
      status: "refused",
      message: `Données de démonstration non créées : la base contient déjà ${realUsers} compte(s) réel(s). Elles ne s'installent que dans une base vide.`,
    };
  const existing = (await prisma.user.count()) + (await prisma.operator.count()) + (await prisma.beneficiary.count()) + (await prisma.dossier.count());
  if (existing > 0)
    return {
      status: "refused",
      message:
        "Données de démonstration non créées : la base n'est pas vide (opérateurs, bénéficiaires ou dossiers existants, " +
        "ou création de démonstration interrompue). Elles ne s'installent que dans une base vide.",
    };

  const common = { prisma, actor: ACTOR };
  const operator = await makeOperator({ ...common, ...DEMO_OPERATOR });
  for (const credential of DEMO_CREDENTIALS) await makeApiCredential({ ...common, operatorId: operator.id, ...credential });
  const qc = DEMO_QUALICHARGE;
  await createOperationalUnit({ ...qc.unit, operatorId: operator.id, actor: ACTOR }, { prisma });
  const group = await createApiGroup({ name: qc.group, operatorId: operator.id, unitCodes: [qc.unit.code], actor: ACTOR }, { prisma });
  const { password, ...apiUser } = qc.user;
  await createApiUser({ ...apiUser, operatorId: operator.id, groupIds: [group.id], scopes: [...qc.scopes], actor: ACTOR }, { prisma, password });
  const beneficiary = await makeBeneficiary({ ...common, name: DEMO_BENEFICIARY.name, siren: null });

  const [comite, operateur, beneficiaire, admin] = DEMO_ACCOUNTS;
  await makeUser({ ...common, ...comite });
  await makeUser({ ...common, ...operateur, operatorId: operator.id });
  const signer = await makeUser({ ...common, ...beneficiaire, beneficiaryId: beneficiary.id });

  const dossier = await makeDossier({
    prisma,
    actor: signer.email,
    ...DEMO_DOSSIER,
    operatorId: operator.id,
    beneficiaryId: beneficiary.id,
    signed: { signerName: signer.name, signerCapacity: "Présidente du conseil syndical", signedByUserId: signer.id, onBehalf: false },
  });
  await makeStations({ ...common, dossierId: dossier.id, stations: DEMO_STATIONS });
  await makeUser({ ...common, ...admin });

  return {
    status: "created",
    message:
      "Données de démonstration créées (comptes de démonstration uniquement, à ne jamais utiliser en production) : " +
      DEMO_ACCOUNTS.map((a) => a.email).join(", ") +
      `; opérateur ${DEMO_OPERATOR.name} (UserID ${operator.id}), dossier ${DEMO_DOSSIER.reference} avec ${DEMO_STATIONS.length} stations.`,
  };
}
