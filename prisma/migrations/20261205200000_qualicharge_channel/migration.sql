-- The second door (issue 17, ADR 0019): QualiCharge's API v1 writes into the core.
--  * every charge, load curve and journal row records the door it came through (ADR 0015);
--  * a station may exist without a dossier (declared by an operator's QualiCharge client): such a
--    station is in the core, not in the programme's indicators (stationMeshSql joins dossier);
--  * machine accounts of QualiCharge (API users, groups, operational units);
--  * every declaration of a charge point's static data, by whichever door;
--  * statuses: a history partitioned by month (created ahead by the scheduler) and the latest
--    status of each point.
-- Distribution key of the large tables (docs/scaling.md): station_id, in every primary key and
-- unique constraint of charge_operation, load_curve, status_event and charge_point_status.

CREATE TYPE "Door" AS ENUM ('ADVENIR', 'QUALICHARGE', 'GIREVE');

ALTER TABLE "charge_operation" ADD COLUMN "door" "Door" NOT NULL DEFAULT 'ADVENIR';
ALTER TABLE "charge_operation" ADD COLUMN "charge_point_id" UUID;
-- The id QualiCharge answers for a session (derived from its natural key, so a resent session keeps it).
ALTER TABLE "charge_operation" ADD COLUMN "session_id" UUID;
CREATE INDEX "charge_operation_session_id_idx" ON "charge_operation" ("session_id") WHERE "session_id" IS NOT NULL;
CREATE INDEX "charge_operation_charge_point_id_idx" ON "charge_operation" ("charge_point_id", "start_at") WHERE "charge_point_id" IS NOT NULL;
ALTER TABLE "load_curve" ADD COLUMN "door" "Door" NOT NULL DEFAULT 'ADVENIR';
ALTER TABLE "submission" ADD COLUMN "door" "Door" NOT NULL DEFAULT 'ADVENIR';
ALTER TABLE "submission" ADD COLUMN "api_user_id" UUID;

-- A station declared by an operator's API alone has no dossier (and so no collection channel).
ALTER TABLE "station" ALTER COLUMN "dossier_id" DROP NOT NULL;
ALTER TABLE "station" ALTER COLUMN "channel" DROP NOT NULL;
-- QualiCharge's DELETE decommissions softly; /up recommissions.
ALTER TABLE "station" ADD COLUMN "decommissioned_at" TIMESTAMPTZ(3);
ALTER TABLE "charge_point" ADD COLUMN "decommissioned_at" TIMESTAMPTZ(3);
ALTER TABLE "charge_point" ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now();

-- A station attached to (or detached from) a dossier enters (or leaves) the indicators.
DROP TRIGGER "energy_station_update" ON "station";
CREATE TRIGGER energy_station_update AFTER UPDATE OF "insee_code", "channel", "dossier_id" ON "station"
  FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_everything();

-- Machine accounts of the QualiCharge API (OAuth2 password flow, JWT).
CREATE TABLE "api_user" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "first_name" TEXT NOT NULL DEFAULT '',
    "last_name" TEXT NOT NULL DEFAULT '',
    "password_hash" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "is_superuser" BOOLEAN NOT NULL DEFAULT false,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "operator_id" UUID,
    "env" "DataEnv" NOT NULL DEFAULT 'production',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMPTZ(3),
    "password_changed_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_user_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_user_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "api_user_username_key" ON "api_user"("username");
CREATE UNIQUE INDEX "api_user_email_key" ON "api_user"("email");

CREATE TABLE "api_group" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "operator_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_group_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_group_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "api_group_name_key" ON "api_group"("name");

-- An operational unit: the 5-character AFIREV prefix of eMI3 ids, held by one operator.
CREATE TABLE "operational_unit" (
    "code" VARCHAR(5) NOT NULL,
    "name" TEXT NOT NULL,
    "operator_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "operational_unit_pkey" PRIMARY KEY ("code"),
    CONSTRAINT "operational_unit_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "operational_unit_operator_id_idx" ON "operational_unit"("operator_id");

CREATE TABLE "api_user_group" (
    "user_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    CONSTRAINT "api_user_group_pkey" PRIMARY KEY ("user_id", "group_id"),
    CONSTRAINT "api_user_group_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "api_user"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "api_user_group_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "api_group"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "api_group_unit" (
    "group_id" UUID NOT NULL,
    "unit_code" VARCHAR(5) NOT NULL,
    CONSTRAINT "api_group_unit_pkey" PRIMARY KEY ("group_id", "unit_code"),
    CONSTRAINT "api_group_unit_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "api_group"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "api_group_unit_unit_code_fkey" FOREIGN KEY ("unit_code") REFERENCES "operational_unit"("code") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Every declaration of a point's static data, by whichever door: who declared what, and when.
-- Two sources whose latest declarations differ are a conflict shown to the admin.
CREATE TABLE "charge_point_declaration" (
    "id" BIGSERIAL NOT NULL,
    "charge_point_id" UUID NOT NULL,
    "door" "Door" NOT NULL,
    -- "api:<username>" for the QualiCharge API, "dossier:<reference>" for a beneficiary's dossier.
    "source" TEXT NOT NULL,
    "api_user_id" UUID,
    "dossier_id" UUID,
    "declared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" JSONB NOT NULL,
    "data_sha256" TEXT NOT NULL,
    CONSTRAINT "charge_point_declaration_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "charge_point_declaration_charge_point_id_fkey" FOREIGN KEY ("charge_point_id") REFERENCES "charge_point"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "charge_point_declaration_point_idx" ON "charge_point_declaration"("charge_point_id", "source", "declared_at");

-- Status history, partitioned by month of horodatage (status_event_yYYYYmMM), created ahead by
-- the scheduler (ensure_status_partitions). Primary key led by the distribution key.
CREATE TABLE "status_event" (
    "station_id" UUID NOT NULL,
    "charge_point_id" UUID NOT NULL,
    "horodatage" TIMESTAMPTZ(3) NOT NULL,
    "id" UUID NOT NULL,
    "door" "Door" NOT NULL,
    "env" "DataEnv" NOT NULL DEFAULT 'production',
    "etat_pdc" TEXT NOT NULL,
    "occupation_pdc" TEXT NOT NULL,
    "etat_prise_type_2" TEXT,
    "etat_prise_type_combo_ccs" TEXT,
    "etat_prise_type_chademo" TEXT,
    "etat_prise_type_ef" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submission_id" BIGINT,
    CONSTRAINT "status_event_pkey" PRIMARY KEY ("station_id", "charge_point_id", "horodatage", "id")
) PARTITION BY RANGE ("horodatage");
CREATE INDEX "status_event_point_idx" ON "status_event" ("charge_point_id", "horodatage");

-- Creates the monthly partitions of status_event covering [first month, first month + months).
CREATE FUNCTION ensure_status_partitions(first_month DATE, months INT) RETURNS INT LANGUAGE plpgsql AS $$
DECLARE
  m DATE := date_trunc('month', first_month)::date;
  created INT := 0;
  name TEXT;
BEGIN
  FOR i IN 1..months LOOP
    name := format('status_event_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'));
    IF to_regclass(name) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF status_event FOR VALUES FROM (%L) TO (%L)',
                     name, (m::timestamp AT TIME ZONE 'UTC'), ((m + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
      created := created + 1;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
  RETURN created;
END $$;

-- From 2024 (QualiCharge's floor for statuses) to three months ahead; the scheduler keeps ahead.
SELECT ensure_status_partitions(DATE '2024-01-01',
  ((extract(year FROM now())::int - 2024) * 12 + extract(month FROM now())::int + 3));

-- The latest status of each point (greatest horodatage; ADR 0019), kept current by every write.
CREATE TABLE "charge_point_status" (
    "station_id" UUID NOT NULL,
    "charge_point_id" UUID NOT NULL,
    "status_id" UUID NOT NULL,
    "horodatage" TIMESTAMPTZ(3) NOT NULL,
    "door" "Door" NOT NULL,
    "etat_pdc" TEXT NOT NULL,
    "occupation_pdc" TEXT NOT NULL,
    "etat_prise_type_2" TEXT,
    "etat_prise_type_combo_ccs" TEXT,
    "etat_prise_type_chademo" TEXT,
    "etat_prise_type_ef" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "charge_point_status_pkey" PRIMARY KEY ("station_id", "charge_point_id")
);
CREATE INDEX "charge_point_status_point_idx" ON "charge_point_status" ("charge_point_id");
