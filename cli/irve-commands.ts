import { readFileSync, writeFileSync } from "node:fs";
import { findDossier } from "@/lib/dossiers/find-dossier";
import { importIrveFile } from "@/lib/irve/import-irve-file";
import { exportIrve } from "@/lib/irve/export-irve";
import { listLateDeclarations } from "@/lib/irve/list-late-declarations";
import { CliUsageError, type OptionValues } from "@/cli/args";
import { ACTOR, type Command } from "@/cli/command";

// GIREVE static data from the command line: the same lib functions as the dossier pages.
const str = (v: OptionValues[string]) => (typeof v === "string" ? v : undefined);

function readFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new CliUsageError(`Fichier illisible : ${path}`);
  }
}

export const IRVE_COMMANDS: Command[] = [
  {
    name: "irve:import",
    aliases: ["irve:importer"],
    summary: "Importe un CSV au schéma IRVE statique dans un dossier GIREVE (tout ou rien, ou lignes valides seulement).",
    example: "irve:import --dossier ADV-2026-0042 --file points.csv [--valid-only]",
    options: {
      dossier: { type: "string", value: "<référence>", description: "référence du dossier (canal GIREVE)", required: true },
      file: { type: "string", value: "<fichier>", description: "CSV au schéma national (40 colonnes) ou consolidé (59 colonnes)", required: true },
      "valid-only": { type: "boolean", description: "enregistre les lignes valides même si d'autres sont en erreur" },
    },
    async run(v) {
      const content = readFile(str(v.file) as string);
      const dossier = await findDossier({ reference: str(v.dossier) as string });
      const report = await importIrveFile({ dossierId: dossier.id, content, mode: v["valid-only"] ? "lignes-valides" : "tout-ou-rien", actor: ACTOR });
      const lines = [
        `${report.rowCount} ligne(s) lue(s) (format ${report.layout === "schema" ? "schéma national" : "fichier consolidé"}), ${report.validCount} valide(s), ${report.errors.length} erreur(s).`,
      ];
      if (report.stored)
        lines.push(
          `Enregistré : ${report.stored.inserted} point(s) créé(s), ${report.stored.updated} mis à jour, ${report.stored.unchanged} inchangé(s), ${report.stored.stations} station(s).`,
        );
      else lines.push("Rien n'a été enregistré.");
      for (const d of report.duplicates.slice(0, 50)) lines.push(`  doublon ${d.idPdcItinerance} : lignes ${d.lines.join(", ")}`);
      for (const e of report.errors.slice(0, 200)) lines.push(`  ligne ${e.line}, ${e.column} : ${e.message}`);
      if (report.errors.length > 200) lines.push(`  … et ${report.errors.length - 200} autre(s) erreur(s).`);
      return { lines, exitCode: report.stored ? 0 : 1 };
    },
  },
  {
    name: "irve:export",
    aliases: ["irve:exporter"],
    summary: "Exporte les points de charge déclarés au format IRVE statique (un dossier, ou tous).",
    example: "irve:export --dossier ADV-2026-0042 --output points.csv",
    options: {
      dossier: { type: "string", value: "<référence>", description: "référence du dossier (tous les dossiers sinon)" },
      output: { type: "string", value: "<fichier>", description: "fichier de sortie (sortie standard sinon)" },
    },
    async run(v) {
      const reference = str(v.dossier);
      const dossierId = reference ? (await findDossier({ reference })).id : undefined;
      const csv = await exportIrve({ dossierId });
      const output = str(v.output);
      if (!output) return { lines: [csv.trimEnd()] };
      writeFileSync(output, csv);
      return { lines: [`${csv.trimEnd().split("\r\n").length - 1} point(s) exporté(s) dans ${output}.`] };
    },
  },
  {
    name: "declarations:late",
    aliases: ["declarations:retard"],
    summary: "Liste les déclarations de données statiques faites après le délai de 10 jours ouvrés.",
    example: "declarations:late",
    options: {},
    async run() {
      const rows = await listLateDeclarations();
      if (rows.length === 0) return { lines: ["Aucune déclaration en retard."] };
      return {
        lines: rows.map((r) => `${r.dossierReference}\t${r.idPdcItinerance}\téchéance ${r.dueDate}\tdéclaré le ${r.declaredOn}\t${r.daysLate} j de retard`),
      };
    },
  },
];
