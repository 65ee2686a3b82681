import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests. Integration tests run on a real database: an in-memory PGlite
// per test file by default, PostgreSQL when TEST_DATABASE_URL is set (see tests/support/common/setup.ts).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/support/common/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "cli/**/*.test.ts", "tests/**/*.test.ts", "bench/**/*.test.ts"],
    setupFiles: ["tests/support/common/setup.ts"],
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
