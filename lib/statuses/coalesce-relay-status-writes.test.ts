import { describe, expect, it } from "vitest";
import { rawSql } from "@/lib/platform/db/database";
import { writeRelayStatusCoalesced } from "@/lib/statuses/coalesce-relay-status-writes";
import { makeGireveSetup } from "@/tests/support/gireve/relay";

// Relayed statuses arriving together are written in batches, each message with the outcome and
// journal row it would have had alone: two messages of one point keep their order, a point the
// relay may not report on writes nothing while the others of its batch are stored, and a late
// partial event takes its missing field from the history.

const journalOf = (relayAccountId: string) => ({
  relayAccountId,
  endpoint: "/api/gireve/emip",
  method: "POST",
  ipAddress: "127.0.0.1",
  receivedAt: new Date(),
  durationMs: 1,
  sizeBytes: 100,
  warnings: [],
});

describe("relayed statuses written together", () => {
  it("store every message of a burst as if alone, in order per point, refusing only the undeclared one", async () => {
    const s = await makeGireveSetup({ points: 12 });
    const base = Date.now() - 3 * 3_600_000;
    const write = (pdc: string, minutes: number, fields: { etat?: string; occupation?: string }) =>
      writeRelayStatusCoalesced({
        env: "production",
        journal: journalOf(s.relay.id),
        status: {
          idPdcItinerance: pdc,
          operatorCode: s.unit,
          horodatage: new Date(base + minutes * 60_000),
          etatPdc: fields.etat ?? null,
          occupationPdc: fields.occupation ?? null,
        },
      });
    // First an availability for each point, then a burst: two busy messages per point (in order),
    // an unknown point, and a late busy event for point 0 (older than its latest: needs the history).
    await Promise.all(s.points.map((p) => write(p.idPdcItinerance, 0, { etat: "en_service" })));
    await Promise.all(s.points.map((p) => write(p.idPdcItinerance, 30, { etat: "hors_service" })));
    const burst = [
      ...s.points.flatMap((p) => [write(p.idPdcItinerance, 60, { occupation: "occupe" }), write(p.idPdcItinerance, 90, { occupation: "libre" })]),
      write(`${s.unit}EGHOST`, 60, { occupation: "occupe" }),
      write(s.points[0].idPdcItinerance, 15, { occupation: "reserve" }),
    ];
    const results = await Promise.all(burst);
    expect(results.filter((r) => r.written)).toHaveLength(s.points.length * 2 + 1);
    expect(results[s.points.length * 2]).toEqual({ written: false });
    const sql = await rawSql();
    const latest = await sql.query<{ etat_pdc: string; occupation_pdc: string; minutes: number }>(
      `SELECT etat_pdc, occupation_pdc, (extract(epoch FROM horodatage) * 1000 - $2::float8) / 60000 AS minutes
         FROM charge_point_status WHERE charge_point_id = ANY($1::uuid[]) AND env = 'production'`,
      [s.points.map((p) => p.chargePointId), base],
    );
    expect(latest).toHaveLength(s.points.length);
    for (const row of latest) expect([row.etat_pdc, row.occupation_pdc, Number(row.minutes)]).toEqual(["hors_service", "libre", 90]);
    const events = await sql.query<{ etat_pdc: string; occupation_pdc: string; minutes: number }>(
      `SELECT etat_pdc, occupation_pdc, (extract(epoch FROM horodatage) * 1000 - $2::float8) / 60000 AS minutes
         FROM status_event WHERE charge_point_id = $1::uuid ORDER BY horodatage`,
      [s.points[0].chargePointId, base],
    );
    expect(events.map((e) => [Number(e.minutes), e.etat_pdc, e.occupation_pdc])).toEqual([
      [0, "en_service", "inconnu"],
      [15, "en_service", "reserve"],
      [30, "hors_service", "inconnu"],
      [60, "hors_service", "occupe"],
      [90, "hors_service", "libre"],
    ]);
    const [journal] = await sql.query<{ n: number; stored: number }>(
      `SELECT count(*)::int AS n, sum(stored)::int AS stored FROM submission WHERE relay_account_id = $1::uuid AND operator_id = $2::uuid`,
      [s.relay.id, s.operatorId],
    );
    expect(journal).toEqual({ n: s.points.length * 4 + 1, stored: s.points.length * 4 + 1 });
  });
});
