-- 1. The distribution key (station_id, docs/scaling.md) leads the primary keys of the charges too,
--    as it does those of the status tables: a move to a distributed PostgreSQL is then a
--    configuration. Ids stay unique by their sequence; nothing looks a charge up by id alone.
ALTER TABLE "charge_operation" DROP CONSTRAINT "charge_operation_pkey";
ALTER TABLE "charge_operation" ADD CONSTRAINT "charge_operation_pkey" PRIMARY KEY ("station_id", "id");
ALTER TABLE "load_curve" DROP CONSTRAINT "load_curve_pkey";
ALTER TABLE "load_curve" ADD CONSTRAINT "load_curve_pkey" PRIMARY KEY ("station_id", "id");

-- 2. Sandbox statuses never move the production state of a point: the latest status is kept per
--    environment (production data alone counts anywhere; a sandbox client reads its own).
ALTER TABLE "charge_point_status" ADD COLUMN "env" "DataEnv" NOT NULL DEFAULT 'production';
ALTER TABLE "charge_point_status" DROP CONSTRAINT "charge_point_status_pkey";
ALTER TABLE "charge_point_status" ADD CONSTRAINT "charge_point_status_pkey" PRIMARY KEY ("station_id", "charge_point_id", "env");
