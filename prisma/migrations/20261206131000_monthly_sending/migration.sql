-- The monthly-sending rule (issue 19, lib/monthly-sending): the last production data received per
-- station, read for every programme station by the operator console, the admin's list and the daily
-- reminders. Without an index that is a scan of every charge and curve; with these, one short index
-- descent per station (max(received_at) of the station's production rows). Partial: sandbox rows
-- never count, and are not indexed.
CREATE INDEX "charge_operation_production_received_idx" ON "charge_operation" ("station_id", "received_at") WHERE "env" = 'production';
CREATE INDEX "load_curve_production_received_idx" ON "load_curve" ("station_id", "received_at") WHERE "env" = 'production';

-- One reminder per operator and period (the Paris month of the run): the row is claimed before the
-- e-mail leaves, so a second run (restart, second instance) finds it and sends nothing. A failed
-- sending may be claimed again by a later run of the same period; one left "sending" (its instance
-- died mid-send) is not retried: at most one e-mail, never two.
CREATE TABLE "monthly_sending_reminder" (
    "operator_id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "late_stations" INTEGER NOT NULL,
    "recipients" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "monthly_sending_reminder_pkey" PRIMARY KEY ("operator_id", "period"),
    CONSTRAINT "monthly_sending_reminder_status_check" CHECK ("status" IN ('sending', 'sent', 'failed'))
);

ALTER TABLE "monthly_sending_reminder" ADD CONSTRAINT "monthly_sending_reminder_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operator"("id") ON DELETE CASCADE ON UPDATE CASCADE;
