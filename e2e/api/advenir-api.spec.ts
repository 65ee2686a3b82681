import { gzipSync } from "node:zlib";
import { test, expect } from "@playwright/test";
import { db } from "@/lib/platform/db/database";
import { makeDossier, makeOperator, makeStations, uniqueSuffix } from "@/cli/demo/factories";
import { monthlyCurvesBody } from "@/tests/support/advenir/curves";

// Issue "ADVENIR data APIs", through the real HTTP server (no browser): the protocol's own
// example, gzip, PUT, authentication, body limit, content type, and the OpenAPI document.

/** The body of the protocol document's curl example ("Tests"), verbatim but for the UserID. */
function documentExample(userId: string): string {
  return `{ "${userId}" : {"R320": {"54545": {"StartTransaction": 1458293125,"StopTransaction": 1458293135,"StartValue": 1246,"StopValue": 4563},"54546": {"StartTransaction": 1459293125,"StopTransaction": 1468293135,"StartValue": 4666,"StopValue": 5773}},"1234": {"6565": {"StartTransaction": 1458303125,"StopTransaction": 1458403135,"StartValue": 21246,"StopValue": 24563}}}}`;
}

const basic = (username: string, secret: string) => `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}`;

async function tenant(extraStations: string[] = []) {
  const operator = await makeOperator({ credentials: ["production"] });
  const dossier = await makeDossier({ operatorId: operator.id, signed: true });
  await makeStations({
    dossierId: dossier.id,
    stations: [
      { stationCode: "R320", pointCount: 2, nominalPowerKw: 22 },
      { stationCode: "1234", pointCount: 1, nominalPowerKw: 7.4 },
      ...extraStations.map((stationCode) => ({ stationCode, pointCount: 1, nominalPowerKw: 22 })),
    ],
  });
  const { username, secret } = operator.credentials[0];
  return { userId: operator.id, auth: basic(username, secret), username };
}

/** The operator's last submission (the journal of calls). */
async function lastSubmission(operatorId: string) {
  return (await db()).submission.findFirstOrThrow({ where: { operatorId }, orderBy: { id: "desc" } });
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
  // The portal's one document: the ADVENIR web service, then QualiCharge's API v1 (e2e/api/qualicharge-api.spec.ts).
  expect(Object.keys(doc.paths).slice(0, 2)).toEqual(["/api/operation/put", "/api/courbe/put"]);
  expect(
    Object.keys(doc.paths)
      .slice(2)
      .every((path) => path.startsWith("/api/v1/")),
  ).toBe(true);
  const page = await request.get("/docs/api");
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain("Web service ADVENIR");
});

test("113 courbes d'un client réel (un relevé aberrant, deux compteurs entrelacés) : 200, 113 enregistrées dont 2 signalées ; renvoyées : inchangées", async ({
  request,
}) => {
  const t = await tenant(["GARE-3"]);
  const { body } = monthlyCurvesBody(t.userId, ["R320", "1234", "GARE-3"]);
  const headers = { Authorization: t.auth, "Content-Type": "application/json" };
  // As that client sends them: PUT to the operation URL, then to the curve URL.
  const first = await request.put("/api/operation/put", { headers, data: JSON.stringify(body) });
  expect(first.status()).toBe(200);
  const answer = await first.json();
  expect(answer).toMatchObject({ statut: "OK", recus: 113, enregistres: 113, inchanges: 0 });
  const flagged = answer.avertissements.filter((w: { message: string }) => w.message.startsWith("index_decroissant : "));
  expect(flagged.map((w: { chemin: string }) => w.chemin).sort()).toEqual([`${t.userId}/1234/TX-TWO-METERS`, `${t.userId}/R320/TX-GLITCH`]);
  const again = await request.put("/api/courbe/put", { headers, data: JSON.stringify(body) });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ statut: "OK", recus: 113, enregistres: 0, inchanges: 113 });
});

test("identifiants hostiles : octet nul, demi-paires UTF-16 isolées → 422 avec le chemin, jamais 500, et l'appel est journalisé", async ({ request }) => {
  const t = await tenant();
  const op = JSON.stringify({ StartTransaction: 1_700_000_000, StopTransaction: 1_700_003_600, StartValue: 0, StopValue: 5000 });
  const headers = { Authorization: t.auth, "Content-Type": "application/json" };
  // Written by hand: the escapes travel as sent.
  const nul = await request.post("/api/operation/put", { headers, data: `{"${t.userId}": {"R320\\u0000": {"T1": ${op}}, "R320": {"T\\u00002": ${op}}}}` });
  expect(nul.status()).toBe(422);
  expect((await nul.json()).erreurs.map((e: { chemin: string }) => e.chemin)).toEqual([`${t.userId}/R320\\u0000`, `${t.userId}/R320/T\\u00002`]);
  expect((await lastSubmission(t.userId)).httpStatus).toBe(422);

  const surrogates = await request.post("/api/operation/put", { headers, data: `{"${t.userId}": {"R320": {"T\\ud800": ${op}, "T\\udc00": ${op}}}}` });
  expect(surrogates.status()).toBe(422);
  const refused = await surrogates.json();
  expect(refused.erreurs.map((e: { chemin: string }) => e.chemin)).toEqual([`${t.userId}/R320/T\\uD800`, `${t.userId}/R320/T\\uDC00`]);
  expect((await lastSubmission(t.userId)).errors).toEqual(refused.erreurs);

  // Another operator's UserID spelt with a NUL: 403, and journaled all the same.
  const other = await makeOperator();
  const foreign = await request.post("/api/operation/put", { headers, data: `{"${other.id}\\u0000": {}}` });
  expect(foreign.status()).toBe(403);
  expect((await lastSubmission(t.userId)).errors).toEqual((await foreign.json()).erreurs);
});

test("clés répétées dans un objet JSON : identiques → avertissement ; différentes → 422 ambigu avec le chemin", async ({ request }) => {
  const t = await tenant();
  const headers = { Authorization: t.auth, "Content-Type": "application/json" };
  const op = (wh: number) => JSON.stringify({ StartTransaction: 1_700_000_000, StopTransaction: 1_700_003_600, StartValue: 0, StopValue: wh });
  const same = await request.post("/api/operation/put", { headers, data: `{"${t.userId}": {"R320": {"D1": ${op(5000)}, "D1": ${op(5000)}}}}` });
  expect(same.status()).toBe(200);
  expect(await same.json()).toMatchObject({
    recus: 1,
    enregistres: 1,
    avertissements: [{ chemin: `${t.userId}/R320/D1`, message: expect.stringContaining("clé répétée à l'identique") }],
  });
  const differ = await request.post("/api/operation/put", { headers, data: `{"${t.userId}": {"R320": {"D2": ${op(5000)}, "D2": ${op(6000)}}}}` });
  expect(differ.status()).toBe(422);
  expect((await differ.json()).erreurs).toEqual([{ chemin: `${t.userId}/R320/D2`, message: expect.stringContaining("envoi ambigu") }]);
});

test("une station d'un autre opérateur est répondue comme une station inconnue", async ({ request }) => {
  const a = await tenant();
  const b = await tenant();
  const owned = `A-${uniqueSuffix()}`;
  const dossier = await makeDossier({ operatorId: a.userId, signed: true });
  await makeStations({ dossierId: dossier.id, stations: [{ stationCode: owned, pointCount: 1, nominalPowerKw: 22 }] });
  const nobody = `N-${uniqueSuffix()}`;
  const op = { T1: { StartTransaction: 1_700_000_000, StopTransaction: 1_700_003_600, StartValue: 0, StopValue: 5000 } };
  const toA = await request.post("/api/operation/put", { headers: { Authorization: b.auth }, data: { [b.userId]: { [owned]: op } } });
  const toNobody = await request.post("/api/operation/put", { headers: { Authorization: b.auth }, data: { [b.userId]: { [nobody]: op } } });
  expect([toA.status(), toNobody.status()]).toEqual([422, 422]);
  const [ea, en] = [(await toA.json()).erreurs, (await toNobody.json()).erreurs];
  expect(ea[0].message.replace(owned, "X")).toBe(en[0].message.replace(nobody, "X"));
});

test("un corps en UTF-16 nomme l'encodage vu ; un corps gzip sans son en-tête reçoit une indication", async ({ request }) => {
  const t = await tenant();
  const text = `{"${t.userId}": {}}`;
  const utf16 = await request.post("/api/operation/put", {
    headers: { Authorization: t.auth, "Content-Type": "application/json" },
    data: Buffer.from(`\ufeff${text}`, "utf16le"),
  });
  expect(utf16.status()).toBe(400);
  expect((await utf16.json()).erreurs[0].message).toContain("UTF-16");
  const gz = await request.post("/api/operation/put", {
    headers: { Authorization: t.auth, "Content-Type": "application/json" },
    data: gzipSync(Buffer.from(text)),
  });
  expect(gz.status()).toBe(400);
  expect((await gz.json()).erreurs[0].message).toContain("Content-Encoding: gzip");
});
