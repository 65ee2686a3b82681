-- Electric TIRUERT statements (issue 20, lib/tiruert, docs/tiruert.md).

-- The share of renewable electricity in France by year (Eurostat SHARES, RES-E), reference data
-- edited by the admin (audited). A year without a row leaves the Q4 correction "en attente".
CREATE TABLE "tiruert_renewable_share" (
    "year" INTEGER NOT NULL,
    "share_percent" DECIMAL(5,2) NOT NULL,
    "source" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "tiruert_renewable_share_pkey" PRIMARY KEY ("year"),
    CONSTRAINT "tiruert_renewable_share_range_check" CHECK ("share_percent" >= 0 AND "share_percent" <= 100 AND "year" BETWEEN 2000 AND 2100)
);

-- A charge point an aménageur (SIREN) registered into the scheme, with the meter type it declared.
CREATE TABLE "tiruert_point" (
    "charge_point_id" UUID NOT NULL,
    "siren" TEXT NOT NULL,
    "meter_type" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "registered_by" TEXT NOT NULL,

    CONSTRAINT "tiruert_point_pkey" PRIMARY KEY ("charge_point_id"),
    CONSTRAINT "tiruert_point_siren_check" CHECK ("siren" ~ '^[0-9]{9}$')
);
CREATE INDEX "tiruert_point_siren_idx" ON "tiruert_point" ("siren");
ALTER TABLE "tiruert_point" ADD CONSTRAINT "tiruert_point_charge_point_id_fkey" FOREIGN KEY ("charge_point_id") REFERENCES "charge_point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A filed statement: one row per version, never updated (a correction is a new version). The
-- unique key makes a concurrent double filing of the same version store one row.
CREATE TABLE "tiruert_statement" (
    "id" UUID NOT NULL,
    "siren" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "energy_wh" BIGINT NOT NULL,
    "certified_wh" DECIMAL(20,2) NOT NULL,
    "filed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "filed_by" TEXT NOT NULL,
    "filed_by_user_id" UUID,

    CONSTRAINT "tiruert_statement_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tiruert_statement_quarter_check" CHECK ("quarter" BETWEEN 1 AND 4 AND "version" >= 1)
);
CREATE UNIQUE INDEX "tiruert_statement_siren_year_quarter_version_key" ON "tiruert_statement" ("siren", "year", "quarter", "version");

-- A filed version is locked in the database too: no UPDATE, whoever runs it (a correction is a
-- new row). Deleting stays possible (the end-of-programme purge, a tenant's removal).
CREATE FUNCTION tiruert_statement_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'tiruert_statement % is filed and cannot be changed: file a new version', OLD.id USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER "tiruert_statement_locked" BEFORE UPDATE ON "tiruert_statement" FOR EACH ROW EXECUTE FUNCTION tiruert_statement_locked();

-- A statement reads the production charges of its points ending in the quarter: one index range
-- per point (charges without a point, and sandbox rows, are not indexed).
CREATE INDEX "charge_operation_tiruert_point_stop_idx" ON "charge_operation" ("charge_point_id", "stop_at") WHERE "env" = 'production' AND "charge_point_id" IS NOT NULL;
