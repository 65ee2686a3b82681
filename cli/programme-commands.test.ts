import { describe, expect, it } from "vitest";
import { cli } from "@/tests/support/cli/run-cli";

// On the shared test database only the preview and the refusals run: a real purge would empty
// the tables of every other test file (lib/programme/purge-individual-data.test.ts has its own).
delete process.env.PROGRAMME_END_DATE;

describe("individual-data:purge", () => {
  it("without --confirm, shows what would be deleted and deletes nothing", async () => {
    const r = await cli(["individual-data:purge"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Fin du programme : non configurée (PROGRAMME_END_DATE).");
    expect(r.out).toMatch(/opérations de recharge : \d/);
  });

  it("refuses a wrong phrase, naming the option", async () => {
    const r = await cli(["individual-data:purge", "--confirm", "oui"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("--confirm : recopiez exactement « PURGER LES DONNÉES INDIVIDUELLES »");
  });

  it("refuses to purge while the end of the programme is not configured", async () => {
    const r = await cli(["donnees-individuelles:purger", "--confirm", "PURGER LES DONNÉES INDIVIDUELLES"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("La date de fin du programme n'est pas configurée (PROGRAMME_END_DATE)");
  });
});
