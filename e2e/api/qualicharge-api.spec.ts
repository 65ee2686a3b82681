import { gzipSync } from "node:zlib";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, login, newUserPage } from "../support/test";
import { makeUser } from "@/cli/demo/factories";
import { makeQualichargeTenant, type QualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { sessionExamples, statiqueExamples, statusExamples, EXAMPLE_UNIT } from "@/lib/channels/qualicharge/openapi/examples";

// Issue 17, QualiCharge's API v1 through the real server: a machine account made in the database
// (operator, operational unit, group, API user, as tests/support/qualicharge/tenant.ts makes
// them) gets its token with the OAuth2 form, declares two stations and three points in one bulk
// (the OpenAPI document's own examples), sends statuses and sessions, reads them back; the
// operator sees the calls in its console; another operator's token is refused on these points.

// The operator's console is read in a browser: Debian's Chromium, as the ui project uses.
test.use({
  locale: "fr-FR",
  timezoneId: "Europe/Paris",
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  },
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
/** An id of the documented examples (unit FRXYZ) moved to the tenant's own unit. */
const inUnit = (id: string, unit: string) => `${unit}${id.slice(EXAMPLE_UNIT.length)}`;

/** The OpenAPI document's three points (two stations), in the tenant's unit, dated yesterday. */
function statiqueOf(unit: string) {
  return statiqueExamples.map((s) => ({
    ...s,
    id_station_itinerance: inUnit(s.id_station_itinerance, unit),
    id_pdc_itinerance: inUnit(s.id_pdc_itinerance, unit),
    date_maj: yesterday(),
  }));
}

async function tokenOf(request: APIRequestContext, t: QualichargeTenant): Promise<string> {
  const response = await request.post("/api/v1/auth/token", { form: { username: t.username, password: t.password } });
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toEqual({ access_token: expect.any(String), token_type: "bearer" });
  return `Bearer ${body.access_token}`;
}

test("API QualiCharge : jeton, statique en lot, états, sessions, relectures ; la console de l'opérateur montre les appels ; un autre opérateur est refusé", async ({
  request,
  browser,
  consoleErrors,
}) => {
  const a = await makeQualichargeTenant();
  const b = await makeQualichargeTenant();
  const unit = a.units[0];

  // Token: wrong password refused as QualiCharge does, then the OAuth2 form.
  const wrong = await request.post("/api/v1/auth/token", { form: { username: a.username, password: "not-the-password" } });
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({ message: "Authentication failed: Wrong login or password" });
  const auth = { Authorization: await tokenOf(request, a) };
  const whoami = await request.get("/api/v1/auth/whoami", { headers: auth });
  expect(whoami.status()).toBe(200);
  expect(await whoami.json()).toMatchObject({ username: a.username, is_superuser: false, operational_units: [unit] });

  // Statique: two stations, three points, in one bulk.
  const statique = statiqueOf(unit);
  const [p1, p2, p3] = statique.map((s) => s.id_pdc_itinerance);
  const bulk = await request.post("/api/v1/statique/bulk", { headers: auth, data: statique });
  expect(bulk.status()).toBe(201);
  expect(await bulk.json()).toEqual({ message: "Statique items created", items: [p1, p2, p3], size: 3 });

  // Statuses: two for the first point (the later one is its latest), one for the third.
  const statuses = [
    { ...statusExamples[0], id_pdc_itinerance: p1, occupation_pdc: "occupe", horodatage: minutesAgo(20) },
    { ...statusExamples[0], id_pdc_itinerance: p1, occupation_pdc: "libre", horodatage: minutesAgo(5) },
    { ...statusExamples[1], id_pdc_itinerance: p3, horodatage: minutesAgo(10) },
  ];
  const statusBulk = await request.post("/api/v1/dynamique/status/bulk", { headers: auth, data: statuses });
  expect(statusBulk.status()).toBe(201);
  const statusAnswer = await statusBulk.json();
  expect(statusAnswer.size).toBe(3);
  expect(statusAnswer.items).toHaveLength(3);

  // Sessions, gzip-compressed as QualiCharge's clients may send them.
  const sessions = [
    { ...sessionExamples[0], id_pdc_itinerance: p1, start: minutesAgo(120), end: minutesAgo(80) },
    { ...sessionExamples[1], id_pdc_itinerance: p3, start: minutesAgo(300), end: minutesAgo(150) },
  ];
  const sessionBulk = await request.post("/api/v1/dynamique/session/bulk", {
    headers: { ...auth, "Content-Type": "application/json", "Content-Encoding": "gzip" },
    data: gzipSync(Buffer.from(JSON.stringify(sessions))),
  });
  expect(sessionBulk.status()).toBe(201);
  const sessionAnswer = await sessionBulk.json();
  expect(sessionAnswer).toEqual({ size: 2, items: [expect.any(String), expect.any(String)] });

  // Read back: the point as declared, its latest status, the session known, the list paginated.
  const point = await request.get(`/api/v1/statique/${p1}`, { headers: auth });
  expect(point.status()).toBe(200);
  const pointBody = await point.json();
  expect(pointBody).toMatchObject({
    id_pdc_itinerance: p1,
    id_station_itinerance: statique[0].id_station_itinerance,
    nom_station: statique[0].nom_station,
    siren_amenageur: statique[0].siren_amenageur,
    puissance_nominale: 150,
    raccordement: "Direct",
  });
  expect(JSON.parse(pointBody.coordonneesXY)).toEqual(JSON.parse(statique[0].coordonneesXY));
  const latest = await request.get(`/api/v1/dynamique/status/${p1}`, { headers: auth });
  expect(latest.status()).toBe(200);
  const latestBody = await latest.json();
  expect(latestBody).toMatchObject({ id_pdc_itinerance: p1, etat_pdc: "en_service", occupation_pdc: "libre" });
  expect(new Date(latestBody.horodatage).getTime()).toBe(new Date(statuses[1].horodatage).getTime());
  const history = await request.get(`/api/v1/dynamique/status/${p1}/history`, { headers: auth });
  expect((await history.json()).map((s: { occupation_pdc: string }) => s.occupation_pdc)).toEqual(["occupe", "libre"]);
  const noStatus = await request.get(`/api/v1/dynamique/status/${p2}`, { headers: auth });
  expect(noStatus.status()).toBe(404);
  const check = await request.get(`/api/v1/dynamique/session/check?session_id=${sessionAnswer.items[0]}`, { headers: auth });
  expect(check.status()).toBe(200);
  expect(await check.text()).toBe("null");
  const unknownSession = await request.get("/api/v1/dynamique/session/check?session_id=00000000-0000-4000-8000-000000000000", { headers: auth });
  expect(unknownSession.status()).toBe(404);
  const list = await request.get("/api/v1/statique/?limit=2", { headers: auth });
  expect(list.status()).toBe(200);
  const page = await list.json();
  expect(page).toMatchObject({ limit: 2, offset: 0, total: 3, size: 2, previous: null });
  expect(page.next).toMatch(/\/api\/v1\/statique\/\?limit=2&offset=2$/);

  // Another operator's token: refused (403) on these points, reads and writes alike.
  const other = { Authorization: await tokenOf(request, b) };
  const refused = [
    await request.get(`/api/v1/statique/${p1}`, { headers: other }),
    await request.get(`/api/v1/dynamique/status/${p1}`, { headers: other }),
    await request.get(`/api/v1/dynamique/status/${p1}/history`, { headers: other }),
    await request.post("/api/v1/dynamique/status/", { headers: other, data: { ...statuses[1], horodatage: minutesAgo(1) } }),
    await request.post("/api/v1/dynamique/session/bulk", { headers: other, data: [sessions[0]] }),
    await request.put(`/api/v1/statique/${p1}`, { headers: other, data: statique[0] }),
  ];
  for (const response of refused) {
    expect(response.status(), response.url()).toBe(403);
    expect((await response.json()).message).toMatch(/^Unsufficient permissions: /);
  }
  // …and its own list holds nothing of them.
  const otherList = await request.get("/api/v1/statique/", { headers: other });
  expect(await otherList.json()).toMatchObject({ total: 0, items: [] });

  // The operator signs in and finds the calls in its console's journal; the refusals are not its own.
  const user = await makeUser({ role: "operateur", operatorId: a.operatorId });
  const browserPage = await newUserPage(browser, consoleErrors);
  await login(browserPage, user.email, user.password);
  await expect(browserPage).toHaveURL(/\/operateur$/);
  await browserPage.getByRole("link", { name: "Envois", exact: true }).first().click();
  const table = browserPage.getByTestId("submissions-table");
  // The console names QualiCharge's routes in French with their door (components/operator/labels.ts).
  const row = (label: string) => table.getByRole("row").filter({ has: browserPage.getByRole("cell", { name: `QualiCharge : ${label}`, exact: true }) });
  for (const label of ["Points de charge (statique, lot)", "Statuts (lot)", "Sessions (lot)"])
    await expect(row(label).filter({ hasText: "OK (201)" })).toHaveCount(1);
  await expect(row("Points de charge (statique, lot)")).toContainText("3 / 3 / 0");
  await expect(table.getByRole("row").filter({ hasText: "(403)" })).toHaveCount(0);
});

test("le document OpenAPI du portail décrit l'API QualiCharge v1, lisible sur /docs/api", async ({ request }) => {
  const doc = await (await request.get("/api/openapi.json")).json();
  expect(Object.keys(doc.paths["/api/v1/statique/bulk"])).toEqual(["post"]);
  expect(doc.paths["/api/v1/statique/bulk"].post.security).toEqual([{ qualichargeOAuth2: ["static:create"] }]);
  expect(doc.components.securitySchemes.qualichargeOAuth2.flows.password.tokenUrl).toBe("/api/v1/auth/token");
  const page = await request.get("/docs/api");
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(html).toContain("API QualiCharge v1");
  expect(html).toContain("POST /api/v1/dynamique/status/bulk");
});
