import { rawSql } from "@/lib/platform/db/database";
import { flagLabel } from "@/lib/charges/quality";

// The charges of one charge point, production data only, most recent start first: the charge
// operations a door tied to the point (a GIREVE charge detail record, a QualiCharge session), read
// through charge_operation's (charge_point_id, start_at) index. A page at a time for the point's
// page; its CSV export reads at most EXPORT_MAX of them (the most recent) and says so.

export const CHARGES_PAGE_SIZE = 20;
export const EXPORT_MAX = 10_000;

export interface PointCharge {
  /** The door's id of the charge (GIREVE's serviceSessionId, the ADVENIR TransactionID). */
  transactionId: string;
  door: string;
  startAt: Date;
  stopAt: Date;
  durationS: number;
  /** Energy delivered (Wh); null when the meter index decreased (the energy is undetermined). */
  energyWh: number | null;
  receivedAt: Date;
  flags: { code: string; label: string; explanation: string }[];
}

interface Row {
  transaction_id: string;
  door: string;
  start_at: Date | string;
  stop_at: Date | string;
  energy_wh: string;
  quality_flags: string[];
  received_at: Date | string;
  total: string;
}

// The total comes with the page in one statement; a page past the end still answers it (outer join).
const SQL = `
WITH total AS (
  SELECT count(*) AS total FROM charge_operation
   WHERE charge_point_id = $2::uuid AND station_id = $1::uuid AND env = 'production'
)
SELECT c.transaction_id, c.door, c.start_at, c.stop_at, c.energy_wh, c.quality_flags, c.received_at, total.total::text AS total
  FROM total
  LEFT JOIN LATERAL (
    SELECT o.transaction_id, o.door::text AS door, o.start_at, o.stop_at, (o.stop_wh - o.start_wh)::text AS energy_wh, o.quality_flags, o.received_at
      FROM charge_operation o
     WHERE o.charge_point_id = $2::uuid AND o.station_id = $1::uuid AND o.env = 'production'
     ORDER BY o.start_at DESC, o.id DESC
     LIMIT $3::int OFFSET $4::int
  ) c ON true`;

function charge(r: Row): PointCharge {
  const startAt = new Date(r.start_at);
  const stopAt = new Date(r.stop_at);
  const energy = Number(r.energy_wh);
  return {
    transactionId: r.transaction_id,
    door: r.door,
    startAt,
    stopAt,
    durationS: Math.round((stopAt.getTime() - startAt.getTime()) / 1000),
    energyWh: energy < 0 ? null : energy,
    receivedAt: new Date(r.received_at),
    flags: r.quality_flags.map((code) => ({ code, ...flagLabel(code) })),
  };
}

async function read(point: { stationId: string; chargePointId: string }, limit: number, offset: number) {
  const sql = await rawSql();
  const rows = await sql.query<Row>(SQL, [point.stationId, point.chargePointId, limit, offset], { name: "charges_of_point" });
  return { total: Number(rows[0]?.total ?? 0), items: rows.filter((r) => r.transaction_id !== null).map(charge) };
}

/** One page (1-based, clamped to the last) of the point's charges. The caller has checked the viewer may see the point. */
export async function listPointCharges(point: { stationId: string; chargePointId: string }, requestedPage: number) {
  let page = Math.max(1, Math.floor(requestedPage) || 1);
  let { total, items } = await read(point, CHARGES_PAGE_SIZE, (page - 1) * CHARGES_PAGE_SIZE);
  const pageCount = Math.max(1, Math.ceil(total / CHARGES_PAGE_SIZE));
  if (page > pageCount) {
    page = pageCount;
    ({ total, items } = await read(point, CHARGES_PAGE_SIZE, (page - 1) * CHARGES_PAGE_SIZE));
  }
  return { items, page, pageCount, total, pageSize: CHARGES_PAGE_SIZE };
}

/** The point's most recent charges for its CSV export, at most EXPORT_MAX, with how many there are. */
export async function exportPointCharges(point: { stationId: string; chargePointId: string }) {
  return read(point, EXPORT_MAX, 0);
}

export type PointChargesPage = Awaited<ReturnType<typeof listPointCharges>>;
