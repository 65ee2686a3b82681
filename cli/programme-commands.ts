import { getProgrammeStatus, type IndividualDataCounts } from "@/lib/programme/programme-status";
import { purgeIndividualData } from "@/lib/programme/purge-individual-data";
import type { OptionValues } from "@/cli/args";
import { ACTOR, type Command } from "@/cli/command";
import { formatNumber } from "@/lib/platform/format";
import { PURGE_CONFIRMATION } from "@/lib/schemas/programme";

// End of the programme from the command line: the same lib functions as the admin page.
const str = (v: OptionValues[string]) => (typeof v === "string" ? v : undefined);

function countLines(c: IndividualDataCounts): string[] {
  return [
    `  opérations de recharge : ${formatNumber(c.chargeOperations)}`,
    `  courbes de charge      : ${formatNumber(c.loadCurves)}`,
    `  appels à l'API journalisés : ${formatNumber(c.submissions)}`,
    `  accès à l'API actifs   : ${formatNumber(c.activeCredentials)}`,
    `  statuts des points     : ${formatNumber(c.statuses)}`,
    `  comptes de l'API QualiCharge actifs : ${formatNumber(c.activeApiUsers)}`,
  ];
}

export const PROGRAMME_COMMANDS: Command[] = [
  {
    name: "individual-data:purge",
    aliases: ["donnees-individuelles:purger"],
    summary:
      "Fin du programme : supprime toutes les données individuelles (opérations, courbes, journal des appels) et révoque les accès à l'API ; sans --confirm, affiche seulement ce qui serait supprimé.",
    example: `individual-data:purge --confirm "${PURGE_CONFIRMATION}"`,
    fieldOptions: { confirmation: "--confirm" },
    options: {
      confirm: { type: "string", value: "<phrase>", description: "la phrase de confirmation, recopiée exactement" },
    },
    async run(v) {
      const confirmation = str(v.confirm);
      if (confirmation === undefined) {
        const s = await getProgrammeStatus();
        return {
          lines: [
            `Fin du programme : ${s.endDate ?? "non configurée (PROGRAMME_END_DATE)"}${s.endDate ? (s.ended ? " (atteinte)" : " (pas encore atteinte)") : ""}.`,
            ...(s.purge ? [`Données individuelles déjà purgées le ${s.purge.at.toISOString()} par ${s.purge.actor}.`] : []),
            "Seraient supprimés :",
            ...countLines(s.held),
            `Pour purger : --confirm "${PURGE_CONFIRMATION}" (irréversible).`,
          ],
        };
      }
      const r = await purgeIndividualData({ confirmation, actor: ACTOR });
      return { lines: ["Données individuelles purgées :", ...countLines(r.counts), "Les indicateurs publiés sont conservés."] };
    },
  },
];
