import Link from "next/link";
import type { CommitteeHome } from "@/lib/indicators/get-committee-home";
import { SECRET_LABEL, isShare } from "@/lib/schemas/indicator-catalogue";
import { periodLabel } from "@/lib/indicators/dashboard-params";
import { trendText } from "@/lib/indicators/home-trend";
import { revisionText, shown } from "@/lib/indicators/dashboard-tables";
import type { Cell } from "@/lib/indicators/read-cells";
import type { IndicatorDefinition } from "@/lib/schemas/indicator-catalogue";
import { formatDateTime, formatNumber } from "@/lib/platform/format";

function figureText(indicator: IndicatorDefinition, cell: Cell<number | null> | null): string {
  if (!cell) return "n.d.";
  if (cell.secret) return SECRET_LABEL;
  const v = shown(indicator.code, cell.value);
  if (v === null) return "n.d.";
  return `${formatNumber(v)}${indicator.unit ? `${isShare(indicator.code) ? "" : " "}${indicator.unit}` : ""}`;
}

// The committee's weekly reading (issue 15): national key figures of the latest month against the
// same month a year earlier, the newest run with its coverage, what changed since the run before.
export function CommitteeHomeView({ home }: { home: CommitteeHome }) {
  const { run, periodStart, previousYearStart, figures, changes } = home;
  if (!run || !periodStart || !previousYearStart) return null;
  const month = periodLabel("month", periodStart);
  const before = periodLabel("month", previousYearStart);
  const energy = figures.find((f) => f.indicator.code === "energy_kwh")?.cell;
  const monthQuery = `type=month&periode=${periodStart}&maille=national&canal=all`;
  return (
    <>
      <h2 className="fr-h4">Chiffres clés nationaux, {month}</h2>
      <div className="fr-table fr-table--no-caption" data-testid="home-figures">
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>
                  Chiffres clés nationaux de {month}, tous canaux, comparés à {before}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Indicateur</th>
                    <th scope="col">{month}</th>
                    <th scope="col">{before}</th>
                    <th scope="col">Évolution sur un an</th>
                  </tr>
                </thead>
                <tbody>
                  {figures.map((f) => (
                    <tr key={f.indicator.code} data-testid={`home-${f.indicator.code}`}>
                      <th scope="row">{f.indicator.label}</th>
                      <td>
                        {figureText(f.indicator, f.cell)}
                        {revisionText(f.cell) && <span className="fr-badge fr-badge--sm fr-badge--new fr-ml-1w">Révisé</span>}
                      </td>
                      <td>{figureText(f.indicator, f.previous)}</td>
                      <td>{trendText(f.trend)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      <p className="fr-text--sm">
        Évolution : écart relatif au même mois un an plus tôt (en points pour les parts). « n.d. » : pas de chiffre publié pour l&apos;un des deux mois (aucune
        donnée ou secret statistique) ; aucune évolution n&apos;est estimée.{" "}
        <Link href={`/comite/indicateurs?${monthQuery}`}>Tous les chiffres clés de {month}</Link>
      </p>

      <h2 className="fr-h4">Dernier calcul</h2>
      <p data-testid="home-run">
        Calcul du {formatDateTime(run.computedAt)}.{" "}
        {energy && !energy.secret
          ? `Couverture de ${month} : ${formatNumber(energy.coverage.stationsReporting)} station(s) ayant transmis sur ${formatNumber(energy.coverage.stationsRegistered)} enregistrée(s), ${formatNumber(Math.round(energy.coverage.energyKwh))} kWh, ${formatNumber(energy.coverage.chargeCount)} recharge(s).`
          : `Couverture de ${month} non publiée.`}
      </p>

      <h2 className="fr-h4">Ce qui a changé depuis le calcul précédent</h2>
      {changes.previousRunAt ? (
        <ul data-testid="home-changes">
          <li>Calcul précédent : {formatDateTime(changes.previousRunAt)}.</li>
          <li>
            {changes.newPeriods.length === 0
              ? "Aucun nouveau mois publié."
              : `Nouveau(x) mois publié(s) : ${changes.newPeriods.map((p) => periodLabel("month", p)).join(", ")}.`}
          </li>
          <li>
            {changes.revisedCount === 0
              ? "Aucun chiffre publié révisé."
              : `${formatNumber(changes.revisedCount)} chiffre(s) publié(s) révisé(s) aux mailles nationale, régionale et départementale, toutes périodes et tous canaux confondus.`}
            {changes.revisedNational.length > 0 && (
              <ul>
                {changes.revisedNational.map((r) => (
                  <li key={`${r.indicator.code}-${r.periodKind}-${r.periodStart}`}>
                    {r.indicator.label}, France entière, {periodLabel(r.periodKind as "month", r.periodStart)} : {r.note}.
                  </li>
                ))}
              </ul>
            )}
          </li>
        </ul>
      ) : (
        <p data-testid="home-changes">Premier calcul publié : aucun calcul précédent à comparer.</p>
      )}
    </>
  );
}
