import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { sendingStatus, type SendingStatus } from "@/lib/monthly-sending/sending-deadline";
import { programmeEnded } from "@/lib/programme/programme-status";

/** Whose stations: one operator's (its console), one beneficiary's (optionally one dossier), or all (admin). */
export type SendingScope = { operatorId: string } | { beneficiaryId: string; dossierId?: string } | { all: true };

export interface StationSending extends SendingStatus {
  stationId: string;
  stationCode: string;
  operatorId: string;
  operatorName: string;
  dossierId: string;
  dossierReference: string;
  beneficiaryName: string;
  /** Latest production charge operation or load curve received (null: never). */
  lastDataAt: Date | null;
  /** When the station could first send: registered, and its dossier's attestation signed. */
  startedAt: Date;
}

interface Row {
  station_id: string;
  station_code: string;
  operator_id: string;
  operator_name: string;
  dossier_id: string;
  dossier_reference: string;
  beneficiary_name: string;
  started_at: Date;
  last_data_at: Date | null;
}

/**
 * The stations bound by the monthly rule, with where each stands at `now` (late first, the longest
 * silent first). Bound: a programme station (it has a dossier) whose attestation is signed (before,
 * the data API refuses its data), neither withdrawn by its beneficiary nor decommissioned.
 * Last data: the newest received_at of its production charges and curves, whatever the door (two
 * index descents per station: migration 20261206130000). A charge re-sent identical is not
 * written again (received_at unchanged): sending nothing new is sending nothing.
 * From the end of the programme (PROGRAMME_END_DATE) nothing is to be sent any more: no station is bound.
 */
export async function listSendingStatuses(
  input: { scope: SendingScope; now?: Date; months?: number; programmeEnd?: string | null },
  options: { prisma?: PrismaClient } = {},
): Promise<StationSending[]> {
  const now = input.now ?? new Date();
  const endDate = input.programmeEnd === undefined ? getEnv().PROGRAMME_END_DATE : (input.programmeEnd ?? undefined);
  if (programmeEnded(endDate, now)) return [];
  const prisma = options.prisma ?? (await db());
  const scope = input.scope;
  const operatorId = "operatorId" in scope ? scope.operatorId : null;
  const beneficiaryId = "beneficiaryId" in scope ? scope.beneficiaryId : null;
  const dossierId = "beneficiaryId" in scope ? (scope.dossierId ?? null) : null;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT s.id::text AS station_id, s.station_code, s.operator_id::text AS operator_id, op.name AS operator_name,
           d.id::text AS dossier_id, d.reference AS dossier_reference, b.name AS beneficiary_name,
           greatest(s.created_at, a.signed_at) AS started_at,
           greatest((SELECT max(o.received_at) FROM charge_operation o WHERE o.station_id = s.id AND o.env = 'production'),
                    (SELECT max(c.received_at) FROM load_curve c WHERE c.station_id = s.id AND c.env = 'production')) AS last_data_at
      FROM station s
      JOIN dossier d ON d.id = s.dossier_id
      JOIN attestation a ON a.dossier_id = d.id AND a.signed_at IS NOT NULL
      JOIN operator op ON op.id = s.operator_id
      JOIN beneficiary b ON b.id = d.beneficiary_id
     WHERE s.withdrawn_on IS NULL AND s.decommissioned_at IS NULL
       AND (${operatorId}::uuid IS NULL OR s.operator_id = ${operatorId}::uuid)
       AND (${beneficiaryId}::uuid IS NULL OR d.beneficiary_id = ${beneficiaryId}::uuid)
       AND (${dossierId}::uuid IS NULL OR d.id = ${dossierId}::uuid)`;
  const months = input.months ?? getEnv().MONTHLY_SENDING_MAX_SILENCE_MONTHS;
  return rows
    .map((r) => {
      const lastDataAt = r.last_data_at ? new Date(r.last_data_at) : null;
      const startedAt = new Date(r.started_at);
      return {
        stationId: r.station_id,
        stationCode: r.station_code,
        operatorId: r.operator_id,
        operatorName: r.operator_name,
        dossierId: r.dossier_id,
        dossierReference: r.dossier_reference,
        beneficiaryName: r.beneficiary_name,
        lastDataAt,
        startedAt,
        ...sendingStatus({ lastDataAt, startedAt, now, months }),
      };
    })
    .sort(
      (a, b) =>
        Number(b.late) - Number(a.late) ||
        b.silentDays - a.silentDays ||
        a.operatorName.localeCompare(b.operatorName, "fr") ||
        a.dossierReference.localeCompare(b.dossierReference) ||
        a.stationCode.localeCompare(b.stationCode),
    );
}

/** The late ones only (same order). */
export async function listLateStations(
  input: { scope: SendingScope; now?: Date; months?: number; programmeEnd?: string | null },
  options: { prisma?: PrismaClient } = {},
) {
  return (await listSendingStatuses(input, options)).filter((s) => s.late);
}
