import { afterAll, beforeEach, afterEach } from "vitest";
import { assertLocalDatabase } from "@/tests/support/common/assert-local-database";

// Every test file runs on a real database: PostgreSQL when TEST_DATABASE_URL is set, else its
// own in-memory PGlite. Tests create their own data with unique ids (cli/demo/factories.ts)
// and never reset the database, so they can share one PostgreSQL database.
const url = process.env.TEST_DATABASE_URL || "pglite:memory://";
assertLocalDatabase(url);
process.env.DATABASE_URL = url;
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret";
process.env.QUALICHARGE_JWT_SECRET ??= "test-qualicharge-key-test-qualicharge-key-0123";
process.env.LOG_ERRORS = "false";

// An unexpected console.error fails the test that caused it.
let errors: unknown[][] = [];
const original = console.error;
beforeEach(() => {
  errors = [];
  console.error = (...args: unknown[]) => {
    errors.push(args);
    original(...args);
  };
});
afterEach(() => {
  console.error = original;
  if (errors.length > 0) throw new Error(`console.error inattendu : ${String(errors[0][0])}`);
});

afterAll(async () => {
  const { closeDb } = await import("@/lib/platform/db/database");
  await closeDb();
});
