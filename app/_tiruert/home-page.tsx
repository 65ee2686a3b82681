import Link from "next/link";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { CurrentUser } from "@/lib/auth/session";
import { listAmenageurStatuses } from "@/lib/tiruert/list-quarters";
import { STATE_LABELS } from "@/lib/tiruert/list-statements";
import { tiruertActor } from "@/lib/tiruert/format";
import { quarterLabel } from "@/lib/tiruert/quarter";
import { formatDay } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";

/** The TIRUERT home of a beneficiary or an operator: its aménageurs, their quarters, deadlines and what is missing. */
export async function TiruertHome({ user, base }: { user: CurrentUser; base: string }) {
  const statuses = await listAmenageurStatuses({ actor: tiruertActor(user) });
  return (
    <>
      <h1>TIRUERT électrique : états trimestriels</h1>
      <p>
        L&apos;énergie délivrée par vos points de charge ouverts au public, relevée par point et par trimestre civil à partir des sessions transmises, ouvre
        droit à des certificats (quantité certifiée provisoire : 25 % de l&apos;énergie, corrigée au 4ᵉ trimestre avec la part d&apos;électricité renouvelable
        en France). Les états sont à déposer au plus tard les 15 avril, 15 juillet, 15 octobre et 15 janvier.
      </p>
      <p>
        <Link className="fr-btn fr-btn--secondary" href={`${base}/points`}>
          Enregistrer des points dans le dispositif
        </Link>
      </p>
      {statuses.length === 0 ? (
        <p data-testid="no-amenageur">Aucun point n&apos;est encore enregistré : commencez par enregistrer vos points ouverts au public.</p>
      ) : (
        statuses.map((a) => (
          <section key={a.siren} aria-labelledby={`siren-${a.siren}`}>
            <h2 id={`siren-${a.siren}`}>
              Aménageur {a.siren} — {a.points} point{a.points > 1 ? "s" : ""} enregistré{a.points > 1 ? "s" : ""}
            </h2>
            <DataTable
              caption={`États trimestriels de l'aménageur ${a.siren}`}
              headers={["Trimestre", "Échéance", "État", "Ce qui manque", "Détail"]}
              rowKeys={a.quarters.map((q) => `${q.year}-${q.quarter}`)}
              multiline
              rows={a.quarters.map((q) => [
                quarterLabel(q),
                formatDay(q.deadline),
                <Badge key="s" small severity={q.state === "brouillon" ? (q.overdue ? "error" : "warning") : "success"} noIcon>
                  {q.state === "brouillon" ? "brouillon" : `${STATE_LABELS[q.state]} (v${q.latestVersion})`}
                </Badge>,
                q.state === "brouillon"
                  ? q.overdue
                    ? "Non déposé, échéance dépassée"
                    : "À déposer avant l'échéance"
                  : q.sessionsSinceFiling > 0
                    ? `${q.sessionsSinceFiling} session(s) reçue(s) après le dépôt : à reprendre dans une correction`
                    : "Rien",
                <Link key="l" href={`${base}/etats/${a.siren}/${q.year}/${q.quarter}`}>
                  Voir l&apos;état {quarterLabel(q)}
                  <span className="fr-sr-only"> de l&apos;aménageur {a.siren}</span>
                </Link>,
              ])}
            />
          </section>
        ))
      )}
    </>
  );
}
