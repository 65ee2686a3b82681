import { makeDossier, makeOperator, makeStations, makeBeneficiary, uniqueSuffix } from "@/cli/demo/factories";
import { addOperations } from "@/tests/support/indicators/make-indicator-stations";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { db } from "@/lib/platform/db/database";

// The committee journeys' data (issue "Committee indicators"): signed dossiers with stations in
// three départements, charges in January and February 2023, computed with the shipped 2023
// carbon series. Finistère (6 stations, 3 beneficiaries) is published, Corse-du-Sud (2 stations,
// one beneficiary) is "secret statistique" everywhere, and so is Rhône (6 stations charging half
// as much: the région closest in size to Corse, withheld so that Corse cannot be deduced from the
// national total). Thresholds: the defaults K = 5, B = 3.
//
// The committee specs are small journeys reading the same published figures (national totals add
// up every station of the database): the data and its run are made once per e2e database, by the
// first spec that needs them, so each journey stays short on a busy machine.
export const SITES = [
  { inseeCode: "29019", beneficiaries: 3, stationsEach: 2, wh: 12_000 },
  { inseeCode: "69123", beneficiaries: 3, stationsEach: 2, wh: 6_000 },
  { inseeCode: "2A004", beneficiaries: 1, stationsEach: 2, wh: 12_000 },
];

const MARKER = "Opérateur des journées du comité (e2e)";

export async function ensureCommitteeData(): Promise<{ operatorId: string }> {
  const prisma = await db();
  const existing = await prisma.operator.findFirst({ where: { name: MARKER }, select: { id: true } });
  if (existing) return { operatorId: existing.id };
  const operator = await makeOperator({ name: MARKER, credentials: ["production"] });
  const whOf = new Map<string, number>();
  for (const site of SITES) {
    for (let b = 0; b < site.beneficiaries; b++) {
      const beneficiary = await makeBeneficiary();
      const dossier = await makeDossier({ signed: true, operatorId: operator.id, beneficiaryId: beneficiary.id, inseeCode: site.inseeCode });
      const stations = Array.from({ length: site.stationsEach }, (_, i) => ({
        stationCode: `IND-${uniqueSuffix()}-${i}`,
        pointCount: 2,
        nominalPowerKw: 22,
        inseeCode: site.inseeCode,
      }));
      await makeStations({ dossierId: dossier.id, stations });
      for (const st of stations) whOf.set(st.stationCode, site.wh);
    }
  }
  const stations = await prisma.station.findMany({ where: { operatorId: operator.id }, select: { id: true, stationCode: true } });
  const days = ["2023-01-09", "2023-01-18", "2023-02-06", "2023-02-15"];
  await addOperations(
    prisma,
    stations.flatMap((s) =>
      days.map((d) => ({
        operatorId: operator.id,
        stationId: s.id,
        start: new Date(`${d}T17:30:00Z`),
        stop: new Date(`${d}T20:00:00Z`),
        wh: whOf.get(s.stationCode)!,
      })),
    ),
  );
  const ref = await ensureReferenceData();
  await computeIndicators({ from: "2023-01", to: "2023-03", seriesId: ref.carbonSeriesId, computedBy: "e2e" });
  return { operatorId: operator.id };
}
