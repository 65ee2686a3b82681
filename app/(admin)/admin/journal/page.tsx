import type { Metadata } from "next";
import Link from "next/link";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { requirePermission } from "@/lib/auth/session";
import { listAuditActions, listAuditEntries } from "@/lib/audit/list-audit-entries";
import { auditFiltersSchema, queryValues } from "@/lib/schemas/audit-filters";
import { formatDateTime, formatNumber } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";
import { PageLinks, withPage } from "@/components/ui/page-links";
import { ErrorList } from "./error-list";

export const metadata: Metadata = { title: "Journal d'audit" };
export const dynamic = "force-dynamic";

// Every state change and login, newest first, with the names of who acted and on what; filters
// in the query string (a plain GET form: works without JavaScript), 50 rows a page, CSV export.
export default async function AuditJournalPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("audit:read");
  const raw = queryValues(await searchParams);
  const parsed = auditFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : auditFiltersSchema.parse({});
  const errors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  const [list, actions] = await Promise.all([listAuditEntries(filters), listAuditActions()]);
  const query = { auteur: filters.auteur, action: filters.action, du: filters.du, au: filters.au };
  const exportHref = (format?: string) => withPage("/admin/journal.csv", { ...query, format }, 1);
  const state = (name: string) => (errors[name] ? { state: "error" as const, stateRelatedMessage: errors[name] } : {});
  return (
    <>
      <h1>Journal d&apos;audit</h1>
      <p>
        Chaque connexion et chaque changement (comptes, dossiers, stations, accès API, calculs, purge) y est inscrit, avec son auteur. Dates au format
        jj/mm/aaaa, heure de Paris.
      </p>
      <form method="get" action="/admin/journal" aria-labelledby="filtres" className="fr-mb-4w">
        <h2 id="filtres" className="fr-h5">
          Filtrer le journal
        </h2>
        {!parsed.success && <ErrorList errors={errors} />}
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-3">
            <Input
              label="Auteur"
              hintText="Nom, e-mail ou libellé (cli…)"
              nativeInputProps={{ id: "journal-auteur", name: "auteur", defaultValue: raw.auteur ?? "" }}
              {...state("auteur")}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Select label="Action" nativeSelectProps={{ id: "journal-action", name: "action", defaultValue: filters.action ?? "" }}>
              <option value="">Toutes les actions</option>
              {actions.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.label}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-6 fr-col-md-3">
            <Input label="Du" nativeInputProps={{ id: "journal-du", name: "du", type: "date", defaultValue: raw.du ?? "" }} {...state("du")} />
          </div>
          <div className="fr-col-6 fr-col-md-3">
            <Input label="Au (inclus)" nativeInputProps={{ id: "journal-au", name: "au", type: "date", defaultValue: raw.au ?? "" }} {...state("au")} />
          </div>
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          <li>
            <Button type="submit">Filtrer</Button>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" href="/admin/journal">
              Tout afficher
            </Link>
          </li>
        </ul>
      </form>
      <p role="status">
        {list.total === 0 ? "Aucune entrée ne correspond." : `${formatNumber(list.total)} entrée(s) — page ${list.page} sur ${list.pageCount}.`} Exporter ces
        entrées :{" "}
        <a className="fr-link fr-link--download" href={exportHref()} download>
          CSV pour Excel<span className="fr-link__detail">séparateur ; et virgule décimale</span>
        </a>{" "}
        <a className="fr-link fr-link--download" href={exportHref("standard")} download>
          CSV standard<span className="fr-link__detail">séparateur , et point décimal</span>
        </a>
      </p>
      {list.items.length > 0 && (
        <DataTable
          caption="Journal d'audit, du plus récent au plus ancien"
          testId="audit-table"
          multiline
          headers={["Date", "Auteur", "Action", "Objet", "Détails"]}
          rowKeys={list.items.map((r) => r.id)}
          rows={list.items.map((r) => [formatDateTime(r.at), r.actor, r.actionLabel, `${r.targetTypeLabel} ${r.target}`, r.details || "—"])}
        />
      )}
      <PageLinks page={list.page} pageCount={list.pageCount} hrefOf={(p) => withPage("/admin/journal", query, p)} label="Pages du journal" />
    </>
  );
}
