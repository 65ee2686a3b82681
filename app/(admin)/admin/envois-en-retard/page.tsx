import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { requirePermission } from "@/lib/auth/session";
import { listLateStations } from "@/lib/monthly-sending/list-sending-statuses";
import { summarizeLateOperators } from "@/lib/monthly-sending/summarize-late-operators";
import { moreThan, sameDayLater } from "@/lib/monthly-sending/reminder-message";
import { smtpServerLabel } from "@/lib/platform/mail/smtp-mailer";
import { getEnv } from "@/lib/platform/env";
import { formatDateTime, formatNumber } from "@/lib/platform/format";
import { describeSchedule } from "@/lib/platform/jobs/job-schedule";
import { MONTHLY_REMINDERS_JOB } from "@/cli/portal-jobs";
import { DataTable } from "@/components/ui/data-table";
import { LateStationsTable } from "@/components/monthly-sending/late-stations-table";

export const metadata: Metadata = { title: "Envois en retard" };
export const dynamic = "force-dynamic";

const REMINDER_STATUS = { sent: "envoyé", sending: "en cours d'envoi", failed: "échec" } as const;

function reminderLabel(r: Awaited<ReturnType<typeof summarizeLateOperators>>[number]["lastReminder"]): string {
  if (!r) return "Aucun";
  const status = REMINDER_STATUS[r.status as keyof typeof REMINDER_STATUS] ?? r.status;
  return `${r.period} : ${status} le ${formatDateTime(r.sentAt ?? r.attemptedAt)}${r.error ? ` (${r.error})` : ""}`;
}

// The monthly-sending rule (protocol §3.1) across operators: individual data, the admin only.
// Distinct from /admin/declarations-en-retard (static data and changes declared after 10 working days).
export default async function LateSendingsPage() {
  await requirePermission("monthly-sending:read-late");
  const months = getEnv().MONTHLY_SENDING_MAX_SILENCE_MONTHS;
  const late = await listLateStations({ scope: { all: true }, months });
  const operators = await summarizeLateOperators(late);
  const smtp = smtpServerLabel();
  return (
    <>
      <h1>Envois en retard</h1>
      <p>
        Le protocole ADVENIR (§3.1) demande à chaque opérateur d&apos;envoyer les données de recharge au moins une fois par mois. Une station est en retard
        quand le portail n&apos;en a reçu aucune donnée de production (opération ou courbe de charge, quelle que soit la voie) depuis {moreThan(months)}{" "}
        (réglage <code>MONTHLY_SENDING_MAX_SILENCE_MONTHS</code>) : elle doit envoyer au plus tard {sameDayLater(months)} sa dernière donnée, ou le dernier jour
        de ce mois quand ce jour n&apos;existe pas (heure de Paris). Une station qui n&apos;a jamais rien envoyé compte depuis son enregistrement, ou la
        signature de l&apos;attestation de son dossier si elle est postérieure ; les stations retirées, mises hors service ou dont l&apos;attestation n&apos;est
        pas signée ne sont pas suivies. Ne pas confondre avec les <Link href="/admin/declarations-en-retard">déclarations en retard</Link> (données statiques et
        changements déclarés après 10 jours ouvrés).
      </p>
      {smtp ? (
        <Alert
          small
          severity="info"
          className="fr-mb-4w"
          description={`Rappels par e-mail : ${describeSchedule(MONTHLY_REMINDERS_JOB.schedule)}, au plus un par opérateur et par mois, aux comptes opérateur actifs, par le serveur SMTP ${smtp}.`}
        />
      ) : (
        <Alert
          small
          severity="warning"
          className="fr-mb-4w"
          description="Aucun serveur SMTP n'est configuré (SMTP_URL, ou SMTP_HOST et SMTP_FROM) : aucun rappel n'est envoyé par e-mail. Les opérateurs voient leurs stations en retard dans leur espace."
        />
      )}
      <p>
        <a className="fr-link fr-link--download" href="/admin/envois-en-retard.csv" download>
          Stations en retard en CSV pour Excel<span className="fr-link__detail">séparateur ; et dates jj/mm/aaaa</span>
        </a>{" "}
        <a className="fr-link fr-link--download" href="/admin/envois-en-retard.csv?format=standard" download>
          Stations en retard en CSV standard<span className="fr-link__detail">séparateur , et dates ISO 8601</span>
        </a>
      </p>
      {late.length === 0 ? (
        <p role="status">Aucune station en retard d&apos;envoi.</p>
      ) : (
        <>
          <h2>Opérateurs en retard</h2>
          <DataTable
            caption={`Opérateurs en retard (${formatNumber(operators.length)})`}
            testId="late-operators-table"
            multiline
            headers={["Opérateur", "Stations en retard", "Plus long silence (jours)", "Contacts (comptes opérateur actifs)", "Dernier rappel"]}
            rowKeys={operators.map((o) => o.operatorId)}
            rows={operators.map((o) => [
              o.operatorName,
              formatNumber(o.lateStations),
              formatNumber(o.longestSilentDays),
              o.contacts.length > 0 ? o.contacts.join(", ") : "Aucun compte actif : pas de rappel possible",
              reminderLabel(o.lastReminder),
            ])}
          />
          <h2>Stations en retard</h2>
          <LateStationsTable rows={late} showOperator caption="Stations en retard d'envoi" />
        </>
      )}
    </>
  );
}
