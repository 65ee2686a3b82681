import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { formatLongDay } from "@/lib/platform/format";
import { recordAudit } from "@/lib/audit/record-audit";
import { forgetRelaySecrets } from "@/lib/gireve-relay/authenticate-relay";
import { deleteWithheldFigures } from "@/lib/programme/delete-withheld-figures";
import { parseInput } from "@/lib/schemas/validation";
import { purgeIndividualDataSchema, type PurgeIndividualDataInput } from "@/lib/schemas/programme";
import { PROGRAMME_TARGET, PURGE_ACTION, countIndividualData, programmeEnded, type IndividualDataCounts } from "@/lib/programme/programme-status";
import { execute, sql } from "@/lib/platform/db/sql";

/**
 * End of the programme: deletes every piece of individual data — charge operations and load
 * curves (production and sandbox), the submissions log with its raw bodies and error messages
 * (which quote stations, transactions and values), the security log of failed API
 * authentications (client addresses), the statuses of charge points — and revokes every API
 * credential and deactivates every QualiCharge API user so that nothing more arrives; deletes the figures of withheld indicator cells (keeping the cells and
 * their "secret statistique" label). Kept: accounts, dossiers, signed attestations, stations and
 * the published indicator figures (aggregated and anonymous), unchanged. One transaction, with the tables locked
 * so that no concurrent write slips in between the count and the deletion; recorded in the
 * audit log with the counts. Allowed from PROGRAMME_END_DATE on (Paris calendar); running it
 * again deletes whatever arrived since (normally nothing).
 */
export async function purgeIndividualData(
  input: PurgeIndividualDataInput,
  options: { prisma?: PrismaClient; programmeEnd?: string | null } = {},
): Promise<{ at: Date; counts: IndividualDataCounts }> {
  const data = parseInput(purgeIndividualDataSchema, input);
  const prisma = options.prisma ?? (await db());
  const endDate = options.programmeEnd === undefined ? getEnv().PROGRAMME_END_DATE : (options.programmeEnd ?? undefined);
  const now = data.now ?? new Date();
  if (!endDate) {
    throw new AppError("CONFLICT", "La date de fin du programme n'est pas configurée (PROGRAMME_END_DATE) : la purge est impossible.");
  }
  if (!programmeEnded(endDate, now)) {
    throw new AppError(
      "CONFLICT",
      `Le programme n'est pas terminé : la purge des données individuelles n'est possible qu'à partir du ${formatLongDay(endDate)}.`,
    );
  }
  const purged = await prisma.$transaction(
    async (tx) => {
      // Writers (the data API, the sandbox wipe, the raw-body purge) wait until this commits.
      await execute(tx, sql`LOCK TABLE charge_operation, load_curve, submission, status_event, charge_point_status IN ACCESS EXCLUSIVE MODE`);
      await execute(tx, sql`LOCK TABLE api_credential, api_user, gireve_relay_account IN SHARE ROW EXCLUSIVE MODE`);
      const counts = await countIndividualData(tx);
      await execute(tx, sql`TRUNCATE charge_operation, load_curve, submission`);
      // Statuses tell when each point was used: individual data too (QualiCharge door, GIREVE relay).
      await execute(tx, sql`TRUNCATE status_event, charge_point_status`);
      // Quality of service per point and station is computed from them: individual data too.
      await execute(tx, sql`TRUNCATE qos_point_day, qos_station_day, qos_outage`);
      // The rows breaking a data-quality rule name points, charges and statuses: individual data.
      // The shares per unit and operator (data_quality_result) are aggregates and stay.
      await execute(tx, sql`TRUNCATE data_quality_offender`);
      // The security log holds client addresses (individual data) with the logins they tried.
      await execute(tx, sql`TRUNCATE security_event`);
      // The charge caches are derived from the charges, per station and month, and per
      // département and half-hour (a département with one station shows that station's charges).
      await execute(tx, sql`TRUNCATE energy_dep_slot, energy_reg_slot, energy_dep_profile, charge_station_month, energy_dirty`);
      // The figures of withheld indicator cells are individual data too; published ones stay as published.
      await deleteWithheldFigures(tx);
      await execute(tx, sql`UPDATE api_credential SET revoked_at = ${now} WHERE revoked_at IS NULL`);
      // The QualiCharge API's machine accounts too: their tokens are void from now on.
      await execute(tx, sql`UPDATE api_user SET is_active = false, password_changed_at = ${now} WHERE is_active`);
      // The GIREVE relay's accounts, and the EVSEs it named that no dossier declares (ADR 0023).
      await execute(tx, sql`UPDATE gireve_relay_account SET revoked_at = ${now} WHERE revoked_at IS NULL`);
      await execute(tx, sql`TRUNCATE gireve_unknown_evse`);
      // The monthly-sending reminders (which operator was late which month, sent to whom): derived from the charges.
      await execute(tx, sql`TRUNCATE monthly_sending_reminder`);
      await recordAudit(
        {
          actor: data.actor,
          actorUserId: data.actorUserId ?? null,
          action: PURGE_ACTION,
          ...PROGRAMME_TARGET,
          details: { counts: { ...counts }, programmeEnd: endDate },
        },
        tx,
      );
      return { at: now, counts };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  // The relay's secrets this process remembers are void with its revoked accounts.
  forgetRelaySecrets();
  return purged;
}
