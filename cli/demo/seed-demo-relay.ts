import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { parisDay } from "@/lib/platform/time/paris-time";
import { formatIrveCsv } from "@/lib/irve/format-irve-csv";
import { parseIrveCsv } from "@/lib/irve/parse-irve-csv";
import { declareChargePoints } from "@/lib/irve/declare-charge-points";
import { createRelayAccount } from "@/lib/gireve-relay/create-relay-account";
import { openEnvelope } from "@/lib/channels/gireve/emip/soap";
import { decodeMessage } from "@/lib/channels/gireve/emip/decode-message";
import { handleMessage } from "@/lib/channels/gireve/emip/handle-message";
import { relayEnvelope, relayTraffic, simulatedEvseIds, simulatedPointPowerKw } from "@/lib/channels/gireve/simulate/relay-traffic";
import { irveRow } from "@/cli/gireve/prepare-simulation";
import { makeDossier } from "@/cli/demo/factories";
import { dailyQosComputation } from "@/lib/quality-of-service/daily-qos";
import { DEMO_BENEFICIARY, DEMO_OPERATOR, DEMO_QUALICHARGE } from "@/cli/demo/seed-demo";

// The demo's GIREVE dossier: the demo beneficiary's second site, collected through GIREVE, its
// points declared with IRVE static data, and the last two days of what GIREVE's relay would have
// sent for them (the relay simulator's traffic), each message read and stored exactly as the door
// does (lib/channels/gireve/emip/). DEMO ONLY: a relay account with a published secret, so that
// `npm run gireve:simulate` can be tried against the demo portal.

export const DEMO_GIREVE = {
  reference: "ADV-DEMO-GIREVE",
  siteName: "Résidence Les Tilleuls — parking extérieur",
  points: 4,
  relay: { username: "demo-gireve", secret: "Demo-Gireve-Secret-2026" },
} as const;

const ACTOR = "demo:seed";
const DAYS = 2;

/** The demo's GIREVE dossier for the demo operator (unit FRDEM) and beneficiary, once seedDemo has run. */
export async function seedDemoGireve(options: { prisma?: PrismaClient } = {}): Promise<string> {
  const prisma = options.prisma ?? (await db());
  const operator = await prisma.operator.findUniqueOrThrow({ where: { siren: DEMO_OPERATOR.siren }, select: { id: true } });
  const beneficiary = await prisma.beneficiary.findFirstOrThrow({ where: { name: DEMO_BENEFICIARY.name }, select: { id: true } });
  const relayed = await seedDemoRelay({ operatorId: operator.id, beneficiaryId: beneficiary.id, unit: DEMO_QUALICHARGE.unit.code }, { prisma });
  // The nightly quality-of-service computation over the days of that traffic (the operator's page shows them).
  return `${relayed}\n${await dailyQosComputation({ prisma, now: new Date() })}`;
}

/** Seeds a GIREVE dossier and two days of relayed traffic; returns what it did, in French. */
export async function seedDemoRelay(
  input: { operatorId: string; beneficiaryId: string; unit: string; reference?: string; relay?: { username: string; secret: string } },
  options: { prisma?: PrismaClient; now?: Date } = {},
): Promise<string> {
  const prisma = options.prisma ?? (await db());
  const now = options.now ?? new Date();
  const dossier = await makeDossier({
    prisma,
    actor: ACTOR,
    reference: input.reference ?? DEMO_GIREVE.reference,
    siteName: DEMO_GIREVE.siteName,
    channel: "GIREVE",
    operatorId: input.operatorId,
    beneficiaryId: input.beneficiaryId,
    signed: { signerName: "Responsable Les Tilleuls", signerCapacity: "Présidente du conseil syndical" },
  });
  const operator = `${input.unit.slice(0, 2)}*${input.unit.slice(2)}`;
  const evseIds = simulatedEvseIds(operator, DEMO_GIREVE.points);
  const powers = evseIds.map((_, i) => simulatedPointPowerKw(i));
  const rows = evseIds.map((evseId, i) => irveRow(input.unit, 1, evseIds.length, evseId, powers[i]));
  const parsed = await parseIrveCsv(formatIrveCsv(rows), { today: parisDay(now) });
  if (parsed.errors.length > 0) throw new Error(`Données statiques de démonstration refusées : ${parsed.errors[0].column} ${parsed.errors[0].message}`);
  await declareChargePoints({ dossierId: dossier.id, rows: parsed.valid, actor: ACTOR }, { prisma });
  const relay = await createRelayAccount({ env: "production", label: "Démonstration", ...(input.relay ?? DEMO_GIREVE.relay) }, { actor: ACTOR }, { prisma });

  // The last two whole hours-aligned days, ending an hour ago (every message dated in the past).
  const end = Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 3_600_000;
  const spec = { evseIds, start: new Date(end - DAYS * 86_400_000), days: DAYS, seed: 2026, pointPowersKw: powers };
  const principal = { id: relay.id, username: relay.username, env: "production" as const, method: "basic" as const };
  const statuses = new Map<number, number>();
  for (const message of relayTraffic(spec)) {
    const text = relayEnvelope(message);
    const journal = {
      relayAccountId: relay.id,
      endpoint: "/api/gireve/emip",
      method: "POST",
      ipAddress: null,
      receivedAt: new Date(Math.min(message.sendAt, now.getTime())),
      durationMs: 0,
      sizeBytes: Buffer.byteLength(text),
      warnings: [],
    };
    const outcome = await handleMessage(decodeMessage(openEnvelope(text)), principal, journal, now);
    statuses.set(outcome.requestStatus, (statuses.get(outcome.requestStatus) ?? 0) + 1);
  }
  const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
  if (statuses.get(1) !== sent) throw new Error(`Trafic GIREVE de démonstration refusé en partie : ${JSON.stringify(Object.fromEntries(statuses))}`);
  return `Dossier GIREVE de démonstration ${dossier.reference} : ${evseIds.length} points de charge, ${sent} messages eMIP des deux derniers jours reçus comme par le relais (accès ${relay.username}).`;
}
