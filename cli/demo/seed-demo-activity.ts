import type { PrismaClient } from "@/generated/prisma/client";
import { db, rawSql } from "@/lib/platform/db/database";
import type { SqlExecutor } from "@/lib/platform/db/migrate";
import { ingestBody } from "@/lib/channels/advenir/ingest-body";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { makeBeneficiary, makeDossier, makeStations } from "@/cli/demo/factories";
import type { SiteType } from "@/lib/schemas/dossiers";
import { seededRandom } from "@/lib/platform/random/seeded-random";

// DEMO ONLY: a year (2023, the year of the shipped carbon series) of synthetic charge operations
// at a few dozen stations in four régions, so that the committee's indicators have something to
// show, including cells withheld as "secret statistique". Generated deterministically, posted
// through the real ingestion path (validation, quality flags, submission log), then computed.

interface DemoSite {
  reference: string;
  beneficiary: string;
  siteName: string;
  address: string;
  inseeCode: string;
  siteType: SiteType;
  powers: number[];
}

export const DEMO_SITES: DemoSite[] = [
  {
    reference: "ADV-DEMO-0002",
    beneficiary: "Syndicat des copropriétaires Vaugirard",
    siteName: "Résidence Vaugirard",
    address: "120 rue de Vaugirard, 75015 Paris",
    inseeCode: "75115",
    siteType: "residentiel_collectif",
    powers: [7.4, 7.4, 7.4],
  },
  {
    reference: "ADV-DEMO-0003",
    beneficiary: "Bercy Logistique SAS",
    siteName: "Dépôt de Bercy",
    address: "30 quai de Bercy, 75012 Paris",
    inseeCode: "75112",
    siteType: "entreprise_flotte",
    powers: [22, 22, 22],
  },
  {
    reference: "ADV-DEMO-0004",
    beneficiary: "Ville de Boulogne-Billancourt",
    siteName: "Parking de l'hôtel de ville",
    address: "26 avenue André-Morizet, 92100 Boulogne-Billancourt",
    inseeCode: "92012",
    siteType: "parking_ouvert_au_public",
    powers: [22, 22, 50],
  },
  {
    reference: "ADV-DEMO-0005",
    beneficiary: "Copropriété Part-Dieu",
    siteName: "Résidence Part-Dieu",
    address: "12 rue Garibaldi, 69003 Lyon",
    inseeCode: "69383",
    siteType: "residentiel_collectif",
    powers: [7.4, 7.4, 7.4],
  },
  {
    reference: "ADV-DEMO-0006",
    beneficiary: "Rhône Services SARL",
    siteName: "Siège social",
    address: "8 cours Émile-Zola, 69100 Villeurbanne",
    inseeCode: "69266",
    siteType: "entreprise_salaries_visiteurs",
    powers: [22, 22, 22],
  },
  {
    reference: "ADV-DEMO-0007",
    beneficiary: "Parkings de Gerland SAS",
    siteName: "Parking Gerland",
    address: "350 avenue Jean-Jaurès, 69007 Lyon",
    inseeCode: "69387",
    siteType: "parking_ouvert_au_public",
    powers: [50, 50, 22],
  },
  {
    reference: "ADV-DEMO-0008",
    beneficiary: "Bordeaux Parkings SPL",
    siteName: "Parking des Quinconces",
    address: "Place des Quinconces, 33000 Bordeaux",
    inseeCode: "33063",
    siteType: "parking_ouvert_au_public",
    powers: [22, 22, 22],
  },
  {
    reference: "ADV-DEMO-0009",
    beneficiary: "Toulouse Habitat Démo",
    siteName: "Résidence Capitole",
    address: "1 place du Capitole, 31000 Toulouse",
    inseeCode: "31555",
    siteType: "residentiel_collectif",
    powers: [7.4, 7.4],
  },
];

/** Typical plug-in hour (UTC) by kind of site: evenings at home, mornings at work, daytime in public. */
function startHour(siteType: SiteType, rnd: () => number): number {
  if (siteType === "residentiel_collectif") return 16 + rnd() * 6;
  if (siteType === "entreprise_flotte") return rnd() < 0.6 ? 17 + rnd() * 3 : 11 + rnd() * 2;
  if (siteType === "entreprise_salaries_visiteurs") return 6 + rnd() * 3;
  return 8 + rnd() * 11;
}

export function demoOperations(siteType: SiteType, powerKw: number, seed: number) {
  const rnd = seededRandom(seed);
  const ops: { StartTransaction: number; StopTransaction: number; StartValue: number; StopValue: number }[] = [];
  let meter = Math.floor(rnd() * 1_000_000);
  const workplace = siteType.startsWith("entreprise");
  for (let day = 0; day < 365; day++) {
    const midnight = Date.UTC(2023, 0, 1 + day) / 1000;
    const weekend = [0, 6].includes(new Date(midnight * 1000).getUTCDay());
    const sessions = workplace && weekend ? (rnd() < 0.15 ? 1 : 0) : rnd() < 0.8 ? 1 + (rnd() < 0.3 ? 1 : 0) : 0;
    for (let s = 0; s < sessions; s++) {
      const start = Math.floor(midnight + (startHour(siteType, rnd) + s * 5) * 3600);
      const kwh = Math.min(5 + rnd() * 30, powerKw * 8);
      const seconds = Math.max(600, Math.round((kwh / (powerKw * (0.6 + rnd() * 0.35))) * 3600));
      const wh = Math.round(kwh * 1000);
      ops.push({ StartTransaction: start, StopTransaction: start + seconds, StartValue: meter, StopValue: meter + wh });
      meter += wh + Math.floor(rnd() * 50);
    }
  }
  return ops;
}

/** Posts a year of operations for the stations of one dossier through the ingestion path. */
async function postYear(sql: SqlExecutor, operatorId: string, stations: { stationCode: string; nominalPowerKw: number }[], siteType: SiteType, seed: number) {
  const body: Record<string, Record<string, Record<string, unknown>>> = { [operatorId]: {} };
  stations.forEach((st, i) => {
    const ops = demoOperations(siteType, st.nominalPowerKw, seed * 31 + i);
    body[operatorId][st.stationCode] = Object.fromEntries(ops.map((op, k) => [`DEMO-${st.stationCode}-${k + 1}`, op]));
  });
  const text = JSON.stringify(body);
  await ingestBody({
    sql,
    operatorId,
    env: "production",
    endpoint: "operation",
    text,
    startedAt: performance.now(),
    submission: {
      env: "production",
      operatorId,
      credentialId: null,
      endpoint: "/api/operation/put",
      method: "POST",
      ipAddress: null,
      receivedAt: new Date(),
      sizeBytes: text.length,
      rawBody: null,
    },
  });
}

/** On the process's database, or on another one opened by the caller (its Prisma client and SQL executor). */
export async function seedDemoActivity(database?: { prisma: PrismaClient; sql: SqlExecutor }): Promise<string> {
  const prisma = database?.prisma ?? (await db());
  const sql = database?.sql ?? (await rawSql());
  const operator = await prisma.operator.findFirstOrThrow({ where: { siren: "900012345" }, select: { id: true } });
  const first = await prisma.dossier.findUniqueOrThrow({
    where: { reference: "ADV-DEMO-0001" },
    select: { stations: { select: { stationCode: true, nominalPowerKw: true } } },
  });
  await postYear(
    sql,
    operator.id,
    first.stations.map((s) => ({ stationCode: s.stationCode, nominalPowerKw: Number(s.nominalPowerKw) })),
    "residentiel_collectif",
    1,
  );
  let stationCount = first.stations.length;
  for (const [i, site] of DEMO_SITES.entries()) {
    const beneficiary = await makeBeneficiary({ prisma, name: site.beneficiary, siren: null, actor: "demo:seed" });
    const dossier = await makeDossier({
      prisma,
      actor: "demo:seed",
      reference: site.reference,
      beneficiaryId: beneficiary.id,
      operatorId: operator.id,
      siteName: site.siteName,
      address: site.address,
      inseeCode: site.inseeCode,
      siteType: site.siteType,
      signed: { signerName: `Responsable ${site.beneficiary}`, signerCapacity: "Représentant légal" },
    });
    const stations = site.powers.map((kw, k) => ({ stationCode: `${site.reference.replace("ADV-", "")}-ST-${k + 1}`, pointCount: 2, nominalPowerKw: kw }));
    await makeStations({ prisma, actor: "demo:seed", dossierId: dossier.id, stations });
    await postYear(sql, operator.id, stations, site.siteType, i + 2);
    stationCount += stations.length;
  }
  await ensureReferenceData({ prisma });
  const run = await computeIndicators({ from: "2023-01", to: "2024-01", computedBy: "demo:seed" }, { prisma });
  return `Activité de démonstration : ${stationCount} stations, une année (2023) d'opérations de recharge ; indicateurs calculés (${run.cellCount} cases, dont ${run.withheldCount} en secret statistique).`;
}
