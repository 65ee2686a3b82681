import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
import { QOS_INDICATORS, formatQosValue } from "@/lib/quality-of-service/qos-catalogue";
import type { QosCell } from "@/lib/quality-of-service/read-qos-cells";
import { formatNumber } from "@/lib/platform/format";

// The national figures of the period, each with its definition, the figure of the period before
// and, on an operator's page, the operator's own figure beside the national one.

function text(cell: QosCell | null, pick: (typeof QOS_INDICATORS)[number]): string {
  if (!cell) return "pas de données";
  if (cell.secret) return SECRET_LABEL;
  return formatQosValue(pick.unit, pick.value(cell.figures));
}

export function QosKeyFigures(props: {
  national: QosCell | null;
  previous: QosCell | null;
  own?: QosCell | null;
  validityHours: number;
  keys: string[];
  /** Whose `own` figures are ("Vos points" by default), and whose the previous period's are ("France entière"). */
  ownLabel?: string;
  previousLabel?: string;
}) {
  const shown = QOS_INDICATORS.filter((i) => props.keys.includes(i.key));
  const coverage = props.own ?? props.national;
  return (
    <>
      {coverage && !coverage.secret && (
        <p className="fr-text--sm" data-testid="qos-coverage">
          {props.own ? (props.ownLabel ?? "Vos points") : "France entière"} : {formatNumber(coverage.figures.points)} point(s) de charge de{" "}
          {formatNumber(coverage.figures.stations)} station(s) transmettant leurs statuts.
        </p>
      )}
      <ul className="fr-grid-row fr-grid-row--gutters" style={{ listStyle: "none", paddingLeft: 0 }} aria-label="Chiffres clés de la qualité de service">
        {shown.map((i) => (
          <li key={i.key} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div className="fr-card fr-card--no-arrow" data-testid={`qos-kpi-${i.key}`}>
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h3 className="fr-card__title fr-text--md">
                    {i.label}
                    {i.qualichargeCode && <span className="fr-text--xs"> (QualiCharge {i.qualichargeCode})</span>}
                  </h3>
                  {props.own !== undefined && (
                    <p className="fr-h4 fr-mb-1w" data-testid={`qos-own-${i.key}`}>
                      {props.ownLabel ?? "Vos points"} : {text(props.own, i)}
                    </p>
                  )}
                  <p className={props.own !== undefined ? "fr-text--lg fr-mb-1w" : "fr-h4 fr-mb-1w"} data-testid={`qos-national-${i.key}`}>
                    {props.own !== undefined ? "France entière : " : ""}
                    {text(props.national, i)}
                  </p>
                  <p className="fr-text--xs fr-mb-1w">
                    Période précédente ({props.previousLabel ?? "France entière"}) : {text(props.previous, i)}
                  </p>
                  <p className="fr-card__desc fr-text--sm">{i.definition(props.validityHours)}</p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
