import type { MailMessage } from "@/lib/platform/mail/smtp-mailer";
import { formatDay, formatNumber } from "@/lib/platform/format";
import type { StationSending } from "@/lib/monthly-sending/list-sending-statuses";

/** Beyond how long a station is late, in words: "plus d'un mois", "plus de 2 mois". */
export function moreThan(months: number): string {
  return months === 1 ? "plus d'un mois" : `plus de ${formatNumber(months)} mois`;
}

/** When a station must send again, before "sa dernière donnée": "le même jour du mois suivant", "le même jour, 2 mois après". */
export function sameDayLater(months: number): string {
  return months === 1 ? "le même jour du mois suivant" : `le même jour, ${formatNumber(months)} mois après`;
}

/** What a late station's line says: since when it is silent and why that day. */
export function silenceLabel(s: Pick<StationSending, "lastDataAt" | "startedAt" | "silentDays">): string {
  const since = s.lastDataAt ? `dernière donnée reçue le ${formatDay(s.lastDataAt)}` : `aucune donnée reçue depuis le ${formatDay(s.startedAt)}`;
  return `${since} (${formatNumber(s.silentDays)} jours sans envoi)`;
}

/** The reminder e-mail to an operator's contacts, in French, plain text. */
export function reminderMessage(input: {
  to: string[];
  operatorName: string;
  stations: StationSending[];
  months: number;
  consoleUrl: string | null;
}): MailMessage {
  const n = input.stations.length;
  const lines = input.stations.map((s) => `- ${s.stationCode} (dossier ${s.dossierReference}, ${s.beneficiaryName}) : ${silenceLabel(s)}`);
  return {
    to: input.to,
    subject: `ADVENIR — ${formatNumber(n)} station(s) sans envoi de données depuis ${moreThan(input.months)}`,
    text: [
      "Bonjour,",
      "",
      `Le protocole de collecte ADVENIR (§3.1) demande d'envoyer les données de recharge au moins une fois par mois. ` +
        `Le portail n'a rien reçu depuis ${moreThan(input.months)} pour ${formatNumber(n)} station(s) de ${input.operatorName} :`,
      "",
      ...lines,
      "",
      `Une station sans envoi depuis son enregistrement compte à partir de celui-ci (ou de la signature de l'attestation du dossier, si elle est postérieure).`,
      input.consoleUrl ? `Votre espace opérateur liste ces stations : ${input.consoleUrl}` : "Votre espace opérateur liste ces stations.",
      "",
      "Ce rappel est envoyé au plus une fois par mois tant que des stations restent sans envoi.",
      "— Portail de collecte ADVENIR",
    ].join("\n"),
  };
}
