import type { Prisma } from "@/generated/prisma/client";

// A charge point that moves to another station (a GIREVE dossier adopting a point first
// declared through the API, a static-data update naming another station) takes with it what is
// recorded by point: its charges written by point (QualiCharge sessions: charge_operation rows
// with its charge_point_id), its latest statuses and its status history. These are keyed by
// station first (the distribution key, ADR 0019), so without this they stayed under the former
// station: a session sent again after the move became a second charge (counted twice in the
// indicators) and the point's latest status and history were no longer found.
// Charges recorded by station (ADVENIR operations and curves) are the station's and stay.

export interface MovedPoint {
  pointId: string;
  fromStationId: string;
  toStationId: string;
}

/** The points whose station changed between two readings of (id, station_id). */
export function movedPoints(before: { id: string; station_id: string }[], after: { id: string; station_id: string }[]): MovedPoint[] {
  const was = new Map(before.map((p) => [p.id, p.station_id]));
  return after
    .filter((p) => was.has(p.id) && was.get(p.id) !== p.station_id)
    .map((p) => ({ pointId: p.id, fromStationId: was.get(p.id)!, toStationId: p.station_id }));
}

/** Moves the points' own records to their new station, in the transaction that moved them. */
export async function followMovedPoints(tx: Prisma.TransactionClient, moved: MovedPoint[]): Promise<void> {
  if (moved.length === 0) return;
  const points = moved.map((m) => m.pointId);
  const from = moved.map((m) => m.fromStationId);
  const to = moved.map((m) => m.toStationId);
  // A charge of the same session already under the new station (left by an earlier move) stays,
  // and the moving copy goes: the session remains one charge.
  await tx.$executeRaw`
    DELETE FROM charge_operation o
     USING unnest(${points}::uuid[], ${from}::uuid[], ${to}::uuid[]) AS m(point, from_st, to_st), station t
     WHERE t.id = m.to_st AND o.station_id = m.from_st AND o.charge_point_id = m.point
       AND EXISTS (SELECT 1 FROM charge_operation n
                    WHERE n.env = o.env AND n.operator_id = t.operator_id AND n.station_id = m.to_st AND n.transaction_id = o.transaction_id)`;
  await tx.$executeRaw`
    UPDATE charge_operation o SET station_id = m.to_st, operator_id = t.operator_id
      FROM unnest(${points}::uuid[], ${from}::uuid[], ${to}::uuid[]) AS m(point, from_st, to_st), station t
     WHERE t.id = m.to_st AND o.station_id = m.from_st AND o.charge_point_id = m.point`;
  // The latest status: a row already under the new station (written after an earlier move) stays.
  await tx.$executeRaw`
    UPDATE charge_point_status s SET station_id = m.to_st
      FROM unnest(${points}::uuid[], ${from}::uuid[], ${to}::uuid[]) AS m(point, from_st, to_st)
     WHERE s.station_id = m.from_st AND s.charge_point_id = m.point
       AND NOT EXISTS (SELECT 1 FROM charge_point_status n WHERE n.station_id = m.to_st AND n.charge_point_id = m.point AND n.env = s.env)`;
  await tx.$executeRaw`
    DELETE FROM charge_point_status s USING unnest(${points}::uuid[], ${from}::uuid[]) AS m(point, from_st)
     WHERE s.station_id = m.from_st AND s.charge_point_id = m.point`;
  await tx.$executeRaw`
    UPDATE status_event e SET station_id = m.to_st
      FROM unnest(${points}::uuid[], ${from}::uuid[], ${to}::uuid[]) AS m(point, from_st, to_st)
     WHERE e.station_id = m.from_st AND e.charge_point_id = m.point`;
}
