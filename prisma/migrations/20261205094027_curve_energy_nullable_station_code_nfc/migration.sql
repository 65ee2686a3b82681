-- A load curve whose cumulative index decreases with no single point to blame (two meters under
-- one TransactionID) has no energy: stored with the quality flag index_decroissant and a NULL
-- energy (docs/decisions/0007-implausible-is-not-impossible.md).
-- AlterTable
ALTER TABLE "load_curve" ALTER COLUMN "energy_wh" DROP NOT NULL;

-- StationIDs are compared in Unicode normalisation form C (lib/schemas/identifiers.ts): the data
-- API normalises what it receives, and registration now stores the NFC form. Codes registered
-- before in another form are brought to NFC, unless the operator already has that NFC code (two
-- stations that only differ by normalisation: left as they are, for an admin to resolve).
UPDATE "station" s
   SET "station_code" = normalize(s."station_code", NFC)
 WHERE s."station_code" IS NOT NFC NORMALIZED
   AND NOT EXISTS (
     SELECT 1 FROM "station" t
      WHERE t."operator_id" = s."operator_id" AND t."station_code" = normalize(s."station_code", NFC));
