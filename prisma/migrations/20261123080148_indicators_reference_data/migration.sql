-- CreateTable
CREATE TABLE "carbon_series" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "licence" TEXT NOT NULL,
    "attribution" TEXT NOT NULL DEFAULT '',
    "format" TEXT NOT NULL,
    "covers_from" TIMESTAMPTZ(0),
    "covers_to" TIMESTAMPTZ(0),
    "hour_count" INTEGER NOT NULL DEFAULT 0,
    "gaps" JSONB NOT NULL DEFAULT '[]',
    "file_sha256" TEXT NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "imported_by" TEXT NOT NULL,

    CONSTRAINT "carbon_series_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "carbon_intensity" (
    "series_id" INTEGER NOT NULL,
    "hour_start" TIMESTAMPTZ(0) NOT NULL,
    "g_per_kwh" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "carbon_intensity_pkey" PRIMARY KEY ("series_id","hour_start")
);

-- CreateTable
CREATE TABLE "region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "departement" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,

    CONSTRAINT "departement_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "commune" (
    "insee_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "departement_code" TEXT NOT NULL,

    CONSTRAINT "commune_pkey" PRIMARY KEY ("insee_code")
);

-- CreateTable
CREATE TABLE "indicator_run" (
    "id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "computed_by" TEXT NOT NULL,
    "period_from" TIMESTAMPTZ(0) NOT NULL,
    "period_to" TIMESTAMPTZ(0) NOT NULL,
    "series_id" INTEGER,
    "scope" TEXT NOT NULL,
    "mesh_levels" TEXT[],
    "period_kinds" TEXT[],
    "anon_min_stations" INTEGER NOT NULL,
    "anon_min_beneficiaries" INTEGER NOT NULL,
    "cell_count" INTEGER NOT NULL DEFAULT 0,
    "withheld_count" INTEGER NOT NULL DEFAULT 0,
    "duration_ms" INTEGER NOT NULL DEFAULT 0,
    "carbon_gap_hours" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "indicator_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator_value" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "mesh_level" TEXT NOT NULL,
    "mesh_code" TEXT NOT NULL,
    "period_kind" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL DEFAULT -1,
    "value" DOUBLE PRECISION,
    "stations_reporting" INTEGER NOT NULL,
    "stations_registered" INTEGER NOT NULL,
    "energy_wh" DOUBLE PRECISION NOT NULL,
    "charge_count" INTEGER NOT NULL,
    "distinct_stations" INTEGER NOT NULL,
    "distinct_beneficiaries" INTEGER NOT NULL,
    "withheld" BOOLEAN NOT NULL,
    "withheld_reason" TEXT,
    "series_id" INTEGER,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "indicator_value_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "carbon_series_name_version_key" ON "carbon_series"("name", "version");

-- CreateIndex
CREATE INDEX "departement_region_code_idx" ON "departement"("region_code");

-- CreateIndex
CREATE INDEX "commune_departement_code_idx" ON "commune"("departement_code");

-- CreateIndex
CREATE INDEX "indicator_run_scope_finished_at_idx" ON "indicator_run"("scope", "finished_at");

-- CreateIndex
CREATE INDEX "indicator_value_run_id_mesh_level_period_kind_indicator_cod_idx" ON "indicator_value"("run_id", "mesh_level", "period_kind", "indicator_code");

-- AddForeignKey
ALTER TABLE "carbon_intensity" ADD CONSTRAINT "carbon_intensity_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "carbon_series"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "departement" ADD CONSTRAINT "departement_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commune" ADD CONSTRAINT "commune_departement_code_fkey" FOREIGN KEY ("departement_code") REFERENCES "departement"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "indicator_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
