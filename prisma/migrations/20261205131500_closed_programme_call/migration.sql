-- Calls of the data API after the end-of-programme purge, counted per day (Paris), endpoint and
-- HTTP status, with nothing individual: no operator, credential, client address or body
-- (lib/ingest/record-submission.ts, docs/api-advenir.md).
-- CreateTable
CREATE TABLE "closed_programme_call" (
    "day" DATE NOT NULL,
    "endpoint" TEXT NOT NULL,
    "http_status" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "closed_programme_call_pkey" PRIMARY KEY ("day","endpoint","http_status")
);
