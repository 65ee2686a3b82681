import { test, expect, DEMO, login, expectAccessible } from "../support/test";
import { expectErrorSummary } from "../support/forms";
import { makeDossier, makeUser, uniqueSuffix } from "@/cli/demo/factories";
import { findCommand } from "@/cli/commands";
import { commandHelp } from "@/cli/help";
import { runCli } from "@/cli/main";
import { db } from "@/lib/platform/db/database";

// Issue 15, administration: the audit log with names, filters, pages and CSV exports; months
// validated in French; the CLI command the page quotes exists.

test("journal d'audit : noms au lieu d'identifiants, filtres, pages, export CSV (Excel français et standard)", async ({ page }) => {
  const author = await makeUser({ role: "admin", name: `Auditrice ${uniqueSuffix()}` });
  const dossier = await makeDossier({ actor: author.email, reference: `ADV-JOURNAL-${uniqueSuffix().toUpperCase()}` });
  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.getByRole("link", { name: "Journal d'audit" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Journal d'audit");

  await page.getByLabel("Auteur").fill(author.email);
  await page.getByLabel("Action").selectOption({ label: "Dossier créé" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  const table = page.getByTestId("audit-table");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toContainText(`Dossier ${dossier.reference}`);
  await expect(table.getByRole("row").nth(1)).toContainText("Dossier créé");
  await expect(table).not.toContainText(dossier.id);
  await expectAccessible(page);

  // The exports carry the same filters: French Excel by default, standard on demand.
  const excelLink = page.getByRole("link", { name: /CSV pour Excel/ });
  const excel = await page.request.get((await excelLink.getAttribute("href"))!);
  expect(excel.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(excel.headers()["content-disposition"]).toMatch(/filename="journal-audit_debut_fin_dossier\.created_auteur-.+_excel-fr\.csv"/);
  const excelText = await excel.text();
  expect(excelText.charCodeAt(0)).toBe(0xfeff);
  const lines = excelText.slice(1).trim().split("\r\n");
  expect(lines[1]).toBe("Date;Auteur;Action;Code de l'action;Type d'objet;Objet;Identifiant de l'objet;Détails");
  expect(lines).toHaveLength(3);
  expect(lines[2]).toContain(`;Dossier créé;dossier.created;Dossier;${dossier.reference};${dossier.id};`);
  const standard = await (await page.request.get((await page.getByRole("link", { name: /CSV standard/ }).getAttribute("href"))!)).text();
  expect(standard.charCodeAt(0)).not.toBe(0xfeff);
  expect(standard.split("\r\n")[1]).toBe("Date,Auteur,Action,Code de l'action,Type d'objet,Objet,Identifiant de l'objet,Détails");

  // Bad dates are refused in French, with the error summary.
  await page.goto("/admin/journal?du=2026-02-01&au=2026-01-01");
  await expectErrorSummary(page, "journal", { au: "Au : la date de fin vient avant la date de début" });
  await expectAccessible(page);

  // Pages of 50 entries (at least 60 here).
  const prisma = await db();
  await prisma.auditLog.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({ actor: "e2e", action: "e2e.page", targetType: "test", targetId: String(i) })),
  });
  await page.goto("/admin/journal");
  const status = page.getByRole("status").filter({ hasText: "entrée(s)" });
  await expect(status).toContainText(/page 1 sur \d+/);
  await expect(page.getByTestId("audit-table").getByRole("row")).toHaveCount(51);
  await page.getByRole("navigation", { name: "Pages du journal" }).getByRole("link", { name: "Page suivante" }).click();
  await expect(page).toHaveURL(/\/admin\/journal\?page=2$/);
  await expect(status).toContainText("page 2 sur");
});

test("calcul des indicateurs : un mois « 2023-13 » est refusé en français ; la commande citée existe", async ({ page }) => {
  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto("/admin/indicateurs");
  await page.getByLabel("Premier mois (facultatif)").fill("2023-13");
  await page.getByRole("button", { name: "Recalculer maintenant" }).click();
  await expectErrorSummary(page, "recalcul", { from: "Premier mois : le mois va de 01 à 12 (« 2023-13 » n'existe pas)" });
  await expect(page.getByText("Erreur inattendue")).toHaveCount(0);
  await expectAccessible(page);

  // The command the page quotes, checked against the CLI's own help.
  const quoted = (await page.getByTestId("cli-command").textContent())!.trim();
  const [, args] = /^npm run cli -- (.+)$/.exec(quoted)!;
  const [name, ...options] = args.split(/\s+/);
  const out: string[] = [];
  expect(
    await runCli(
      [name, "--help"],
      (l) => out.push(l),
      (l) => out.push(l),
    ),
  ).toBe(0);
  const help = out.join("\n");
  expect(help).toBe(commandHelp(findCommand(name)!));
  for (const option of options.filter((o) => o.startsWith("--"))) expect(help).toContain(option);
});
