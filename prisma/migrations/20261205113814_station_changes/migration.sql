-- Corrections and withdrawals of stations and charge points (lib/stations/), with the
-- 10-working-day rule applied to each change.
-- AlterTable
ALTER TABLE "charge_point" ADD COLUMN     "withdrawn_at" TIMESTAMPTZ(3),
ADD COLUMN     "withdrawn_on" DATE;

-- AlterTable
ALTER TABLE "station" ADD COLUMN     "withdrawn_at" TIMESTAMPTZ(3),
ADD COLUMN     "withdrawn_on" DATE;

-- CreateTable
CREATE TABLE "station_change" (
    "id" BIGSERIAL NOT NULL,
    "station_id" UUID NOT NULL,
    "charge_point_id" UUID,
    "kind" TEXT NOT NULL,
    "effective_on" DATE NOT NULL,
    "due_on" DATE NOT NULL,
    "declared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "days_late" INTEGER NOT NULL DEFAULT 0,
    "actor_user_id" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "station_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "station_change_station_id_idx" ON "station_change"("station_id");

-- CreateIndex
CREATE INDEX "station_change_days_late_idx" ON "station_change"("days_late");

-- AddForeignKey
ALTER TABLE "station_change" ADD CONSTRAINT "station_change_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "station"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "station_change" ADD CONSTRAINT "station_change_charge_point_id_fkey" FOREIGN KEY ("charge_point_id") REFERENCES "charge_point"("id") ON DELETE CASCADE ON UPDATE CASCADE;
