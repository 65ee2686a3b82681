-- The generation of the charge points' identities (lib/statuses/remembered-points.ts): a status
-- bulk resolves each id_pdc_itinerance to its point and station, and a server remembers what it
-- resolved together with this value. The value changes in the same transaction as any change
-- to what a point resolves to (its station, its id_pdc_itinerance, its decommissioning, its
-- deletion), so a write that reads the value it remembered, in its own snapshot, knows that
-- what it remembered still holds; otherwise it resolves every point again.
-- Started at random: a database created again (tests, a restored dump) never matches what a
-- server remembered of another one.
CREATE TABLE "charge_point_generation" (
    "singleton" BOOLEAN PRIMARY KEY DEFAULT true CHECK ("singleton"),
    "value" BIGINT NOT NULL
);
INSERT INTO "charge_point_generation" ("value") VALUES (floor(random() * 1e15)::bigint);

-- Once per transaction, however many points it changes (a flag local to the transaction).
CREATE FUNCTION bump_charge_point_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('advenir.charge_point_generation_bumped', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('advenir.charge_point_generation_bumped', 'on', true);
  UPDATE charge_point_generation SET value = value + 1;
  RETURN NULL;
END $$;

-- Deferred to the commit: the counter's row is locked last, when the transaction waits for no
-- other lock, so two transactions changing points never deadlock on it.
CREATE CONSTRAINT TRIGGER "charge_point_generation_update" AFTER UPDATE ON "charge_point"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.station_id IS DISTINCT FROM NEW.station_id OR OLD.id_pdc_itinerance IS DISTINCT FROM NEW.id_pdc_itinerance
        OR OLD.decommissioned_at IS DISTINCT FROM NEW.decommissioned_at OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION bump_charge_point_generation();
CREATE CONSTRAINT TRIGGER "charge_point_generation_delete" AFTER DELETE ON "charge_point"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  EXECUTE FUNCTION bump_charge_point_generation();
CREATE TRIGGER "charge_point_generation_truncate" AFTER TRUNCATE ON "charge_point"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_charge_point_generation();
