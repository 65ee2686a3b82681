import { beforeAll, describe, expect, it, vi } from "vitest";
import { gzipSync } from "node:zlib";
import { db } from "@/lib/platform/db/database";
import { basic, call, countRows, curve, makeTenant, operation, suffix, type CallOptions, type Tenant } from "@/tests/support/advenir/ingest";

// Every bad request with its exact status and error paths; nothing stored, and the call logged.
// Small body limits for this file, set before the environment is first read.
vi.hoisted(() => {
  process.env.API_MAX_BODY_BYTES = "65536";
  process.env.API_MAX_INFLATED_BYTES = "262144";
});

const T0 = 1_700_000_000;
const FUTURE = Math.floor(Date.now() / 1000) + 2 * 86_400;

interface Ctx {
  a: Tenant;
  b: Tenant;
  bStation: string;
  U: string;
  revokedAuth: string;
}

interface Case {
  name: string;
  endpoint?: "courbe" | "operation";
  body: (c: Ctx) => unknown;
  options?: (c: Ctx) => CallOptions;
  status: number;
  chemins: (c: Ctx) => string[];
  /** Whether the submission is logged against operator A (false when the caller is unknown). */
  logged?: boolean;
}

const op = (c: Ctx, station: string, txs: unknown) => ({ [c.U]: { [station]: txs } });
const curvePoints = (...pts: [number, unknown][]) => pts.map(([timestamp, value]) => ({ timestamp, value }));

const cases: Case[] = [
  // body and JSON
  { name: "malformed JSON", body: () => '{"a":', status: 400, chemins: () => ["(corps)"] },
  { name: "JSON with single quotes as in the document's layout", body: (c) => `{'${c.U}': {}}`, status: 400, chemins: () => ["(corps)"] },
  { name: "trailing garbage after JSON", body: (c) => `{"${c.U}": {}} x`, status: 400, chemins: () => ["(corps)"] },
  { name: "empty body", body: () => "", status: 400, chemins: () => ["(corps)"] },
  { name: "empty object", body: () => ({}), status: 400, chemins: () => ["(corps)"] },
  { name: "array body", body: () => [], status: 400, chemins: () => ["(corps)"] },
  { name: "string body", body: () => '"bonjour"', status: 400, chemins: () => ["(corps)"] },
  { name: "null body", body: () => "null", status: 400, chemins: () => ["(corps)"] },
  { name: "invalid UTF-8", body: () => "", options: () => ({ rawBytes: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), status: 400, chemins: () => ["(corps)"] },
  // structure
  { name: "UserID mapped to an array", body: (c) => ({ [c.U]: [] }), status: 400, chemins: (c) => [c.U] },
  { name: "UserID mapped to a string", body: (c) => ({ [c.U]: "R320" }), status: 400, chemins: (c) => [c.U] },
  { name: "station mapped to a number", body: (c) => op(c, "R320", 5), status: 400, chemins: (c) => [`${c.U}/R320`] },
  { name: "array element with two keys", body: (c) => op(c, "R320", [{ a: operation(T0), b: operation(T0) }]), status: 400, chemins: (c) => [`${c.U}/R320/0`] },
  { name: "array element not an object", body: (c) => op(c, "R320", [{ a: operation(T0) }, 42]), status: 400, chemins: (c) => [`${c.U}/R320/1`] },
  { name: "transaction mapped to a string", body: (c) => op(c, "R320", { t1: "x" }), status: 400, chemins: (c) => [`${c.U}/R320/t1`] },
  {
    name: "transaction object of unknown shape",
    body: (c) => op(c, "R320", { t1: { debut: T0, fin: T0 + 60 } }),
    status: 400,
    chemins: (c) => [`${c.U}/R320/t1`],
  },
  // authorisation of the UserID and stations
  { name: "another operator's UserID", body: (c) => ({ [c.b.operatorId]: { B1: { t1: operation(T0) } } }), status: 403, chemins: (c) => [c.b.operatorId] },
  {
    name: "an unknown UserID",
    body: () => ({ "a6d0e6cf-7cac-477a-ae63-7e753c5bdda1": {} }),
    status: 403,
    chemins: () => ["a6d0e6cf-7cac-477a-ae63-7e753c5bdda1"],
  },
  {
    name: "own and another UserID",
    body: (c) => ({ [c.U]: { R320: { t1: operation(T0) } }, [c.b.operatorId]: {} }),
    status: 403,
    chemins: (c) => [c.b.operatorId],
  },
  // Answered exactly as an unknown station (same status, same message: lib/channels/advenir/hostile-input.test.ts).
  { name: "another operator's station", body: (c) => op(c, c.bStation, { t1: operation(T0) }), status: 422, chemins: (c) => [`${c.U}/${c.bStation}`] },
  { name: "unknown station", body: (c) => op(c, "NOPE-1", { t1: operation(T0) }), status: 422, chemins: (c) => [`${c.U}/NOPE-1`] },
  { name: "station whose attestation is not signed", body: (c) => op(c, "UNSIGNED", { t1: operation(T0) }), status: 422, chemins: (c) => [`${c.U}/UNSIGNED`] },
  // operations
  {
    name: "timestamp as a string",
    body: (c) => op(c, "R320", { t1: { ...operation(T0), StartTransaction: String(T0) } }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StartTransaction`],
  },
  {
    name: "energy as a float",
    body: (c) => op(c, "R320", { t1: { ...operation(T0), StopValue: 6000.5 } }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StopValue`],
  },
  {
    name: "timestamp as a float",
    body: (c) => op(c, "R320", { t1: { ...operation(T0), StopTransaction: T0 + 60.5 } }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StopTransaction`],
  },
  {
    name: "negative StartValue",
    body: (c) => op(c, "R320", { t1: { ...operation(T0), StartValue: -1 } }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StartValue`],
  },
  {
    name: "null StopValue",
    body: (c) => op(c, "R320", { t1: { ...operation(T0), StopValue: null } }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StopValue`],
  },
  {
    name: "missing StopTransaction",
    body: (c) => op(c, "R320", { t1: { StartTransaction: T0, StartValue: 1, StopValue: 2 } }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StopTransaction`],
  },
  {
    name: "stop before start",
    body: (c) => op(c, "R320", { t1: { ...operation(T0), StopTransaction: T0 - 60 } }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StopTransaction`],
  },
  {
    name: "start before 2010",
    body: (c) => op(c, "R320", { t1: { ...operation(T0), StartTransaction: 1_200_000_000 } }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StartTransaction`],
  },
  {
    name: "stop more than a day ahead",
    body: (c) => op(c, "R320", { t1: { ...operation(T0), StopTransaction: FUTURE } }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StopTransaction`],
  },
  {
    name: "times in milliseconds",
    body: (c) => op(c, "R320", { t1: operation(T0 * 1000) }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StartTransaction`, `${c.U}/R320/t1/StopTransaction`],
  },
  { name: "empty TransactionID", body: (c) => op(c, "R320", { "": operation(T0) }), status: 422, chemins: (c) => [`${c.U}/R320/`] },
  { name: "blank TransactionID", body: (c) => op(c, "R320", { "  ": operation(T0) }), status: 422, chemins: (c) => [`${c.U}/R320/  `] },
  {
    name: "TransactionID of 256 characters",
    body: (c) => op(c, "R320", { ["T".repeat(256)]: operation(T0) }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/${"T".repeat(64)}…(256 caractères)`],
  },
  {
    name: "TransactionID far too long (shown cut)",
    body: (c) => op(c, "R320", { ["T".repeat(50_000)]: operation(T0) }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/${"T".repeat(64)}…`],
  },
  { name: "NUL in a TransactionID", body: (c) => op(c, "R320", { "T\u00001": operation(T0) }), status: 422, chemins: (c) => [`${c.U}/R320/T\\u00001`] },
  { name: "NUL in a StationID", body: (c) => op(c, "R320\u0000", { t1: operation(T0) }), status: 422, chemins: (c) => [`${c.U}/R320\\u0000`] },
  {
    name: "lone surrogates in TransactionIDs",
    body: (c) => op(c, "R320", { "T\ud800": operation(T0), "T\udc00": operation(T0 + 7200) }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/T\\uD800`, `${c.U}/R320/T\\uDC00`],
  },
  {
    name: "control character in a TransactionID",
    body: (c) => op(c, "R320", { "T\u001b[31m": operation(T0) }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/T\\u001B[31m`],
  },
  {
    name: "right-to-left override in a StationID",
    body: (c) => op(c, "R\u202e023", { t1: operation(T0) }),
    status: 422,
    chemins: (c) => [`${c.U}/R\\u202E023`],
  },
  { name: "NUL in the UserID", body: (c) => ({ [`${c.U}\u0000`]: { R320: { t1: operation(T0) } } }), status: 403, chemins: (c) => [`${c.U}\\u0000`] },
  {
    name: "same TransactionID key twice with different values",
    body: (c) => `{"${c.U}": {"R320": {"t1": ${JSON.stringify(operation(T0))}, "t1": ${JSON.stringify(operation(T0, 60))}}}}`,
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1`],
  },
  {
    name: "same StationID key twice with different values",
    body: (c) => `{"${c.U}": {"R320": {"t1": ${JSON.stringify(operation(T0))}}, "R320": {"t2": ${JSON.stringify(operation(T0))}}}}`,
    status: 422,
    chemins: (c) => [`${c.U}/R320`],
  },
  {
    name: "same field twice in an operation with different values",
    body: (c) => `{"${c.U}": {"R320": {"t1": {"StartTransaction": ${T0}, "StopTransaction": ${T0 + 60}, "StartValue": 1, "StopValue": 5, "StopValue": 50}}}}`,
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StopValue`],
  },
  {
    name: "same field twice in a point with different values",
    endpoint: "courbe",
    body: (c) =>
      `{"${c.U}": {"R320": {"c1": [{"timestamp": ${T0}, "value": 1, "value": 2}, {"timestamp": ${T0 + 60}, "value": 3}, {"timestamp": ${T0 + 120}, "value": 4}]}}}`,
    status: 422,
    chemins: (c) => [`${c.U}/R320/c1/0/value`],
  },
  {
    name: "energy too large to be exact",
    body: (c) => op(c, "R320", { t1: { ...operation(T0), StopValue: 1e20 } }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1/StopValue`],
  },
  {
    name: "nesting deeper than 32 levels",
    body: (c) =>
      `{"${c.U}": {"R320": {"t1": {"StartTransaction": ${T0}, "StopTransaction": ${T0 + 60}, "StartValue": 1, "StopValue": 5, "x": ${"[".repeat(40)}${"]".repeat(40)}}}}}`,
    status: 400,
    chemins: () => ["(corps)"],
  },
  {
    name: "more than 1,000 fields in an operation",
    body: (c) => op(c, "R320", { t1: { ...operation(T0), ...Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`f${i}`, i])) } }),
    status: 400,
    chemins: (c) => [`${c.U}/R320/t1`],
  },
  {
    name: "TransactionID repeated with other data",
    body: (c) => op(c, "R320", [{ t1: operation(T0) }, { t1: operation(T0, 60) }]),
    status: 422,
    chemins: (c) => [`${c.U}/R320/t1`],
  },
  {
    name: "one valid and one invalid transaction",
    body: (c) => op(c, "R320", { ok: operation(T0), bad: { ...operation(T0), StartValue: -5 } }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/bad/StartValue`],
  },
  {
    name: "errors in several stations, all listed",
    body: (c) => ({
      [c.U]: { R320: { x: { ...operation(T0), StopValue: 1.5 } }, NOPE: { y: operation(T0) }, "1234": { z: { ...operation(T0), StartTransaction: "hier" } } },
    }),
    status: 422,
    chemins: (c) => [`${c.U}/NOPE`, `${c.U}/1234/z/StartTransaction`, `${c.U}/R320/x/StopValue`],
  },
  // curves
  { name: "curve with one point", endpoint: "courbe", body: (c) => op(c, "R320", { c1: curve(T0, 1) }), status: 422, chemins: (c) => [`${c.U}/R320/c1`] },
  {
    name: "curve with two points of which identical",
    endpoint: "courbe",
    body: (c) => op(c, "R320", { c1: [...curve(T0, 1), curve(T0, 1)[0]] }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/c1`],
  },
  { name: "empty curve", endpoint: "courbe", body: (c) => op(c, "R320", { c1: [] }), status: 422, chemins: (c) => [`${c.U}/R320/c1`] },
  {
    name: "same timestamp with two values",
    endpoint: "courbe",
    body: (c) => op(c, "R320", { c1: curvePoints([T0, 10], [T0 + 60, 20], [T0 + 60, 25], [T0 + 120, 30]) }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/c1/2/timestamp`],
  },
  {
    name: "point value as a float",
    endpoint: "courbe",
    body: (c) => op(c, "R320", { c1: curvePoints([T0, 10], [T0 + 60, 20.5], [T0 + 120, 30]) }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/c1/1/value`],
  },
  {
    name: "negative point value",
    endpoint: "courbe",
    body: (c) => op(c, "R320", { c1: curvePoints([T0, -10], [T0 + 60, 20], [T0 + 120, 30]) }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/c1/0/value`],
  },
  {
    name: "point timestamp as a string",
    endpoint: "courbe",
    body: (c) =>
      op(c, "R320", { c1: curvePoints([T0, 10], [T0 + 60, 20], [T0 + 120, 30]).map((p, i) => (i === 1 ? { ...p, timestamp: "2023-11-14T22:14:20Z" } : p)) }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/c1/1/timestamp`],
  },
  {
    name: "point not an object",
    endpoint: "courbe",
    body: (c) => op(c, "R320", { c1: [...curve(T0, 3), [T0 + 5000, 99_999]] }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/c1/3`],
  },
  {
    name: "point without value",
    endpoint: "courbe",
    body: (c) => op(c, "R320", { c1: [...curve(T0, 3), { timestamp: T0 + 5000 }] }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/c1/3/value`],
  },
  {
    name: "point before 2010",
    endpoint: "courbe",
    body: (c) => op(c, "R320", { c1: curvePoints([1_000_000_000, 10], [T0 + 60, 20], [T0 + 120, 30]) }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/c1/0/timestamp`],
  },
  {
    name: "point more than a day ahead",
    endpoint: "courbe",
    body: (c) => op(c, "R320", { c1: curvePoints([T0, 10], [T0 + 60, 20], [FUTURE, 30]) }),
    status: 422,
    chemins: (c) => [`${c.U}/R320/c1/2/timestamp`],
  },
  // size, encoding, content type
  {
    name: "oversized body",
    body: (c) => ({ [c.U]: { R320: { t1: { ...operation(T0), note: "x".repeat(70_000) } } } }),
    status: 413,
    chemins: () => ["(corps)"],
  },
  {
    name: "gzip bomb beyond the inflated limit",
    body: () => "",
    options: () => ({ rawBytes: new Uint8Array(gzipSync(Buffer.alloc(300_000, 32))), headers: { "content-encoding": "gzip" } }),
    status: 413,
    chemins: () => ["(corps)"],
  },
  {
    name: "UTF-16 body with its byte-order mark",
    body: () => "",
    options: (c) => ({ rawBytes: new Uint8Array(Buffer.from(`\ufeff{"${c.U}": {}}`, "utf16le")) }),
    status: 400,
    chemins: () => ["(corps)"],
  },
  {
    name: "UTF-16 body without byte-order mark",
    body: () => "",
    options: (c) => ({ rawBytes: new Uint8Array(Buffer.from(`{"${c.U}": {}}`, "utf16le")) }),
    status: 400,
    chemins: () => ["(corps)"],
  },
  {
    name: "Latin-1 body",
    body: () => "",
    options: (c) => ({ rawBytes: new Uint8Array(Buffer.from(`{"${c.U}": {"Gare-Élysée": {}}}`, "latin1")) }),
    status: 400,
    chemins: () => ["(corps)"],
  },
  {
    name: "gzip body without its Content-Encoding",
    body: () => "",
    options: (c) => ({ rawBytes: new Uint8Array(gzipSync(Buffer.from(`{"${c.U}": {}}`))) }),
    status: 400,
    chemins: () => ["(corps)"],
  },
  {
    name: "gzip announced but not gzip",
    body: (c) => ({ [c.U]: {} }),
    options: () => ({ headers: { "content-encoding": "gzip" } }),
    status: 400,
    chemins: () => ["(corps)"],
  },
  {
    name: "unsupported content encoding",
    body: (c) => ({ [c.U]: {} }),
    options: () => ({ headers: { "content-encoding": "br" } }),
    status: 415,
    chemins: () => ["(corps)"],
  },
  {
    name: "XML content type",
    body: (c) => ({ [c.U]: {} }),
    options: () => ({ headers: { "content-type": "application/xml" } }),
    status: 415,
    chemins: () => ["(corps)"],
  },
  {
    name: "multipart content type",
    body: (c) => ({ [c.U]: {} }),
    options: () => ({ headers: { "content-type": "multipart/form-data; boundary=x" } }),
    status: 415,
    chemins: () => ["(corps)"],
  },
  // authentication
  {
    name: "missing credentials",
    body: (c) => op(c, "R320", { t1: operation(T0) }),
    options: () => ({ auth: null }),
    status: 401,
    chemins: () => ["(authentification)"],
    logged: false,
  },
  {
    name: "wrong secret",
    body: (c) => op(c, "R320", { t1: operation(T0) }),
    options: (c) => ({ auth: basic(c.a.username, "mauvais-secret") }),
    status: 401,
    chemins: () => ["(authentification)"],
    logged: false,
  },
  {
    name: "secret cut at its second colon",
    body: (c) => op(c, "R320", { t1: operation(T0) }),
    options: (c) => ({ auth: basic(c.a.username, c.a.secret.split(":").slice(0, 2).join(":")) }),
    status: 401,
    chemins: () => ["(authentification)"],
    logged: false,
  },
  {
    name: "unknown username",
    body: (c) => op(c, "R320", { t1: operation(T0) }),
    options: (c) => ({ auth: basic(`inconnu-${suffix()}`, c.a.secret) }),
    status: 401,
    chemins: () => ["(authentification)"],
    logged: false,
  },
  {
    name: "not a Basic header",
    body: (c) => op(c, "R320", { t1: operation(T0) }),
    options: () => ({ auth: "Bearer abc" }),
    status: 401,
    chemins: () => ["(authentification)"],
    logged: false,
  },
  {
    name: "Basic without a colon",
    body: (c) => op(c, "R320", { t1: operation(T0) }),
    options: (c) => ({ auth: `Basic ${Buffer.from(c.a.username).toString("base64")}` }),
    status: 401,
    chemins: () => ["(authentification)"],
    logged: false,
  },
  {
    name: "revoked credential",
    body: (c) => op(c, "R320", { t1: operation(T0) }),
    options: (c) => ({ auth: c.revokedAuth }),
    status: 401,
    chemins: () => ["(authentification)"],
    logged: false,
  },
  {
    name: "certificate header of no credential",
    body: (c) => op(c, "R320", { t1: operation(T0) }),
    options: () => ({ auth: null, headers: { "x-portal-client-cert-sha256": "ab".repeat(32) } }),
    status: 401,
    chemins: () => ["(authentification)"],
    logged: false,
  },
];

let ctx: Ctx;

beforeAll(async () => {
  const a = await makeTenant({ stations: ["R320", "1234"], unsignedStations: ["UNSIGNED"] });
  const bCode = `B-${suffix()}`;
  const b = await makeTenant({ stations: [bCode] });
  const revoked = await makeTenant();
  const prisma = await db();
  await prisma.apiCredential.update({ where: { id: revoked.credentialId }, data: { operatorId: a.operatorId, revokedAt: new Date() } });
  ctx = { a, b, bStation: bCode, U: a.operatorId, revokedAuth: revoked.auth };
});

describe("bad requests: exact status, exact error paths, nothing stored", () => {
  it("has at least 40 cases", () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases)("$name → $status", async (c) => {
    const prisma = await db();
    const before = await countRows(ctx.a.operatorId);
    const beforeB = await countRows(ctx.b.operatorId);
    const lastBefore = await prisma.submission.findFirst({ where: { operatorId: ctx.a.operatorId }, orderBy: { id: "desc" }, select: { id: true } });
    const options = { auth: ctx.a.auth, ip: `198.51.100.${Math.floor(Math.random() * 250)}`, ...c.options?.(ctx) };
    const res = await call(c.endpoint ?? "operation", c.body(ctx), options);
    expect(res.status).toBe(c.status);
    expect(res.json.statut).toBe("ECHEC");
    expect(res.json.erreurs!.map((e) => e.chemin)).toEqual(c.chemins(ctx));
    for (const e of res.json.erreurs!) expect(e.message).toMatch(/\S/);
    if (c.status === 401) expect(res.headers.get("www-authenticate")).toBe('Basic realm="ADVENIR", charset="UTF-8"');
    expect(await countRows(ctx.a.operatorId)).toEqual(before);
    expect(await countRows(ctx.b.operatorId)).toEqual(beforeB);
    if (c.status === 401) {
      // A failed authentication goes to the security log, never into the journal of the operator
      // whose login was tried (lib/security/record-auth-failure.ts).
      const last = await prisma.submission.findFirst({ where: { operatorId: ctx.a.operatorId }, orderBy: { id: "desc" }, select: { id: true } });
      expect(last?.id).toBe(lastBefore?.id);
    } else if (c.logged !== false) {
      const logged = await prisma.submission.findFirstOrThrow({ where: { operatorId: ctx.a.operatorId }, orderBy: { id: "desc" } });
      expect(logged.id).not.toBe(lastBefore?.id);
      expect([logged.httpStatus, logged.outcome, logged.stored]).toEqual([c.status, "ECHEC", 0]);
      expect(logged.errors).toEqual(res.json.erreurs);
    }
  });
});
