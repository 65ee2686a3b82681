import { test, expect, login, expectAccessible, expectForbidden, newUserPage } from "../support/test";
import { makeUser } from "@/cli/demo/factories";
import { ensureCommitteeData } from "../support/committee-data";

// Issue "Committee indicators": who may read the committee figures, and what is refused in French.
for (const role of ["operateur", "beneficiaire"] as const) {
  test(`${role} : les pages et les API du comité sont refusées`, async ({ page, consoleErrors }) => {
    const user = await makeUser({ role });
    await login(page, user.email, user.password);
    for (const path of ["/comite", "/comite/indicateurs", "/comite/indicateurs/carte", "/admin/indicateurs"])
      await expectForbidden(page, consoleErrors, path, role);
    for (const api of ["/api/indicateurs/chiffres-cles", "/api/indicateurs/zones?maille=region"]) {
      const refused = await page.request.get(api);
      expect(refused.status(), api).toBe(403);
      expect(await refused.json()).toEqual({ erreur: "Vous n'avez pas accès à cette ressource." });
    }
  });
}

test("le comité ne recalcule ni n'importe, ni ne lit le journal d'un opérateur", async ({ page, consoleErrors }) => {
  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  await expectForbidden(page, consoleErrors, "/admin/indicateurs");
  expect(
    (
      await page.request.post("/api/indicateurs/series-carbone", { multipart: { fichier: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("x") } } })
    ).status(),
  ).toBe(403);
  expect((await page.request.get("/api/operateur/envois")).status()).toBe(403);
});

test("la liste des zones d'une maille : les zones qui ont des cases, ou un refus en français", async ({ page }) => {
  await ensureCommitteeData();
  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  const deps = await page.request.get("/api/indicateurs/zones?maille=departement&type=month&periode=2023-01-01");
  expect(deps.status()).toBe(200);
  const body = await deps.json();
  expect(body.maille).toBe("departement");
  expect(body.zones).toEqual(
    expect.arrayContaining([
      { code: "29", name: "Finistère" },
      { code: "2A", name: "Corse-du-Sud" },
    ]),
  );
  expect(await (await page.request.get("/api/indicateurs/zones?maille=national")).json()).toEqual({
    maille: "national",
    zones: [{ code: "FR", name: "France entière" }],
  });
  const bad = await page.request.get("/api/indicateurs/zones?maille=canton");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ erreur: "maille : valeur attendue parmi national, region, departement, commune.", champ: "maille" });
});

test("le comité demande une période ou une maille non publiée : un refus en français, jamais d'autres chiffres sous leur nom", async ({
  browser,
  consoleErrors,
}) => {
  const member = await makeUser({ role: "comite" });
  const page = await newUserPage(browser, consoleErrors);
  await login(page, member.email, member.password);
  const none = await page.request.get("/api/indicateurs/chiffres-cles?type=month&periode=2018-07-01");
  expect(none.status()).toBe(404);
  expect(await none.json()).toEqual({ erreur: "Aucun calcul publié ne couvre la période juillet 2018." });
  const commune = await page.request.get("/api/indicateurs/courbe-de-charge?maille=commune&zone=29019&periode=2023-01-01");
  expect(commune.status()).toBe(400);
  expect((await commune.json()).erreur).toMatch(/mailles nationale et régionale seulement/);
  await page.goto("/comite/indicateurs?type=month&periode=2018-07-01");
  await expect(page.getByText("Aucun calcul publié ne couvre la période juillet 2018.")).toBeVisible();
  await expect(page.getByTestId("kpi-energy_kwh")).toHaveCount(0);
  await expectAccessible(page);
});

test("sans session, les API des indicateurs et des envois répondent 401", async ({ request }) => {
  for (const path of [
    "/api/indicateurs/chiffres-cles",
    "/api/indicateurs/carte",
    "/api/indicateurs/series-carbone",
    "/api/indicateurs/zones?maille=region",
    "/api/operateur/envois",
  ]) {
    const r = await request.get(path);
    expect(r.status(), path).toBe(401);
    expect(await r.json()).toEqual({ erreur: "Connexion requise." });
  }
});
