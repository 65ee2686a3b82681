import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { advenirEndpointOf, serveAdvenirPut } from "@/lib/channels/advenir/serve-advenir-put";
import { countRows, makeTenant, operation, type Tenant } from "@/tests/support/advenir/ingest";

// The data endpoints as the production server answers them: a Node request handled before
// Next.js. Same ingestion as the route files (tested at length in lib/ingest); here what is
// specific to the Node side: the body read from the socket, the limit, the answer's headers.
vi.hoisted(() => {
  process.env.API_MAX_BODY_BYTES = "4096";
});

let server: http.Server;
let base: string;
let tenant: Tenant;

beforeAll(async () => {
  tenant = await makeTenant({ stations: ["NODE1"] });
  server = http.createServer((req, res) => {
    req.headers["x-portal-client-ip"] = "192.0.2.77";
    const endpoint = advenirEndpointOf(req);
    if (endpoint) void serveAdvenirPut(req, res, endpoint);
    else res.writeHead(404).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A raw HTTP exchange, so that the request can be chunked and the connection observed. */
function exchange(options: { path: string; method?: string; headers?: Record<string, string>; chunks: string[] }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(`${base}${options.path}`, { method: options.method ?? "POST", headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    for (const c of options.chunks) req.write(c);
    req.end();
  });
}

describe("advenirEndpointOf", () => {
  it("takes POST and PUT on the two exact paths (query string allowed), nothing else", () => {
    const of = (method: string, url: string) => advenirEndpointOf({ method, url } as http.IncomingMessage);
    expect(of("POST", "/api/operation/put")).toBe("operation");
    expect(of("PUT", "/api/courbe/put?client=x")).toBe("courbe");
    expect(of("GET", "/api/operation/put")).toBeNull();
    expect(of("POST", "/api/operation/put/")).toBeNull();
    expect(of("POST", "/api/operation/putx")).toBeNull();
    expect(of("POST", "/docs/api")).toBeNull();
  });
});

describe("serveAdvenirPut", () => {
  it("stores a body sent in several chunks and answers the protocol's JSON", async () => {
    const text = JSON.stringify({ [tenant.operatorId]: { NODE1: { N1: operation(1_700_000_000), N2: operation(1_700_010_000) } } });
    const res = await exchange({
      path: "/api/operation/put",
      headers: { authorization: tenant.auth, "content-type": "application/json" },
      chunks: [text.slice(0, 20), text.slice(20)],
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(res.body)).toEqual({ statut: "OK", recus: 2, enregistres: 2, inchanges: 0, avertissements: [] });
    expect(await countRows(tenant.operatorId)).toEqual({ operations: 2, curves: 0 });
  });

  it("answers 401 with WWW-Authenticate without credentials", async () => {
    const res = await exchange({ path: "/api/courbe/put", method: "PUT", chunks: ["{}"] });
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toMatch(/^Basic realm="ADVENIR"/);
    expect(JSON.parse(res.body).statut).toBe("ECHEC");
  });

  it("stops reading a chunked body at the limit, answers 413 and closes the connection", async () => {
    const before = await countRows(tenant.operatorId);
    const chunk = `{"${tenant.operatorId}":{"NODE1":{${'"x":1,'.repeat(300)}`;
    const res = await exchange({
      path: "/api/operation/put",
      headers: { authorization: tenant.auth, "transfer-encoding": "chunked" },
      chunks: [chunk, chunk, chunk],
    });
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe("close");
    expect(JSON.parse(res.body).erreurs[0].message).toMatch(/corps trop volumineux/);
    expect(await countRows(tenant.operatorId)).toEqual(before);
  });
});
