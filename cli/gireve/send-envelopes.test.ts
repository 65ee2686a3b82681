import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quantile, sendEnvelopes } from "@/cli/gireve/send-envelopes";

// A stand-in receiver: answers by the body's first word, and records how many requests were in
// flight at once and on how many connections.
let server: http.Server;
let url: string;
let inFlight = 0;
let maxInFlight = 0;
const sockets = new Set<unknown>();
const seen: { auth?: string; type?: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    sockets.add(req.socket);
    seen.push({ auth: req.headers.authorization, type: req.headers["content-type"] });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () =>
      setTimeout(() => {
        inFlight--;
        const body = Buffer.concat(chunks).toString();
        if (body.startsWith("ok")) res.end(`<s:Envelope><s:Body><m:R><requestStatus>${body.slice(3)}</requestStatus></m:R></s:Body></s:Envelope>`);
        else if (body === "fault")
          res
            .writeHead(400)
            .end(
              `<soap:Envelope><soap:Body><soap:Fault><soap:Reason><soap:Text xml:lang="fr">XML mal formé</soap:Text></soap:Reason></soap:Fault></soap:Body></soap:Envelope>`,
            );
        else res.writeHead(503).end("occupé");
      }, 5),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/gireve/emip`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("sendEnvelopes", () => {
  it("counts answers by requestStatus, Faults and HTTP errors, with at most `concurrency` in flight on kept-alive connections", async () => {
    const bodies = [...Array.from({ length: 40 }, () => "ok 1"), "ok 10601", "ok 10701", "ok 10701", "fault", "busy"];
    let answers = 0;
    const stats = await sendEnvelopes({ url, authorization: "Basic dTpz", concurrency: 4, envelopes: bodies, onAnswer: () => answers++ });
    expect(stats).toMatchObject({ sent: 45, byRequestStatus: { "1": 40, "10601": 1, "10701": 2 }, faults: 1, httpErrors: { "503": 1 }, networkErrors: 0 });
    expect(stats.samples).toEqual(["Fault (HTTP 400) : XML mal formé", "HTTP 503 : occupé"]);
    expect(stats.latenciesMs).toHaveLength(45);
    expect(answers).toBe(45);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(sockets.size).toBeLessThanOrEqual(4);
    expect(seen[0]).toEqual({ auth: "Basic dTpz", type: "application/soap+xml; charset=utf-8" });
  });

  it("counts a refused connection as a network error, and goes on", async () => {
    const stats = await sendEnvelopes({ url: "http://127.0.0.1:1/api/gireve/emip", concurrency: 2, envelopes: ["ok 1", "ok 1", "ok 1"] });
    expect(stats).toMatchObject({ sent: 3, networkErrors: 3, byRequestStatus: {} });
  });

  it("computes quantiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([quantile(values, 0.5), quantile(values, 0.99), quantile(values, 1)]).toEqual([50, 99, 100]);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
