import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseIrveCsv } from "@/lib/irve/parse-irve-csv";
import { formatIrveCsv } from "@/lib/irve/format-irve-csv";
import { doublonsCsv, qualichargeCsv, sharedDataAvailable } from "@/tests/support/irve/qualicharge-csv";

const today = "2026-11-23";
// The schema's official example, except its code_insee_commune: the example gives the postal code
// 75001, which is no INSEE code (Paris 1er is 75101); the fixture carries 75101.
const example = readFileSync(path.join(import.meta.dirname, "fixtures", "exemple-statique.csv"), "utf8");

describe("parseIrveCsv", () => {
  it("reads the schema's official example: the first row valid, the second refused on both ids", async () => {
    const r = await parseIrveCsv(example, { today });
    expect(r.layout).toBe("schema");
    expect(r.rowCount).toBe(2);
    expect(r.valid.map((v) => v.line)).toEqual([2]);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "id_station_itinerance"],
      [3, "id_pdc_itinerance"],
    ]);
  });

  it("round-trips: the export of valid rows parses again to the same values", async () => {
    const first = await parseIrveCsv(example, { today });
    const again = await parseIrveCsv(formatIrveCsv(first.valid.map((v) => v.values)), { today });
    expect(again.errors).toEqual([]);
    expect(again.valid.map((v) => v.values)).toEqual(first.valid.map((v) => v.values));
  });

  it("refuses a file whose header lacks schema columns, naming them", async () => {
    const r = await parseIrveCsv("nom_station,horaires\nA,24/7\n", { today });
    expect(r.valid).toEqual([]);
    expect(r.errors[0].line).toBe(1);
    expect(r.errors[0].message).toMatch(/^Colonnes manquantes : nom_amenageur, siren_amenageur/);
  });

  it("reports an id_pdc_itinerance repeated in the file", async () => {
    const [header, row] = example.trim().split("\n");
    const r = await parseIrveCsv([header, row, row].join("\n"), { today });
    expect(r.valid).toHaveLength(1);
    expect(r.duplicates).toEqual([{ idPdcItinerance: "FRA68E680210015", lines: [2, 3] }]);
    expect(r.errors).toEqual([
      { line: 3, column: "id_pdc_itinerance", message: "Identifiant eMI3 du point de charge FRA68E680210015 en double (déjà ligne 2)" },
    ]);
  });

  it("refuses what the form refused too: a postal code as INSEE code, a contact that is no e-mail, 0 points, a point of another operator prefix", async () => {
    const [header, row] = example.trim().split("\n");
    const bad = row
      .replace(",75101,", ",75001,")
      .replace("contact@societe-operateur.com", "Service client")
      .replace(',"[7.48710500,48.345345]",10,', ',"[7.48710500,48.345345]",0,')
      .replace("FRA68E680210015", "FRB12E680210015");
    const r = await parseIrveCsv([header, bad].join("\n"), { today });
    expect(r.valid).toEqual([]);
    expect(Object.fromEntries(r.errors.map((e) => [e.column, e.message]))).toEqual({
      code_insee_commune:
        "Code INSEE de la commune : ce code n'existe pas dans le code officiel géographique (vérifiez : ce n'est pas le code postal ; Paris 1er est 75101)",
      contact_operateur: "Contact de l'opérateur : adresse e-mail attendue (exemple : contact@operateur.fr)",
      nbre_pdc: "Nombre de points de charge de la station : au moins 1",
      id_pdc_itinerance: "Identifiant eMI3 du point de charge : il doit commencer comme celui de la station (FRA68), pas par FRB12",
    });
  });
});

describe.runIf(sharedDataAvailable())("real national files (../shared/data/irve)", () => {
  it("validates the 29,109 QualiCharge rows quickly and reports invalid rows precisely", async () => {
    const started = performance.now();
    const r = await parseIrveCsv(qualichargeCsv(), { today });
    const seconds = (performance.now() - started) / 1000;
    expect(r.rowCount).toBe(29_109);
    expect(r.valid.length + new Set(r.errors.map((e) => e.line)).size).toBe(29_109);
    expect(r.errors.length).toBeGreaterThan(0);
    // e.g. direct connections without a PDL number: 49 rows in this file
    const noPdl = r.errors.filter((e) => e.column === "num_pdl" && e.message.includes("raccordement est direct"));
    expect(noPdl).toHaveLength(49);
    expect(seconds).toBeLessThan(60);
  });

  it("detects the duplicates of the consolidated subset (59-column layout)", async () => {
    const r = await parseIrveCsv(doublonsCsv(), { today });
    expect(r.layout).toBe("consolidation");
    expect(r.rowCount).toBe(3_684);
    expect(r.duplicates.length).toBeGreaterThan(0);
    expect(r.duplicates.some((d) => d.lines.length === 3)).toBe(true);
  });
});
