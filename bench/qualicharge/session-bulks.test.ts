import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { benchSessionBulks, sessionBulkBodies, sessionBulksSection } from "@/bench/qualicharge/session-bulks";
import { listenWithQualichargeDoor } from "@/tests/support/qualicharge/door-server";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints } from "@/tests/support/qualicharge/points";

// The session benchmark's section, at a tiny scale: its bodies are valid and unique, every bulk
// is stored, and a resent bulk changes nothing.

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

describe("benchSessionBulks", () => {
  it("builds bulks of distinct sessions", () => {
    const bodies = sessionBulkBodies(["FRAAAE1", "FRAAAE2"], 3, 4).map((b) => JSON.parse(b) as { id_pdc_itinerance: string; start: string }[]);
    expect(bodies.map((b) => b.length)).toEqual([4, 4, 4]);
    const keys = bodies.flat().map((s) => `${s.id_pdc_itinerance}|${s.start}`);
    expect(new Set(keys).size).toBe(12);
  });

  it("posts the bulks to a running portal and counts the sessions stored", async () => {
    const t = await makeQualichargeTenant();
    const points = await makeQualichargePoints(t, { stations: 2, perStation: 3 });
    const r = await benchSessionBulks({
      baseUrl: server.base,
      token: t.token,
      points: points.map((p) => p.idPdcItinerance),
      bulks: 3,
      bulkSize: 20,
      concurrency: 2,
      gzip: true,
      resend: true,
    });
    expect(r.first).toMatchObject({ requests: 3, sessions: 60, statuses: { 201: 3 } });
    expect(r.first.sessionsPerSecond).toBeGreaterThan(0);
    expect(r.resent).toMatchObject({ requests: 3, sessions: 60, statuses: { 201: 3 } });
    const prisma = await db();
    expect(await prisma.chargeOperation.count({ where: { operatorId: t.operatorId, door: "QUALICHARGE" } })).toBe(60);
    const journal = await prisma.submission.findMany({ where: { operatorId: t.operatorId }, select: { stored: true, unchanged: true } });
    expect(journal.reduce((a, j) => a + j.stored, 0)).toBe(60);
    expect(journal.reduce((a, j) => a + j.unchanged, 0)).toBe(60);
  });

  it("gives the harness its section: markdown and the 10,000 sessions/s target", async () => {
    const t = await makeQualichargeTenant();
    const points = await makeQualichargePoints(t, { stations: 2 });
    process.env.BENCH_SESSION_BULKS = "2";
    const section = await sessionBulksSection.run({ baseUrl: server.base, auth: t.auth, points });
    delete process.env.BENCH_SESSION_BULKS;
    expect(section.markdown).toMatch(/^### Sessions: POST \/dynamique\/session\/bulk, bulks of 1,000/);
    expect(section.markdown).toContain("| new sessions | 2 | 2,000 |");
    expect(section.markdown).toContain("| the same bulks again (unchanged) | 2 | 2,000 |");
    expect(section.targets).toEqual([{ label: "≥ 10,000 sessions/s in bulks of 1,000", ok: expect.any(Boolean) }]);
  });
});
