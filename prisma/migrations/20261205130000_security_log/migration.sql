-- Security log of the data API's failed authentications (lib/security/), aggregated per login,
-- client address and hour (issue 15): failed attempts no longer go to the submissions journal.
-- CreateTable
CREATE TABLE "security_event" (
    "id" BIGSERIAL NOT NULL,
    "login" TEXT NOT NULL,
    "ip_address" TEXT NOT NULL,
    "hour_start" TIMESTAMPTZ(3) NOT NULL,
    "operator_id" UUID,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "blocked" INTEGER NOT NULL DEFAULT 0,
    "first_at" TIMESTAMPTZ(3) NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "security_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "security_event_hour_start_idx" ON "security_event"("hour_start");

-- CreateIndex
CREATE INDEX "security_event_operator_id_hour_start_idx" ON "security_event"("operator_id", "hour_start");

-- CreateIndex
CREATE UNIQUE INDEX "security_event_login_ip_address_hour_start_key" ON "security_event"("login", "ip_address", "hour_start");
