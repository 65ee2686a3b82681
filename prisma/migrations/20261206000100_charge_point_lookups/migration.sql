-- Two reads of QualiCharge's API scanned every charge point (150,000 at the national scale):
-- 1. GET /statique/: the points in service with static data of the user's operational units (the
--    id's first five characters), in id order, a page at a time (lib/charge-points/list-statiques.ts).
CREATE INDEX "charge_point_statique_unit_idx" ON "charge_point" (left("id_pdc_itinerance", 5), "id_pdc_itinerance")
  WHERE "irve" IS NOT NULL AND "decommissioned_at" IS NULL AND "withdrawn_at" IS NULL;

-- 2. GET /manage/station/siren/{siren}: the stations of an aménageur by the SIREN of their points'
--    static data (lib/charge-points/list-stations-by-siren.ts).
CREATE INDEX "charge_point_siren_idx" ON "charge_point" (("irve" ->> 'siren_amenageur')) WHERE "irve" IS NOT NULL;
