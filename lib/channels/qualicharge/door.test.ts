import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { issueToken } from "@/lib/channels/qualicharge/auth/tokens";
import { forgetPrincipals } from "@/lib/channels/qualicharge/auth/principal";
import { listenWithQualichargeDoor, qc } from "@/tests/support/qualicharge/door-server";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";

// The door itself: routing as FastAPI answers it, the bearer token checks in QualiCharge's
// shapes, and the journal of every call whose user is known.

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

describe("routing", () => {
  it("answers 404 for an unknown path and leaves other paths to Next.js", async () => {
    expect(await qc(server.base, "GET", "/nowhere/")).toMatchObject({ status: 404, json: { detail: "Not Found" } });
    expect((await fetch(`${server.base}/api/v1beta`)).status).toBe(404);
    expect(await (await fetch(`${server.base}/api/v1beta`)).text()).toBe("next");
  });

  it("answers 405 with Allow for a known path and another method", async () => {
    const r = await qc(server.base, "DELETE", "/auth/whoami");
    expect(r).toMatchObject({ status: 405, json: { detail: "Method Not Allowed" } });
    expect(r.headers.get("allow")).toBe("GET");
  });

  it("redirects to the other slash form as FastAPI does (307)", async () => {
    const r = await qc(server.base, "GET", "/auth/whoami/?x=1");
    expect(r.status).toBe(307);
    expect(r.headers.get("location")).toBe("/api/v1/auth/whoami?x=1");
  });
});

describe("bearer tokens", () => {
  it("refuses a call without token, with a bad one, and with one of an unknown or inactive user", async () => {
    const none = await qc(server.base, "GET", "/auth/whoami");
    expect(none).toMatchObject({ status: 401, json: { detail: "Not authenticated" } });
    expect(none.headers.get("www-authenticate")).toBe("Bearer");
    const bad = await qc(server.base, "GET", "/auth/whoami", { auth: "Bearer abc.def.ghi" });
    expect(bad).toMatchObject({ status: 401, json: { message: "Authentication failed: Could not validate credentials" } });
    const ghost = await issueToken({ id: "00000000-0000-4000-8000-000000000000", username: "ghost" });
    expect(await qc(server.base, "GET", "/auth/whoami", { auth: `Bearer ${ghost.token}` })).toMatchObject({
      status: 401,
      json: { message: "Authentication failed: User not found" },
    });
    const inactive = await makeQualichargeTenant({ active: false });
    expect(await qc(server.base, "GET", "/auth/whoami", { auth: inactive.auth })).toMatchObject({
      status: 401,
      json: { message: "Authentication failed: User is not active" },
    });
  });

  it("refuses an expired token", async () => {
    const t = await makeQualichargeTenant();
    const old = await issueToken({ id: t.userId, username: t.username }, new Date(Date.now() - 31 * 60_000));
    expect(await qc(server.base, "GET", "/auth/whoami", { auth: `Bearer ${old.token}` })).toMatchObject({
      status: 401,
      json: { message: "Authentication failed: Token has expired" },
    });
  });

  it("voids tokens issued before a password change", async () => {
    const t = await makeQualichargeTenant();
    expect((await qc(server.base, "GET", "/auth/whoami", { auth: t.auth })).status).toBe(200);
    const prisma = await db();
    await prisma.apiUser.update({ where: { id: t.userId }, data: { passwordChangedAt: new Date(Date.now() + 2000) } });
    forgetPrincipals();
    expect(await qc(server.base, "GET", "/auth/whoami", { auth: t.auth })).toMatchObject({
      status: 401,
      json: { message: "Authentication failed: Token has been revoked" },
    });
  });

  it("tells whoami with scopes, groups and units, and journals the call for the operator", async () => {
    const t = await makeQualichargeTenant({ unitCount: 2, scopes: ["static:read"] });
    const r = await qc(server.base, "GET", "/auth/whoami", { auth: t.auth });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ username: t.username, is_superuser: false, is_active: true, scopes: ["static:read"] });
    expect(r.json.operational_units).toEqual([...t.units].sort());
    const prisma = await db();
    const rows = await prisma.submission.findMany({
      where: { operatorId: t.operatorId },
      select: { door: true, endpoint: true, httpStatus: true, apiUserId: true },
    });
    expect(rows).toEqual([{ door: "QUALICHARGE", endpoint: "/api/v1/auth/whoami", httpStatus: 200, apiUserId: t.userId }]);
  });
});
