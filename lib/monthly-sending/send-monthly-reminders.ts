import type { PrismaClient } from "@/generated/prisma/client";
import type { Mailer } from "@/lib/platform/mail/smtp-mailer";
import { parisMonth } from "@/lib/platform/time/paris-time";
import { listLateStations, type StationSending } from "@/lib/monthly-sending/list-sending-statuses";
import { reminderMessage } from "@/lib/monthly-sending/reminder-message";

/** The operators' contacts: the active accounts of role operateur attached to each operator. */
async function contactsOf(prisma: PrismaClient, operatorIds: string[]): Promise<Map<string, string[]>> {
  const users = await prisma.user.findMany({
    where: { role: "operateur", operatorId: { in: operatorIds }, disabledAt: null },
    select: { email: true, operatorId: true },
    orderBy: { email: "asc" },
  });
  const map = new Map<string, string[]>();
  for (const u of users) map.set(u.operatorId!, [...(map.get(u.operatorId!) ?? []), u.email]);
  return map;
}

/**
 * Claims the period's reminder of an operator: a new row, or a failed one retried. A row already
 * "sent" or "sending" (another run has it) is not claimed: the e-mail is not sent twice.
 */
async function claim(prisma: PrismaClient, operatorId: string, period: string, lateStations: number, recipients: string[]): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ operator_id: string }[]>`
    INSERT INTO monthly_sending_reminder AS r (operator_id, period, status, late_stations, recipients)
    VALUES (${operatorId}::uuid, ${period}, 'sending', ${lateStations}, ${recipients}::text[])
    ON CONFLICT (operator_id, period) DO UPDATE
       SET status = 'sending', attempted_at = now(), late_stations = EXCLUDED.late_stations, recipients = EXCLUDED.recipients, error = NULL
     WHERE r.status = 'failed'
    RETURNING r.operator_id::text AS operator_id`;
  return rows.length === 1;
}

/**
 * The daily job of the monthly rule: each operator with late stations gets one e-mail per period
 * (the Paris month of `now`) at its contacts' addresses, listing them. Without a mailer (no SMTP
 * configured) nothing is sent or recorded. Returns the run's report in French; throws, after
 * trying every operator, when a sending failed (the job's outcome; a later run retries it).
 */
export async function sendMonthlyReminders(input: {
  prisma: PrismaClient;
  now: Date;
  mailer: Mailer | null;
  months: number;
  consoleUrl: string | null;
}): Promise<string> {
  const { prisma, now, mailer, months } = input;
  const late = await listLateStations({ scope: { all: true }, now, months }, { prisma });
  const byOperator = new Map<string, StationSending[]>();
  for (const s of late) byOperator.set(s.operatorId, [...(byOperator.get(s.operatorId) ?? []), s]);
  if (!mailer) return `Aucun serveur SMTP configuré : aucun e-mail envoyé (${byOperator.size} opérateur(s) en retard).`;

  const period = parisMonth(now);
  const contacts = await contactsOf(prisma, [...byOperator.keys()]);
  let sent = 0;
  let already = 0;
  let withoutContact = 0;
  const failures: string[] = [];
  for (const [operatorId, stations] of byOperator) {
    const to = contacts.get(operatorId) ?? [];
    if (to.length === 0) {
      withoutContact++;
      continue;
    }
    if (!(await claim(prisma, operatorId, period, stations.length, to))) {
      already++;
      continue;
    }
    const message = reminderMessage({ to, operatorName: stations[0].operatorName, stations, months, consoleUrl: input.consoleUrl });
    try {
      await mailer.send(message);
      await prisma.monthlySendingReminder.update({ where: { operatorId_period: { operatorId, period } }, data: { status: "sent", sentAt: new Date() } });
      sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await prisma.monthlySendingReminder.update({
        where: { operatorId_period: { operatorId, period } },
        data: { status: "failed", error: reason.slice(0, 500) },
      });
      failures.push(`${stations[0].operatorName} : ${reason}`);
    }
  }
  const report =
    `${byOperator.size} opérateur(s) en retard pour ${period} : ${sent} rappel(s) envoyé(s) via ${mailer.describe}, ` +
    `${already} déjà envoyé(s) cette période, ${withoutContact} sans compte opérateur actif à prévenir.`;
  if (failures.length > 0) throw new Error(`${report} Échec de ${failures.length} envoi(s) : ${failures.join(" ; ")}`);
  return report;
}
