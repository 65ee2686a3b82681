import { readFileSync } from "node:fs";
import path from "node:path";
import { test, expect, DEMO, login, expectAccessible, expectForbidden, newUserPage } from "../support/test";
import { makeDossier, makeOperator, makeUser, uniqueSuffix } from "@/cli/demo/factories";
import { parseIrveCsv } from "@/lib/irve/parse-irve-csv";
import { formatIrveCsv } from "@/lib/irve/format-irve-csv";
import { declareChargePoints } from "@/lib/irve/declare-charge-points";
import { parisDay } from "@/lib/platform/time/paris-time";

// The committee counts late declarations, anonymously; the admin sees which ones.
test("déclarations en retard : comptes anonymes pour le comité, identités pour l'administrateur", async ({ browser, consoleErrors }) => {
  const operator = await makeOperator({ name: `Opérateur Retard ${uniqueSuffix()}` });
  const today = parisDay(new Date());
  const example = (await parseIrveCsv(readFileSync(path.join(process.cwd(), "lib/irve/fixtures/exemple-statique.csv"), "utf8"), { today })).valid[0].values;
  const references: string[] = [];
  const stations: string[] = [];
  // Six stations of three beneficiaries in Lyon, each commissioned in January 2024 and declared today: late.
  for (let b = 0; b < 3; b++) {
    const dossier = await makeDossier({
      operatorId: operator.id,
      channel: "GIREVE",
      signed: true,
      inseeCode: "69123",
      reference: `ADV-RETARD-${uniqueSuffix().toUpperCase()}`,
    });
    references.push(dossier.reference);
    const code = uniqueSuffix().slice(0, 3).toUpperCase();
    const rows = [0, 1].map((i) => ({
      ...example,
      id_station_itinerance: `FR${code}P${i}`,
      id_pdc_itinerance: `FR${code}E${i}1`,
      code_insee_commune: "69123",
      date_mise_en_service: "2024-01-08",
      date_maj: "2024-01-08",
    }));
    stations.push(...rows.map((r) => r.id_station_itinerance));
    await declareChargePoints({ dossierId: dossier.id, rows: (await parseIrveCsv(formatIrveCsv(rows), { today })).valid, actor: "test" });
  }

  const admin = await newUserPage(browser, consoleErrors);
  await login(admin, DEMO.admin.email, DEMO.admin.password);
  await admin.goto("/admin/declarations-en-retard");
  const table = admin.getByRole("table", { name: /Déclarations en retard/ });
  for (const reference of references) await expect(table).toContainText(reference);
  await expect(table).toContainText(operator.name);
  await expect(table).toContainText("Mise en service du 08/01/2024");
  await expectAccessible(admin);

  const committee = await newUserPage(browser, consoleErrors);
  await login(committee, DEMO.comite.email, DEMO.comite.password);
  await committee.goto("/comite/declarations-en-retard");
  await expect(committee.getByRole("heading", { level: 1 })).toHaveText("Déclarations en retard");
  const main = committee.locator("main");
  await expect(committee.getByRole("table", { name: "Par région" })).toContainText("Auvergne-Rhône-Alpes");
  await expect(committee.getByRole("table", { name: "Par ancienneté du retard" })).toContainText("plus de 60 jours");
  await expect(committee.getByRole("table", { name: "Ensemble du territoire" })).toContainText("France entière");
  for (const secret of [...references, ...stations, operator.name]) await expect(main).not.toContainText(secret);
  await expectAccessible(committee);
  // …and the list itself is refused to it (403), as to an operator.
  await expectForbidden(committee, consoleErrors, "/admin/declarations-en-retard", "comité");
  const operatorUser = await makeUser({ role: "operateur", operatorId: operator.id });
  const op = await newUserPage(browser, consoleErrors);
  await login(op, operatorUser.email, operatorUser.password);
  await expectForbidden(op, consoleErrors, "/comite/declarations-en-retard", "opérateur");
});
