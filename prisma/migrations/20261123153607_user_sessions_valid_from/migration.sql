-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "sessions_valid_from" TIMESTAMPTZ(3);
