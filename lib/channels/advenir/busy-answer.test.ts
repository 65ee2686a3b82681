import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { advenirEndpointOf, serveAdvenirPut } from "@/lib/channels/advenir/serve-advenir-put";
import { makeTenant, type Tenant } from "@/tests/support/advenir/ingest";

// A body refused because the server already holds too many (503 + Retry-After) while the client
// is still sending it: the client must receive that answer, not a reset connection, and may send
// its next request on the same connection.
vi.hoisted(() => {
  process.env.API_MAX_BODY_BYTES = "400000";
  process.env.API_MAX_INFLIGHT_BODY_BYTES = "300000";
});

let server: http.Server;
let port: number;
let tenant: Tenant;

beforeAll(async () => {
  tenant = await makeTenant({ stations: ["BUSY1"] });
  server = http.createServer((req, res) => {
    const endpoint = advenirEndpointOf(req);
    if (endpoint) void serveAdvenirPut(req, res, endpoint);
    else res.writeHead(404, { "Content-Length": 4 }).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const head = (length: number) =>
  `POST /api/operation/put HTTP/1.1\r\nHost: x\r\nAuthorization: ${tenant.auth}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

/** Reads one whole answer (head and Content-Length body) from the socket. */
function nextAnswer(socket: net.Socket): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const headers = buffer.slice(0, end);
      const length = Number(/content-length: (\d+)/i.exec(headers)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      socket.off("data", onData);
      resolve({
        status: Number(headers.split(" ")[1]),
        headers: headers.toLowerCase(),
        body: Buffer.from(buffer.slice(end + 4, end + 4 + length), "latin1").toString("utf8"),
      });
    };
    socket.on("data", onData);
    socket.once("error", reject);
  });
}

const connect = () =>
  new Promise<net.Socket>((resolve) => {
    const s = net.connect(port, "127.0.0.1", () => resolve(s));
  });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a busy server's answer to a body still arriving", () => {
  it("reads the refused body to its end, answers 503 with Retry-After, and keeps the connection for the next request", async () => {
    // A holds most of the budget: its Content-Length is charged from its first bytes, and it never finishes.
    const a = await connect();
    a.write(head(250_000) + "{");
    await wait(300);

    const b = await connect();
    const answer = nextAnswer(b);
    const size = 200_000;
    b.write(head(size));
    const filler = `{"x":"${"a".repeat(size - 8)}"}`; // any bytes: a refused body is never parsed
    for (let sent = 0; sent < size; sent += 20_000) {
      b.write(filler.slice(sent, sent + 20_000));
      await wait(20);
    }
    const busy = await answer;
    expect(busy.status).toBe(503);
    expect(busy.headers).toContain("retry-after: 2");
    expect(busy.headers).not.toContain("connection: close");
    expect(JSON.parse(busy.body)).toMatchObject({ erreurs: [{ message: expect.stringMatching(/momentanément saturé/) }] });

    // The same connection carries the next request.
    const next = nextAnswer(b);
    b.write("GET /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n");
    expect((await next).status).toBe(404);
    a.destroy();
    b.destroy();
  });
});
