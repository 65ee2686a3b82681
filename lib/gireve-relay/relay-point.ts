import type { SqlExecutor } from "@/lib/platform/db/migrate";
import { rawSql } from "@/lib/platform/db/database";

// Which points the GIREVE relay may report on (ADR 0023): a charge point (matched by its IRVE id)
// of a station of a dossier collected through GIREVE, whose attestation (the consent to the use of
// the charging data) is signed, not decommissioned, and whose operator holds the operational unit
// named by the message's operatorId (its AFIREV prefix, e.g. FRA68). The writes inline this rule
// (RELAY_POINT_SQL) to stay one statement; when it matches nothing, `explainRefusal` says why.

/** Rows (id, station_id, operator_id, power_kw) of point $1 (IRVE id) for unit $2 (operator code): zero or one. */
export const relayPointSql = (pdc: string, unit: string) => `
  SELECT cp.id, cp.station_id, s.operator_id, cp.nominal_power_kw::float8 AS power_kw
    FROM charge_point cp
    JOIN station s ON s.id = cp.station_id
    JOIN dossier d ON d.id = s.dossier_id AND d.channel = 'GIREVE'
    JOIN attestation a ON a.dossier_id = d.id AND a.signed_at IS NOT NULL AND a.consent
    JOIN operational_unit u ON u.code = ${unit} AND u.operator_id = s.operator_id
   WHERE cp.id_pdc_itinerance = ${pdc} AND cp.decommissioned_at IS NULL`;

export type RelayRefusal =
  /** No operator of the portal holds this operational unit. */
  | { kind: "unknown-operator" }
  /** The point is declared, by another operator than the unit's. */
  | { kind: "foreign-operator"; operatorId: string }
  /** Not a point the relay may report on (reason in French, for the journal and the admin's list). */
  | { kind: "unknown-evse"; operatorId: string; reason: string };

interface ExplainRow {
  unit_operator: string | null;
  point_operator: string | null;
  decommissioned: boolean | null;
  dossier: boolean | null;
  channel: string | null;
  signed: boolean | null;
}

const EXPLAIN_SQL = `
SELECT (SELECT operator_id::text FROM operational_unit WHERE code = $2) AS unit_operator,
       s.operator_id::text AS point_operator, cp.decommissioned_at IS NOT NULL AS decommissioned,
       s.dossier_id IS NOT NULL AS dossier, d.channel::text AS channel,
       EXISTS (SELECT 1 FROM attestation a WHERE a.dossier_id = d.id AND a.signed_at IS NOT NULL AND a.consent) AS signed
  FROM (SELECT 1) AS one
  LEFT JOIN charge_point cp ON cp.id_pdc_itinerance = $1
  LEFT JOIN station s ON s.id = cp.station_id
  LEFT JOIN dossier d ON d.id = s.dossier_id`;

/** Why point `pdc` (IRVE id) is not one the relay may report on for unit `unit`. */
export async function explainRefusal(pdc: string, unit: string, options: { sql?: SqlExecutor } = {}): Promise<RelayRefusal> {
  const sql = options.sql ?? (await rawSql());
  const [row] = await sql.query<ExplainRow>(EXPLAIN_SQL, [pdc, unit], { name: "gireve_explain_point" });
  if (!row?.unit_operator) return { kind: "unknown-operator" };
  const operatorId = row.unit_operator;
  if (!row.point_operator) return { kind: "unknown-evse", operatorId, reason: "point de charge déclaré dans aucun dossier" };
  if (row.point_operator !== operatorId) return { kind: "foreign-operator", operatorId };
  if (row.decommissioned) return { kind: "unknown-evse", operatorId, reason: "point de charge retiré du service (supprimé)" };
  if (!row.dossier) return { kind: "unknown-evse", operatorId, reason: "point de charge déclaré hors dossier (API QualiCharge seulement)" };
  if (row.channel !== "GIREVE") return { kind: "unknown-evse", operatorId, reason: "le dossier du point est collecté par l'API ADVENIR, pas par GIREVE" };
  if (!row.signed) return { kind: "unknown-evse", operatorId, reason: "l'attestation du dossier n'est pas signée" };
  // Matched now: declared or signed between the write and this read. The relay retries.
  return { kind: "unknown-evse", operatorId, reason: "point de charge devenu connu pendant l'envoi : renvoyez le message" };
}

/** Lists an EVSE the relay named that no consenting dossier of the message's operator declares. */
export async function recordUnknownEvse(
  input: { env: string; evseId: string; rawEvseId: string; operatorCode: string; operatorId: string | null; reason: string },
  options: { sql?: SqlExecutor } = {},
): Promise<void> {
  const sql = options.sql ?? (await rawSql());
  await sql.query(
    `INSERT INTO gireve_unknown_evse (env, evse_id, raw_evse_id, operator_code, operator_id, reason)
     VALUES ($1::"DataEnv", $2, $3, $4, $5::uuid, $6)
     ON CONFLICT (env, evse_id) DO UPDATE SET raw_evse_id = EXCLUDED.raw_evse_id, operator_code = EXCLUDED.operator_code,
       operator_id = EXCLUDED.operator_id, reason = EXCLUDED.reason, messages = gireve_unknown_evse.messages + 1, last_seen_at = now()`,
    [input.env, input.evseId, input.rawEvseId, input.operatorCode, input.operatorId, input.reason],
    { name: "gireve_unknown_evse" },
  );
}
