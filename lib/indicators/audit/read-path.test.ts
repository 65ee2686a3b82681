import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The auditor (anonymity-audit*.test.ts) reads what a comité member can read through readCells,
// the read path of the pages, the APIs and the map. It keeps guarding only while nothing else
// reads the stored figures: a page or API that queried indicator_value on its own could show
// what the auditor never saw (a withheld value, a replaced run). Only these modules may touch the
// table; a new one must go through readCells, or teach the auditor what it reads.
const ALLOWED = new Set([
  "lib/indicators/read-cells.ts", // the committee's read path (withheld figures nulled in SQL, published runs only)
  "lib/indicators/list-periods.ts", // periods and areas for the selectors, through the same publication rule
  "lib/indicators/sql/run-statements.ts", // writes runs
  "lib/indicators/sql/revisions.ts", // writes revisions
  "lib/programme/delete-withheld-figures.ts", // the purge
  "lib/indicators/audit/read-everything.ts", // the auditor's oracle (true values of withheld cells, test only)
  // Reading no value: which periods a run holds and how many published (NOT withheld) figures it
  // revised, for the committee's home; which published months a recomputation would empty (admin).
  "lib/indicators/get-committee-home.ts",
  "lib/indicators/recompute-plan.ts",
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
  });
}

describe("the committee's figures have one read path", () => {
  it("only the allowed modules query indicator_value", () => {
    const root = process.cwd();
    const readers = ["app", "components", "lib", "cli"]
      .flatMap((d) => files(path.join(root, d)))
      .filter((f) => /indicator_value|indicatorValue/.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f));
    expect(readers.filter((f) => !ALLOWED.has(f))).toEqual([]);
    expect(readers.length).toBeGreaterThanOrEqual(5);
  });
});
