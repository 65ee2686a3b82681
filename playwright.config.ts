import { defineConfig, devices } from "@playwright/test";
import { e2eDatabaseUrl } from "./e2e/support/e2e-database";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// Workers re-read this file with the runner's environment: create the database only once.
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? e2eDatabaseUrl();
process.env.DATABASE_URL = DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "e2e-secret-e2e-secret-e2e-secret";
process.env.QUALICHARGE_JWT_SECRET ??= "e2e-qualicharge-key-e2e-qualicharge-key-0123";

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // CI collects a JSON report for its closing summary (.ci/summary.mjs).
  reporter: process.env.CI_REPORT_DIR ? [["list"], ["json", { outputFile: `${process.env.CI_REPORT_DIR}/playwright.json` }]] : [["list"]],
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: { baseURL: BASE_URL, trace: "retain-on-failure" },
  projects: [
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    {
      name: "ui",
      testMatch: /ui\/.*\.spec\.ts/,
      use: {
        ...devices["Desktop Chrome"],
        locale: "fr-FR",
        timezoneId: "Europe/Paris",
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // `npm run test:e2e` builds first; start.ts migrates the fresh database and seeds the demo.
    command: "npx tsx cli/start.ts",
    url: `${BASE_URL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      DATABASE_URL,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      NEXTAUTH_URL: BASE_URL,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
      QUALICHARGE_JWT_SECRET: process.env.QUALICHARGE_JWT_SECRET,
      NEXT_TELEMETRY_DISABLED: "1",
      LOGIN_MAX_FAILURES: "5",
      // Tests make their own data: the demo accounts only, not the demo year of activity.
      SEED_DEMO_ACTIVITY: "0",
      // No daily jobs: the indicator recomputation (daily at 04:00, or at start-up when an occurrence
      // was missed) would replace the runs that the committee journeys read, in the middle of the suite.
      JOBS_DISABLED: "1",
      // A small body limit so that e2e/api can check the 413 cheaply (default 50 MB otherwise).
      API_MAX_BODY_BYTES: process.env.E2E_API_MAX_BODY_BYTES ?? String(4 * 1024 * 1024),
    },
  },
});
