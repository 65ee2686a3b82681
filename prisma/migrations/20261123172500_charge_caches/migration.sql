-- What indicator runs read instead of a year of charges, kept exact: energy per département or
-- région and half-hour, transactions per station and month (lib/indicators/charge-caches.ts,
-- docs/decisions/0006-charge-caches.md).

-- CreateTable
CREATE TABLE "energy_dep_slot" (
    "dep_code" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "a" DOUBLE PRECISION NOT NULL,
    "g" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "energy_dep_slot_pkey" PRIMARY KEY ("dep_code","slot")
);

-- CreateTable
CREATE TABLE "energy_reg_slot" (
    "reg_code" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "a" DOUBLE PRECISION NOT NULL,
    "g" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "energy_reg_slot_pkey" PRIMARY KEY ("reg_code","slot")
);

-- CreateTable
CREATE TABLE "charge_station_month" (
    "station_id" UUID NOT NULL,
    "month_start" DATE NOT NULL,
    "charges" INTEGER NOT NULL,

    CONSTRAINT "charge_station_month_pkey" PRIMARY KEY ("station_id","month_start")
);

-- CreateTable
CREATE TABLE "energy_dirty" (
    "id" BIGSERIAL NOT NULL,
    "station_id" UUID,
    "k0" INTEGER,
    "k1" INTEGER,

    CONSTRAINT "energy_dirty_pkey" PRIMARY KEY ("id")
);

-- Changed production charge data marks its station and the half-hours [k0, k1) it touches, once
-- per statement and station (a body of a thousand operations writes a few rows here). Sandbox
-- data never counts. Marks are plain inserts: concurrent requests never wait on each other here.
CREATE FUNCTION energy_mark_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO energy_dirty (station_id, k0, k1)
    SELECT station_id, floor(extract(epoch FROM min(start_at)) / 1800)::int, floor(extract(epoch FROM max(stop_at)) / 1800)::int + 1
      FROM new_rows WHERE env = 'production' GROUP BY station_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO energy_dirty (station_id, k0, k1)
    SELECT station_id, floor(extract(epoch FROM min(start_at)) / 1800)::int, floor(extract(epoch FROM max(stop_at)) / 1800)::int + 1
      FROM old_rows WHERE env = 'production' GROUP BY station_id;
  END IF;
  RETURN NULL;
END $$;

-- Everything must be recomputed: a station moved or left, the commune → département mapping
-- changed, or charge data was truncated.
CREATE FUNCTION energy_mark_everything() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO energy_dirty (station_id, k0, k1) VALUES (NULL, NULL, NULL);
  RETURN NULL;
END $$;

-- A station registered after data was sent for it: its data now counts.
CREATE FUNCTION energy_mark_new_stations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO energy_dirty (station_id, k0, k1)
  SELECT x.station_id, min(x.k0), max(x.k1)
    FROM (SELECT o.station_id, floor(extract(epoch FROM min(o.start_at)) / 1800)::int AS k0,
                 floor(extract(epoch FROM max(o.stop_at)) / 1800)::int + 1 AS k1
            FROM charge_operation o JOIN new_rows n ON n.id = o.station_id
           WHERE o.env = 'production' GROUP BY o.station_id
          UNION ALL
          SELECT c.station_id, floor(extract(epoch FROM min(c.start_at)) / 1800)::int,
                 floor(extract(epoch FROM max(c.stop_at)) / 1800)::int + 1
            FROM load_curve c JOIN new_rows n ON n.id = c.station_id
           WHERE c.env = 'production' GROUP BY c.station_id) x
   GROUP BY x.station_id;
  RETURN NULL;
END $$;

CREATE TRIGGER energy_operation_insert AFTER INSERT ON "charge_operation"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_rows();
CREATE TRIGGER energy_operation_update AFTER UPDATE ON "charge_operation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_rows();
CREATE TRIGGER energy_operation_delete AFTER DELETE ON "charge_operation"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_rows();
CREATE TRIGGER energy_operation_truncate AFTER TRUNCATE ON "charge_operation"
  FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_everything();

CREATE TRIGGER energy_curve_insert AFTER INSERT ON "load_curve"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_rows();
CREATE TRIGGER energy_curve_update AFTER UPDATE ON "load_curve"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_rows();
CREATE TRIGGER energy_curve_delete AFTER DELETE ON "load_curve"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_rows();
CREATE TRIGGER energy_curve_truncate AFTER TRUNCATE ON "load_curve"
  FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_everything();

CREATE TRIGGER energy_station_insert AFTER INSERT ON "station"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_new_stations();
CREATE TRIGGER energy_station_update AFTER UPDATE OF "insee_code", "channel" ON "station"
  FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_everything();
CREATE TRIGGER energy_station_delete AFTER DELETE OR TRUNCATE ON "station"
  FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_everything();

CREATE TRIGGER energy_commune_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "commune"
  FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_everything();
CREATE TRIGGER energy_departement_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "departement"
  FOR EACH STATEMENT EXECUTE FUNCTION energy_mark_everything();

-- Data already stored: the first run builds the caches.
INSERT INTO energy_dirty (station_id, k0, k1) VALUES (NULL, NULL, NULL);
