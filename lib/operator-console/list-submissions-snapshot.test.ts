import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { db, rawSql } from "@/lib/platform/db/database";
import { makeOperator } from "@/cli/demo/factories";
import { listSubmissions } from "@/lib/operator-console/list-submissions";
import { submissionFiltersSchema } from "@/lib/schemas/operator-console";

// The operator's live list (components/operator/live-submissions.tsx) shows the count and the rows
// of one answer: a call journaled while the list is read must be in both or in neither. Another
// connection is needed to journal in between, so PostgreSQL only (PGlite has one connection).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

async function journal(operatorId: string) {
  await (
    await rawSql()
  ).query(
    `INSERT INTO submission (door, env, operator_id, endpoint, method, received_at, http_status, outcome, received, stored)
     VALUES ('ADVENIR', 'production', $1::uuid, '/api/operation/put', 'PUT', now(), 200, 'OK', 1, 1)`,
    [operatorId],
  );
}

describe("the operator's list of submissions", () => {
  it.skipIf(!onPostgres)("counts exactly the rows it lists when a call is journaled between its count and its page", async () => {
    const operator = await makeOperator();
    await journal(operator.id);
    // A client whose count, once done, lets another connection journal a call before the page is read.
    const racing = (await db()).$extends({
      query: {
        submission: {
          async count({ args, query }) {
            const n = await query(args);
            await journal(operator.id);
            return n;
          },
        },
      },
    }) as unknown as PrismaClient;
    const list = await listSubmissions({ operatorId: operator.id, filters: submissionFiltersSchema.parse({}) }, { prisma: racing });
    expect(list.total).toBe(1);
    expect(list.items).toHaveLength(1);
    // The call journaled meanwhile is there on the next reading, in both.
    const next = await listSubmissions({ operatorId: operator.id, filters: submissionFiltersSchema.parse({}) });
    expect(next.total).toBe(2);
    expect(next.items).toHaveLength(2);
  });
});
