import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/session";
import { getFiledStatement } from "@/lib/tiruert/list-statements";
import { formatKwh, tiruertActor } from "@/lib/tiruert/format";
import { quarterLabel, type Quarter } from "@/lib/tiruert/quarter";
import { orNotFound } from "@/lib/platform/http/page";
import { formatDateTime, formatDay } from "@/lib/platform/format";
import { PrintButton } from "@/components/ui/print-button";
import { CsvDownloadLinks } from "@/components/ui/csv-download-links";
import { StatementView } from "./statement-view";

/** The printable receipt of one filed version, with its SHA-256 and its exports. */
export async function TiruertReceiptPage({ user, base, id }: { user: CurrentUser; base: string; id: string }) {
  const s = await orNotFound(getFiledStatement({ actor: tiruertActor(user), id }));
  const q = { year: s.year, quarter: s.quarter as Quarter };
  const api = `/api/tiruert/etats/${s.id}`;
  return (
    <>
      <p className="fr-no-print">
        <Link href={`${base}/etats/${s.siren}/${s.year}/${s.quarter}`}>Retour à l&apos;état {quarterLabel(q)}</Link>
      </p>
      <h1>Récépissé de dépôt de l&apos;état TIRUERT {quarterLabel(q)}</h1>
      <dl data-testid="receipt">
        <dt className="fr-text--bold">Aménageur (SIREN)</dt>
        <dd>{s.siren}</dd>
        <dt className="fr-text--bold">Trimestre</dt>
        <dd>
          {quarterLabel(q)} — échéance {formatDay(s.content.deadline)}
        </dd>
        <dt className="fr-text--bold">Version</dt>
        <dd>{s.version === 1 ? "1 (dépôt initial)" : `${s.version} (correction ; les versions précédentes restent conservées)`}</dd>
        <dt className="fr-text--bold">Déposé le</dt>
        <dd>
          {formatDateTime(s.filedAt)} (heure de Paris), par {s.filedBy}
        </dd>
        <dt className="fr-text--bold">Énergie déclarée et quantité certifiée provisoire</dt>
        <dd>
          {formatKwh(s.energyWh)} — {formatKwh(s.certifiedWh)}
        </dd>
        <dt className="fr-text--bold">Empreinte SHA-256 du contenu (JSON canonique)</dt>
        <dd>
          <code data-testid="receipt-hash">{s.sha256}</code>
        </dd>
      </dl>
      <p className="fr-text--sm">
        Un état déposé n&apos;est jamais modifié. L&apos;empreinte se vérifie sur le document JSON ci-dessous (clés triées, sans espaces).
      </p>
      <div className="fr-no-print">
        <h2>Exports</h2>
        <CsvDownloadLinks csv={{ excel: `${api}/points.csv`, standard: `${api}/points.csv?format=standard` }} title={`points de l'état ${quarterLabel(q)}`} />
        <p>
          <a className="fr-link fr-link--download" href={`${api}/etat.json`} download>
            Document JSON de l&apos;état<span className="fr-link__detail">schéma publié : docs/tiruert-statement.schema.json</span>
          </a>
        </p>
      </div>
      <StatementView content={s.content} />
      <PrintButton />
    </>
  );
}
