// Rebuilds the reference files of data/ from the public exports in ../shared/data (see
// data/README.md). Run once by hand: `npx tsx data/prepare.ts [/path/to/shared/data]
// [/path/to/decoupage-administratif]`, the last being the unpacked npm package
// @etalab/decoupage-administratif at EPCI_PACKAGE_VERSION (`npm pack
// @etalab/decoupage-administratif@4.0.0 && tar xzf etalab-decoupage-administratif-4.0.0.tgz`,
// then its `package` folder): the EPCIs are read from it rather than kept by hand (ADR 0032).
// Carbon series are copied as they are (gzip). The INSEE commune file is reduced to the
// columns the product needs; the boundaries are simplified (coordinates rounded to 3 decimals,
// about 100 m, consecutive duplicates and rings smaller than a few points dropped).
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";

const shared = process.argv[2] ?? path.join(import.meta.dirname, "..", "..", "shared", "data");
const decoupage = process.argv[3] ?? path.join(shared, "..", "decoupage-administratif", "package");
/** The package's release of the 2024 geography (its README's table of vintages): the same year as the COG files. */
const EPCI_PACKAGE_VERSION = "4.0.0";
const out = import.meta.dirname;

for (const year of [2022, 2023]) {
  const name = `electricitymaps_FR_${year}_hourly.csv.gz`;
  copyFileSync(path.join(shared, "carbon", name), path.join(out, "carbon", name));
}

// Communes: COM and ARM rows carry their département; COMD/COMA (delegated/associated
// communes) take their parent's, and are kept only when their code is not also a COM.
const rows = parse(gunzipSync(readFileSync(path.join(shared, "geo", "insee_cog2024_v_commune_2024.csv.gz"))), { columns: true }) as Record<string, string>[];
const depOf = new Map<string, string>();
for (const r of rows) if (r.TYPECOM === "COM" || r.TYPECOM === "ARM") depOf.set(r.COM, r.DEP);
const communes = new Map<string, [string, string]>();
for (const r of rows) {
  if (r.TYPECOM === "COM" || r.TYPECOM === "ARM") communes.set(r.COM, [r.LIBELLE, r.DEP]);
}
for (const r of rows) {
  if ((r.TYPECOM === "COMD" || r.TYPECOM === "COMA") && !communes.has(r.COM) && depOf.get(r.COMPARENT)) {
    communes.set(r.COM, [r.LIBELLE, depOf.get(r.COMPARENT)!]);
  }
}
const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const communeCsv = ["code,nom,departement", ...[...communes].sort(([a], [b]) => a.localeCompare(b)).map(([c, [n, d]]) => `${c},${q(n)},${d}`)].join("\n") + "\n";
writeFileSync(path.join(out, "geo", "communes-2024.csv.gz"), gzipSync(communeCsv, { level: 9 }));

const deps = parse(readFileSync(path.join(shared, "geo", "insee_cog2024_v_departement_2024.csv")), { columns: true }) as Record<string, string>[];
writeFileSync(path.join(out, "geo", "departements-2024.csv"), ["code,nom,region", ...deps.map((d) => `${d.DEP},${q(d.LIBELLE)},${d.REG}`)].join("\n") + "\n");
const regs = parse(readFileSync(path.join(shared, "geo", "insee_cog2024_v_region_2024.csv")), { columns: true }) as Record<string, string>[];
writeFileSync(path.join(out, "geo", "regions-2024.csv"), ["code,nom", ...regs.filter((r) => r.REG !== "XX").map((r) => `${r.REG},${q(r.LIBELLE)}`)].join("\n") + "\n");

// EPCIs (établissements publics de coopération intercommunale à fiscalité propre) of 2024: each
// commune's EPCI from the package's members, a municipal arrondissement taking its commune's
// (Paris, Lyon, Marseille), a delegated or associated commune its chef-lieu's. Communes that
// belong to none (four islands of one commune each: Bréhat, Sein, Ouessant, Yeu) have no row.
const pkg = JSON.parse(readFileSync(path.join(decoupage, "package.json"), "utf8")) as { name: string; version: string };
if (pkg.name !== "@etalab/decoupage-administratif" || pkg.version !== EPCI_PACKAGE_VERSION)
  throw new Error(`${decoupage}: @etalab/decoupage-administratif@${EPCI_PACKAGE_VERSION} attendu, trouvé ${pkg.name}@${pkg.version}`);
const epcis = JSON.parse(readFileSync(path.join(decoupage, "data", "epci.json"), "utf8")) as { code: string; nom: string; type: string; membres: { code: string }[] }[];
const pkgCommunes = JSON.parse(readFileSync(path.join(decoupage, "data", "communes.json"), "utf8")) as { code: string; type: string; commune?: string; chefLieu?: string }[];
const epciOfMember = new Map(epcis.flatMap((e) => e.membres.map((m) => [m.code, e.code] as const)));
const parentOf = new Map<string, string>();
for (const c of pkgCommunes) {
  if (c.type === "arrondissement-municipal" && c.commune) parentOf.set(c.code, c.commune);
  if ((c.type === "commune-deleguee" || c.type === "commune-associee") && c.chefLieu && !epciOfMember.has(c.code)) parentOf.set(c.code, c.chefLieu);
}
const communeEpci = [...communes.keys()]
  .sort()
  .map((code) => [code, epciOfMember.get(code) ?? epciOfMember.get(parentOf.get(code) ?? "")] as const)
  .filter((r): r is readonly [string, string] => r[1] !== undefined);
writeFileSync(
  path.join(out, "geo", "epci-2024.csv"),
  ["code,nom,nature", ...[...epcis].sort((a, b) => a.code.localeCompare(b.code)).map((e) => `${e.code},${q(e.nom)},${e.type}`)].join("\n") + "\n",
);
writeFileSync(path.join(out, "geo", "communes-epci-2024.csv.gz"), gzipSync(["commune,epci", ...communeEpci.map((r) => r.join(","))].join("\n") + "\n", { level: 9 }));
const inEpci = new Set(communeEpci.map(([code]) => code));
const withoutEpci = [...communes.keys()].filter((c) => !inEpci.has(c));

type Ring = number[][];
function simplifyRing(ring: Ring): Ring | null {
  const outRing: Ring = [];
  for (const [x, y] of ring) {
    const p = [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
    const last = outRing[outRing.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) outRing.push(p);
  }
  // Shoelace area in square degrees: drop slivers and islets under ~0.5 km².
  let area = 0;
  for (let i = 0; i < outRing.length - 1; i++) area += outRing[i][0] * outRing[i + 1][1] - outRing[i + 1][0] * outRing[i][1];
  if (outRing.length < 4 || Math.abs(area / 2) < 0.00005) return null;
  return outRing;
}
function simplify(file: string, target: string) {
  const fc = JSON.parse(gunzipSync(readFileSync(path.join(shared, "geo", file))).toString("utf8"));
  for (const f of fc.features) {
    const polys: Ring[][] = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const kept = polys
      .map((poly) => {
        const outer = simplifyRing(poly[0]);
        return outer ? [outer, ...poly.slice(1).map(simplifyRing).filter((r): r is Ring => r !== null)] : null;
      })
      .filter((p): p is Ring[] => p !== null);
    f.geometry = { type: "MultiPolygon", coordinates: kept };
    f.properties = { code: f.properties.code, nom: f.properties.nom };
  }
  writeFileSync(path.join(out, "geo", target), gzipSync(JSON.stringify(fc), { level: 9 }));
}
simplify("departements-avec-outre-mer.geojson.gz", "departements-avec-outre-mer.geojson.gz");
simplify("regions-avec-outre-mer.geojson.gz", "regions-avec-outre-mer.geojson.gz");
console.log(`${communes.size} communes, ${deps.length} départements, ${regs.length - 1} régions`);
console.log(`${epcis.length} EPCI, ${communeEpci.length} codes in one, without: ${withoutEpci.join(" ")}`);
