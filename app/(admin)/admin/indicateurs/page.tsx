import type { Metadata } from "next";
import Link from "next/link";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePermission } from "@/lib/auth/session";
import { listIndicatorRuns } from "@/lib/indicators/list-indicator-runs";
import { listCarbonSeries } from "@/lib/indicators/list-carbon-series";
import { formatDateTime, formatNumber } from "@/lib/platform/format";
import { RecomputeForm } from "@/components/indicators/recompute-form";
import { CarbonImportForm } from "@/components/indicators/carbon-import-form";
import { recomputeIndicatorsAction } from "./actions";
import { db } from "@/lib/platform/db/database";
import { defaultRange, DAILY_RECOMPUTE_HOURS } from "@/lib/indicators/refresh-indicators";

export const metadata: Metadata = { title: "Calcul des indicateurs" };

// The admin CLI's command for the same computation (e2e/ui/admin-journal.spec.ts checks it against the CLI's help).
const RECOMPUTE_COMMAND = "npm run cli -- indicators:compute --from 2023-01 --to 2024-01";
export const dynamic = "force-dynamic";

const day = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeZone: "Europe/Paris" });

export default async function AdminIndicatorsPage() {
  await requirePermission("indicators:compute");
  const [runs, series, defaults] = await Promise.all([listIndicatorRuns({ limit: 10 }), listCarbonSeries(), defaultRange(await db())]);
  const jobsDisabled = process.env.JOBS_DISABLED === "1";
  return (
    <>
      <h1>Calcul des indicateurs du comité</h1>
      <p>
        Chaque calcul produit toutes les valeurs (mailles, périodes, canaux) et les conserve : un chiffre publié reste tel quel,
        les pages affichent, pour chaque période, le dernier calcul qui la couvre. Le calcul se lance aussi en ligne de commande
        (<code data-testid="cli-command">{RECOMPUTE_COMMAND}</code>). <Link href="/comite/indicateurs">Voir les indicateurs</Link>.
      </p>
      <p data-testid="daily-recompute">
        {jobsDisabled
          ? "Aucun recalcul automatique sur ce serveur : les tâches quotidiennes y sont désactivées (JOBS_DISABLED=1). Seuls les calculs lancés ici ou en ligne de commande ont lieu."
          : `Recalcul automatique : le serveur recalcule les indicateurs 10 minutes après son démarrage puis toutes les ${DAILY_RECOMPUTE_HOURS} heures, sur les mois qui ont des données (auteur « planificateur »). Il s'abstient quand un calcul complet a moins de ${DAILY_RECOMPUTE_HOURS / 2} heures, après la purge de fin de programme, et quand le calcul remplacerait des mois publiés par des mois vides : il faut alors le lancer ici et le confirmer.`}
      </p>
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
            `${day.format(r.periodFrom)} – ${day.format(new Date(r.periodTo.getTime() - 1))}`,
            formatNumber(r.cellCount),
            formatNumber(r.withheldCount),
            `${formatNumber(r.durationMs)} ms`,
            r.series ? `${r.series.name} v${r.series.version}` : "aucune",
          ])}
        />
      )}
      <h2>Séries d&apos;intensité carbone</h2>
      <p>
        Importez une série plus récente : chaque import crée une nouvelle version, les heures sans intensité sont signalées comme
        lacunes et jamais comblées. Le calcul utilise la série couvrant le mieux sa période.
      </p>
      <CarbonImportForm />
      <Table
        caption="Séries importées"
        headers={["Série", "Version", "Format", "Couverture", "Heures", "Lacunes (heures)", "Source et licence", "Importée le", "Par"]}
        data={series.map((s) => [
          s.name,
          String(s.version),
          s.format,
          s.coversFrom && s.coversTo ? `${day.format(s.coversFrom)} – ${day.format(new Date(s.coversTo.getTime() - 1))}` : "—",
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
