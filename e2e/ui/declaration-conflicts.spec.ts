import { test, expect, DEMO, login, expectAccessible, expectForbidden, newUserPage } from "../support/test";
import { makeDossier, makeOperator, uniqueSuffix } from "@/cli/demo/factories";
import { parisDay } from "@/lib/platform/time/paris-time";
import { parseIrveCsv } from "@/lib/irve/parse-irve-csv";
import { formatIrveCsv } from "@/lib/irve/format-irve-csv";
import { declareChargePoints } from "@/lib/irve/declare-charge-points";
import { upsertStatiques } from "@/lib/charge-points/upsert-statiques";
import { isInFrance } from "@/lib/reference-data/is-in-france";
import { statiqueSchema, statiqueToIrve } from "@/lib/schemas/qualicharge-statique";
import { claimFreshUnit } from "@/tests/support/qualicharge/tenant";
import { statiqueItem } from "@/tests/support/qualicharge/statique";

// A point declared differently by its operator's API user and by a beneficiary's dossier: the
// admin sees which fields differ and what each source said; the committee may not see the page.
test("déclarations en conflit : l'administrateur voit les champs divergents de chaque source", async ({ browser, consoleErrors }) => {
  const today = parisDay(new Date());
  const operator = await makeOperator({ name: `Opérateur Conflit ${uniqueSuffix()}` });
  const dossier = await makeDossier({ operatorId: operator.id, channel: "GIREVE", signed: true, reference: `ADV-CONFLIT-${uniqueSuffix().toUpperCase()}` });
  const unit = await claimFreshUnit(operator.id);
  const item = statiqueSchema({ today, isInFrance }).parse(statiqueItem(unit));
  const parsed = await parseIrveCsv(formatIrveCsv([statiqueToIrve(item)]), { today });
  await declareChargePoints({ dossierId: dossier.id, rows: parsed.valid, actor: "test" });
  await upsertStatiques({ items: [{ ...item, puissance_nominale: 300 }], mode: "upsert", apiUser: { id: operator.id, username: `qc-${unit}` } });

  const admin = await newUserPage(browser, consoleErrors);
  await login(admin, DEMO.admin.email, DEMO.admin.password);
  await admin.goto("/admin/declarations-en-conflit");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Déclarations en conflit");
  const table = admin.getByRole("table", { name: /Points aux déclarations divergentes/ });
  await expect(table).toContainText(item.id_pdc_itinerance);
  await expect(table).toContainText(`dossier ${dossier.reference} « 150 »`);
  await expect(table).toContainText(`utilisateur d'API qc-${unit} « 300 »`);
  await expectAccessible(admin);

  const committee = await newUserPage(browser, consoleErrors);
  await login(committee, DEMO.comite.email, DEMO.comite.password);
  await expectForbidden(committee, consoleErrors, "/admin/declarations-en-conflit", "comité");
});
