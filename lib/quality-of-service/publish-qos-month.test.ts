import { randomInt } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PORTAL_JOBS } from "@/cli/portal-jobs";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";
import { addCalendarDays, parisLocalToUtc, parisMidnight } from "@/lib/platform/time/paris-time";
import { createScheduler } from "@/lib/platform/jobs/scheduler";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeQosDays } from "@/lib/quality-of-service/compute-qos-days";
import { periodContaining } from "@/lib/quality-of-service/qos-period";
import { readQosCells } from "@/lib/quality-of-service/read-qos-cells";
import { publishQosMonth } from "@/lib/quality-of-service/publish-qos-month";
import { publishableFrom } from "@/lib/quality-of-service/publish-closed-months";
import { readPublishedOperatorMap, readPublishedQosCells, readPublishedQosCode, readQosPublicationInfo } from "@/lib/quality-of-service/read-published-qos";
import { makeQualichargeTenant, type QualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { insertPointStatus, makeQualichargePoints, type MadePoint } from "@/tests/support/qualicharge/points";
import { deducedByDifferences, exposedByLinearAlgebra } from "@/tests/support/anonymity/zone-attack";

// The committee's quality of service is published once a month is closed and stays as
// published. Each test draws a month of a far year no other test writes statuses in (years
// 2500–2899 here, 2040–2439 for read-qos-cells), and publishes in a shared database: its
// assertions hold whatever other tests publish.

const H = 3_600_000;
const DAY = 86_400_000;
const BASTIA = "2B033";
const CORTE = "2B096";

let tenant: QualichargeTenant;
beforeAll(async () => {
  await ensureReferenceData({ prisma: await db() });
});
// Each test its own operator. Other tests' points, declared long ago, count in every later month
// as silent points (no time in or out of service): the national availability of a far month is
// this test's points' alone, but which operators and zones are withheld depends on them all (the
// ranking's audit may withhold this test's operator).
beforeEach(async () => {
  tenant = await makeQualichargeTenant();
});

function farMonth(fromYear: number) {
  return periodContaining("month", `${fromYear + randomInt(400)}-${String(1 + randomInt(11)).padStart(2, "0")}-01`);
}

/** One-point stations in the commune, each of its own aménageur, in service from the month's start. */
async function stationsIn(inseeCode: string, stations: number, monthStart: Date): Promise<MadePoint[]> {
  const prisma = await db();
  const made = await makeQualichargePoints(tenant, { stations, inseeCode });
  for (const p of made) {
    await prisma.chargePoint.update({
      where: { id: p.chargePointId },
      data: { createdAt: new Date(monthStart.getTime() - 365 * DAY), irve: { siren_amenageur: String(randomInt(100_000_000, 999_999_999)) } },
    });
    await status(p, monthStart, "en_service");
  }
  return made;
}

const status = (p: MadePoint, at: Date, etat: string) => insertPointStatus(p, at, etat);

async function outage(p: MadePoint, from: Date, hours: number) {
  await status(p, from, "hors_service");
  await status(p, new Date(from.getTime() + hours * H), "en_service");
}

const compute = (p: { fromDay: string; toDay: string }) => computeQosDays({ ...p, validitySeconds: 40 * 86_400 });

async function partitionsFor(month: { fromDay: string }) {
  await execute(await db(), sql`SELECT ensure_status_partitions((${month.fromDay}::date - interval '1 month')::date, 4)`);
}

describe("publishQosMonth", () => {
  it("stores the month's figures as computed, keeps them when the days are recomputed, and publishes again only when asked", async () => {
    const month = farMonth(2500);
    await partitionsFor(month);
    const start = parisMidnight(month.fromDay);
    const hoursInMonth = (parisMidnight(month.toDay).getTime() - start.getTime()) / H;
    const bastia = await stationsIn(BASTIA, 5, start);
    const [corte] = await stationsIn(CORTE, 1, start);
    await outage(bastia[0], new Date(start.getTime() + 9 * DAY), 2);
    await compute(month);

    const first = await publishQosMonth({ month: month.fromDay, publishedBy: "test" });
    expect(first.outcome).toBe("publie");
    // By hand, the month's 6 points with statuses, 2 hours out of service: 1 − 2 ÷ (6 × hours of the month).
    const nationalAvailability = async (month: string) => {
      const cell = (await readPublishedQosCode("national", "FR", [month])).get(month);
      expect(cell?.secret).toBe(false);
      return cell && !cell.secret ? cell.figures.availability : null;
    };
    expect(await nationalAvailability(month.fromDay)).toBeCloseTo(1 - 2 / (6 * hoursInMonth), 12);
    // Corte withheld (1 station), Bastia withheld with it (else Corte would be 2B minus Bastia),
    // as computed live at publication, neither with a figure stored.
    const live = (await readQosCells({ level: "commune", period: month })).cells.filter((c) => c.code === BASTIA || c.code === CORTE);
    const communes = (await readPublishedQosCells("commune", month.fromDay))!.cells.filter((c) => c.code === BASTIA || c.code === CORTE);
    expect(communes).toEqual(live);
    expect(communes.map((c) => [c.code, c.secret && c.reason])).toEqual([
      [BASTIA, "secondaire"],
      [CORTE, "primaire"],
    ]);
    const stored = await queryRows<{ code: string; figures: unknown }>(
      await db(),
      sql`SELECT c.code, c.figures FROM qos_published_cell c
           WHERE c.publication_id = ${first.publicationId}::uuid AND c.level = 'commune' AND c.code IN (${BASTIA}, ${CORTE})`,
    );
    expect(stored.map((r) => r.figures)).toEqual([null, null]);
    // Whether 2B is published depends on every test's points (a région withheld beside a small one
    // withholds its départements too, zone-hierarchy-audit.ts); what holds whatever they are:
    // nothing withheld comes out by differences of the published zone cells.
    const zones = await Promise.all((["national", "region", "departement", "commune"] as const).map((l) => readPublishedQosCells(l, month.fromDay)));
    expect(deducedByDifferences(zones.map((z) => z!.cells.map((c) => ({ code: c.code, parent: c.parent, withheld: c.secret }))))).toEqual([]);
    // The operator's map by région: Corse, its only région, is its national figure: published
    // exactly when its cell of the ranking is, and its margin, Corse's cell (withheld when other
    // tests' points make Corse the smallest région beside a withheld one).
    const ranked = (await readPublishedQosCells("operateur", month.fromDay))!.cells.find((c) => c.code === tenant.units[0])!;
    const corse = zones[1]!.cells.find((c) => c.code === "94")!;
    const map = await readPublishedOperatorMap(tenant.units[0], "region", month.fromDay);
    expect(map.map((c) => [c.code, c.label, c.secret])).toEqual([["94", "Corse", ranked.secret || corse.secret]]);
    if (!ranked.secret && !map[0].secret) expect(map[0].figures).toEqual(ranked.figures);
    // By département: Haute-Corse, its only one, is its cell of Corse, published when that cell
    // and Haute-Corse's (all operators) are, with the same figures.
    const hauteCorse = zones[2]!.cells.find((c) => c.code === "2B")!;
    const byDepartement = await readPublishedOperatorMap(tenant.units[0], "departement", month.fromDay);
    expect(byDepartement.map((c) => [c.code, c.label, c.parent, c.secret])).toEqual([
      ["2B", "Haute-Corse (2B)", `${tenant.units[0]}|94`, map[0].secret || hauteCorse.secret],
    ]);
    if (!byDepartement[0].secret && !map[0].secret) expect(byDepartement[0].figures).toEqual(map[0].figures);

    // A status arrives late: Corte's point was out 5 hours on the 20th. The days are recomputed;
    // the live figure changes, the published one does not.
    await outage(corte, new Date(start.getTime() + 19 * DAY), 5);
    await compute(month);
    const [recomputed] = (await readQosCells({ level: "national", period: month, operatorId: tenant.operatorId })).cells;
    expect(!recomputed.secret && recomputed.figures.availability).toBeCloseTo(1 - 7 / (6 * hoursInMonth), 12);
    expect((await publishQosMonth({ month: month.fromDay, publishedBy: "test" })).outcome).toBe("deja_publie");
    expect(await nationalAvailability(month.fromDay)).toBeCloseTo(1 - 2 / (6 * hoursInMonth), 12);

    // Published again on purpose: the new figures, the first publication kept and dated.
    const second = await publishQosMonth({ month: month.fromDay, publishedBy: "test", replace: true });
    expect(second.outcome).toBe("remplace");
    expect(await nationalAvailability(month.fromDay)).toBeCloseTo(1 - 7 / (6 * hoursInMonth), 12);
    const versions = await queryRows<{ id: string; superseded: boolean }>(
      await db(),
      sql`SELECT id, superseded_at IS NOT NULL AS superseded FROM qos_publication WHERE month = ${month.fromDay}::date ORDER BY published_at`,
    );
    expect(versions).toEqual([
      { id: first.publicationId, superseded: true },
      { id: second.publicationId, superseded: false },
    ]);
    const oldCells = await queryRows<{ n: number }>(
      await db(),
      sql`SELECT count(*)::int AS n FROM qos_published_cell WHERE publication_id = ${first.publicationId}::uuid`,
    );
    expect(oldCells[0].n).toBe(first.cells);
    const info = (await readQosPublicationInfo(month.fromDay))!;
    expect(info.firstPublishedAt).not.toBeNull();
    expect(info.publishedAt.getTime()).toBeGreaterThan(info.firstPublishedAt!.getTime());
    // Nothing changed since: publishing again is not a new publication.
    expect((await publishQosMonth({ month: month.fromDay, publishedBy: "test", replace: true })).outcome).toBe("inchange");
  });

  it("publishes once under a concurrent double publication, and not at all without computed days", async () => {
    const month = farMonth(2500);
    await partitionsFor(month);
    const start = parisMidnight(month.fromDay);
    await stationsIn(BASTIA, 5, start);
    expect((await publishQosMonth({ month: month.fromDay, publishedBy: "test" })).outcome).toBe("sans_donnees");
    expect(await readPublishedQosCells("national", month.fromDay)).toBeNull();
    await compute(month);
    const outcomes = await Promise.all([1, 2].map(() => publishQosMonth({ month: month.fromDay, publishedBy: "test" })));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["deja_publie", "publie"]);
    const [{ n }] = await queryRows<{ n: number }>(await db(), sql`SELECT count(*)::int AS n FROM qos_publication WHERE month = ${month.fromDay}::date`);
    expect(n).toBe(1);
  });
});

describe("the publication's zone levels", () => {
  it("withholds a withheld département's communes when their sum would give it, and through it its small neighbour", async () => {
    // Centre-Val de Loire: Tours 20 stations (37 published), Bourges 2 (18 withheld), Orléans 6 and
    // Olivet 7 (45 withheld beside 18, else 18 is the région minus 37 and 45). Orléans and Olivet
    // each pass the thresholds: published, they would give 45 as their sum, hence 18.
    const month = farMonth(2500);
    await partitionsFor(month);
    const start = parisMidnight(month.fromDay);
    const places = { tours: "37261", bourges: "18033", orleans: "45234", olivet: "45232" };
    // These points exist in this month only (created at its start, decommissioned at its end):
    // another run of this test on the same database does not add to them.
    const prisma = await db();
    for (const [insee, stations] of [
      [places.tours, 20],
      [places.bourges, 2],
      [places.orleans, 6],
      [places.olivet, 7],
    ] as const)
      for (const p of await stationsIn(insee, stations, start))
        await prisma.chargePoint.update({ where: { id: p.chargePointId }, data: { createdAt: start, decommissionedAt: parisMidnight(month.toDay) } });
    await compute(month);
    await publishQosMonth({ month: month.fromDay, publishedBy: "test" });

    const levels = await Promise.all((["national", "region", "departement", "commune"] as const).map((l) => readPublishedQosCells(l, month.fromDay)));
    const cells = levels.map((l) => l!.cells);
    const verdict = (i: number, code: string) => {
      const c = cells[i].find((x) => x.code === code);
      return c && (c.secret ? c.reason : "publie");
    };
    expect(["18", "37", "45"].map((d) => verdict(2, d))).toEqual(["primaire", "publie", "secondaire"]);
    expect([places.orleans, places.olivet].map((c) => verdict(3, c))).toEqual(["secondaire", "secondaire"]);
    // And nothing withheld, anywhere in the month's publication, comes out by differences.
    expect(deducedByDifferences(cells.map((list) => list.map((c) => ({ code: c.code, parent: c.parent, withheld: c.secret }))))).toEqual([]);
    // The operator's map by département withholds its cells of withheld départements (its own
    // figures there would be theirs), under its cell of Centre-Val de Loire.
    const byDepartement = await readPublishedOperatorMap(tenant.units[0], "departement", month.fromDay);
    expect(byDepartement.map((c) => [c.code, c.parent, c.secret && c.reason])).toEqual([
      ["18", `${tenant.units[0]}|24`, "primaire"],
      ["37", `${tenant.units[0]}|24`, expect.anything()],
      ["45", `${tenant.units[0]}|24`, "primaire"],
    ]);
  });
});

describe("the publication's EPCIs", () => {
  const ZONES = ["national", "region", "departement", "epci", "commune"] as const;

  /** The withheld zone cells of the month's publication that linear combinations of its published ones give. */
  async function exposedIn(month: string): Promise<string[]> {
    const read = await Promise.all(ZONES.map((l) => readPublishedQosCells(l, month)));
    const communes = read[4]!.cells.map((c) => c.code);
    const rows = await queryRows<{ code: string; departement: string; region: string; epci: string | null }>(
      await db(),
      sql`SELECT c.insee_code AS code, c.departement_code AS departement, d.region_code AS region, c.epci_code AS epci
            FROM commune c JOIN departement d ON d.code = c.departement_code WHERE c.insee_code = ANY(${communes}::text[])`,
    );
    const place = new Map(rows.map((r) => [r.code, r]));
    const zoneOf: Record<(typeof ZONES)[number], (commune: string) => string> = {
      national: () => "FR",
      region: (c) => place.get(c)?.region ?? "?",
      departement: (c) => place.get(c)?.departement ?? "?",
      epci: (c) => place.get(c)?.epci ?? "?",
      commune: (c) => c,
    };
    return exposedByLinearAlgebra(
      ZONES.flatMap((level, i) =>
        read[i]!.cells.map((cell) => ({
          key: `${level}:${cell.code}`,
          communes: communes.filter((c) => zoneOf[level](c) === cell.code),
          withheld: cell.secret,
        })),
      ),
    );
  }

  it("publishes EPCIs with the zones, and no withheld cell is a combination of published ones", async () => {
    // CA Moulins Communauté crosses Allier (03) and Nièvre (58). Allier: Aubigny (2 stations, in
    // Moulins Communauté), Audes (2) and Estivareilles (3), the whole of the CC du Val de Cher's
    // points there; Nièvre: Dornes (2) and Saint-Parize-en-Viry (3), Moulins Communauté's two
    // communes there. Every commune is under the thresholds; each département and EPCI passes. No
    // single relation gives a commune, but Allier minus the Val de Cher is Aubigny.
    const month = farMonth(2500);
    await partitionsFor(month);
    const start = parisMidnight(month.fromDay);
    const places = { aubigny: "03009", audes: "03010", estivareilles: "03111", dornes: "58104", saintParize: "58259" };
    const prisma = await db();
    for (const [insee, stations] of [
      [places.aubigny, 2],
      [places.audes, 2],
      [places.estivareilles, 3],
      [places.dornes, 2],
      [places.saintParize, 3],
    ] as const)
      for (const p of await stationsIn(insee, stations, start))
        await prisma.chargePoint.update({ where: { id: p.chargePointId }, data: { createdAt: start, decommissionedAt: parisMidnight(month.toDay) } });
    await compute(month);
    const result = await publishQosMonth({ month: month.fromDay, publishedBy: "test" });
    expect(result.outcome).toBe("publie");

    const epcis = (await readPublishedQosCells("epci", month.fromDay))!.cells;
    const moulins = epcis.find((c) => c.code === "200071140")!;
    expect([moulins.label, moulins.parent]).toEqual(["CA Moulins Communauté", "FR"]);
    expect(epcis.find((c) => c.code === "240300566")!.label).toBe("CC du Val de Cher");
    // When published, an EPCI's figures are its points': Moulins Communauté's 7 stations across two départements.
    if (!moulins.secret) expect([moulins.figures.stations, moulins.figures.points]).toEqual([7, 7]);
    const communes = (await readPublishedQosCells("commune", month.fromDay))!.cells;
    expect(Object.values(places).map((code) => communes.find((c) => c.code === code)!.secret)).toEqual([true, true, true, true, true]);
    // Something beside the communes is withheld so that Allier − Val de Cher no longer gives Aubigny.
    const zones = await Promise.all((["departement", "epci"] as const).map((l) => readPublishedQosCells(l, month.fromDay)));
    const secret = (cells: { code: string; secret: boolean }[], code: string) => cells.find((c) => c.code === code)!.secret;
    expect(secret(zones[0]!.cells, "03") || secret(zones[1]!.cells, "240300566") || secret(zones[1]!.cells, "200071140")).toBe(true);
    expect(await exposedIn(month.fromDay)).toEqual([]);
  });
});

describe("the nightly publication", () => {
  it("publishes a closed month at 05:00 from the 3rd of the next month, never the month in progress", async () => {
    const prisma = await db();
    const month = farMonth(2100);
    const next = periodContaining("month", month.toDay);
    await partitionsFor(month);
    const start = parisMidnight(month.fromDay);
    await stationsIn(BASTIA, 5, start);
    // The month and the first two days of the next are computed.
    await compute({ fromDay: month.fromDay, toDay: addCalendarDays(next.fromDay, 2) });
    expect(publishableFrom(month.fromDay)).toBe(addCalendarDays(next.fromDay, 2));

    const job = PORTAL_JOBS.find((j) => j.name === "qos-publication")!;
    await prisma.scheduledJob.deleteMany({ where: { name: job.name } });
    const at = (day: string, time: string) => new Date(parisLocalToUtc(day, time)[0]);
    let clock = at(addCalendarDays(next.fromDay, 1), "04:00"); // the 2nd: the job waits for 05:00
    const scheduler = createScheduler({ prisma, jobs: [job], now: () => clock, log: { error: () => {}, log: () => {} } });
    expect(await scheduler.tick()).toEqual([]);
    clock = at(addCalendarDays(next.fromDay, 1), "05:00"); // runs, but the month is not closed yet
    expect(await scheduler.tick()).toEqual(["qos-publication"]);
    expect(await readPublishedQosCells("national", month.fromDay)).toBeNull();
    clock = at(addCalendarDays(next.fromDay, 2), "04:59"); // the 3rd, before the hour
    expect(await scheduler.tick()).toEqual([]);
    clock = at(addCalendarDays(next.fromDay, 2), "05:00");
    expect(await scheduler.tick()).toEqual(["qos-publication"]);
    const national = (await readPublishedQosCells("national", month.fromDay))!.cells[0];
    expect(!national.secret && national.figures.availability).toBe(1);
    expect(await readPublishedQosCells("national", next.fromDay)).toBeNull();
    const run = await prisma.scheduledJob.findUnique({ where: { name: job.name } });
    expect(run?.lastOutcome).toBe("success");
    expect(run?.lastMessage).toContain(`${month.fromDay.slice(0, 7)} (`);
    await prisma.scheduledJob.deleteMany({ where: { name: job.name } });
  });
});
