import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests. Integration tests run on a real database: an in-memory PGlite
// per test file by default, PostgreSQL when TEST_DATABASE_URL is set (see lib/testing/setup.ts).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "bench/**/*.test.ts"],
    setupFiles: ["lib/testing/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // CI collects a JSON report of every run for its closing summary (.ci/summary.mjs).
    ...(process.env.CI_REPORT_DIR
      ? {
          reporters: ["default", "json"],
          outputFile: { json: `${process.env.CI_REPORT_DIR}/vitest-${process.env.CI_REPORT_SUFFIX ?? "run"}.json` },
        }
      : {}),
  },
});
