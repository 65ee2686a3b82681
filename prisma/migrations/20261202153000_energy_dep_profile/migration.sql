-- The département energy of the charge caches grouped as the indicators group half-hours, per
-- carbon series (lib/indicators/charge-caches.ts, docs/decisions/0006-charge-caches.md).
-- CreateTable
CREATE TABLE "energy_dep_profile" (
    "series_id" INTEGER NOT NULL,
    "dep_code" TEXT NOT NULL,
    "month_start" DATE NOT NULL,
    "weekend" BOOLEAN NOT NULL,
    "lhour" INTEGER NOT NULL,
    "is_peak" BOOLEAN NOT NULL,
    "is_offpeak" BOOLEAN NOT NULL,
    "a" DOUBLE PRECISION NOT NULL,
    "a_ci" DOUBLE PRECISION,
    "a_cov" DOUBLE PRECISION NOT NULL,
    "g" DOUBLE PRECISION NOT NULL,
    "g_ci" DOUBLE PRECISION,
    "g_cov" DOUBLE PRECISION NOT NULL,
    "max_a" DOUBLE PRECISION NOT NULL,
    "max_g" DOUBLE PRECISION NOT NULL,
    "max_t" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "energy_dep_profile_pkey" PRIMARY KEY ("series_id","dep_code","month_start","weekend","lhour")
);

-- AddForeignKey
ALTER TABLE "energy_dep_profile" ADD CONSTRAINT "energy_dep_profile_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "carbon_series"("id") ON DELETE CASCADE ON UPDATE CASCADE;

