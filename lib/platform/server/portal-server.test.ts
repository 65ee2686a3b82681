import type http from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/platform/db/database";
import { listenWithAdvenirDoor } from "@/tests/support/advenir/door-server";
import { rawExchange } from "@/lib/platform/server/raw-http";
import { bodyBudget } from "@/lib/channels/advenir/body-budget";
import { countRows, makeTenant, operation, type Tenant } from "@/tests/support/advenir/ingest";

// The portal's Node server itself (the one `npm start` runs, with a stand-in for Next.js), over
// raw sockets: header and body timeouts, broken framing, and the process-wide budget of body
// bytes, each answered in the protocol's JSON and journaled.
vi.hoisted(() => {
  process.env.API_HEADERS_TIMEOUT_MS = "600";
  process.env.API_BODY_TIMEOUT_MS = "700";
  process.env.API_MAX_INFLIGHT_BODY_BYTES = "20000";
});

let server: http.Server;
let port: number;
let tenant: Tenant;

beforeAll(async () => {
  tenant = await makeTenant({ stations: ["SOCK1"] });
  ({ server, port } = await listenWithAdvenirDoor());
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function head(options: { length?: number; chunked?: boolean; gzip?: boolean; path?: string }): string {
  const lines = [`POST ${options.path ?? "/api/operation/put"} HTTP/1.1`, "Host: 127.0.0.1", `Authorization: ${tenant.auth}`, "Content-Type: application/json"];
  if (options.length !== undefined) lines.push(`Content-Length: ${options.length}`);
  if (options.chunked) lines.push("Transfer-Encoding: chunked");
  if (options.gzip) lines.push("Content-Encoding: gzip");
  return `${lines.join("\r\n")}\r\n\r\n`;
}

function bodyOf(...ids: string[]): string {
  return JSON.stringify({ [tenant.operatorId]: { SOCK1: Object.fromEntries(ids.map((id, i) => [id, operation(1_700_000_000 + i * 7200)])) } });
}

/** The submissions journaled for the tenant since `since`, oldest first. */
async function journal(since: bigint) {
  const rows = await (await db()).submission.findMany({ where: { operatorId: tenant.operatorId, id: { gt: since } }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ status: r.httpStatus, message: (r.errors as { message: string }[])[0]?.message ?? "" }));
}

async function lastId(): Promise<bigint> {
  const row = await (await db()).submission.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0n;
}

describe("slow and broken requests", () => {
  it("answers a body that does not arrive in time 408 in protocol JSON, journaled, nothing stored", async () => {
    const since = await lastId();
    const body = bodyOf("SLOW1");
    const res = await rawExchange(port, [{ write: head({ length: body.length }) }, { write: body.slice(0, 10), wait: 3_000 }]);
    expect(res.status).toBe(408);
    expect(res.headers.connection).toBe("close");
    expect(res.ms).toBeLessThan(2_500);
    expect(JSON.parse(res.body)).toEqual({
      statut: "ECHEC",
      erreurs: [{ chemin: "(corps)", message: expect.stringMatching(/^délai dépassé : le corps n'a pas été reçu en entier dans les 0,7 s/) }],
    });
    expect(await journal(since)).toEqual([{ status: 408, message: expect.stringMatching(/délai dépassé/) }]);
    expect(await countRows(tenant.operatorId)).toEqual({ operations: 0, curves: 0 });
  });

  it("answers headers that do not arrive in time 408 in protocol JSON", async () => {
    const res = await rawExchange(port, [{ write: "POST /api/operation/put HTTP/1.1\r\nHost: 127.0.0.1\r\n", wait: 3_000 }]);
    expect(res.status).toBe(408);
    expect(res.ms).toBeLessThan(2_500);
    expect(JSON.parse(res.body).erreurs[0].message).toMatch(/^délai dépassé : la requête n'a pas été reçue à temps/);
  });

  it("answers a broken chunked encoding 400 in protocol JSON, journaled", async () => {
    const since = await lastId();
    const res = await rawExchange(port, [{ write: head({ chunked: true }) }, { write: '5\r\n{"a":\r\nzz\r\n1}\r\n0\r\n\r\n', wait: 2_000 }]);
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(res.body).erreurs[0].message).toMatch(/Transfer-Encoding: chunked/);
    expect(await journal(since)).toEqual([{ status: 400, message: expect.stringMatching(/chunked/) }]);
  });

  it("answers a body shorter than its Content-Length, the client half-closing, 400 in protocol JSON, journaled", async () => {
    const since = await lastId();
    const body = bodyOf("SHORT1");
    const res = await rawExchange(port, [{ write: head({ length: body.length + 50 }) }, { write: body, end: true, wait: 2_000 }]);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).erreurs[0].message).toMatch(/^corps incomplet/);
    expect(await journal(since)).toEqual([{ status: 400, message: expect.stringMatching(/^corps incomplet/) }]);
    expect(await countRows(tenant.operatorId)).toEqual({ operations: 0, curves: 0 });
  });

  it("still serves a well-formed request on the same server", async () => {
    const body = bodyOf("GOOD1");
    const res = await rawExchange(port, [{ write: head({ length: body.length }).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") + body }]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ statut: "OK", enregistres: 1 });
  });
});

describe("budget of body bytes in flight", () => {
  it("answers 503 with Retry-After while another body holds the budget, journals it, then admits the body", async () => {
    const since = await lastId();
    // A first body that declares 15,000 bytes and sends them slowly holds 15,000 of the 20,000.
    const ids = Array.from({ length: 150 }, (_, i) => `HOLD${i}`);
    const first = bodyOf(...ids);
    expect(first.length).toBeGreaterThan(12_000);
    expect(first.length).toBeLessThan(20_000);
    const holding = rawExchange(port, [
      { write: head({ length: first.length }).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") },
      { write: first.slice(0, 100), wait: 400 },
      { write: first.slice(100) },
    ]);
    await vi.waitFor(() => expect(bodyBudget().inFlight).toBe(first.length), { timeout: 5_000, interval: 20 });
    const second = bodyOf(...Array.from({ length: 80 }, (_, i) => `LATE${i}`));
    const refused = await rawExchange(port, [{ write: head({ length: second.length }).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") + second }]);
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("2");
    expect(JSON.parse(refused.body)).toEqual({
      statut: "ECHEC",
      erreurs: [{ chemin: "(serveur)", message: expect.stringMatching(/^serveur momentanément saturé .* réessayez dans 2 s$/) }],
    });
    expect((await holding).status).toBe(200);
    expect(bodyBudget().inFlight).toBe(0);
    const retried = await rawExchange(port, [{ write: head({ length: second.length }).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") + second }]);
    expect(retried.status).toBe(200);
    const statuses = (await journal(since)).map((j) => j.status).sort();
    expect(statuses).toEqual([200, 200, 503]);
  });

  it("charges a gzip body's inflated bytes as they come: over the budget beside another body, 503", async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `HOLDZ${i}`);
    const first = bodyOf(...ids);
    const holding = rawExchange(port, [
      { write: head({ length: first.length }).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") },
      { write: first.slice(0, 100), wait: 400 },
      { write: first.slice(100) },
    ]);
    await vi.waitFor(() => expect(bodyBudget().inFlight).toBe(first.length), { timeout: 5_000, interval: 20 });
    // 300 bytes as sent, 100,000 once inflated.
    const zipped = gzipSync(Buffer.alloc(100_000, 0x20));
    expect(zipped.length).toBeLessThan(1_000);
    const refused = await rawExchange(port, [
      { write: Buffer.concat([Buffer.from(head({ length: zipped.length, gzip: true }).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")), zipped]) },
    ]);
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("2");
    expect((await holding).status).toBe(200);
    expect(bodyBudget().inFlight).toBe(0);
  });

  it("refuses a 2.7 MB gzip bomb with 413 and a French message, alone on the server (the budget never refuses a lone body)", async () => {
    // Gzip members one after the other are one gzip stream: 2.7 MB that would inflate to ≈ 2.8 GB.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: Math.ceil(2_700_000 / member.length) }, () => member));
    expect(bomb.length).toBeGreaterThanOrEqual(2_700_000);
    const res = await rawExchange(
      port,
      [{ write: Buffer.concat([Buffer.from(head({ length: bomb.length, gzip: true }).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")), bomb]) }],
      { timeoutMs: 30_000 },
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).erreurs[0].message).toBe("corps décompressé trop volumineux (plus de 64 Mo) : découpez l'envoi");
    expect(bodyBudget().inFlight).toBe(0);
  });
});
