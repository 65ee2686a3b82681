import { z } from "zod";
import { CliUsageError, type OptionValues } from "@/cli/args";
import type { Command } from "@/cli/command";
import { getEnv } from "@/lib/platform/env";
import { computeQosDays, monthDays } from "@/lib/quality-of-service/compute-qos-days";
import { publishQosMonth, type PublishOutcome, type PublishResult } from "@/lib/quality-of-service/publish-qos-month";
import { publishUsageMonth } from "@/lib/quality-of-service/sessions/publish-usage-month";

// Quality of service from the command line: the nightly job's computation over any range of
// Paris days (a month recomputed after statuses arrived late, a backfill).

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const MONTH = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const str = (v: OptionValues[string]) => (typeof v === "string" ? v : undefined);

function rangeOf(v: OptionValues): { fromDay: string; toDay: string } {
  const month = str(v.month);
  if (month !== undefined) {
    if (!MONTH.safeParse(month).success) throw new CliUsageError(`--month : mois attendu au format AAAA-MM, reçu « ${month} ».`);
    return monthDays(month);
  }
  const from = str(v.from);
  const to = str(v.to);
  if (!from || !to) throw new CliUsageError("Indiquez --month AAAA-MM, ou --from et --to (AAAA-MM-JJ).");
  for (const [name, d] of [
    ["--from", from],
    ["--to", to],
  ])
    if (!DAY.safeParse(d).success || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
      throw new CliUsageError(`${name} : jour attendu au format AAAA-MM-JJ, reçu « ${d} ».`);
  if (!(from < to)) throw new CliUsageError("--to doit suivre --from (jour exclu).");
  return { fromDay: from, toDay: to };
}

const OUTCOMES: Record<PublishOutcome, string> = {
  publie: "publiée",
  remplace: "publiée à nouveau ; la publication précédente reste conservée, remplacée",
  inchange: "inchangée : les chiffres calculés sont ceux déjà publiés",
  deja_publie: "déjà publiée, laissée telle quelle (ajoutez --replace pour publier les chiffres recalculés)",
  sans_donnees: "non publiée : aucun jour calculé pour ce mois (lancez d'abord qos:compute)",
};

const USAGE_OUTCOMES: Record<PublishOutcome, string> = {
  publie: "publiés",
  remplace: "publiés à nouveau ; la publication précédente reste conservée, remplacée",
  inchange: "inchangés : les chiffres calculés sont ceux déjà publiés",
  deja_publie: "déjà publiés, laissés tels quels (ajoutez --replace pour publier les chiffres recalculés)",
  sans_donnees: "non publiés : aucune station n'a envoyé de session ni de statut ce mois-là",
};

/** A month's publication to the committee (the same for the quality of service and the usage indicators). */
function publishCommand(spec: {
  name: string;
  alias: string;
  what: string;
  subject: string;
  outcomes: Record<PublishOutcome, string>;
  publish: (input: { month: string; publishedBy: string; replace: boolean }) => Promise<PublishResult>;
}): Command {
  return {
    name: spec.name,
    aliases: [spec.alias],
    summary: `Publie au comité ${spec.what} d'un mois (une fois ; --replace publie à nouveau des chiffres recalculés, en gardant l'ancienne).`,
    example: `${spec.name} --month 2026-11`,
    options: {
      month: { type: "string", value: "<AAAA-MM>", description: "le mois à publier" },
      replace: { type: "boolean", description: "remplacer une publication existante" },
    },
    async run(v) {
      const month = str(v.month);
      if (month === undefined || !MONTH.safeParse(month).success) throw new CliUsageError(`--month : mois attendu au format AAAA-MM, reçu « ${month ?? ""} ».`);
      const r = await spec.publish({ month: `${month}-01`, publishedBy: "ligne de commande", replace: v.replace === true });
      const counts = r.publicationId ? ` (${r.cells} cellule(s), dont ${r.withheld} secrète(s))` : "";
      return { lines: [`${spec.subject} de ${month} : ${spec.outcomes[r.outcome]}${counts}.`] };
    },
  };
}

export const QOS_COMMANDS: Command[] = [
  {
    name: "qos:compute",
    aliases: ["qualite:calculer"],
    summary: "Calcule la qualité de service (statuts) sur une plage de jours de Paris, en remplaçant ce qui avait été calculé.",
    example: "qos:compute --month 2026-11",
    options: {
      month: { type: "string", value: "<AAAA-MM>", description: "un mois entier" },
      from: { type: "string", value: "<AAAA-MM-JJ>", description: "premier jour inclus" },
      to: { type: "string", value: "<AAAA-MM-JJ>", description: "premier jour exclu" },
    },
    async run(v) {
      const range = rangeOf(v);
      const r = await computeQosDays({ ...range, validitySeconds: getEnv().QOS_STATUS_VALIDITY_HOURS * 3600 });
      return {
        lines: [
          `Qualité de service du ${r.fromDay} au ${r.toDay} (exclu) : ${r.pointDays} point(s)-jour(s), ${r.stationDays} station(s)-jour(s), ${r.outages} épisode(s) hors service, en ${r.durationMs} ms.`,
        ],
      };
    },
  },
  publishCommand({
    name: "qos:publish",
    alias: "qualite:publier",
    what: "la qualité de service",
    subject: "Qualité de service",
    outcomes: OUTCOMES,
    publish: publishQosMonth,
  }),
  publishCommand({
    name: "usage:publish",
    alias: "usages:publier",
    what: "les indicateurs d'usage (sessions)",
    subject: "Indicateurs d'usage",
    outcomes: USAGE_OUTCOMES,
    publish: publishUsageMonth,
  }),
];
