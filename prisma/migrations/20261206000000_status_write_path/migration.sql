-- Statuses are the hottest write of the portal (issue 17's benchmark): each status costs an insert
-- into the history and an update of the point's latest status. Two indexes no query uses go, and
-- the latest-status table leaves room in its pages so that its updates stay HOT (no index write).
--
-- 1. status_event_point_idx (charge_point_id, horodatage): every read of the history is led by
--    the point's (station_id, charge_point_id), the primary key's prefix (read-status-history.ts).
--    One index less per status written, and about a third of the history's bytes on disk.
DROP INDEX IF EXISTS "status_event_point_idx";

-- 2. charge_point_status_point_idx (charge_point_id): every read and write of the latest status
--    goes through the primary key (station_id, charge_point_id, env).
DROP INDEX IF EXISTS "charge_point_status_point_idx";

-- 3. One row per point and environment, updated in place at every status: with free space in its
--    page, PostgreSQL updates it without touching the primary key (a HOT update).
ALTER TABLE "charge_point_status" SET (fillfactor = 50);
