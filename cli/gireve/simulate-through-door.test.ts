import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawSql } from "@/lib/platform/db/database";
import type { RelayTrafficSummary } from "@/lib/channels/gireve/simulate/relay-traffic";
import { prepareSimulation } from "@/cli/gireve/prepare-simulation";
import { runSimulate } from "@/cli/gireve-simulate";
import { listenWithQualichargeDoor } from "@/tests/support/qualicharge/door-server";

// The simulator against the real door (the portal's Node server, in process): every envelope
// accepted, and the charges stored are the summary's, to the watt-hour, duplicates and late
// arrivals included.

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

describe("gireve:simulate through the GIREVE door", () => {
  it("is answered requestStatus 1 throughout, and stores the summary's sessions and energy", async () => {
    const prepared = await prepareSimulation({ points: 3 });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "gireve-sim-")), "summary.json");
    const out: string[] = [];
    const err: string[] = [];
    const args = [
      "--dossier",
      prepared.dossierReference,
      "--days",
      "1",
      "--start",
      "2026-03-02T00:00:00Z",
      "--seed",
      "4",
      "--concurrency",
      "4",
      "--summary-json",
      file,
    ];
    const code = await runSimulate([...args, "--url", server.base, "--user", prepared.relay.username, "--secret", prepared.relay.secret], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      progress: () => {},
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const summary = JSON.parse(readFileSync(file, "utf8")) as RelayTrafficSummary;
    expect(summary.sessions).toBeGreaterThan(0);
    // This seed re-sends some messages and holds one back.
    expect(summary.duplicates).toBeGreaterThan(0);
    expect(summary.late).toBeGreaterThan(0);
    const sent = out.find((l) => l.startsWith("Envoyés"))!;
    expect(sent).toMatch(new RegExp(`^Envoyés : ${summary.envelopes.toLocaleString("fr-FR")} enveloppes`));
    // Every envelope accepted (a duplicate too: the same final record again is not a second final).
    expect(out).toContain(`  requestStatus : 1: ${summary.envelopes.toLocaleString("fr-FR")}`);
    expect(out).toContain("  Faults SOAP : 0 ; autres erreurs HTTP : aucune ; sans réponse : 0");

    const [stored] = await (
      await rawSql()
    ).query<{ n: number; wh: string; flagged: number }>(
      `SELECT count(*)::int AS n, coalesce(sum(c.stop_wh - c.start_wh), 0)::text AS wh, count(*) FILTER (WHERE cardinality(c.quality_flags) > 0)::int AS flagged
         FROM charge_operation c JOIN station s ON s.id = c.station_id JOIN dossier d ON d.id = s.dossier_id
        WHERE d.reference = $1 AND c.door = 'GIREVE' AND c.env = 'production'`,
      [prepared.dossierReference],
    );
    expect(stored).toEqual({ n: summary.sessions, wh: String(summary.finalEnergyWh), flagged: 0 });
  });
});
