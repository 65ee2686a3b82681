-- CreateEnum
CREATE TYPE "Role" AS ENUM ('beneficiaire', 'operateur', 'comite', 'admin');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('ADVENIR', 'GIREVE');

-- CreateEnum
CREATE TYPE "DataEnv" AS ENUM ('production', 'sandbox');

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "password_hash" TEXT NOT NULL,
    "operator_id" UUID,
    "beneficiary_id" UUID,
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operator" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "siren" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "operator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_credential" (
    "id" UUID NOT NULL,
    "operator_id" UUID NOT NULL,
    "env" "DataEnv" NOT NULL,
    "username" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "cert_fingerprint" TEXT,
    "label" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "beneficiary" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "siren" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "beneficiary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dossier" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "operator_id" UUID NOT NULL,
    "site_name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "insee_code" TEXT NOT NULL,
    "site_type" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dossier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attestation" (
    "id" UUID NOT NULL,
    "dossier_id" UUID NOT NULL,
    "text_version" TEXT NOT NULL,
    "text_sha256" TEXT NOT NULL,
    "signer_name" TEXT,
    "signer_capacity" TEXT,
    "consent" BOOLEAN NOT NULL DEFAULT false,
    "signed_at" TIMESTAMPTZ(3),
    "signed_by_user_id" UUID,
    "on_behalf" BOOLEAN NOT NULL DEFAULT false,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attestation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "station" (
    "id" UUID NOT NULL,
    "dossier_id" UUID NOT NULL,
    "operator_id" UUID NOT NULL,
    "station_code" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "point_count" INTEGER NOT NULL DEFAULT 1,
    "nominal_power_kw" DECIMAL(8,2) NOT NULL,
    "insee_code" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "station_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "charge_point" (
    "id" UUID NOT NULL,
    "station_id" UUID NOT NULL,
    "point_code" TEXT NOT NULL,
    "id_pdc_itinerance" TEXT,
    "nominal_power_kw" DECIMAL(8,2) NOT NULL,
    "longitude" DOUBLE PRECISION,
    "latitude" DOUBLE PRECISION,
    "commissioned_on" DATE,
    "static_declared_at" TIMESTAMPTZ(3),
    "irve" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "charge_point_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "charge_operation" (
    "id" BIGSERIAL NOT NULL,
    "env" "DataEnv" NOT NULL,
    "operator_id" UUID NOT NULL,
    "station_id" UUID NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "start_at" TIMESTAMPTZ(0) NOT NULL,
    "stop_at" TIMESTAMPTZ(0) NOT NULL,
    "start_wh" BIGINT NOT NULL,
    "stop_wh" BIGINT NOT NULL,
    "quality_flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "submission_id" BIGINT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "charge_operation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "load_curve" (
    "id" BIGSERIAL NOT NULL,
    "env" "DataEnv" NOT NULL,
    "operator_id" UUID NOT NULL,
    "station_id" UUID NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "start_at" TIMESTAMPTZ(0) NOT NULL,
    "stop_at" TIMESTAMPTZ(0) NOT NULL,
    "point_count" INTEGER NOT NULL,
    "energy_wh" BIGINT NOT NULL,
    "offsets_s" INTEGER[],
    "values_wh" BIGINT[],
    "quality_flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "submission_id" BIGINT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "load_curve_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submission" (
    "id" BIGSERIAL NOT NULL,
    "env" "DataEnv",
    "operator_id" UUID,
    "credential_id" UUID,
    "endpoint" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "ip_address" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "duration_ms" INTEGER NOT NULL DEFAULT 0,
    "size_bytes" INTEGER NOT NULL DEFAULT 0,
    "http_status" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "received" INTEGER NOT NULL DEFAULT 0,
    "stored" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "errors" JSONB NOT NULL DEFAULT '[]',
    "raw_body" BYTEA,

    CONSTRAINT "submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" UUID,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_throttle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "blocked_until" TIMESTAMPTZ(3),

    CONSTRAINT "auth_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "operator_siren_key" ON "operator"("siren");

-- CreateIndex
CREATE UNIQUE INDEX "api_credential_username_key" ON "api_credential"("username");

-- CreateIndex
CREATE UNIQUE INDEX "api_credential_cert_fingerprint_key" ON "api_credential"("cert_fingerprint");

-- CreateIndex
CREATE INDEX "api_credential_operator_id_idx" ON "api_credential"("operator_id");

-- CreateIndex
CREATE UNIQUE INDEX "beneficiary_siren_key" ON "beneficiary"("siren");

-- CreateIndex
CREATE UNIQUE INDEX "dossier_reference_key" ON "dossier"("reference");

-- CreateIndex
CREATE INDEX "dossier_beneficiary_id_idx" ON "dossier"("beneficiary_id");

-- CreateIndex
CREATE INDEX "dossier_operator_id_idx" ON "dossier"("operator_id");

-- CreateIndex
CREATE UNIQUE INDEX "attestation_dossier_id_key" ON "attestation"("dossier_id");

-- CreateIndex
CREATE INDEX "station_dossier_id_idx" ON "station"("dossier_id");

-- CreateIndex
CREATE UNIQUE INDEX "station_operator_id_station_code_key" ON "station"("operator_id", "station_code");

-- CreateIndex
CREATE UNIQUE INDEX "charge_point_id_pdc_itinerance_key" ON "charge_point"("id_pdc_itinerance");

-- CreateIndex
CREATE UNIQUE INDEX "charge_point_station_id_point_code_key" ON "charge_point"("station_id", "point_code");

-- CreateIndex
CREATE INDEX "charge_operation_station_id_start_at_idx" ON "charge_operation"("station_id", "start_at");

-- CreateIndex
CREATE UNIQUE INDEX "charge_operation_env_operator_id_station_id_transaction_id_key" ON "charge_operation"("env", "operator_id", "station_id", "transaction_id");

-- CreateIndex
CREATE INDEX "load_curve_station_id_start_at_idx" ON "load_curve"("station_id", "start_at");

-- CreateIndex
CREATE UNIQUE INDEX "load_curve_env_operator_id_station_id_transaction_id_key" ON "load_curve"("env", "operator_id", "station_id", "transaction_id");

-- CreateIndex
CREATE INDEX "submission_operator_id_received_at_idx" ON "submission"("operator_id", "received_at");

-- CreateIndex
CREATE INDEX "audit_log_target_type_target_id_idx" ON "audit_log"("target_type", "target_id");

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_beneficiary_id_fkey" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiary"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_credential" ADD CONSTRAINT "api_credential_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dossier" ADD CONSTRAINT "dossier_beneficiary_id_fkey" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiary"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dossier" ADD CONSTRAINT "dossier_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attestation" ADD CONSTRAINT "attestation_dossier_id_fkey" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "station" ADD CONSTRAINT "station_dossier_id_fkey" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "station" ADD CONSTRAINT "station_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "charge_point" ADD CONSTRAINT "charge_point_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "station"("id") ON DELETE CASCADE ON UPDATE CASCADE;
