-- The one scheduler's jobs (lib/platform/jobs/, ADR 0018): one row per declared job, shared by
-- every instance of the portal. An instance runs an occurrence only after moving next_due past it
-- in one conditional UPDATE, so two instances behind a load balancer never run the same one.
-- CreateTable
CREATE TABLE "scheduled_job" (
    "name" TEXT NOT NULL,
    "next_due" TIMESTAMPTZ(3) NOT NULL,
    "running_since" TIMESTAMPTZ(3),
    "last_started_at" TIMESTAMPTZ(3),
    "last_finished_at" TIMESTAMPTZ(3),
    "last_outcome" TEXT,
    "last_message" TEXT,
    "last_duration_ms" INTEGER,
    "last_instance" TEXT,

    CONSTRAINT "scheduled_job_pkey" PRIMARY KEY ("name")
);
