import { QOS_INDICATORS } from "@/lib/quality-of-service/qos-catalogue";
import { periodContaining, periodLabel } from "@/lib/quality-of-service/qos-period";
import { QOS_LEVEL_LABELS, QOS_PERIOD_LABELS, type QosLevel, type QosPeriodKind, type QosQuery } from "@/lib/schemas/quality-of-service";

// The choices of a quality-of-service page as a plain GET form (works without JavaScript): kind
// of period, period (from the months that have data), level of the table, indicator of the map.

function Select(props: { id: string; name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div className="fr-select-group fr-col-12 fr-col-md-3">
      <label className="fr-label" htmlFor={props.id}>
        {props.label}
      </label>
      <select className="fr-select" id={props.id} name={props.name} defaultValue={props.value}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function QosFilters(props: {
  action: string;
  query: QosQuery;
  kinds: readonly QosPeriodKind[];
  levels: readonly QosLevel[];
  months: string[];
  kind: QosPeriodKind;
  level: QosLevel;
  periodStart: string | null;
  /** What the level chooses ("Maille du tableau" unless said). */
  levelLabel?: string;
}) {
  // One entry per period of the chosen kind that holds data, named by its period.
  const seen = new Set<string>();
  const periods = props.months
    .map((m) => periodContaining(props.kind === "day" || props.kind === "week" ? "month" : props.kind, m))
    .filter((p) => !seen.has(p.fromDay) && seen.add(p.fromDay));
  return (
    <form method="get" action={props.action} className="fr-mb-4w" aria-label="Choix de la période et de la maille">
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <Select
          id="qos-periode"
          name="periode"
          label="Type de période"
          value={props.kind}
          options={props.kinds.map((k) => ({ value: k, label: QOS_PERIOD_LABELS[k] }))}
        />
        {props.kind === "day" || props.kind === "week" ? (
          <div className="fr-input-group fr-col-12 fr-col-md-3">
            <label className="fr-label" htmlFor="qos-debut">
              Jour (la semaine qui le contient pour une semaine)
            </label>
            <input className="fr-input" type="date" id="qos-debut" name="debut" defaultValue={props.periodStart ?? undefined} />
          </div>
        ) : (
          <Select
            id="qos-debut"
            name="debut"
            label="Période"
            value={props.periodStart ?? ""}
            options={periods.map((p) => ({ value: p.fromDay, label: periodLabel(p) }))}
          />
        )}
        <Select
          id="qos-maille"
          name="maille"
          label={props.levelLabel ?? "Maille du tableau"}
          value={props.level}
          options={props.levels.map((l) => ({ value: l, label: QOS_LEVEL_LABELS[l] }))}
        />
        <Select
          id="qos-indicateur"
          name="indicateur"
          label="Indicateur de la carte et du classement"
          value={props.query.indicateur ?? QOS_INDICATORS[0].key}
          options={QOS_INDICATORS.map((i) => ({ value: i.key, label: i.label }))}
        />
      </div>
      <button className="fr-btn fr-mt-2w" type="submit">
        Afficher
      </button>
    </form>
  );
}
