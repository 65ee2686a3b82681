import { gzipSync } from "node:zlib";
import { test, expect } from "@playwright/test";
import { db } from "@/lib/platform/db/database";
import { makeDossier, makeOperator, makeStations } from "@/cli/demo/factories";
import { rawExchange } from "@/lib/platform/server/raw-http";

// Issue 13 §3 through the real server (`npm start`'s start-up): a gzip bomb and broken HTTP
// framing are answered in the protocol's JSON with a French message, and journaled. Timeouts,
// the budget of body bytes in flight and a database outage need settings or a database of their
// own: lib/platform/server/portal-server.test.ts and lib/platform/server/database-outage.test.ts run this same
// server code for them.

const basic = (username: string, secret: string) => `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}`;

async function tenant() {
  const operator = await makeOperator({ credentials: ["production"] });
  const dossier = await makeDossier({ operatorId: operator.id, signed: true });
  await makeStations({ dossierId: dossier.id, stations: [{ stationCode: "R320", pointCount: 1, nominalPowerKw: 22 }] });
  const { username, secret } = operator.credentials[0];
  return { userId: operator.id, auth: basic(username, secret) };
}

async function journal(operatorId: string) {
  const rows = await (await db()).submission.findMany({ where: { operatorId }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ status: r.httpStatus, message: (r.errors as { message: string }[])[0]?.message }));
}

test("une bombe gzip de 2,7 Mo : 413 en français, sans la décompresser au-delà de la limite, journalisée", async ({ request }) => {
  const t = await tenant();
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20), { level: 9 });
  const bomb = Buffer.concat(Array.from({ length: Math.ceil(2_700_000 / member.length) }, () => member));
  const res = await request.post("/api/operation/put", {
    headers: { Authorization: t.auth, "Content-Type": "application/json", "Content-Encoding": "gzip" },
    data: bomb,
  });
  expect(res.status()).toBe(413);
  const message = "corps décompressé trop volumineux (plus de 64 Mo) : découpez l'envoi";
  expect(await res.json()).toEqual({ statut: "ECHEC", erreurs: [{ chemin: "(corps)", message }] });
  expect(await journal(t.userId)).toEqual([{ status: 413, message }]);
});

test("découpage chunked invalide et corps plus court que son Content-Length : 400 en JSON du protocole, journalisés", async ({ baseURL }) => {
  const t = await tenant();
  const port = Number(new URL(baseURL!).port);
  const head = (extra: string) =>
    `POST /api/operation/put HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${t.auth}\r\nContent-Type: application/json\r\n${extra}\r\n\r\n`;
  const chunked = await rawExchange(port, [{ write: head("Transfer-Encoding: chunked") }, { write: '5\r\n{"a":\r\nzz\r\n', wait: 3_000 }]);
  expect(chunked.status).toBe(400);
  expect(chunked.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(JSON.parse(chunked.body).erreurs[0].message).toBe("requête HTTP mal formée : découpage « Transfer-Encoding: chunked » invalide");
  const body = `{"${t.userId}":{"R320":{}}}`;
  const short = await rawExchange(port, [{ write: head(`Content-Length: ${body.length + 40}`) }, { write: body, end: true, wait: 3_000 }]);
  expect(short.status).toBe(400);
  expect(JSON.parse(short.body).erreurs[0].message).toMatch(/^corps incomplet : la connexion a été fermée avant la fin du corps annoncé/);
  await expect.poll(async () => (await journal(t.userId)).map((j) => j.status)).toEqual([400, 400]);
});

test("GET /api/health : 200 sans Retry-After quand la base répond", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["retry-after"]).toBeUndefined();
});
