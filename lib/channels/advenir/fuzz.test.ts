import type http from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawSql } from "@/lib/platform/db/database";
import { listenWithAdvenirDoor } from "@/tests/support/advenir/door-server";
import { curve, makeTenant, operation, type Tenant } from "@/tests/support/advenir/ingest";

// Malformed bodies, generated (fast-check, seeded: the seed is printed, FUZZ_SEED replays it)
// and from the kept corpus of past regressions (lib/channels/advenir/fuzz-corpus/), posted over HTTP to the
// portal's own server (the one `npm start` runs, with a stand-in for Next.js). For each: an
// answer within the timeout, never a 500 (only the protocol's refusals), nothing stored for a
// refused body, and the call journaled.

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ANSWER_TIMEOUT_MS = 15_000;
const ALLOWED = new Set([200, 400, 403, 413, 415, 422]);
const CORPUS_DIR = path.join(import.meta.dirname, "fuzz-corpus");

let server: http.Server;
let base: string;
let tenant: Tenant;
let sent = 0;

beforeAll(async () => {
  tenant = await makeTenant({ stations: ["FUZZ1"] });
  ({ server, base } = await listenWithAdvenirDoor());
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Sent {
  endpoint: "operation" | "courbe";
  bytes: Buffer;
  contentEncoding?: string;
}

async function post(request: Sent): Promise<{ status: number; json: { statut?: string; enregistres?: number } }> {
  sent++;
  const headers: Record<string, string> = { authorization: tenant.auth, "content-type": "application/json" };
  if (request.contentEncoding) headers["content-encoding"] = request.contentEncoding;
  const response = await fetch(`${base}/api/${request.endpoint}/put`, {
    method: "POST",
    headers,
    body: new Uint8Array(request.bytes),
    signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
  });
  return { status: response.status, json: (await response.json()) as { statut?: string; enregistres?: number } };
}

/** The TransactionID prefixes (`F<run>-`) of the tenant's stored rows, both tables. */
async function storedPrefixes(): Promise<Set<string>> {
  const sql = await rawSql();
  const rows = await sql.query<{ prefix: string }>(
    `SELECT DISTINCT substring(transaction_id from '^F[0-9]+-') AS prefix FROM charge_operation WHERE operator_id = $1
     UNION SELECT DISTINCT substring(transaction_id from '^F[0-9]+-') FROM load_curve WHERE operator_id = $1`,
    [tenant.operatorId],
  );
  return new Set(rows.map((r) => r.prefix).filter(Boolean));
}

/** Sends one body and checks its answer; returns its status. */
async function check(request: Sent): Promise<number> {
  const answer = await post(request);
  if (!ALLOWED.has(answer.status)) throw new Error(`statut ${answer.status} : ${JSON.stringify(answer.json).slice(0, 300)}`);
  if (answer.status === 200 ? answer.json.statut !== "OK" : answer.json.statut !== "ECHEC")
    throw new Error(`réponse hors protocole : ${JSON.stringify(answer.json).slice(0, 300)}`);
  return answer.status;
}

// ——— Generated bodies ———

const NASTY = [
  '"',
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  "\u0000",
  "\\u0000",
  "\ud800",
  "\\ud800",
  "\\udc00\\ud800",
  "1e999",
  "-1",
  "1.5",
  "-0",
  "NaN",
  "Infinity",
  "null",
  "true",
  '"x"',
  "\\",
  "é",
  "\ufeff",
  "99999999999999999999999",
  "[[[[[[[[",
  '{"a":1,"a":2}',
  "\t",
  "\r\n",
  "\u001f",
  "0x10",
  "1_000",
];

type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; token: string }
  | { kind: "byte"; at: number; byte: number }
  | { kind: "truncate"; at: number }
  | { kind: "duplicate"; at: number; length: number };

const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at, length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant("insert" as const), at, token: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: "binary", maxLength: 8 })) }),
  fc.record({ kind: fc.constant("byte" as const), at, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at }),
  fc.record({ kind: fc.constant("duplicate" as const), at, length: fc.integer({ min: 1, max: 60 }) }),
);

type Shape =
  | { shape: "mutated"; mutations: Mutation[] }
  | { shape: "field"; field: number; value: unknown }
  | { shape: "key"; level: "user" | "station" | "transaction"; key: string }
  | { shape: "deep"; depth: number }
  | { shape: "wide"; keys: number }
  | { shape: "long-id"; length: number };

const shape: fc.Arbitrary<Shape> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ shape: fc.constant("mutated" as const), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ shape: fc.constant("field" as const), field: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      shape: fc.constant("key" as const),
      level: fc.constantFrom("user" as const, "station" as const, "transaction" as const),
      key: fc.string({ unit: "binary", maxLength: 12 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ shape: fc.constant("deep" as const), depth: fc.integer({ min: 30, max: 3000 }) }) },
  { weight: 1, arbitrary: fc.record({ shape: fc.constant("wide" as const), keys: fc.integer({ min: 990, max: 1500 }) }) },
  { weight: 1, arbitrary: fc.record({ shape: fc.constant("long-id" as const), length: fc.integer({ min: 250, max: 600 }) }) },
);

const generated = fc.record({
  endpoint: fc.constantFrom("operation" as const, "courbe" as const),
  shape,
  encoding: fc.constantFrom("plain", "plain", "plain", "plain", "gzip", "gzip-broken", "gzip-unannounced", "utf16le", "latin1"),
});
type Generated = typeof generated extends fc.Arbitrary<infer T> ? T : never;

/** A valid body whose TransactionIDs all start with `prefix`, as a plain object. */
function validBody(endpoint: "operation" | "courbe", prefix: string): Record<string, Record<string, Record<string, unknown>>> {
  const t0 = 1_700_000_000;
  const transactions =
    endpoint === "operation"
      ? { [`${prefix}1`]: operation(t0), [`${prefix}2`]: operation(t0 + 7200) }
      : { [`${prefix}1`]: curve(t0), [`${prefix}2`]: curve(t0 + 7200) };
  return { [tenant.operatorId]: { FUZZ1: transactions } };
}

function applyShape(g: Generated, prefix: string): string {
  const body = validBody(g.endpoint, prefix);
  const s = g.shape;
  switch (s.shape) {
    case "mutated": {
      let text = JSON.stringify(body);
      for (const m of s.mutations) {
        const i = Math.floor(m.at * text.length);
        if (m.kind === "delete") text = text.slice(0, i) + text.slice(i + m.length);
        else if (m.kind === "insert") text = text.slice(0, i) + m.token + text.slice(i);
        else if (m.kind === "truncate") text = text.slice(0, i);
        else if (m.kind === "duplicate") text = text.slice(0, i + m.length) + text.slice(i);
        else text = text.slice(0, i) + String.fromCharCode(m.byte) + text.slice(i + 1);
      }
      return text;
    }
    case "field": {
      // One value somewhere in the first transaction replaced by any JSON value.
      const transaction = body[tenant.operatorId].FUZZ1[`${prefix}1`] as Record<string, unknown> | Record<string, unknown>[];
      const target = Array.isArray(transaction) ? transaction[s.field % transaction.length] : transaction;
      const keys = Object.keys(target);
      target[keys[s.field % keys.length]] = s.value;
      return JSON.stringify(body);
    }
    case "key": {
      const user = body[tenant.operatorId];
      if (s.level === "user") return JSON.stringify({ [s.key]: user });
      if (s.level === "station") return JSON.stringify({ [tenant.operatorId]: { [s.key]: user.FUZZ1 } });
      return JSON.stringify({
        [tenant.operatorId]: {
          FUZZ1: { ...user.FUZZ1, [`${prefix}${s.key}`]: user.FUZZ1[`${prefix}1`], [`${prefix}${s.key}\u0000`]: user.FUZZ1[`${prefix}2`] },
        },
      });
    }
    case "deep":
      return `{"${tenant.operatorId}":{"FUZZ1":{"${prefix}1":${"[".repeat(s.depth)}${"]".repeat(s.depth)}}}}`;
    case "wide": {
      const many = Object.fromEntries(Array.from({ length: s.keys }, (_, k) => [`${prefix}w${k}`, operation(1_600_000_000 + k * 4000)]));
      return JSON.stringify({ [tenant.operatorId]: { FUZZ1: many } });
    }
    case "long-id":
      return JSON.stringify({ [tenant.operatorId]: { FUZZ1: { [`${prefix}${"x".repeat(s.length)}`]: operation(1_700_000_000) } } });
  }
}

function encode(g: Generated, text: string): Sent {
  const utf8 = Buffer.from(text, "utf8");
  switch (g.encoding) {
    case "gzip":
      return { endpoint: g.endpoint, bytes: gzipSync(utf8), contentEncoding: "gzip" };
    case "gzip-broken": {
      const zipped = gzipSync(utf8);
      return { endpoint: g.endpoint, bytes: zipped.subarray(0, Math.max(3, Math.floor(zipped.length / 2))), contentEncoding: "gzip" };
    }
    case "gzip-unannounced":
      return { endpoint: g.endpoint, bytes: gzipSync(utf8) };
    case "utf16le":
      return { endpoint: g.endpoint, bytes: Buffer.from(text, "utf16le") };
    case "latin1":
      return { endpoint: g.endpoint, bytes: Buffer.from(text.replace(/FUZZ1/, "FUZZé"), "latin1") };
    default:
      return { endpoint: g.endpoint, bytes: utf8 };
  }
}

// ——— Corpus ———

interface CorpusEntry {
  note: string;
  endpoint: "operation" | "courbe";
  contentEncoding?: string;
  text?: string;
  base64?: string;
}

const corpus = readdirSync(CORPUS_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => ({ file, entry: JSON.parse(readFileSync(path.join(CORPUS_DIR, file), "utf8")) as CorpusEntry }));

function corpusRequest(entry: CorpusEntry): Sent {
  const raw = entry.base64 !== undefined ? Buffer.from(entry.base64, "base64") : Buffer.from(entry.text ?? "", "utf8");
  const bytes = Buffer.from(raw.toString("latin1").replaceAll("@USER@", tenant.operatorId).replaceAll("@STATION@", "FUZZ1"), "latin1");
  return { endpoint: entry.endpoint, bytes, contentEncoding: entry.contentEncoding };
}

async function journaled(): Promise<number> {
  const sql = await rawSql();
  const [row] = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM submission WHERE operator_id = $1", [tenant.operatorId]);
  return Number(row.n);
}

describe("fuzz: malformed bodies through the server", () => {
  it.each(corpus)("corpus $file", async ({ entry }) => {
    expect(entry.note).toBeTruthy();
    const before = await journaled();
    await check(corpusRequest(entry));
    expect(await journaled()).toBe(before + 1);
  });

  it(`${RUNS} generated bodies: answered in time, never a 500, nothing stored when refused, every call journaled`, async () => {
    console.info(`[fuzz] graine ${SEED} (FUZZ_SEED=${SEED} pour rejouer), ${RUNS} corps`);
    const before = await journaled();
    const sentBefore = sent;
    let run = 0;
    const refused: { prefix: string; request: Sent }[] = [];
    await fc.assert(
      fc.asyncProperty(generated, async (g) => {
        const prefix = `F${run++}-`;
        const request = encode(g, applyShape(g, prefix));
        try {
          if ((await check(request)) !== 200) refused.push({ prefix, request });
        } catch (e) {
          throw new Error(
            `${(e as Error).message}\ncorps (base64, à ajouter à lib/channels/advenir/fuzz-corpus/) : ${request.bytes.toString("base64").slice(0, 4000)}${request.contentEncoding ? ` (Content-Encoding: ${request.contentEncoding})` : ""}`,
          );
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: false },
    );
    // Nothing stored for a refused body (its TransactionIDs carry its run's prefix), no row of
    // the tenant from a refused call whatever its ids, and every call journaled.
    const stored = await storedPrefixes();
    const leaked = refused.filter((r) => stored.has(r.prefix));
    expect(leaked.map((r) => `${r.prefix} ${r.request.bytes.toString("base64").slice(0, 2000)}`)).toEqual([]);
    expect(refused.length).toBeGreaterThan(RUNS / 2);
    expect(await journaled()).toBe(before + (sent - sentBefore));
    const sql = await rawSql();
    const [orphans] = await sql.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM charge_operation o LEFT JOIN submission s ON s.id = o.submission_id WHERE o.operator_id = $1 AND (s.id IS NULL OR s.http_status <> 200))
            + (SELECT count(*) FROM load_curve c LEFT JOIN submission s ON s.id = c.submission_id WHERE c.operator_id = $1 AND (s.id IS NULL OR s.http_status <> 200)) AS n`,
      [tenant.operatorId],
    );
    expect(Number(orphans.n)).toBe(0);
  }, 600_000);
});
