import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "@/tests/support/cli/run-cli";

const fixtures = path.join(process.cwd(), "lib/carbon/fixtures");
const rte = path.join(
  fixtures,
  readdirSync(fixtures).find((f) => f.includes("rte"))!,
);

describe("indicator CLI commands", () => {
  it("imports an RTE eCO2mix month as a new series version", async () => {
    const r = await cli(["carbon:import", "--file", rte, "--name", `rte-test-${Date.now()}`]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Série rte-test-\d+ importée \(format rte_eco2mix\) : \d+ ligne\(s\) lue\(s\)/);
  });

  // No successful full computation here: it would become the "latest run" that other test
  // files read on the shared database (the engine's own tests cover the computation).
  it("refuses a reversed range in French, naming the option", async () => {
    const r = await cli(["indicators:compute", "--from", "2023-05", "--to", "2023-01"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("--to : fin avant le début");
  });
});
