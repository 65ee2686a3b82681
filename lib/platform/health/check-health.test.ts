import { mkdtemp, mkdir, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/platform/health/check-health";
import { MIGRATIONS_DIR } from "@/lib/platform/db/migrate";

describe("checkHealth", () => {
  it("is OK when the database answers and every migration is applied", async () => {
    expect(await checkHealth()).toEqual({ ok: true, database: "joignable", pendingMigrations: [] });
  });

  it("reports a migration present on disk but not applied", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await mkdir(path.join(dir, "29991231000000_future"));
    const health = await checkHealth({ migrationsDir: dir });
    expect(health.ok).toBe(false);
    expect(health.pendingMigrations).toEqual(["29991231000000_future"]);
  });
});
