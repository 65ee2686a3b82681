import http from "node:http";

// One POST of a body with node:http (lighter on the shared cores than fetch), resolving with the
// answer's status and text. `agent`: a kept-alive agent, or false for a connection of its own.

export function httpPost(
  url: string,
  headers: Record<string, string>,
  body: string | Buffer,
  agent: http.Agent | false,
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: "POST",
      agent,
      headers: { "Content-Type": "application/json", ...headers, "Content-Length": Buffer.byteLength(body) },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
