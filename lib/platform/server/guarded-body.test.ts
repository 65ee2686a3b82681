import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { guardBody, type GuardedBody } from "@/lib/platform/server/guarded-body";
import { ProtocolFailure } from "@/lib/platform/server/protocol-failure";

// The request body as the data API's doors read it (RequestChunks in guarded-body.ts): read from
// the request's buffer, across chunks that arrive late, stopped by a failure from outside (the
// server's clientError, a timeout), by the client's disconnection, or early by the reader, and
// with the socket still able to carry the answer after an early stop.

let server: http.Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server whose handler gets the guarded body of each request; resolves with its port. */
async function serve(handle: (req: http.IncomingMessage, res: http.ServerResponse, guarded: GuardedBody) => Promise<void>): Promise<number> {
  server = http.createServer((req, res) => {
    const guarded = guardBody(req, 60_000);
    void handle(req, res, guarded).finally(() => guarded.done());
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server!.address() as net.AddressInfo).port;
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString("utf8");
}

/** Opens a socket, writes the given parts (waiting between them), and collects what comes back. */
function exchange(port: number, parts: { write: string | Buffer; waitMs?: number }[], options: { destroyAfter?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (d) => (answer += d));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
    void (async () => {
      for (const part of parts) {
        socket.write(part.write);
        if (part.waitMs) await new Promise((r) => setTimeout(r, part.waitMs));
      }
      if (options.destroyAfter) socket.destroy();
    })();
  });
}

const head = (length: number) => `POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;

describe("the guarded body of a request", () => {
  it("reads a body already received, and one whose parts arrive late, byte for byte", async () => {
    const seen: string[] = [];
    const port = await serve(async (_req, res, guarded) => {
      const text = await readAll(guarded.body);
      seen.push(text);
      res.end(`got ${text.length}`);
    });
    const body = JSON.stringify({ a: "é".repeat(40_000) });
    expect(await exchange(port, [{ write: head(Buffer.byteLength(body)) + body }])).toContain(`got ${body.length}`);
    const bytes = Buffer.from(body);
    const late = await exchange(port, [
      { write: head(bytes.length), waitMs: 50 },
      { write: bytes.subarray(0, 1001), waitMs: 50 },
      { write: bytes.subarray(1001) },
    ]);
    expect(late).toContain(`got ${body.length}`);
    expect(seen[1]).toBe(body);
    expect(seen[0]).toBe(body);
  });

  it("ends the read with a failure given from outside while it waits, and with none once the body was read", async () => {
    let outcome = "";
    const port = await serve(async (_req, res, guarded) => {
      setTimeout(() => guarded.fail(new ProtocolFailure(408, "trop lent")), 100);
      try {
        await readAll(guarded.body);
        outcome = "read";
      } catch (e) {
        outcome = e instanceof ProtocolFailure ? `failed ${e.status}` : `other ${String(e)}`;
      }
      res.end(outcome);
    });
    const answer = await exchange(port, [{ write: head(100) + "0123456789", waitMs: 400 }], { destroyAfter: true });
    expect(outcome).toBe("failed 408");
    expect(answer).toContain("failed 408");

    const port2 = await serve(async (_req, res, guarded) => {
      const text = await readAll(guarded.body);
      guarded.fail(new ProtocolFailure(408, "trop tard"));
      res.end(`read ${text.length}`);
    });
    expect(await exchange(port2, [{ write: head(4) + "abcd" }])).toContain("read 4");
  });

  it("ends the read with an error when the client goes away in the middle of the body", async () => {
    const outcome = new Promise<string>((resolve) => {
      void serve(async (_req, res, guarded) => {
        try {
          await readAll(guarded.body);
          resolve("read");
        } catch {
          resolve("error");
        }
        res.destroy();
      }).then((port) => exchange(port, [{ write: head(1000) + "partial", waitMs: 100 }], { destroyAfter: true }));
    });
    expect(await outcome).toBe("error");
  });

  it("stops early without closing the socket: the answer still reaches the client", async () => {
    const port = await serve(async (_req, res, guarded) => {
      for await (const chunk of guarded.body) {
        expect(chunk.byteLength).toBeGreaterThan(0);
        break; // a limit reached: the rest is never read
      }
      res.setHeader("Connection", "close");
      res.end("refused early");
    });
    const answer = await exchange(port, [{ write: head(200_000) + "x".repeat(1000), waitMs: 200 }], { destroyAfter: true });
    expect(answer).toContain("refused early");
  });
});
