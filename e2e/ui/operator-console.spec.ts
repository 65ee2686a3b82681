import { test, expect, login, expectAccessible, newUserPage } from "../support/test";
import { makeApiCredential, makeDossier, makeOperator, makeStations, makeUser, uniqueSuffix } from "@/cli/demo/factories";

// Issue "ADVENIR data APIs", operator console: an operator creates its credentials in the
// console, reads the secret shown once, posts with it, and sees the submissions, their counts,
// their errors and the anomalies; the sandbox is separate and can be wiped. Three short journeys
// (credentials, submissions, sandbox) so that each holds on a busy machine.

async function operatorWithStations() {
  const suffix = uniqueSuffix();
  const operator = await makeOperator({ name: `Opérateur console ${suffix}` });
  const user = await makeUser({ role: "operateur", operatorId: operator.id });
  const dossier = await makeDossier({ operatorId: operator.id, signed: true });
  const codes = [`CON-${suffix}-A`, `CON-${suffix}-B`];
  await makeStations({ dossierId: dossier.id, stations: codes.map((stationCode) => ({ stationCode, pointCount: 2, nominalPowerKw: 22 })) });
  return { operator, user, codes };
}

const basic = (username: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}` });
const t0 = 1_700_000_000;

test("console opérateur : un accès créé affiche son secret une fois ; renouvelé puis révoqué, il cesse d'ouvrir l'API", async ({ browser, consoleErrors }) => {
  const { operator, user, codes } = await operatorWithStations();
  const page = await newUserPage(browser, consoleErrors);
  await login(page, user.email, user.password);
  await expect(page).toHaveURL(/\/operateur$/);
  await expect(page.getByTestId("operator-user-id")).toHaveText(operator.id);
  for (const code of codes) await expect(page.getByRole("cell", { name: code, exact: true })).toBeVisible();
  await expect(page.getByText(`"${operator.id}":{"${codes[0]}"`).first()).toBeVisible();
  await expectAccessible(page);

  // Credentials: create a production access, the secret is shown once.
  await page.getByRole("link", { name: "Identifiants d'API" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Identifiants d'API");
  await page.getByLabel("Libellé du nouvel accès production (facultatif)").fill("Supervision E2E");
  await page.getByRole("button", { name: "Créer un accès production" }).click();
  await expect(page.getByText("Copiez ce secret maintenant : il ne sera plus jamais affiché")).toBeVisible();
  const username = (await page.getByTestId("issued-username").textContent())!.trim();
  const secret = (await page.getByTestId("issued-secret").textContent())!.trim();
  expect(username).toMatch(/^op-/);
  expect(secret.length).toBeGreaterThanOrEqual(16);
  await expect(page.getByRole("cell", { name: username, exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByTestId("issued-secret")).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);

  const auth = basic(username, secret);
  // Rotation: the old secret stops working, the new one works; revocation.
  await page.getByRole("button", { name: `Renouveler le secret de ${username}` }).click();
  await page.getByRole("button", { name: "Confirmer le renouvellement" }).click();
  await expect(page.getByTestId("form-feedback")).toContainText(`l'accès ${username} est révoqué`);
  const rotated = `${(await page.getByTestId("issued-username").first().textContent())!.trim()}:${(await page.getByTestId("issued-secret").first().textContent())!.trim()}`;
  const body = { [operator.id]: {} };
  expect((await page.request.post("/api/operation/put", { headers: auth, data: body })).status()).toBe(401);
  const newAuth = { Authorization: `Basic ${Buffer.from(rotated).toString("base64")}` };
  expect((await page.request.post("/api/operation/put", { headers: newAuth, data: body })).status()).toBe(200);
  const newUsername = rotated.split(":")[0];
  await page.getByRole("button", { name: `Révoquer ${newUsername}` }).click();
  await page.getByRole("button", { name: "Confirmer la révocation" }).click();
  await expect(page.getByTestId("form-feedback").first()).toContainText(`Accès ${newUsername} révoqué.`);
  expect((await page.request.post("/api/operation/put", { headers: newAuth, data: body })).status()).toBe(401);
});

test("console opérateur : envois, compteurs, filtres, erreurs avec leur chemin, anomalies", async ({ browser, consoleErrors }) => {
  const { operator, user, codes } = await operatorWithStations();
  const { username, secret } = await makeApiCredential({ operatorId: operator.id, env: "production" });
  const auth = basic(username, secret);
  const page = await newUserPage(browser, consoleErrors);
  await login(page, user.email, user.password);
  await expect(page).toHaveURL(/\/operateur$/);

  // Posts with it: operations and curves, then a failing one.
  const ops = await page.request.post("/api/operation/put", {
    headers: auth,
    data: {
      [operator.id]: {
        [codes[0]]: { "OP-1": { StartTransaction: t0, StopTransaction: t0 + 3600, StartValue: 0, StopValue: 7000 } },
        [codes[1]]: { "OP-2": { StartTransaction: t0, StopTransaction: t0 + 10 * 86_400, StartValue: 0, StopValue: 9000 } },
      },
    },
  });
  expect(ops.status()).toBe(200);
  expect(await ops.json()).toMatchObject({ statut: "OK", recus: 2, enregistres: 2, inchanges: 0 });
  const curve = await page.request.put("/api/courbe/put", {
    headers: auth,
    data: { [operator.id]: { [codes[0]]: { "C-1": [0, 1, 2].map((i) => ({ timestamp: t0 + i * 600, value: 100 + i * 1000 })) } } },
  });
  expect(curve.status()).toBe(200);
  expect(await curve.json()).toMatchObject({ statut: "OK", recus: 1, enregistres: 1 });
  const failed = await page.request.post("/api/operation/put", {
    headers: auth,
    data: { [operator.id]: { [codes[0]]: { "OP-3": { StartTransaction: t0, StopTransaction: t0 + 60, StartValue: 10, StopValue: 5.5 } } } },
  });
  expect(failed.status()).toBe(422);

  // The submissions, newest first, with their counts; filters.
  await page.getByRole("link", { name: "Envois", exact: true }).first().click();
  const table = page.getByTestId("submissions-table");
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table.getByRole("row").nth(1)).toContainText("ECHEC (422)");
  await expect(table.getByRole("row").nth(3)).toContainText("OK (200)");
  // Received / stored / unchanged.
  await expect(table.getByRole("row").nth(3).getByRole("cell").nth(4)).toHaveText("2 / 2 / 0");
  await expectAccessible(page);
  await page.getByLabel("Résultat").selectOption("OK");
  await page.getByLabel("Adresse").selectOption("/api/courbe/put");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/outcome=OK/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Courbes");

  // The failing submission's errors: path and French message.
  await page.getByRole("link", { name: "Tout afficher" }).click();
  await expect(page).toHaveURL(/\/operateur\/envois$/);
  await expect(table.getByRole("row")).toHaveCount(4);
  await table.getByRole("row").filter({ hasText: "ECHEC (422)" }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Envoi n° \d+$/);
  const errors = page.getByTestId("submission-errors");
  await expect(errors).toContainText(`${operator.id}/${codes[0]}/OP-3/StopValue`);
  await expect(errors).toContainText("entier attendu");
  await expectAccessible(page);

  // The anomaly (an operation of 10 days) with its flag label.
  await page.getByRole("link", { name: "Anomalies" }).first().click();
  await expect(page.getByTestId("anomalies-table")).toContainText("OP-2");
  await expect(page.getByTestId("anomalies-table")).toContainText("Durée supérieure à 7 jours");
  await expectAccessible(page);

  // The home shows the last data received and the counts per station.
  await page.getByRole("link", { name: "Accueil et stations" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: codes[0], exact: true }) });
  await expect(row).not.toContainText("Aucune donnée reçue");
});

test("console opérateur : le bac à sable a son accès, ses données à part, et se vide après confirmation", async ({ browser, consoleErrors }) => {
  const { operator, user, codes } = await operatorWithStations();
  const page = await newUserPage(browser, consoleErrors);
  await login(page, user.email, user.password);
  await expect(page).toHaveURL(/\/operateur$/);
  // Sandbox: its own access, its data apart, then wiped after confirmation.
  await page.goto("/operateur/identifiants");
  await page.getByRole("button", { name: "Créer un accès bac à sable" }).click();
  await expect(page.getByTestId("issued-username")).toHaveText(/-sandbox-/);
  const sandboxAuth = {
    Authorization: `Basic ${Buffer.from(`${(await page.getByTestId("issued-username").textContent())!.trim()}:${(await page.getByTestId("issued-secret").textContent())!.trim()}`).toString("base64")}`,
  };
  const sandboxPost = await page.request.post("/api/operation/put", {
    headers: sandboxAuth,
    data: { [operator.id]: { [codes[0]]: { "SB-1": { StartTransaction: t0, StopTransaction: t0 + 600, StartValue: 0, StopValue: 1000 } } } },
  });
  expect(sandboxPost.status()).toBe(200);
  await page.getByRole("link", { name: "Bac à sable" }).first().click();
  await expect(page.getByTestId("sandbox-summary")).toContainText(/Opérations de charge\s*1/);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Vider le bac à sable" }).click();
  await page.getByRole("button", { name: "Confirmer : tout effacer" }).click();
  await expect(page.getByTestId("form-feedback")).toContainText("Bac à sable vidé : 1 opération(s), 0 courbe(s) et 1 envoi(s) effacés.");
  await expect(page.getByTestId("sandbox-summary")).toContainText(/Opérations de charge\s*0/);
});
