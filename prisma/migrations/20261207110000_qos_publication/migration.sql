-- Published quality-of-service figures (issue 19, docs/decisions/0030-qos-publication.md): the
-- committee reads a month's figures as they were published once the month was closed, never the
-- daily rows recomputed since. A publication holds every committee level's cells of one Paris
-- month after the anonymity rules; a withheld cell keeps its code and reason, never a figure.
-- These are anonymous aggregates: the end-of-programme purge keeps them.
CREATE TABLE "qos_publication" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    -- First day of the Paris month.
    "month" DATE NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- "tâche quotidienne", "ligne de commande", "démonstration".
    "published_by" TEXT NOT NULL,
    "anon_min_stations" INT NOT NULL,
    "anon_min_owners" INT NOT NULL,
    "validity_hours" INT NOT NULL,
    "cell_count" INT NOT NULL,
    "withheld_count" INT NOT NULL,
    -- SHA-256 of the cells in a canonical order: a republication with the same figures is not a new one.
    "content_sha256" TEXT NOT NULL,
    -- Set when a later publication of the same month replaces this one; its figures stay stored.
    "superseded_at" TIMESTAMPTZ(3),
    CONSTRAINT "qos_publication_pkey" PRIMARY KEY ("id")
);
-- One publication in force per month.
CREATE UNIQUE INDEX "qos_publication_current_key" ON "qos_publication" ("month") WHERE "superseded_at" IS NULL;

CREATE TABLE "qos_published_cell" (
    "publication_id" UUID NOT NULL REFERENCES "qos_publication" ("id") ON DELETE CASCADE,
    "level" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "parent" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "withheld" BOOLEAN NOT NULL,
    -- "primaire" or "secondaire" when withheld.
    "withheld_reason" TEXT,
    -- lib/quality-of-service/read-qos-cells.ts QosFigures; NULL when withheld.
    "figures" JSONB,
    CONSTRAINT "qos_published_cell_pkey" PRIMARY KEY ("publication_id", "level", "code"),
    CONSTRAINT "qos_published_cell_withheld_check" CHECK (("withheld" AND "figures" IS NULL) OR (NOT "withheld" AND "figures" IS NOT NULL))
);
-- One operator's history across months.
CREATE INDEX "qos_published_cell_code_idx" ON "qos_published_cell" ("level", "code");
