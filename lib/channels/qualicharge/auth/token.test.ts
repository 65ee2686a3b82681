import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/platform/db/database";
import { listenWithQualichargeDoor, qc } from "@/tests/support/qualicharge/door-server";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";

// POST /auth/token: QualiCharge's OAuth2 password flow, its answers, its throttle and the
// security log. Each test calls from its own client address (X-Forwarded-For through a trusted
// loopback proxy), so that the per-address throttle of one test never reaches another.
vi.hoisted(() => {
  process.env.API_BASIC_MAX_FAILURES = "3";
  process.env.API_BASIC_MAX_FAILURES_PER_IP = "6";
  process.env.API_BASIC_BLOCK_SECONDS = "600";
  process.env.TRUSTED_PROXIES = "127.0.0.1";
});

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

const freshIp = () => `198.51.100.${1 + (randomBytes(1)[0] % 250)}-${randomBytes(3).toString("hex")}`;
const token = (form: Record<string, string>, ip = freshIp()) => qc(server.base, "POST", "/auth/token", { form, headers: { "X-Forwarded-For": ip } });

describe("POST /auth/token", () => {
  it("answers a bearer token that opens whoami, and records the login time", async () => {
    const t = await makeQualichargeTenant({ scopes: ["static:read"] });
    const before = new Date();
    const r = await token({ username: t.username, password: t.password, grant_type: "password", scope: "ignored" });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), token_type: "bearer" });
    const who = await qc(server.base, "GET", "/auth/whoami", { auth: `Bearer ${r.json.access_token}` });
    expect(who).toMatchObject({ status: 200, json: { username: t.username, scopes: ["static:read"] } });
    const prisma = await db();
    const user = await prisma.apiUser.findUniqueOrThrow({ where: { id: t.userId }, select: { lastLoginAt: true } });
    expect(user.lastLoginAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it("accepts a multipart form too", async () => {
    const t = await makeQualichargeTenant();
    const form = new FormData();
    form.set("username", t.username);
    form.set("password", t.password);
    const r = await fetch(`${server.base}/api/v1/auth/token`, { method: "POST", body: form, headers: { "X-Forwarded-For": freshIp() } });
    expect(r.status).toBe(200);
    expect((await r.json()).token_type).toBe("bearer");
  });

  it("refuses a wrong password and an unknown user alike (401, WWW-Authenticate), and logs both", async () => {
    const t = await makeQualichargeTenant();
    const ip = freshIp();
    const wrong = await token({ username: t.username, password: "not-the-password" }, ip);
    expect(wrong).toMatchObject({ status: 401, json: { message: "Authentication failed: Wrong login or password" } });
    expect(wrong.headers.get("www-authenticate")).toBe("Bearer");
    const ghost = `ghost-${randomBytes(4).toString("hex")}`;
    const unknown = await token({ username: ghost, password: t.password }, ip);
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
    const prisma = await db();
    const events = await prisma.securityEvent.findMany({ where: { ipAddress: ip }, orderBy: { login: "asc" } });
    expect(events.map((e) => [e.login, e.operatorId, e.failures, e.blocked]).sort()).toEqual(
      [
        [ghost, null, 1, 0],
        [t.username, t.operatorId, 1, 0],
      ].sort(),
    );
    // No principal: nothing in the operator's journal.
    expect(await prisma.submission.count({ where: { operatorId: t.operatorId } })).toBe(0);
  });

  it("tells an inactive user so only once its password is right", async () => {
    const t = await makeQualichargeTenant({ active: false });
    expect(await token({ username: t.username, password: "wrong-password" })).toMatchObject({
      status: 401,
      json: { message: "Authentication failed: Wrong login or password" },
    });
    expect(await token({ username: t.username, password: t.password })).toMatchObject({
      status: 401,
      json: { message: "Authentication failed: User is not active" },
    });
  });

  it("answers 422 as FastAPI for missing fields and a wrong grant_type", async () => {
    const none = await token({});
    expect(none.status).toBe(422);
    expect(none.json).toEqual({
      detail: [
        { type: "missing", loc: ["body", "username"], msg: "Field required", input: null },
        { type: "missing", loc: ["body", "password"], msg: "Field required", input: null },
      ],
    });
    expect(await token({ username: "someone", password: "" })).toMatchObject({
      status: 422,
      json: { detail: [{ type: "missing", loc: ["body", "password"], msg: "Field required" }] },
    });
    expect(await token({ username: "someone", password: "x", grant_type: "client_credentials" })).toMatchObject({
      status: 422,
      json: { detail: [{ type: "string_pattern_mismatch", loc: ["body", "grant_type"] }] },
    });
    const json = await qc(server.base, "POST", "/auth/token", { body: { username: "someone", password: "x" }, headers: { "X-Forwarded-For": freshIp() } });
    expect(json.status).toBe(422);
  });

  it("blocks a login after repeated failures: 429 with Retry-After, even with the right password, logged as blocked", async () => {
    const t = await makeQualichargeTenant();
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect((await token({ username: t.username, password: `wrong-${i}` }, ip)).status).toBe(401);
    const blocked = await token({ username: t.username, password: t.password }, freshIp());
    expect(blocked.status).toBe(429);
    expect(blocked.json).toEqual({ detail: expect.stringMatching(/^Too many failed authentication attempts: retry in \d+ seconds$/) });
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(500);
    const prisma = await db();
    const events = await prisma.securityEvent.findMany({ where: { login: t.username } });
    expect(events.map((e) => [e.failures, e.blocked, e.operatorId]).sort()).toEqual(
      [
        [0, 1, t.operatorId],
        [3, 0, t.operatorId],
      ].sort(),
    );
  });

  it("blocks a client address after failures on any logins", async () => {
    const t = await makeQualichargeTenant();
    const ip = freshIp();
    for (let i = 0; i < 6; i++) expect((await token({ username: `guess-${randomBytes(4).toString("hex")}`, password: "x" }, ip)).status).toBe(401);
    const r = await token({ username: t.username, password: t.password }, ip);
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await token({ username: t.username, password: t.password })).status).toBe(200);
  });

  it("clears a login's failures after a success", async () => {
    const t = await makeQualichargeTenant();
    for (let i = 0; i < 2; i++) expect((await token({ username: t.username, password: `wrong-${i}` })).status).toBe(401);
    expect((await token({ username: t.username, password: t.password })).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await token({ username: t.username, password: `again-${i}` })).status).toBe(401);
    expect((await token({ username: t.username, password: t.password })).status).toBe(200);
  });
});
