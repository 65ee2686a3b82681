-- Published usage indicators (issue 19, docs/decisions/0031-usage-publication.md): the committee
-- reads a month's usage indicators (QualiCharge's codes) as they were published once the month
-- was closed, never recomputed from sessions received since (a figure that moved with each late
-- session would give that session by the difference of two readings). A publication holds the
-- month's cells after the anonymity rules, as computeUsageIndicators returns them: a withheld
-- cell keeps its code and reason, never a figure. Anonymous aggregates: the purge keeps them.
CREATE TABLE "usage_publication" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    -- First day of the Paris month.
    "month" DATE NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- "tâche quotidienne", "ligne de commande", a test's name.
    "published_by" TEXT NOT NULL,
    "anon_min_stations" INT NOT NULL,
    "anon_min_owners" INT NOT NULL,
    "cell_count" INT NOT NULL,
    "withheld_count" INT NOT NULL,
    -- lib/quality-of-service/sessions/compute-usage-indicators.ts UsageCell[], national first.
    "cells" JSONB NOT NULL,
    -- SHA-256 of the cells: a republication with the same figures is not a new one.
    "content_sha256" TEXT NOT NULL,
    -- Set when a later publication of the same month replaces this one; its cells stay stored.
    "superseded_at" TIMESTAMPTZ(3),
    CONSTRAINT "usage_publication_pkey" PRIMARY KEY ("id")
);
-- One publication in force per month.
CREATE UNIQUE INDEX "usage_publication_current_key" ON "usage_publication" ("month") WHERE "superseded_at" IS NULL;
