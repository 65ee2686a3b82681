-- The journal's raw bodies are stored gzip-compressed already (lib/channels/advenir/record-submission.ts):
-- PostgreSQL's own compression of the column (pglz) only tries, and fails, on every large body
-- (20 of the 40 ms of inserting a 50,000-operation body's 0.9 MB). EXTERNAL keeps it out of line,
-- uncompressed by the database. Rows already stored are left as they are.
ALTER TABLE "submission" ALTER COLUMN "raw_body" SET STORAGE EXTERNAL;
