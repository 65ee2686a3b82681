import { purgeRawBodies } from "@/lib/channels/advenir/purge-raw-bodies";
import { dailyRecompute } from "@/lib/indicators/refresh-indicators";
import { ensureStatusPartitions, MONTHS_AHEAD } from "@/lib/statuses/ensure-status-partitions";
import { sendMonthlyReminders } from "@/lib/monthly-sending/send-monthly-reminders";
import { createSmtpMailer } from "@/lib/platform/mail/smtp-mailer";
import { getEnv } from "@/lib/platform/env";
import { dailyQosComputation } from "@/lib/quality-of-service/daily-qos";
import { dailyDataQuality } from "@/lib/data-quality/daily-data-quality";
import { describePublications, publishClosedMonths } from "@/lib/quality-of-service/publish-closed-months";
import { describeUsagePublications, publishClosedUsageMonths } from "@/lib/quality-of-service/sessions/publish-usage-month";
import type { Job } from "@/lib/platform/jobs/scheduler";

// The portal's periodic jobs, declared once by the composition (the scheduler in lib/platform/jobs
// knows no domain): instrumentation.ts starts the scheduler with them, and the admin's indicator
// page lists them with their last run and next occurrence. Times are
// Paris times outside the hours the clocks change (02:00–03:00), after the night's traffic.

export const PORTAL_JOBS: readonly Job[] = [
  {
    name: "raw-body-purge",
    label: "Purge des corps bruts expirés",
    schedule: { dailyAt: "03:30" },
    run: async ({ prisma, now }) => `${await purgeRawBodies({ now }, { prisma })} corps bruts expirés effacés.`,
  },
  {
    name: "indicator-recompute",
    label: "Recalcul quotidien des indicateurs",
    schedule: { dailyAt: "04:00" },
    run: ({ prisma, now }) => dailyRecompute({ prisma, now }),
  },
  {
    name: "status-partitions",
    label: "Partitions mensuelles de l'historique des statuts",
    schedule: { dailyAt: "03:15" },
    run: async ({ prisma, now }) => {
      const created = await ensureStatusPartitions({ prisma, now });
      return `${created} partition(s) créée(s) ; les statuts ont leurs partitions jusqu'à ${MONTHS_AHEAD} mois à l'avance.`;
    },
  },
  {
    // Office hours, so that an operator reads it the day it is sent; one e-mail per operator and month.
    name: "monthly-sending-reminders",
    label: "Rappels de la règle d'envoi mensuel (stations en retard)",
    schedule: { dailyAt: "09:00" },
    run: ({ prisma, now }) => {
      const env = getEnv();
      return sendMonthlyReminders({
        prisma,
        now,
        mailer: createSmtpMailer(env),
        months: env.MONTHLY_SENDING_MAX_SILENCE_MONTHS,
        consoleUrl: env.NEXTAUTH_URL ? new URL("/operateur", env.NEXTAUTH_URL).toString() : null,
      });
    },
  },
  {
    name: "qos-daily",
    label: "Calcul quotidien de la qualité de service (statuts des deux derniers jours)",
    schedule: { dailyAt: "04:30" },
    run: dailyQosComputation,
  },
  {
    // After the night's computation: a closed month's figures are published once, as they stand.
    name: "qos-publication",
    label: "Publication de la qualité de service des mois clos",
    schedule: { dailyAt: "05:00" },
    run: async ({ prisma, now }) => describePublications(await publishClosedMonths({ prisma, now, publishedBy: "tâche quotidienne" })),
  },
  {
    // A closed month's usage indicators, once, from the 16th of the next month (ADR 0031).
    name: "usage-publication",
    label: "Publication des indicateurs d'usage des mois clos",
    schedule: { dailyAt: "05:15" },
    run: async ({ prisma, now }) => describeUsagePublications(await publishClosedUsageMonths({ prisma, now, publishedBy: "tâche quotidienne" })),
  },
  {
    name: "data-quality-daily",
    label: "Contrôle quotidien de la qualité des données (deux derniers jours)",
    schedule: { dailyAt: "04:45" },
    run: dailyDataQuality,
  },
];

/** The indicator recomputation's job (the admin page quotes its time). */
export const INDICATOR_RECOMPUTE_JOB = PORTAL_JOBS.find((j) => j.name === "indicator-recompute")!;

/** The monthly-sending reminders' job (the admin's late-sendings page quotes its time). */
export const MONTHLY_REMINDERS_JOB = PORTAL_JOBS.find((j) => j.name === "monthly-sending-reminders")!;
