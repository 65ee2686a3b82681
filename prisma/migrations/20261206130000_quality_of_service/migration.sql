-- Quality of service from the statuses (issue 19, docs/decisions/0024-quality-of-service.md).
-- Computed by lib/quality-of-service/compute-qos-days.ts for a range of Paris days, in one
-- transaction; a recomputed day replaces its rows. Individual data (per point and station): the
-- end-of-programme purge empties these tables with the statuses they come from.

-- Per charge point and Paris day: seconds of the point's life that day in each operating state of
-- its statuses, silent seconds (no status in force: before the first, or a status older than the
-- validity), seconds occupied while in service, and the statuses stamped that day with the sum of
-- their reception delays (freshness).
CREATE TABLE "qos_point_day" (
    "day" DATE NOT NULL,
    "charge_point_id" UUID NOT NULL REFERENCES "charge_point" ("id") ON DELETE CASCADE,
    "total_s" DOUBLE PRECISION NOT NULL,
    "en_service_s" DOUBLE PRECISION NOT NULL,
    "hors_service_s" DOUBLE PRECISION NOT NULL,
    "inconnu_s" DOUBLE PRECISION NOT NULL,
    "silent_s" DOUBLE PRECISION NOT NULL,
    "occupied_s" DOUBLE PRECISION NOT NULL,
    "status_count" INT NOT NULL,
    "delay_sum_s" DOUBLE PRECISION NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "qos_point_day_pkey" PRIMARY KEY ("day", "charge_point_id")
);
CREATE INDEX "qos_point_day_point_idx" ON "qos_point_day" ("charge_point_id");

-- Per station and Paris day: seconds during which every reporting point of the station was
-- occupied (saturation), out of the day's seconds.
CREATE TABLE "qos_station_day" (
    "day" DATE NOT NULL,
    "station_id" UUID NOT NULL REFERENCES "station" ("id") ON DELETE CASCADE,
    "points" INT NOT NULL,
    "total_s" DOUBLE PRECISION NOT NULL,
    "saturated_s" DOUBLE PRECISION NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "qos_station_day_pkey" PRIMARY KEY ("day", "station_id")
);

-- Out-of-service episodes: from a point's first `hors_service` status after being in service
-- (or after its first status) to its next `en_service` status; `restored_at` NULL while open.
CREATE TABLE "qos_outage" (
    "charge_point_id" UUID NOT NULL REFERENCES "charge_point" ("id") ON DELETE CASCADE,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "restored_at" TIMESTAMPTZ(3),
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "qos_outage_pkey" PRIMARY KEY ("charge_point_id", "started_at")
);
CREATE INDEX "qos_outage_restored_idx" ON "qos_outage" ("restored_at");
