import Link from "next/link";
import { notFound } from "next/navigation";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { statementRefSchema } from "@/lib/schemas/tiruert";
import { computeStatement } from "@/lib/tiruert/compute-statement";
import { listSessionsReceivedAfter, listVersions, stateOf, STATE_LABELS } from "@/lib/tiruert/list-statements";
import { filingDeadline, quarterBounds, quarterLabel, type Quarter } from "@/lib/tiruert/quarter";
import { formatKwh, tiruertActor } from "@/lib/tiruert/format";
import { exclusionLabel } from "@/lib/tiruert/session-exclusion";
import { orNotFound } from "@/lib/platform/http/page";
import { formatDateTime, formatDay } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";
import { FileStatementForm } from "@/components/tiruert/file-statement-form";
import { StatementView } from "./statement-view";
import { fileStatementAction } from "./actions";

/** One quarter's statement: the draft computed now, its filed versions, the filing form, sessions received since. */
export async function TiruertStatementPage({
  user,
  base,
  params,
}: {
  user: CurrentUser;
  base: string;
  params: { siren: string; annee: string; trimestre: string };
}) {
  const ref = statementRefSchema.safeParse({ siren: params.siren, year: params.annee, quarter: params.trimestre });
  if (!ref.success) notFound();
  const { siren, year } = ref.data;
  const quarter = ref.data.quarter as Quarter;
  const actor = tiruertActor(user);
  const versions = await orNotFound(listVersions({ actor, siren, year, quarter }));
  const now = new Date();
  const ended = quarterBounds({ year, quarter }).end <= now;
  const draft = await computeStatement({ siren, year, quarter, receivedUpTo: now });
  const latest = versions[0];
  const since = latest ? await listSessionsReceivedAfter({ siren, year, quarter, after: latest.filedAt }) : [];
  const state = stateOf(versions);
  return (
    <>
      <p>
        <Link href={base}>Retour aux états trimestriels</Link>
      </p>
      <h1>
        État TIRUERT {quarterLabel({ year, quarter })} — aménageur {siren}
      </h1>
      <p data-testid="statement-state">
        État : <strong>{STATE_LABELS[state]}</strong>
        {latest ? ` (version ${latest.version} déposée le ${formatDateTime(latest.filedAt)})` : ""}. Échéance de dépôt :{" "}
        {formatDay(filingDeadline({ year, quarter }))}.
      </p>
      {versions.length > 0 && (
        <DataTable
          caption="Versions déposées"
          headers={["Version", "Déposée le", "Par", "Énergie", "Quantité certifiée", "Empreinte SHA-256", "Récépissé"]}
          rowKeys={versions.map((v) => v.id)}
          testId="statement-versions"
          rows={versions.map((v) => [
            String(v.version),
            formatDateTime(v.filedAt),
            v.filedBy,
            formatKwh(v.energyWh),
            formatKwh(v.certifiedWh),
            <code key="h">{v.sha256.slice(0, 16)}…</code>,
            <Link key="r" href={`${base}/recus/${v.id}`}>
              Récépissé de la version {v.version}
            </Link>,
          ])}
          multiline
        />
      )}
      {since.length > 0 && (
        <DataTable
          caption="Sessions reçues après le dernier dépôt, à reprendre dans la prochaine correction"
          headers={["Point", "Fin", "Énergie", "Reçue le", "Comptera ?"]}
          rows={since.map((s) => [
            s.idPdcItinerance,
            formatDateTime(s.end),
            formatKwh(s.energyWh),
            formatDateTime(s.receivedAt),
            s.reasons.length === 0 ? "oui" : `non : ${s.reasons.map(exclusionLabel).join(" ; ")}`,
          ])}
          multiline
        />
      )}
      <h2>{latest ? "Calcul à cet instant (pour une correction)" : "Brouillon calculé à cet instant"}</h2>
      <StatementView content={draft} />
      {!ended ? (
        <p>Le trimestre n&apos;est pas terminé : l&apos;état pourra être déposé à partir du 1er jour du trimestre suivant.</p>
      ) : can(user.role, "tiruert:prepare-own") ? (
        <FileStatementForm siren={siren} year={year} quarter={quarter} expectedVersion={latest?.version ?? 0} action={fileStatementAction} />
      ) : null}
    </>
  );
}
