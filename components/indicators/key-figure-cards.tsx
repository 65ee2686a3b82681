import type { KeyFigures } from "@/lib/indicators/get-key-figures";
import { SECRET_LABEL, isShare } from "@/lib/schemas/indicator-catalogue";
import { revisionText, shown } from "@/lib/indicators/dashboard-tables";
import { formatNumber } from "@/lib/platform/format";

function valueText(f: KeyFigures["figures"][number]): string {
  if (f.cell.secret) return SECRET_LABEL;
  const v = shown(f.indicator.code, f.cell.value);
  if (v === null) return "sans objet";
  return `${formatNumber(v)}${f.indicator.unit ? `${isShare(f.indicator.code) ? "" : " "}${f.indicator.unit}` : ""}`;
}

// National (or area) key figures, each with its French definition and its coverage.
export function KeyFigureCards({ figures }: { figures: KeyFigures["figures"] }) {
  return (
    <ul className="fr-grid-row fr-grid-row--gutters" style={{ listStyle: "none", paddingLeft: 0 }} aria-label="Chiffres clés">
      {figures.map((f) => (
        <li key={f.indicator.code} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
          <div className="fr-card fr-card--no-arrow" data-testid={`kpi-${f.indicator.code}`}>
            <div className="fr-card__body">
              <div className="fr-card__content">
                <h3 className="fr-card__title fr-text--md">{f.indicator.label}</h3>
                <p className="fr-h4 fr-mb-1w">{valueText(f)}</p>
                {revisionText(f.cell) && (
                  <p className="fr-text--sm fr-mb-1w" data-testid={`revision-${f.indicator.code}`}>
                    <span className="fr-badge fr-badge--sm fr-badge--new fr-mr-1w">Révisé</span>
                    {revisionText(f.cell)}.
                  </p>
                )}
                <p className="fr-card__desc fr-text--sm">{f.indicator.definition}</p>
                <p className="fr-text--xs fr-mb-0">
                  {f.cell.secret
                    ? "Couverture non publiée (secret statistique)."
                    : `Couverture : ${formatNumber(f.cell.coverage.stationsReporting)} station(s) ayant transmis sur ${formatNumber(f.cell.coverage.stationsRegistered)} enregistrée(s), ${formatNumber(Math.round(f.cell.coverage.energyKwh))} kWh, ${formatNumber(f.cell.coverage.chargeCount)} recharge(s).`}
                </p>
              </div>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
