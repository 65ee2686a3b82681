import http from "node:http";
import https from "node:https";

// Sends eMIP envelopes to the portal's GIREVE door as the relay would: one POST per envelope,
// SOAP 1.2, kept-alive connections, at most `concurrency` requests in flight, taken in order from
// the iterator. Counts the answers by eMIP requestStatus, SOAP Faults and other HTTP answers, and
// keeps every latency (for the bench's p99). Used by `npm run gireve:simulate` and bench/gireve.ts.

export interface SendStats {
  sent: number;
  /** HTTP 200 answers by their <requestStatus> ("?" when the answer has none). */
  byRequestStatus: Record<string, number>;
  /** SOAP Faults (HTTP 400 or 500 with a soap:Fault). */
  faults: number;
  /** Other HTTP answers, by status. */
  httpErrors: Record<string, number>;
  /** Requests that got no answer (connection refused, reset, timeout). */
  networkErrors: number;
  /** The first few fault reasons and network errors, to show. */
  samples: string[];
  latenciesMs: number[];
  /** Latencies by the kind `kindOf` gives each envelope (empty without kindOf). */
  latenciesByKind: Record<string, number[]>;
  elapsedMs: number;
}

export interface SendOptions {
  url: string;
  /** "Basic …" */
  authorization?: string;
  concurrency: number;
  envelopes: Iterable<string>;
  timeoutMs?: number;
  /** A kind per envelope (e.g. its message's name), to keep latencies by kind. */
  kindOf?: (envelope: string) => string;
  /** Called with the running counts (the same object, updated in place). */
  onAnswer?: (stats: SendStats) => void;
}

const REQUEST_STATUS = /<(?:[\w.-]+:)?requestStatus>\s*([^<\s]+)\s*</;
const FAULT_TEXT = /<(?:[\w.-]+:)?Text[^>]*>([^<]*)</;

function post(url: URL, agent: http.Agent, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer after ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

export function emptyStats(): SendStats {
  return { sent: 0, byRequestStatus: {}, faults: 0, httpErrors: {}, networkErrors: 0, samples: [], latenciesMs: [], latenciesByKind: {}, elapsedMs: 0 };
}

export async function sendEnvelopes(options: SendOptions): Promise<SendStats> {
  const url = new URL(options.url);
  const agent = new (url.protocol === "https:" ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: options.concurrency });
  const headers: Record<string, string> = { "content-type": "application/soap+xml; charset=utf-8" };
  if (options.authorization) headers.authorization = options.authorization;
  const stats = emptyStats();
  const iterator = options.envelopes[Symbol.iterator]();
  const startedAt = performance.now();
  const sample = (s: string) => stats.samples.length < 10 && stats.samples.push(s);
  async function worker() {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const t0 = performance.now();
      try {
        const answer = await post(url, agent, headers, next.value, options.timeoutMs ?? 30_000);
        const latency = performance.now() - t0;
        stats.latenciesMs.push(latency);
        if (options.kindOf) (stats.latenciesByKind[options.kindOf(next.value)] ??= []).push(latency);
        if (answer.status === 200) {
          const code = REQUEST_STATUS.exec(answer.text)?.[1] ?? "?";
          stats.byRequestStatus[code] = (stats.byRequestStatus[code] ?? 0) + 1;
        } else if (/<(?:[\w.-]+:)?Fault[\s>]/.test(answer.text)) {
          stats.faults++;
          sample(`Fault (HTTP ${answer.status}) : ${FAULT_TEXT.exec(answer.text)?.[1] ?? answer.text.slice(0, 200)}`);
        } else {
          stats.httpErrors[answer.status] = (stats.httpErrors[answer.status] ?? 0) + 1;
          sample(`HTTP ${answer.status} : ${answer.text.slice(0, 200)}`);
        }
      } catch (e) {
        stats.networkErrors++;
        sample(`réseau : ${e instanceof Error ? e.message : String(e)}`);
      }
      stats.sent++;
      stats.elapsedMs = performance.now() - startedAt;
      options.onAnswer?.(stats);
    }
  }
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  stats.elapsedMs = performance.now() - startedAt;
  return stats;
}

/** The q-quantile (0–1) of latencies, in ms (nearest rank). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
