import type { SqlExecutor } from "@/lib/platform/db/migrate";

// Bound SQL (docs/decisions/0016-bound-sql.md). `sql` is a tagged template: the text written in
// the code is the statement, every `${value}` becomes a parameter ($1…$n) sent apart from the
// text, and a nested fragment is spliced in with its own parameters renumbered. Nothing from
// outside the code reaches the text, except identifiers checked by sql.identifier and finite
// numbers by sql.constant.

type Part = { text: string } | { value: unknown };

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export class SqlFragment {
  /** Text and values in order; nested fragments are flattened when they are built. */
  readonly parts: readonly Part[];

  constructor(parts: readonly Part[]) {
    this.parts = parts;
  }

  /** The statement with $1…$n placeholders, numbered in the order of the values. */
  get text(): string {
    let n = 0;
    return this.parts.map((p) => ("text" in p ? p.text : `$${++n}`)).join("");
  }

  get values(): unknown[] {
    return this.parts.flatMap((p) => ("value" in p ? [p.value] : []));
  }

  /** True when the fragment holds neither text nor values (sql.empty, sql.join of nothing). */
  get isEmpty(): boolean {
    return this.parts.every((p) => "text" in p && p.text === "");
  }
}

function build(strings: TemplateStringsArray | readonly string[], values: readonly unknown[]): SqlFragment {
  const parts: Part[] = [];
  strings.forEach((s, i) => {
    if (s) parts.push({ text: s });
    if (i >= values.length) return;
    const v = values[i];
    if (v instanceof SqlFragment) parts.push(...v.parts);
    else parts.push({ value: v });
  });
  return new SqlFragment(parts);
}

interface Sql {
  (strings: TemplateStringsArray, ...values: unknown[]): SqlFragment;
  /** A table, column or alias name; `a.b` is given as two arguments. Anything else is refused. */
  identifier(...names: string[]): SqlFragment;
  /** A number defined in the code (a slot length, a threshold constant), written as text. */
  constant(n: number): SqlFragment;
  /** Fragments one after the other, separated by `separator` (", " by default). */
  join(fragments: readonly SqlFragment[], separator?: SqlFragment): SqlFragment;
  /** Nothing: for an optional clause (`cond ? sql\`AND …\` : sql.empty`). */
  empty: SqlFragment;
}

export const sql: Sql = Object.assign((strings: TemplateStringsArray, ...values: unknown[]) => build(strings, values), {
  identifier(...names: string[]): SqlFragment {
    if (names.length === 0) throw new Error("sql.identifier : aucun nom");
    for (const name of names) {
      if (typeof name !== "string" || !IDENTIFIER.test(name)) throw new Error(`sql.identifier : nom refusé ${JSON.stringify(name)}`);
    }
    return new SqlFragment([{ text: names.join(".") }]);
  },
  constant(n: number): SqlFragment {
    if (typeof n !== "number" || !Number.isFinite(n)) throw new Error(`sql.constant : nombre refusé ${String(n)}`);
    return new SqlFragment([{ text: String(n) }]);
  },
  join(fragments: readonly SqlFragment[], separator: SqlFragment = new SqlFragment([{ text: ", " }])): SqlFragment {
    const parts: Part[] = [];
    fragments.forEach((f, i) => {
      if (i > 0) parts.push(...separator.parts);
      parts.push(...f.parts);
    });
    return new SqlFragment(parts);
  },
  empty: new SqlFragment([]),
});

/** What runs raw SQL through Prisma: the client or a transaction's client. */
export interface PrismaRaw {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/** A Prisma client or transaction that can read rows (queryRows). */
export type RawQueryClient = Pick<PrismaRaw, "$queryRawUnsafe">;

// The only calls to Prisma's *Unsafe methods: they receive the fragment's text, which holds
// placeholders only, and its values as bound parameters.

/** Rows of a query, through Prisma (the client or a transaction). */
export function queryRows<T>(client: RawQueryClient, q: SqlFragment): Promise<T[]> {
  return client.$queryRawUnsafe<T[]>(q.text, ...q.values);
}

/** Number of rows a statement changed, through Prisma. */
export function execute(client: Pick<PrismaRaw, "$executeRawUnsafe">, q: SqlFragment): Promise<number> {
  return client.$executeRawUnsafe(q.text, ...q.values);
}

/** Rows of a query through the plain executor (pg or PGlite); `name` prepares it on PostgreSQL. */
export function queryExecutor<T>(executor: Pick<SqlExecutor, "query">, q: SqlFragment, options?: { name?: string }): Promise<T[]> {
  return executor.query<T>(q.text, q.values, options);
}

/**
 * The statement as a reviewer reads it: the text, then one comment line per parameter with its
 * value. For logs and the run's snapshot (lib/indicators/sql/run-sql.test.ts), never to execute.
 */
export function describeSql(q: SqlFragment): string {
  const values = q.values.map((v, i) => `-- $${i + 1} = ${JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x))}`);
  return [q.text.trim(), ...values].join("\n");
}
