import { gzipSync } from "node:zlib";
import { makeOperationsBody, type BenchStation } from "./generate";
import { memoryOf, resetPeak } from "./server";
import { fmt, mib, verdict } from "./report";
import { httpPost } from "./http-post";

// The memory section of `npm run bench:ingest`: what the server's resident memory peaks at under
// large and hostile bodies (issue 13 §3; docs/decisions/0011-bounded-request-memory.md).
// 1. one 15 MB body alone (target: peak < 512 MiB);
// 2. 8 clients posting a 15 MB body each at once, each retrying after Retry-After when answered
//    503 (the budget of body bytes in flight), until every body is stored (target: peak < 1 GiB,
//    every one answered);
// 3. 12 MB of keys (a million TransactionIDs with no operation) and a 2.7 MB gzip bomb: refused,
//    with the peak they cost.
// The peak (VmHWM) is reset before each part when the kernel allows it.

export interface MemoryInput {
  baseUrl: string;
  auth: string;
  userId: string;
  stations: BenchStation[];
  serverPid: number;
}

interface Posted {
  status: number;
  retryAfter: number | null;
  ms: number;
}

/**
 * One POST on a connection of its own: a kept-alive connection left idle while this script
 * generates the next 15 MB bodies (its event loop blocked for seconds, so its client cannot
 * expire the connection in time) may be closed by the server just as the next request is
 * written on it, which failed one run in five with EPIPE for no fault of the API.
 */
async function post(input: MemoryInput, body: Buffer | string, headers: Record<string, string> = {}): Promise<Posted> {
  const t0 = performance.now();
  const answer = await httpPost(`${input.baseUrl}/api/operation/put`, { Authorization: input.auth, ...headers }, body, false);
  const retryAfter = answer.headers["retry-after"];
  return { status: answer.status, retryAfter: retryAfter === undefined ? null : Number(retryAfter), ms: performance.now() - t0 };
}

/** A body of operations of at least `bytes` bytes, TransactionIDs prefixed `prefix`. */
function bodyOfAtLeast(input: MemoryInput, bytes: number, prefix: string, seed: number): { text: string; operations: number } {
  let count = 120_000;
  for (;;) {
    const text = JSON.stringify(makeOperationsBody(input.userId, input.stations, count, seed, prefix));
    if (text.length >= bytes) return { text, operations: count };
    count = Math.ceil(count * 1.08);
  }
}

function peakOf(input: MemoryInput, run: () => Promise<void>) {
  return async () => {
    const reset = resetPeak(input.serverPid);
    const before = memoryOf(input.serverPid).rss;
    await run();
    return { peak: memoryOf(input.serverPid).peak, before, reset };
  };
}

export async function runMemoryScenarios(input: MemoryInput) {
  const MB15 = 15 * 1024 * 1024;

  // 1. One 15 MB body.
  const one = bodyOfAtLeast(input, MB15, "MEM1", 11);
  let oneAnswer: Posted | undefined;
  const oneMem = await peakOf(input, async () => {
    oneAnswer = await post(input, one.text);
  })();

  // 2. Eight at once, retrying on 503 after Retry-After.
  const bodies = Array.from({ length: 8 }, (_, k) => bodyOfAtLeast(input, MB15, `MEM8-${k}`, 20 + k).text);
  const clients: { attempts: number; refused: number; status: number; ms: number }[] = [];
  const t0 = performance.now();
  const eightMem = await peakOf(input, async () => {
    await Promise.all(
      bodies.map(async (text, k) => {
        const start = performance.now();
        const client = { attempts: 0, refused: 0, status: 0, ms: 0 };
        clients[k] = client;
        for (;;) {
          client.attempts++;
          const answer = await post(input, text);
          client.status = answer.status;
          if (answer.status !== 503 || client.attempts >= 100) break;
          client.refused++;
          await new Promise((r) => setTimeout(r, (answer.retryAfter ?? 1) * 1000));
        }
        client.ms = performance.now() - start;
      }),
    );
  })();
  const eightSeconds = (performance.now() - t0) / 1000;
  bodies.length = 0;

  // 3. Hostile bodies.
  const keysParts: string[] = [];
  let keysLength = 0;
  for (let i = 0; keysLength < 12 * 1024 * 1024; i++) {
    const part = `"K${i}":{}`;
    keysParts.push(part);
    keysLength += part.length + 1;
  }
  const keysText = `{"${input.userId}":{"${input.stations[0].code}":{${keysParts.join(",")}}}}`;
  let keysAnswer: Posted | undefined;
  const keysMem = await peakOf(input, async () => {
    keysAnswer = await post(input, keysText);
  })();
  // Gzip members one after the other are one gzip stream: 2.7 MB that inflate to ≈ 2.8 GB.
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20), { level: 9 });
  const members = Math.ceil(2_700_000 / member.length);
  const bomb = Buffer.concat(Array.from({ length: members }, () => member));
  let bombAnswer: Posted | undefined;
  const bombMem = await peakOf(input, async () => {
    bombAnswer = await post(input, bomb, { "Content-Encoding": "gzip" });
  })();

  return {
    one: { bytes: one.text.length, operations: one.operations, status: oneAnswer!.status, ms: oneAnswer!.ms, ...oneMem },
    eight: { bytes: MB15, clients, seconds: eightSeconds, ...eightMem },
    keys: { bytes: keysText.length, keys: keysParts.length, status: keysAnswer!.status, ms: keysAnswer!.ms, ...keysMem },
    bomb: { bytes: bomb.length, inflated: members * 16 * 1024 * 1024, status: bombAnswer!.status, ms: bombAnswer!.ms, ...bombMem },
  };
}

export type MemoryResults = Awaited<ReturnType<typeof runMemoryScenarios>>;

export function renderMemory(r: MemoryResults, m: { date: string; budgetBytes: number; loadedRss: number | null }): string {
  const GiB = 1024 ** 3;
  const allStored = r.eight.clients.every((c) => c.status === 200);
  const refused = r.eight.clients.reduce((s, c) => s + c.refused, 0);
  const resetNote = (reset: boolean) => (reset ? "" : " (peak not resettable: whole run so far)");
  return [
    "## Memory of the data API under large and hostile bodies",
    "",
    `Run ${m.date} with \`npm run bench:ingest\` (bench/ingest/memory.ts; \`BENCH_INGEST_PARTS=memory\` for this section alone), the production server${m.loadedRss === null ? "" : " started anew for this section"} on a fresh PostgreSQL database; budget of body bytes in flight \`API_MAX_INFLIGHT_BODY_BYTES\` = ${mib(m.budgetBytes)} (docs/decisions/0011-bounded-request-memory.md). Server peak RSS (VmHWM), reset before each line.`,
    "",
    "| measure | result | target | |",
    "|---|---:|---:|---|",
    `| one ${mib(r.one.bytes)} body (${fmt(r.one.operations)} operations) | **${mib(r.one.peak)}**${resetNote(r.one.reset)} (RSS before ${mib(r.one.before)}); answered ${r.one.status} in ${fmt(r.one.ms / 1000, 2)} s | < 512 MiB | ${verdict(r.one.peak < 512 * 1024 * 1024 && r.one.status === 200)} |`,
    `| 8 clients posting a 15 MB body each at once, retrying after \`Retry-After\` on 503 | **${mib(r.eight.peak)}**${resetNote(r.eight.reset)} (RSS before ${mib(r.eight.before)}); ${r.eight.clients.filter((c) => c.status === 200).length}/8 stored after ${refused} answers 503, ${fmt(r.eight.seconds, 1)} s in all; per client (attempts, s): ${r.eight.clients.map((c) => `${c.attempts}, ${fmt(c.ms / 1000, 1)}`).join("; ")} | < 1 GiB, every one answered | ${verdict(r.eight.peak < GiB && allStored)} |`,
    `| ${mib(r.keys.bytes)} of keys (${fmt(r.keys.keys)} TransactionIDs without an operation) | ${mib(r.keys.peak)}${resetNote(r.keys.reset)} (RSS before ${mib(r.keys.before)}); answered ${r.keys.status} in ${fmt(r.keys.ms / 1000, 2)} s | refused, bounded | ${verdict(r.keys.status >= 400 && r.keys.status < 500 && r.keys.peak < GiB)} |`,
    `| ${mib(r.bomb.bytes)} gzip bomb (≈ ${fmt(r.bomb.inflated / GiB, 1)} GiB inflated) | ${mib(r.bomb.peak)}${resetNote(r.bomb.reset)} (RSS before ${mib(r.bomb.before)}); answered ${r.bomb.status} in ${fmt(r.bomb.ms / 1000, 2)} s | 413, bounded | ${verdict(r.bomb.status === 413 && r.bomb.peak < GiB)} |`,
    "",
    ...(m.loadedRss === null
      ? []
      : [
          `The server of the ingestion section (the same run), stopped before this one, held ${mib(m.loadedRss)} of RSS after its small-put load test (V8 keeps the pages its old generation grew to under load, reuses them for the next requests and gives none back while idle); a body's peak measured on that server would start from there.`,
          "",
        ]),
  ].join("\n");
}
