/*
  Warnings:

  - You are about to drop the column `bucket` on the `indicator_value` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "indicator_value" DROP COLUMN "bucket",
ADD COLUMN     "series" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[];
