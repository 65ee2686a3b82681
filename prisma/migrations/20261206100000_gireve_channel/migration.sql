-- The GIREVE door (issue 18, ADR 0023): the relay's machine account, the EVSEs it named that no
-- dossier declares (listed for the admin, eMIP code 10601), and the relay account on the journal.

CREATE TABLE "gireve_relay_account" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    -- scrypt hash of the Basic secret; the secret itself is shown once, never stored.
    "secret_hash" TEXT NOT NULL,
    -- SHA-256 (hex, lower case) of the relay's client certificate, checked behind a trusted proxy.
    "cert_fingerprint" TEXT,
    "env" "DataEnv" NOT NULL DEFAULT 'production',
    "label" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "gireve_relay_account_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "gireve_relay_account_username_key" ON "gireve_relay_account"("username");
CREATE UNIQUE INDEX "gireve_relay_account_cert_fingerprint_key" ON "gireve_relay_account"("cert_fingerprint");

CREATE TABLE "gireve_unknown_evse" (
    "env" "DataEnv" NOT NULL,
    -- IRVE form (upper case, no separator), as charge_point.id_pdc_itinerance.
    "evse_id" TEXT NOT NULL,
    -- The last value received, as sent.
    "raw_evse_id" TEXT NOT NULL,
    -- The message's operatorId in IRVE form, and the portal's operator it names (null: none).
    "operator_code" TEXT NOT NULL,
    "operator_id" UUID,
    "reason" TEXT NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 1,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "gireve_unknown_evse_pkey" PRIMARY KEY ("env", "evse_id")
);
CREATE INDEX "gireve_unknown_evse_last_seen_idx" ON "gireve_unknown_evse"("last_seen_at");

ALTER TABLE "submission" ADD COLUMN "relay_account_id" UUID;
