import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cli } from "@/tests/support/cli/run-cli";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints } from "@/tests/support/qualicharge/points";

describe("qos:compute", () => {
  it("computes a month of Paris days and says what it wrote", async () => {
    const prisma = await db();
    await execute(prisma, sql`SELECT ensure_status_partitions('2026-01-01'::date, 3)`);
    const [p] = await makeQualichargePoints(await makeQualichargeTenant());
    await prisma.chargePoint.update({ where: { id: p.chargePointId }, data: { createdAt: new Date("2025-12-01T00:00:00Z") } });
    // In service from 1 February 2026, midnight in Paris.
    await execute(
      prisma,
      sql`INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, etat_pdc, occupation_pdc)
          VALUES (${p.stationId}::uuid, ${p.chargePointId}::uuid, '2026-01-31T23:00:00Z', ${randomUUID()}::uuid, 'QUALICHARGE', 'en_service', 'libre')`,
    );
    const r = await cli(["qualite:calculer", "--month", "2026-02"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Qualité de service du 2026-02-01 au 2026-03-01 \(exclu\) : \d+ point\(s\)-jour\(s\)/);
    const [row] = await queryRows<{ days: number; en: number }>(
      prisma,
      sql`SELECT count(*)::int AS days, sum(en_service_s)::float8 AS en FROM qos_point_day WHERE charge_point_id = ${p.chargePointId}::uuid`,
    );
    // 28 days; 7 days of validity (the default) from the only status.
    expect(row).toEqual({ days: 28, en: 7 * 86_400 });
  });

  it("refuses a malformed or empty range, naming the option", async () => {
    expect((await cli(["qos:compute", "--month", "2026-13"])).err).toContain("--month : mois attendu au format AAAA-MM");
    expect((await cli(["qos:compute", "--from", "2026-02-10", "--to", "2026-02-01"])).err).toContain("--to doit suivre --from");
    const none = await cli(["qos:compute"]);
    expect(none.code).toBe(2); // a usage error
    expect(none.err).toContain("Indiquez --month AAAA-MM, ou --from et --to");
  });
});

describe("qos:publish", () => {
  it("publishes a computed month once, says so, and publishes again only with --replace", async () => {
    const prisma = await db();
    // A month of a far year no other test writes statuses in.
    const month = `${2900 + randomInt(99)}-0${1 + randomInt(9)}`;
    await execute(prisma, sql`SELECT ensure_status_partitions((${`${month}-01`}::date - interval '1 month')::date, 3)`);
    const [p] = await makeQualichargePoints(await makeQualichargeTenant());
    await prisma.chargePoint.update({ where: { id: p.chargePointId }, data: { createdAt: new Date(`${month}-01T00:00:00Z`) } });
    expect((await cli(["qos:publish", "--month", month])).out).toContain(`Qualité de service de ${month} : non publiée : aucun jour calculé`);
    await execute(
      prisma,
      sql`INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, etat_pdc, occupation_pdc)
          VALUES (${p.stationId}::uuid, ${p.chargePointId}::uuid, ${new Date(`${month}-02T12:00:00Z`)}, ${randomUUID()}::uuid, 'QUALICHARGE', 'en_service', 'libre')`,
    );
    expect((await cli(["qos:compute", "--month", month])).code).toBe(0);
    const first = await cli(["qualite:publier", "--month", month]);
    expect(first.err).toBe("");
    // Cells of every level (how many are withheld depends on every test's points).
    expect(first.out).toMatch(new RegExp(`^Qualité de service de ${month} : publiée \\(\\d+ cellule\\(s\\), dont \\d+ secrète\\(s\\)\\)\\.$`));
    const [publication] = await queryRows<{ by: string; cells: number }>(
      prisma,
      sql`SELECT published_by AS by, cell_count AS cells FROM qos_publication WHERE month = ${`${month}-01`}::date AND superseded_at IS NULL`,
    );
    expect(publication).toEqual({ by: "ligne de commande", cells: Number(/publiée \((\d+) cellule/.exec(first.out)![1]) });
    expect((await cli(["qos:publish", "--month", month])).out).toContain("déjà publiée, laissée telle quelle");
    expect((await cli(["qos:publish", "--month", month, "--replace"])).out).toContain("inchangée");
    const bad = await cli(["qos:publish", "--month", "2026-13"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--month : mois attendu au format AAAA-MM, reçu « 2026-13 »");
  });
});

describe("usage:publish", () => {
  it("publishes a month's usage indicators once, says so, and publishes again only with --replace", async () => {
    const prisma = await db();
    // Years 3400–3499: no other test sends sessions in them.
    const month = `${3400 + randomInt(99)}-0${1 + randomInt(9)}`;
    expect((await cli(["usage:publish", "--month", month])).out).toBe(
      `Indicateurs d'usage de ${month} : non publiés : aucune station n'a envoyé de session ni de statut ce mois-là.`,
    );
    const tenant = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(tenant);
    await execute(
      prisma,
      sql`INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, door, charge_point_id)
          VALUES ('production', ${tenant.operatorId}::uuid, ${p.stationId}::uuid, ${`CLI-${randomUUID()}`}, ${new Date(`${month}-05T10:00:00Z`)},
                  ${new Date(`${month}-05T11:00:00Z`)}, 0, 5000, 'QUALICHARGE', ${p.chargePointId}::uuid)`,
    );
    const first = await cli(["usages:publier", "--month", month]);
    expect(first.err).toBe("");
    expect(first.out).toMatch(new RegExp(`^Indicateurs d'usage de ${month} : publiés \\(\\d+ cellule\\(s\\), dont \\d+ secrète\\(s\\)\\)\\.$`));
    const [publication] = await queryRows<{ by: string; cells: number }>(
      prisma,
      sql`SELECT published_by AS by, cell_count AS cells FROM usage_publication WHERE month = ${`${month}-01`}::date AND superseded_at IS NULL`,
    );
    expect(publication).toEqual({ by: "ligne de commande", cells: Number(/publiés \((\d+) cellule/.exec(first.out)![1]) });
    expect((await cli(["usage:publish", "--month", month])).out).toContain("déjà publiés, laissés tels quels");
    expect((await cli(["usage:publish", "--month", month, "--replace"])).out).toContain("inchangés");
    const bad = await cli(["usage:publish", "--month", "2026-13"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--month : mois attendu au format AAAA-MM, reçu « 2026-13 »");
  });
});
