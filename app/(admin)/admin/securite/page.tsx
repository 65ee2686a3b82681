import type { Metadata } from "next";
import Link from "next/link";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { requirePermission } from "@/lib/auth/session";
import { listSecurityEvents } from "@/lib/security/list-security-events";
import { securityFiltersSchema } from "@/lib/schemas/security-filters";
import { queryValues } from "@/lib/schemas/audit-filters";
import { getEnv } from "@/lib/platform/env";
import { formatDateTime, formatNumber } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";
import { PageLinks, withPage } from "@/components/ui/page-links";
import { ErrorList } from "./error-list";

export const metadata: Metadata = { title: "Journal de sécurité" };
export const dynamic = "force-dynamic";

// The data API's failed authentications, counted per login, client address and hour (one row
// holds a whole flood), newest first; filters in the query string (a plain GET form), 50 rows a page.
export default async function SecurityLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("security-log:read");
  const raw = queryValues(await searchParams);
  const parsed = securityFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : securityFiltersSchema.parse({});
  const errors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  const list = await listSecurityEvents(filters);
  const env = getEnv();
  const query = { identifiant: filters.identifiant, adresse: filters.adresse, du: filters.du, au: filters.au };
  const state = (name: string) => (errors[name] ? { state: "error" as const, stateRelatedMessage: errors[name] } : {});
  return (
    <>
      <h1>Journal de sécurité</h1>
      <p>
        Les authentifications refusées de l&apos;API de données (secret faux, identifiant inconnu ou révoqué, identifiants absents), comptées par identifiant,
        adresse du client et heure. Elles ne figurent pas dans le journal des envois de l&apos;opérateur, qui n&apos;en voit que le nombre. Après{" "}
        {env.API_BASIC_MAX_FAILURES} échecs sur un identifiant, ou {env.API_BASIC_MAX_FAILURES_PER_IP} depuis une adresse, l&apos;un ou l&apos;autre est bloqué{" "}
        {Math.round(env.API_BASIC_BLOCK_SECONDS / 60)} minutes : les tentatives faites pendant ce blocage sont comptées à part. Heures de Paris, dates au format
        jj/mm/aaaa.
      </p>
      <form method="get" action="/admin/securite" aria-labelledby="filtres" className="fr-mb-4w">
        <h2 id="filtres" className="fr-h5">
          Filtrer le journal
        </h2>
        {!parsed.success && <ErrorList errors={errors} />}
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-3">
            <Input
              label="Identifiant"
              hintText="Tout ou partie de l'identifiant d'API essayé"
              nativeInputProps={{ id: "securite-identifiant", name: "identifiant", defaultValue: raw.identifiant ?? "" }}
              {...state("identifiant")}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Input
              label="Adresse"
              hintText="Tout ou partie de l'adresse IP"
              nativeInputProps={{ id: "securite-adresse", name: "adresse", defaultValue: raw.adresse ?? "" }}
              {...state("adresse")}
            />
          </div>
          <div className="fr-col-6 fr-col-md-3">
            <Input label="Du" nativeInputProps={{ id: "securite-du", name: "du", type: "date", defaultValue: raw.du ?? "" }} {...state("du")} />
          </div>
          <div className="fr-col-6 fr-col-md-3">
            <Input label="Au (inclus)" nativeInputProps={{ id: "securite-au", name: "au", type: "date", defaultValue: raw.au ?? "" }} {...state("au")} />
          </div>
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          <li>
            <Button type="submit">Filtrer</Button>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" href="/admin/securite">
              Tout afficher
            </Link>
          </li>
        </ul>
      </form>
      <p role="status">
        {list.total === 0
          ? "Aucune authentification refusée ne correspond."
          : `${formatNumber(list.attempts.failures)} échec(s) et ${formatNumber(list.attempts.blocked)} tentative(s) pendant un blocage, sur ${formatNumber(list.total)} ligne(s) — page ${list.page} sur ${list.pageCount}.`}
      </p>
      {list.items.length > 0 && (
        <DataTable
          caption="Authentifications refusées de l'API, par identifiant, adresse et heure, de la plus récente à la plus ancienne"
          testId="security-table"
          headers={["Heure", "Identifiant essayé", "Opérateur", "Adresse", "Échecs", "Pendant un blocage", "Première", "Dernière"]}
          rowKeys={list.items.map((r) => r.id)}
          rows={list.items.map((r) => [
            formatDateTime(r.hourStart),
            r.login || "(aucun identifiant lisible)",
            r.operator ?? "— (identifiant inconnu)",
            r.ipAddress,
            formatNumber(r.failures),
            formatNumber(r.blocked),
            formatDateTime(r.firstAt),
            formatDateTime(r.lastAt),
          ])}
        />
      )}
      <PageLinks page={list.page} pageCount={list.pageCount} hrefOf={(p) => withPage("/admin/securite", query, p)} label="Pages du journal de sécurité" />
    </>
  );
}
