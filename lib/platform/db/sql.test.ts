import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/lib/platform/db/database";
import { describeSql, execute, queryExecutor, queryRows, sql } from "@/lib/platform/db/sql";

describe("sql template", () => {
  it("numbers placeholders in order through nested fragments and joins", () => {
    const inner = sql`b = ${2} AND c = ${3}`;
    const list = sql.join([sql`${4}`, sql`${5}`]);
    const q = sql`SELECT 1 WHERE a = ${1} AND ${inner} AND d IN (${list}) AND e = ${6}`;
    expect(q.text).toBe("SELECT 1 WHERE a = $1 AND b = $2 AND c = $3 AND d IN ($4, $5) AND e = $6");
    expect(q.values).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("renumbers a fragment reused twice and keeps its values in each place", () => {
    const day = sql`${"2024-01-01"}::date`;
    const q = sql`SELECT ${day} AS a, ${"x"} AS b, ${day} AS c`;
    expect(q.text).toBe("SELECT $1::date AS a, $2 AS b, $3::date AS c");
    expect(q.values).toEqual(["2024-01-01", "x", "2024-01-01"]);
  });

  it("keeps a value that looks like SQL out of the text", () => {
    const hostile = "'); DROP TABLE users; --";
    const q = sql`SELECT * FROM t WHERE name = ${hostile}`;
    expect(q.text).toBe("SELECT * FROM t WHERE name = $1");
    expect(q.values).toEqual([hostile]);
  });

  it("binds arrays as one parameter", () => {
    const ids = [randomUUID(), randomUUID()];
    const q = sql`SELECT 1 WHERE id = ANY(${ids}::uuid[])`;
    expect(q.text).toBe("SELECT 1 WHERE id = ANY($1::uuid[])");
    expect(q.values).toEqual([ids]);
  });

  it("accepts checked identifiers and refuses anything else", () => {
    expect(sql`SELECT ${sql.identifier("st", "leaf_idx")} FROM ${sql.identifier("ix_station")}`.text).toBe("SELECT st.leaf_idx FROM ix_station");
    for (const bad of ["", "Leaf", "a-b", "a b", "1a", 'a"; DROP TABLE t; --', "a.b"]) expect(() => sql.identifier(bad)).toThrow(/nom refusé/);
    expect(() => sql.identifier()).toThrow(/aucun nom/);
  });

  it("writes finite numbers only as constants", () => {
    expect(sql`x / ${sql.constant(1800)}`.text).toBe("x / 1800");
    expect(sql`x * ${sql.constant(0.5)}`.text).toBe("x * 0.5");
    for (const bad of [NaN, Infinity, "1; DROP" as unknown as number]) expect(() => sql.constant(bad)).toThrow(/nombre refusé/);
  });

  it("has an empty fragment for optional clauses", () => {
    const q = sql`SELECT 1${sql.empty}${sql.join([])}`;
    expect(q.text).toBe("SELECT 1");
    expect(sql.empty.isEmpty).toBe(true);
    expect(sql`x`.isEmpty).toBe(false);
  });

  it("describes a statement with its values for review", () => {
    expect(describeSql(sql`  SELECT ${1}, ${"a"}, ${[1, 2]}, ${null}, ${5n}  `)).toBe(
      'SELECT $1, $2, $3, $4, $5\n-- $1 = 1\n-- $2 = "a"\n-- $3 = [1,2]\n-- $4 = null\n-- $5 = "5"',
    );
  });
});

describe("sql on the database", () => {
  const ids = [randomUUID(), randomUUID()];
  const q = sql`SELECT count(*)::int AS n, ${"x'y"}::text AS s, ${null}::int AS z FROM unnest(${ids}::uuid[]) u WHERE u = ANY(${ids}::uuid[])`;

  it("runs through Prisma with bound values", async () => {
    const prisma = await db();
    expect(await queryRows<{ n: number; s: string; z: number | null }>(prisma, q)).toEqual([{ n: 2, s: "x'y", z: null }]);
    // A random id matches no row: the statement ran with its uuid parameter and changed nothing.
    expect(await execute(prisma, sql`UPDATE app_user SET name = ${"x"} WHERE id = ${randomUUID()}::uuid`)).toBe(0);
  });

  it("runs through the plain executor with bound values", async () => {
    const executor = await rawSql();
    expect(await queryExecutor<{ n: number; s: string; z: number | null }>(executor, q)).toEqual([{ n: 2, s: "x'y", z: null }]);
    expect(await queryExecutor(executor, q, { name: "sql-test-prepared" })).toEqual([{ n: 2, s: "x'y", z: null }]);
  });
});
