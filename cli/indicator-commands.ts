import { readFileSync } from "node:fs";
import { refreshIndicators } from "@/lib/indicators/refresh-indicators";
import { importCarbonSeries } from "@/lib/carbon/import-carbon-series";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { CliUsageError, type OptionValues } from "@/cli/args";
import { ACTOR, type Command } from "@/cli/command";

// Indicators and carbon series from the command line: the same lib functions as the admin page.
const str = (v: OptionValues[string]) => (typeof v === "string" ? v : undefined);

export const INDICATOR_COMMANDS: Command[] = [
  {
    name: "indicators:compute",
    aliases: ["indicateurs:recalculer"],
    summary:
      "Recalcule tous les indicateurs (par défaut sur les mois qui ont des données) ; un nouveau calcul ne remplace jamais les précédents. Refusé s'il viderait des mois publiés, sauf --confirm-empty.",
    example: "indicators:compute --from 2023-01 --to 2024-01",
    options: {
      from: { type: "string", value: "<AAAA-MM>", description: "premier mois inclus" },
      to: { type: "string", value: "<AAAA-MM>", description: "premier mois exclu" },
      "confirm-empty": { type: "boolean", description: "publier quand même des mois vides à la place de mois publiés avec des chiffres" },
    },
    async run(v) {
      await ensureReferenceData();
      const r = await refreshIndicators({ computedBy: ACTOR, from: str(v.from), to: str(v.to), confirmEmpty: v["confirm-empty"] === true });
      return {
        lines: [
          `Calcul ${r.runId} : du ${r.firstMonth} au ${r.endMonth} (exclu), ${r.cellCount} cases dont ${r.withheldCount} en secret statistique, ${r.valueCount} valeurs, en ${r.durationMs} ms.`,
          ...(r.carbonGapHours > 0 ? [`  ${r.carbonGapHours} heure(s) sans intensité carbone (lacunes de la série, non comblées).`] : []),
        ],
      };
    },
  },
  {
    name: "carbon:import",
    aliases: ["carbone:importer"],
    summary: "Importe une série d'intensité carbone (export RTE éCO2mix ou CSV Electricity Maps) comme nouvelle version.",
    example: "carbon:import --file eco2mix-national-tr.csv [--format rte_eco2mix] [--name rte-eco2mix]",
    options: {
      file: { type: "string", value: "<fichier>", description: "fichier CSV (ou .csv.gz)", required: true },
      format: { type: "string", value: "<format>", description: "electricitymaps ou rte_eco2mix (détecté sinon)" },
      name: { type: "string", value: "<nom>", description: "famille de séries (une version de plus à chaque import)" },
    },
    async run(v) {
      let content: Buffer;
      try {
        content = readFileSync(str(v.file) as string);
      } catch {
        throw new CliUsageError(`Fichier illisible : ${str(v.file)}`);
      }
      await ensureReferenceData();
      const s = await importCarbonSeries({
        content,
        format: str(v.format) as "electricitymaps" | "rte_eco2mix" | undefined,
        name: str(v.name),
        actor: ACTOR,
      });
      return {
        lines: [
          `Série ${s.name} importée (format ${s.format}) : ${s.rowCount} ligne(s) lue(s), ${s.ignoredRows} ignorée(s), ${s.gapHours} heure(s) manquante(s).`,
        ],
      };
    },
  },
];
