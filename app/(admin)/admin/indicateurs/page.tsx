import type { Metadata } from "next";
import Link from "next/link";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePermission } from "@/lib/auth/session";
import { listIndicatorRuns } from "@/lib/indicators/list-indicator-runs";
import { listCarbonSeries } from "@/lib/indicators/list-carbon-series";
import { formatDateTime, formatDay, formatNumber } from "@/lib/platform/format";
import { RecomputeForm } from "@/components/indicators/recompute-form";
import { CarbonImportForm } from "@/components/indicators/carbon-import-form";
import { recomputeIndicatorsAction } from "./actions";
import { db } from "@/lib/platform/db/database";
import { defaultRange, DAILY_RECOMPUTE_HOURS } from "@/lib/indicators/refresh-indicators";
import { listScheduledJobs, type ScheduledJobStatus } from "@/lib/platform/jobs/list-scheduled-jobs";
import { INDICATOR_RECOMPUTE_JOB, PORTAL_JOBS } from "@/cli/portal-jobs";
import { describeSchedule } from "@/lib/platform/jobs/job-schedule";
import { jobsDisabled as jobsDisabledHere } from "@/lib/platform/jobs/start-jobs";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Calcul des indicateurs" };

// The admin CLI's command for the same computation (e2e/ui/admin-journal.spec.ts checks it against the CLI's help).
const RECOMPUTE_COMMAND = "npm run cli -- indicators:compute --from 2023-01 --to 2024-01";
export const dynamic = "force-dynamic";

/** The cells of a job's row: what ran last, how it went, what comes next (the jobs table, shared by every instance). */
function jobCells(j: ScheduledJobStatus): string[] {
  const last = j.runningSince
    ? `en cours depuis le ${formatDateTime(j.runningSince)}`
    : j.lastStartedAt
      ? `${formatDateTime(j.lastStartedAt)} (${j.lastInstance ?? "?"})`
      : "jamais";
  const outcome =
    j.lastOutcome === "success" ? `réussie${j.lastMessage ? ` : ${j.lastMessage}` : ""}` : j.lastOutcome === "failure" ? `échec : ${j.lastMessage}` : "—";
  const next = j.nextDue ? formatDateTime(j.nextDue) : "pas encore planifiée (aucun serveur ne fait tourner les tâches)";
  return [j.label, j.when, last, outcome, next];
}

export default async function AdminIndicatorsPage() {
  await requirePermission("indicators:compute");
  const [runs, series, defaults, jobs] = await Promise.all([
    listIndicatorRuns({ limit: 10 }),
    listCarbonSeries(),
    defaultRange(await db()),
    listScheduledJobs(PORTAL_JOBS),
  ]);
  const jobsDisabled = jobsDisabledHere();
  return (
    <>
      <h1>Calcul des indicateurs du comité</h1>
      <p>
        Chaque calcul produit toutes les valeurs (mailles, périodes, canaux) et les conserve : un chiffre publié reste tel quel, les pages affichent, pour
        chaque période, le dernier calcul qui la couvre. Le calcul se lance aussi en ligne de commande (
        <code data-testid="cli-command">{RECOMPUTE_COMMAND}</code>). <Link href="/comite/indicateurs">Voir les indicateurs</Link>.
      </p>
      <p data-testid="daily-recompute">
        {jobsDisabled
          ? "Aucun recalcul automatique sur ce serveur : les tâches quotidiennes y sont désactivées (JOBS_DISABLED=1). Seuls les calculs lancés ici ou en ligne de commande ont lieu."
          : `Recalcul automatique, ${describeSchedule(INDICATOR_RECOMPUTE_JOB.schedule)} : le portail recalcule les indicateurs sur les mois qui ont des données (auteur « planificateur »), une seule fois même quand plusieurs serveurs le font tourner. Il s'abstient quand un calcul complet a moins de ${DAILY_RECOMPUTE_HOURS / 2} heures, après la purge de fin de programme, et quand le calcul remplacerait des mois publiés par des mois vides : il faut alors le lancer ici et le confirmer.`}
      </p>
      <DataTable
        caption="Tâches planifiées"
        testId="scheduled-jobs"
        multiline
        headers={["Tâche", "Quand", "Dernière exécution (serveur)", "Résultat", "Prochaine exécution"]}
        rowKeys={jobs.map((j) => j.name)}
        rows={jobs.map(jobCells)}
      />
      <h2>Recalculer</h2>
      <RecomputeForm action={recomputeIndicatorsAction} defaults={defaults} />
      {runs.length === 0 ? (
        <p>Aucun calcul publié pour l&apos;instant.</p>
      ) : (
        <Table
          caption="Derniers calculs publiés"
          headers={["Identifiant", "Terminé le", "Par", "Période", "Cases", "En secret", "Durée", "Série carbone"]}
          data={runs.map((r) => [
            r.id,
            r.finishedAt ? formatDateTime(r.finishedAt) : "en cours",
            r.computedBy,
            `${formatDay(r.periodFrom)} – ${formatDay(new Date(r.periodTo.getTime() - 1))}`,
            formatNumber(r.cellCount),
            formatNumber(r.withheldCount),
            `${formatNumber(r.durationMs)} ms`,
            r.series ? `${r.series.name} v${r.series.version}` : "aucune",
          ])}
        />
      )}
      <h2>Séries d&apos;intensité carbone</h2>
      <p>
        Importez une série plus récente : chaque import crée une nouvelle version, les heures sans intensité sont signalées comme lacunes et jamais comblées. Le
        calcul utilise la série couvrant le mieux sa période.
      </p>
      <CarbonImportForm />
      <Table
        caption="Séries importées"
        headers={["Série", "Version", "Format", "Couverture", "Heures", "Lacunes (heures)", "Source et licence", "Importée le", "Par"]}
        data={series.map((s) => [
          s.name,
          String(s.version),
          s.format,
          s.coversFrom && s.coversTo ? `${formatDay(s.coversFrom)} – ${formatDay(new Date(s.coversTo.getTime() - 1))}` : "—",
          formatNumber(s.hourCount),
          formatNumber(s.gaps.reduce((n, g) => n + g.hours, 0)),
          `${s.source} (${s.licence})`,
          formatDateTime(s.importedAt),
          s.importedBy,
        ])}
      />
    </>
  );
}
