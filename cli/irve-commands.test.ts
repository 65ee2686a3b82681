import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "@/tests/support/cli/run-cli";
import { makeDossier, uniqueSuffix } from "@/cli/demo/factories";

const example = readFileSync(path.join(process.cwd(), "lib/irve/fixtures/exemple-statique.csv"), "utf8");

describe("irve CLI commands", () => {
  it("imports all or nothing, then the valid rows only, and exports them", async () => {
    const dossier = await makeDossier({ channel: "GIREVE", signed: true });
    const code = uniqueSuffix().slice(0, 3).toUpperCase();
    const dir = mkdtempSync(path.join(tmpdir(), "irve-cli-"));
    const file = path.join(dir, "points.csv");
    writeFileSync(file, example.replaceAll("FRA68P68021001", `FR${code}P1`).replaceAll("FRA68E680210015", `FR${code}E1`));

    const refused = await cli(["irve:import", "--dossier", dossier.reference, "--file", file]);
    expect(refused.code).toBe(1);
    // A refused import reports on standard error.
    expect(refused.err).toContain("Rien n'a été enregistré.");
    expect(refused.err).toContain("ligne 3, id_station_itinerance");

    const stored = await cli(["irve:import", "--dossier", dossier.reference, "--file", file, "--valid-only"]);
    expect(stored.code).toBe(0);
    expect(stored.out).toContain("Enregistré : 1 point(s) créé(s)");

    const output = path.join(dir, "export.csv");
    const exported = await cli(["irve:export", "--dossier", dossier.reference, "--output", output]);
    expect(exported.out).toBe(`1 point(s) exporté(s) dans ${output}.`);
    expect(readFileSync(output, "utf8")).toContain(`FR${code}E1`);
  });

  it("refuses an unreadable file with a usage error", async () => {
    const r = await cli(["irve:import", "--dossier", "X", "--file", "/chemin/inexistant.csv"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Fichier illisible : /chemin/inexistant.csv");
  });
});
