import { describe, expect, it } from "vitest";
import { rawSql } from "@/lib/platform/db/database";

// Journal rows of reads commit without waiting for the disk (ADR 0020); every other statement
// keeps PostgreSQL's default. On PGlite (one in-process connection) the option changes nothing.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe("relaxed commits", () => {
  it("runs relaxed statements with synchronous_commit off, and never leaks it to the others", async () => {
    const sql = await rawSql();
    const show = async (relaxedCommit?: boolean) =>
      (await sql.query<{ synchronous_commit: string }>("SHOW synchronous_commit", [], { relaxedCommit }))[0].synchronous_commit;
    const relaxed = await Promise.all([show(true), show(true), show(true), show(true)]);
    const durable = await Promise.all([show(), show(false), show(), show(), show(), show()]);
    expect(durable).toEqual(Array(6).fill("on"));
    expect(relaxed).toEqual(Array(4).fill(onPostgres ? "off" : "on"));
  });
});
