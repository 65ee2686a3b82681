import { gzipSync } from "node:zlib";
import { test, expect } from "@playwright/test";
import { makeDossier, makeOperator, makeStations } from "@/lib/testing/factories";

// Issue "ADVENIR data APIs", through the real HTTP server (no browser): the protocol's own
// example, gzip, PUT, authentication, body limit, content type, and the OpenAPI document.

/** The body of the protocol document's curl example ("Tests"), verbatim but for the UserID. */
function documentExample(userId: string): string {
  return `{ "${userId}" : {"R320": {"54545": {"StartTransaction": 1458293125,"StopTransaction": 1458293135,"StartValue": 1246,"StopValue": 4563},"54546": {"StartTransaction": 1459293125,"StopTransaction": 1468293135,"StartValue": 4666,"StopValue": 5773}},"1234": {"6565": {"StartTransaction": 1458303125,"StopTransaction": 1458403135,"StartValue": 21246,"StopValue": 24563}}}}`;
}

const basic = (username: string, secret: string) => `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}`;

async function tenant() {
  const operator = await makeOperator({ credentials: ["production"] });
  const dossier = await makeDossier({ operatorId: operator.id, signed: true });
  await makeStations({ dossierId: dossier.id, stations: [{ stationCode: "R320", pointCount: 2, nominalPowerKw: 22 }, { stationCode: "1234", pointCount: 1, nominalPowerKw: 7.4 }] });
  const { username, secret } = operator.credentials[0];
  return { userId: operator.id, auth: basic(username, secret), username };
}

test("l'exemple curl du protocole : OK, puis inchanges 3 quand il est renvoyé", async ({ request }) => {
  const t = await tenant();
  // curl -d sends application/x-www-form-urlencoded.
  const headers = { Authorization: t.auth, "Content-Type": "application/x-www-form-urlencoded" };
  const first = await request.post("/api/operation/put", { headers, data: documentExample(t.userId) });
  expect(first.status()).toBe(200);
  const answer = await first.json();
  expect(answer).toMatchObject({ statut: "OK", recus: 3, enregistres: 3, inchanges: 0 });
  expect(answer.avertissements.map((w: { chemin: string }) => w.chemin)).toEqual([`${t.userId}/R320/54545`, `${t.userId}/R320/54546`]);
  const again = await request.post("/api/operation/put", { headers, data: documentExample(t.userId) });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ statut: "OK", recus: 3, enregistres: 0, inchanges: 3 });
});

test("corps gzip, PUT, et courbes", async ({ request }) => {
  const t = await tenant();
  const curve = { [t.userId]: { R320: { C1: [0, 1, 2, 3].map((i) => ({ timestamp: 1_700_000_000 + i * 600, value: 500 + i * 900 })) } } };
  const gz = await request.post("/api/courbe/put", {
    headers: { Authorization: t.auth, "Content-Type": "application/json", "Content-Encoding": "gzip" },
    data: gzipSync(Buffer.from(JSON.stringify(curve))),
  });
  expect(gz.status()).toBe(200);
  expect(await gz.json()).toMatchObject({ statut: "OK", recus: 1, enregistres: 1 });
  const put = await request.put("/api/operation/put", {
    headers: { Authorization: t.auth },
    data: { [t.userId]: { "1234": { P1: { StartTransaction: 1_700_000_000, StopTransaction: 1_700_003_600, StartValue: 0, StopValue: 6000 } } } },
  });
  expect(put.status()).toBe(200);
  expect(await put.json()).toMatchObject({ statut: "OK", recus: 1, enregistres: 1, avertissements: [] });
});

test("401 avec WWW-Authenticate sans identifiants ou avec un faux secret", async ({ request }) => {
  const t = await tenant();
  const body = { data: documentExample(t.userId) };
  const attempts: Record<string, string>[] = [{}, { Authorization: basic(t.username, "faux-secret-faux-secret") }];
  for (const headers of attempts) {
    const response = await request.post("/api/operation/put", { ...body, headers });
    expect(response.status()).toBe(401);
    expect(response.headers()["www-authenticate"]).toBe('Basic realm="ADVENIR", charset="UTF-8"');
    expect(await response.json()).toMatchObject({ statut: "ECHEC", erreurs: [{ chemin: "(authentification)" }] });
  }
});

test("413 pour un corps trop volumineux, 415 pour un type non pris en charge", async ({ request }) => {
  const t = await tenant();
  const limit = Number(process.env.E2E_API_MAX_BODY_BYTES ?? 4 * 1024 * 1024);
  const big = `{"${t.userId}": {"R320": {"X": ${JSON.stringify("x".repeat(limit))}}}}`;
  const tooLarge = await request.post("/api/operation/put", { headers: { Authorization: t.auth, "Content-Type": "application/json" }, data: big });
  expect(tooLarge.status()).toBe(413);
  expect(await tooLarge.json()).toMatchObject({ statut: "ECHEC", erreurs: [{ chemin: "(corps)", message: expect.stringMatching(/trop volumineux/) }] });
  const xml = await request.post("/api/operation/put", { headers: { Authorization: t.auth, "Content-Type": "application/xml" }, data: "<a/>" });
  expect(xml.status()).toBe(415);
  expect(await xml.json()).toMatchObject({ statut: "ECHEC", erreurs: [{ chemin: "(corps)" }] });
});

test("le document OpenAPI est public, et lisible sur /docs/api", async ({ request }) => {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  const doc = await response.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(["/api/operation/put", "/api/courbe/put"]);
  const page = await request.get("/docs/api");
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain("Web service ADVENIR");
});
