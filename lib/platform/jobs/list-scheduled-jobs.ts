import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { describeSchedule } from "@/lib/platform/jobs/job-schedule";
import type { Job } from "@/lib/platform/jobs/scheduler";

export interface ScheduledJobStatus {
  name: string;
  label: string;
  /** "chaque jour à 4 h (heure de Paris)". */
  when: string;
  /** Null until an instance of the portal has started the scheduler once. */
  nextDue: Date | null;
  runningSince: Date | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastOutcome: "success" | "failure" | null;
  lastMessage: string | null;
  lastInstance: string | null;
}

/** The declared jobs, in their order, with what the jobs table says of their last and next runs. */
export async function listScheduledJobs(jobs: readonly Job[], options: { prisma?: PrismaClient } = {}): Promise<ScheduledJobStatus[]> {
  const prisma = options.prisma ?? (await db());
  const rows = await prisma.scheduledJob.findMany({ where: { name: { in: jobs.map((j) => j.name) } } });
  const byName = new Map(rows.map((r) => [r.name, r]));
  return jobs.map((j) => {
    const r = byName.get(j.name);
    return {
      name: j.name,
      label: j.label,
      when: describeSchedule(j.schedule),
      nextDue: r?.nextDue ?? null,
      runningSince: r?.runningSince ?? null,
      lastStartedAt: r?.lastStartedAt ?? null,
      lastFinishedAt: r?.lastFinishedAt ?? null,
      lastOutcome: r?.lastOutcome === "success" || r?.lastOutcome === "failure" ? r.lastOutcome : null,
      lastMessage: r?.lastMessage ?? null,
      lastInstance: r?.lastInstance ?? null,
    };
  });
}
