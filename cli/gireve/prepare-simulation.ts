import { randomInt } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { AppError } from "@/lib/platform/errors";
import { parisDay } from "@/lib/platform/time/paris-time";
import { formatIrveCsv } from "@/lib/irve/format-irve-csv";
import { parseIrveCsv } from "@/lib/irve/parse-irve-csv";
import { declareChargePoints } from "@/lib/irve/declare-charge-points";
import { createOperationalUnit } from "@/lib/api-accounts/create-operational-unit";
import { createRelayAccount } from "@/lib/gireve-relay/create-relay-account";
import { readOperatorId } from "@/lib/schemas/gireve-emip-ids";
import type { IrveColumn } from "@/lib/schemas/irve";
import { simulatedEvseIds, simulatedPointPowerKw } from "@/lib/channels/gireve/simulate/relay-traffic";
import { makeDossier, makeOperator, uniqueSuffix } from "@/cli/demo/factories";
import { ACTOR } from "@/cli/command";

// What the relay simulator needs on the portal's side, made with the demo factories and the lib
// functions the pages use: an operator holding an operational unit (the EVSEs' prefix), a GIREVE
// dossier with a signed attestation and `points` charge points declared with IRVE static data
// (stations of up to 10 points, ids FR<unit>ESIM00001…, each of the power its simulated sessions
// draw), and a relay account (production).

const POINTS_PER_STATION = 10;

/** The static data of one simulated point (the national schema's example, with the simulation's ids). */
export function irveRow(unit: string, station: number, stationPoints: number, evseId: string, powerKw: number): Record<IrveColumn, string> {
  return {
    nom_amenageur: "Aménageur simulé",
    siren_amenageur: "130025265",
    contact_amenageur: "contact@amenageur.example",
    nom_operateur: "Opérateur simulé",
    contact_operateur: "contact@operateur.example",
    telephone_operateur: "0100000000",
    nom_enseigne: "Réseau simulé",
    id_station_itinerance: `${unit}PSIM${String(station).padStart(4, "0")}`,
    id_station_local: "",
    nom_station: `Station simulée ${station}`,
    implantation_station: "Voirie",
    adresse_station: "1 rue de Rivoli 75001 Paris",
    code_insee_commune: "75101",
    coordonneesXY: "[2.3470,48.8590]",
    nbre_pdc: String(stationPoints),
    id_pdc_itinerance: evseId.replace(/\*/g, ""),
    id_pdc_local: "",
    puissance_nominale: String(powerKw),
    prise_type_ef: "true",
    prise_type_2: "true",
    prise_type_combo_ccs: powerKw >= 50 ? "true" : "false",
    prise_type_chademo: "false",
    prise_type_autre: "false",
    gratuit: "false",
    paiement_acte: "true",
    paiement_cb: "true",
    paiement_autre: "false",
    tarification: "0.40€ / kwh",
    condition_acces: "Accès libre",
    reservation: "false",
    horaires: "24/7",
    accessibilite_pmr: "Accessible mais non réservé PMR",
    restriction_gabarit: "Hauteur maximale 2m",
    station_deux_roues: "false",
    raccordement: "Direct",
    num_pdl: "12345678912345",
    date_mise_en_service: "2024-01-15",
    observations: "",
    date_maj: "2024-01-15",
    cable_t2_attache: "false",
  };
}

/** "FR" and three random letters or digits: an unused AFIREV-like prefix, most likely. */
function freshUnitCode(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  return `FR${Array.from({ length: 3 }, () => alphabet[randomInt(alphabet.length)]).join("")}`;
}

/** The given unit for the operator, or a fresh code not taken yet (another is drawn while the drawn one is taken). */
async function claimUnit(given: string | null, operatorId: string, prisma?: PrismaClient): Promise<string> {
  for (;;) {
    const code = given ?? freshUnitCode();
    try {
      await createOperationalUnit({ code, name: `Unité simulée ${code}`, operatorId, actor: ACTOR }, { prisma });
      return code;
    } catch (e) {
      if (given || !(e instanceof AppError && e.code === "CONFLICT")) throw e;
    }
  }
}

export interface PreparedSimulation {
  dossierReference: string;
  /** eMI3 form, FR*ABC. */
  operatorId: string;
  evseIds: string[];
  relay: { username: string; secret: string };
}

export async function prepareSimulation(input: { points: number; operator?: string }, options: { prisma?: PrismaClient } = {}): Promise<PreparedSimulation> {
  const prisma = options.prisma;
  const given = input.operator ? readOperatorId(input.operator) : null;
  if (input.operator && !given) throw new AppError("INVALID_INPUT", `Identifiant d'opérateur eMI3 invalide : ${input.operator}.`);
  const operator = await makeOperator({ prisma, actor: ACTOR, name: `Opérateur simulé ${given ?? uniqueSuffix()}` });
  const unit = await claimUnit(given, operator.id, prisma);
  const operatorId = `${unit.slice(0, 2)}*${unit.slice(2)}`;
  const dossier = await makeDossier({
    prisma,
    actor: ACTOR,
    channel: "GIREVE",
    signed: { signerName: "Simulateur GIREVE", signerCapacity: "Essai" },
    operatorId: operator.id,
    reference: `ADV-SIM-${uniqueSuffix().toUpperCase()}`,
    siteName: `Site simulé ${unit}`,
  });
  const evseIds = simulatedEvseIds(operatorId, input.points);
  const rows = evseIds.map((evseId, i) => {
    const station = Math.floor(i / POINTS_PER_STATION) + 1;
    const stationPoints = Math.min(POINTS_PER_STATION, evseIds.length - (station - 1) * POINTS_PER_STATION);
    return irveRow(unit, station, stationPoints, evseId, simulatedPointPowerKw(i));
  });
  const parsed = await parseIrveCsv(formatIrveCsv(rows), { today: parisDay(new Date()) });
  if (parsed.errors.length > 0) throw new Error(`Données statiques simulées refusées : ${parsed.errors[0].column} ${parsed.errors[0].message}`);
  await declareChargePoints({ dossierId: dossier.id, rows: parsed.valid, actor: ACTOR }, { prisma });
  const relay = await createRelayAccount({ env: "production", label: `Simulateur (${dossier.reference})` }, { actor: ACTOR }, { prisma });
  return { dossierReference: dossier.reference, operatorId, evseIds, relay: { username: relay.username, secret: relay.secret } };
}
