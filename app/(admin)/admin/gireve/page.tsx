import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { listRelayAccounts } from "@/lib/gireve-relay/list-relay-accounts";
import { listGireveCalls } from "@/lib/gireve-relay/list-gireve-calls";
import { listUnknownEvses } from "@/lib/gireve-relay/list-unknown-evses";
import { pageParam } from "@/lib/platform/pagination";
import { formatDateTime, formatNumber } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";
import { PageLinks } from "@/components/ui/page-links";
import { CreateRelayAccountForm } from "@/components/admin/gireve/create-relay-account-form";
import { RelayAccountActions } from "@/components/admin/gireve/relay-account-actions";
import { RelayCertificateForm } from "@/components/admin/gireve/relay-certificate-form";
import { createRelayAccountAction, revokeRelayAccountAction, rotateRelaySecretAction, setRelayCertificateAction } from "./actions";

export const metadata: Metadata = { title: "Canal GIREVE" };
export const dynamic = "force-dynamic";

const ENV_LABEL = { production: "Production", sandbox: "Bac à sable" } as const;
const SHOWN_ERRORS = 3;

/** The page's address with both lists' page numbers (`appels`, `evse`), page 1 left out. */
function hrefOf(pages: { appels: number; evse: number }): string {
  const params = new URLSearchParams();
  if (pages.appels > 1) params.set("appels", String(pages.appels));
  if (pages.evse > 1) params.set("evse", String(pages.evse));
  const qs = params.toString();
  return qs ? `/admin/gireve?${qs}` : "/admin/gireve";
}

function errorList(errors: { chemin: string; message: string }[]) {
  if (errors.length === 0) return "—";
  const more = errors.length - SHOWN_ERRORS;
  return (
    <ul className="fr-mb-0">
      {errors.slice(0, SHOWN_ERRORS).map((e, i) => (
        <li key={i}>{e.chemin ? `${e.chemin} : ${e.message}` : e.message}</li>
      ))}
      {more > 0 && <li>et {more} autre(s)</li>}
    </ul>
  );
}

// The GIREVE channel seen by the technical operator: the relay's machine accounts, the journal of
// its calls, and the EVSEs it named that no consenting dossier declares.
export default async function GirevePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("gireve:manage");
  const query = await searchParams;
  const [accounts, calls, evses] = await Promise.all([
    listRelayAccounts(),
    listGireveCalls({ page: pageParam(query.appels) }),
    listUnknownEvses({ page: pageParam(query.evse) }),
  ]);
  const active = accounts.filter((a) => !a.revokedAt);
  return (
    <>
      <h1>Canal GIREVE</h1>
      <p>
        Le relais de GIREVE transmet au portail, par le protocole eMIP (<code>POST /api/gireve/emip</code>), les statuts et les sessions de charge des points
        déclarés dans les dossiers du canal GIREVE. Il s&apos;authentifie par un <strong>certificat client</strong> (son empreinte SHA-256, vérifiée derrière le
        mandataire de confiance) ou, à défaut, en <strong>HTTP Basic</strong> avec l&apos;identifiant et le secret d&apos;un accès. Le secret généré n&apos;est
        affiché qu&apos;une fois ; un nouveau secret ou une révocation prend effet aussitôt. Chaque opération est inscrite au journal d&apos;audit. Les mêmes
        opérations existent en ligne de commande (<code>npm run cli -- gireve-relay --help</code>).
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-6">
          <CreateRelayAccountForm action={createRelayAccountAction} />
        </div>
        <div className="fr-col-12 fr-col-lg-6">
          {active.length > 0 ? (
            <RelayCertificateForm accounts={active.map((a) => ({ id: a.id, username: a.username, label: a.label }))} action={setRelayCertificateAction} />
          ) : (
            <p>Aucun accès actif : créez-en un pour lui associer un certificat.</p>
          )}
        </div>
      </div>
      <hr className="fr-mt-4w" />
      {accounts.length === 0 ? (
        <p>Aucun accès du relais.</p>
      ) : (
        <DataTable
          caption="Accès du relais GIREVE"
          testId="relay-accounts"
          multiline
          headers={["Identifiant", "Libellé", "Environnement", "Certificat (SHA-256)", "Créé le", "Dernier usage", "État", "Actions"]}
          rowKeys={accounts.map((a) => a.id)}
          rows={accounts.map((a) => [
            <code key="username">{a.username}</code>,
            a.label || "—",
            ENV_LABEL[a.env],
            a.certFingerprint ? <code key="fp">{a.certFingerprint}</code> : "Aucun (HTTP Basic)",
            formatDateTime(a.createdAt),
            a.lastUsedAt ? formatDateTime(a.lastUsedAt) : "Jamais",
            a.revokedAt ? `Révoqué le ${formatDateTime(a.revokedAt)}` : "Actif",
            a.revokedAt ? (
              "—"
            ) : (
              <RelayAccountActions key="actions" accountId={a.id} username={a.username} rotate={rotateRelaySecretAction} revoke={revokeRelayAccountAction} />
            ),
          ])}
        />
      )}

      <h2 className="fr-mt-4w">Derniers appels du relais</h2>
      <p role="status">
        {calls.total === 0 ? "Aucun appel du relais pour l'instant." : `${formatNumber(calls.total)} appel(s) — page ${calls.page} sur ${calls.pageCount}.`}
      </p>
      {calls.items.length > 0 && (
        <DataTable
          caption="Appels du relais GIREVE, du plus récent au plus ancien"
          testId="gireve-calls"
          multiline
          headers={["Reçu le", "Environnement", "Accès du relais", "Opérateur", "Statut HTTP", "Résultat", "Erreurs"]}
          rowKeys={calls.items.map((c) => c.id)}
          rows={calls.items.map((c) => [
            formatDateTime(c.receivedAt),
            c.env ? ENV_LABEL[c.env] : "—",
            c.relayUsername ?? "— (non authentifié)",
            c.operatorName ?? "— (inconnu)",
            String(c.httpStatus),
            c.outcome === "OK" ? "Accepté" : "Refusé",
            errorList(c.errors),
          ])}
        />
      )}
      <PageLinks page={calls.page} pageCount={calls.pageCount} hrefOf={(p) => hrefOf({ appels: p, evse: evses.page })} label="Pages des appels du relais" />

      <h2 className="fr-mt-4w">Points (EVSE) inconnus</h2>
      <p>
        Les points nommés par le relais qu&apos;aucun dossier consentant ne déclare (code eMIP 10601) : le relais a reçu un refus, le portail n&apos;a rien
        enregistré. Un point qui revient compte un message de plus.
      </p>
      <p>
        <a className="fr-link fr-link--download" href="/admin/gireve/evse-inconnus.csv" download>
          Points inconnus en CSV pour Excel<span className="fr-link__detail">séparateur ; et dates jj/mm/aaaa</span>
        </a>{" "}
        <a className="fr-link fr-link--download" href="/admin/gireve/evse-inconnus.csv?format=standard" download>
          Points inconnus en CSV standard<span className="fr-link__detail">séparateur , et dates ISO 8601</span>
        </a>
      </p>
      <p role="status">
        {evses.total === 0 ? "Aucun point inconnu." : `${formatNumber(evses.total)} point(s) inconnu(s) — page ${evses.page} sur ${evses.pageCount}.`}
      </p>
      {evses.items.length > 0 && (
        <DataTable
          caption="Points inconnus du canal GIREVE, du plus récemment vu au plus ancien"
          testId="gireve-unknown-evses"
          multiline
          headers={["Vu la dernière fois", "Environnement", "EVSE", "Reçu tel quel", "Code opérateur", "Opérateur", "Motif", "Messages", "Vu la première fois"]}
          rowKeys={evses.items.map((e) => `${e.env}:${e.evseId}`)}
          rows={evses.items.map((e) => [
            formatDateTime(e.lastSeenAt),
            ENV_LABEL[e.env],
            <code key="evse">{e.evseId}</code>,
            e.rawEvseId,
            e.operatorCode,
            e.operatorName ?? "— (inconnu)",
            e.reason,
            formatNumber(e.messages),
            formatDateTime(e.firstSeenAt),
          ])}
        />
      )}
      <PageLinks page={evses.page} pageCount={evses.pageCount} hrefOf={(p) => hrefOf({ appels: calls.page, evse: p })} label="Pages des points inconnus" />
    </>
  );
}
