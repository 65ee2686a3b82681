import type { Metadata } from "next";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/session";
import { getCommitteeTotals } from "@/lib/tiruert/committee-totals";
import { formatKwh } from "@/lib/tiruert/format";
import { DataTable } from "@/components/ui/data-table";
import { formatLongDay } from "@/lib/platform/format";

export const metadata: Metadata = { title: "TIRUERT électrique — totaux" };
export const dynamic = "force-dynamic";

const yearParam = z.coerce
  .number()
  .int()
  .min(2020)
  .max(2100)
  .catch(() => new Date().getUTCFullYear() - 1);

export default async function CommitteeTiruertPage({ searchParams }: { searchParams: Promise<{ annee?: string }> }) {
  await requirePermission("tiruert:read-totals");
  const year = yearParam.parse((await searchParams).annee);
  const totals = await getCommitteeTotals({ year });
  return (
    <>
      <h1>TIRUERT électrique : totaux {year}</h1>
      <p>
        Énergie déclarée dans les états trimestriels déposés (dernière version de chacun) et quantité certifiée provisoire (25 %), en France et par région.
        Secret statistique : une région n&apos;est publiée que si elle réunit assez de points et d&apos;aménageurs (mêmes seuils que les indicateurs), et
        d&apos;autres régions sont masquées si une région masquée pouvait se déduire du total. Les totaux d&apos;un trimestre paraissent une fois son échéance
        de dépôt passée, à partir des états déposés à cette date, et ne changent plus : un total qui bougerait à chaque dépôt ou correction donnerait, par
        différence, les chiffres d&apos;un aménageur.
      </p>
      <form method="get" className="fr-mb-3w">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="annee">
            Année
          </label>
          <input className="fr-input" id="annee" name="annee" inputMode="numeric" defaultValue={year} />
        </div>
        <button className="fr-btn fr-btn--secondary" type="submit">
          Afficher
        </button>
      </form>
      {totals.map((q) => (
        <section key={q.quarter} aria-labelledby={`t${q.quarter}`}>
          <h2 id={`t${q.quarter}`}>
            T{q.quarter} {year}
          </h2>
          <p data-testid={`national-${q.quarter}`}>
            {!q.published
              ? `Publié après l'échéance de dépôt du ${formatLongDay(q.deadline)}, à partir des états déposés à cette date.`
              : q.national
                ? `France : ${formatKwh(q.national.energyWh)} déclarés, ${formatKwh(q.national.certifiedWh)} certifiés (provisoire), ${q.national.points} points, ${q.national.amenageurs} aménageurs.`
                : "France : aucun total publiable (aucun état déposé, ou trop peu de points ou d'aménageurs)."}
          </p>
          {q.regions.length > 0 && (
            <DataTable
              caption={`Totaux régionaux T${q.quarter} ${year}`}
              headers={["Région", "Énergie déclarée", "Quantité certifiée provisoire"]}
              rows={q.regions.map((r) => [
                r.name,
                r.secret ? "secret statistique" : formatKwh(r.count),
                r.secret ? "secret statistique" : formatKwh(r.certifiedWh ?? 0),
              ])}
            />
          )}
        </section>
      ))}
    </>
  );
}
