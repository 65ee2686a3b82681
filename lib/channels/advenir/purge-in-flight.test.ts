import { afterAll, beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import { createIsolatedDatabase } from "@/tests/support/common/isolated-database";

// The end-of-programme purge against posts in flight: a post authenticated before the purge
// writes nothing after it commits, is answered 401, and leaves no submission row naming the
// operator or its address (after the purge a refused call is only counted, anonymously).
// The purge empties tables for everyone: this file works on a database of its own, set before
// anything opens the process's database.

const base = process.env.TEST_DATABASE_URL;
const own = base ? await createIsolatedDatabase(base, "advenir_purge_flight") : null;
if (own) process.env.DATABASE_URL = own.url;

const { db, closeDb } = await import("@/lib/platform/db/database");
const { answerAdvenirPut } = await import("@/lib/channels/advenir/handle-put");
const { purgeIndividualData } = await import("@/lib/programme/purge-individual-data");
const { PURGE_CONFIRMATION } = await import("@/lib/schemas/programme");
const { BULK_MIN_ROWS } = await import("@/lib/channels/advenir/write-records");
const { call, makeTenant, operation } = await import("@/tests/support/advenir/ingest");

// Each test starts before the end of the programme: no purge recorded, nothing counted.
beforeEach(async () => {
  const prisma = await db();
  await prisma.auditLog.deleteMany({ where: { action: "donnees_individuelles:purge" } });
  await prisma.closedProgrammeCall.deleteMany();
});

afterAll(async () => {
  await closeDb();
  await own?.drop();
});

const T0 = 1_700_000_000;
const purge = () =>
  purgeIndividualData({ confirmation: PURGE_CONFIRMATION, actor: "admin@test", now: new Date("2026-07-01T10:00:00Z") }, { programmeEnd: "2026-06-30" });

function body(operatorId: string, n: number, prefix: string) {
  return { [operatorId]: { R320: Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}-${i}`, operation(T0 + i * 7200)])) } };
}

/** A body that the server starts reading (so: after authentication) only when `release` is called. */
function heldBody(text: string) {
  let started!: () => void;
  let release!: () => void;
  const reading = new Promise<void>((r) => (started = r));
  const released = new Promise<void>((r) => (release = r));
  async function* chunks() {
    started();
    await released;
    yield new TextEncoder().encode(text);
  }
  return { chunks: chunks(), reading, release };
}

async function leftBehind(operatorId: string) {
  const prisma = await db();
  return {
    operations: await prisma.chargeOperation.count({ where: { operatorId } }),
    submissions: await prisma.submission.count(),
    withAddress: await prisma.submission.count({ where: { OR: [{ operatorId }, { ipAddress: { not: null } }] } }),
  };
}

describe("purge with posts in flight", () => {
  it("posts authenticated before the purge write nothing after it, are answered 401, and are only counted", async () => {
    const t = await makeTenant();
    const prisma = await db();
    const posts = [body(t.operatorId, 3, "small"), body(t.operatorId, BULK_MIN_ROWS + 10, "bulk")].map((b) => {
      const held = heldBody(JSON.stringify(b));
      const answer = answerAdvenirPut("operation", {
        method: "POST",
        headers: new Headers({ authorization: t.auth, "content-type": "application/json", "x-portal-client-ip": "192.0.2.77" }),
        body: held.chunks,
      });
      return { held, answer };
    });
    await Promise.all(posts.map((p) => p.held.reading)); // both authenticated, reading their bodies
    const purged = await purge();
    expect(purged.counts.activeCredentials).toBe(1);
    for (const p of posts) p.held.release();
    const answers = await Promise.all(posts.map((p) => p.answer));
    expect(answers.map((a) => [a.status, a.body.statut])).toEqual([
      [401, "ECHEC"],
      [401, "ECHEC"],
    ]);
    expect(answers[0].headers?.["WWW-Authenticate"]).toContain("Basic");
    expect(await leftBehind(t.operatorId)).toEqual({ operations: 0, submissions: 0, withAddress: 0 });
    const counted = await prisma.closedProgrammeCall.findMany({ select: { endpoint: true, httpStatus: true, calls: true } });
    expect(counted).toEqual([{ endpoint: "/api/operation/put", httpStatus: 401, calls: 2 }]);
    // A later post (its credential revoked by the purge) is refused and counted the same way.
    expect((await call("operation", body(t.operatorId, 1, "late"), { auth: t.auth })).status).toBe(401);
    expect(await leftBehind(t.operatorId)).toEqual({ operations: 0, submissions: 0, withAddress: 0 });
    expect((await prisma.closedProgrammeCall.findFirstOrThrow()).calls).toBe(3);
    // Nor does it enter the security log, which the purge emptied (it holds client addresses).
    expect(await prisma.securityEvent.count()).toBe(0);
  });

  it.skipIf(!own)("on PostgreSQL, posts waiting on the purge's table locks when it commits write nothing", async () => {
    const t = await makeTenant();
    // Already used: the credential is verified from cache and its last use not updated again.
    expect((await call("operation", body(t.operatorId, 1, "before"), { auth: t.auth })).status).toBe(200);
    const blocker = new pg.Client({ connectionString: own!.url });
    const watcher = new pg.Client({ connectionString: own!.url });
    await blocker.connect();
    await watcher.connect();
    const waiting = async (...tables: string[]) =>
      (await watcher.query<{ n: number }>("SELECT count(DISTINCT pid)::int AS n FROM pg_locks WHERE relation = ANY($1::regclass[]) AND NOT granted", [tables]))
        .rows[0].n;
    const until = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 600 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await check()).toBe(true);
    };
    try {
      // The purge takes the data tables, then waits here for api_credential.
      await blocker.query("BEGIN");
      await blocker.query("LOCK TABLE api_credential IN ROW EXCLUSIVE MODE");
      const purging = purge();
      await until(async () => (await waiting("api_credential")) === 1);
      // Two posts, a small one and a bulk one: authenticated, then waiting for the data tables.
      const answers = Promise.all([
        call("operation", body(t.operatorId, 3, "small"), { auth: t.auth }),
        call("operation", body(t.operatorId, BULK_MIN_ROWS + 10, "bulk"), { auth: t.auth }),
      ]);
      await until(async () => (await waiting("charge_operation", "load_curve", "submission")) === 2);
      await blocker.query("COMMIT");
      await purging;
      expect((await answers).map((a) => a.status)).toEqual([401, 401]);
      expect(await leftBehind(t.operatorId)).toEqual({ operations: 0, submissions: 0, withAddress: 0 });
    } finally {
      await blocker.end();
      await watcher.end();
    }
  });
});
