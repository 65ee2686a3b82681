-- Published figures (issue 14): runs record their method version and which newer runs replaced
-- them; figures record when and why they were revised; the purge may delete the figures of
-- withheld cells (their counts become nullable). lib/indicators/revisions.ts, docs/indicators.md.
-- AlterTable
ALTER TABLE "indicator_run" ADD COLUMN     "method_version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "revised_at" TIMESTAMPTZ(3),
ADD COLUMN     "revised_by_run_id" UUID;

-- AlterTable
ALTER TABLE "indicator_value" ADD COLUMN     "last_published_run_id" UUID,
ADD COLUMN     "revised_at" TIMESTAMPTZ(3),
ADD COLUMN     "revision_reason" TEXT,
ALTER COLUMN "stations_reporting" DROP NOT NULL,
ALTER COLUMN "stations_registered" DROP NOT NULL,
ALTER COLUMN "energy_wh" DROP NOT NULL,
ALTER COLUMN "charge_count" DROP NOT NULL,
ALTER COLUMN "distinct_stations" DROP NOT NULL,
ALTER COLUMN "distinct_beneficiaries" DROP NOT NULL;

-- The committee reads only runs of every mesh level and period kind over whole calendar years
-- (one run per year, so that months, quarters and the year are suppressed together): earlier
-- runs of some levels or kinds, or starting after January, become checks ("partial").
UPDATE "indicator_run" SET "scope" = 'partial'
 WHERE "scope" = 'full'
   AND (NOT ("mesh_levels" @> ARRAY['national', 'region', 'departement', 'commune']::text[]
             AND "period_kinds" @> ARRAY['month', 'quarter', 'year']::text[])
        OR date_trunc('year', "period_from" AT TIME ZONE 'Europe/Paris') <> "period_from" AT TIME ZONE 'Europe/Paris');
