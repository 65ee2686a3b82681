import { CHANNELS, CHANNEL_LABELS, INDICATORS, INDICATOR_CODES, MESH_LABELS, MESH_LEVELS, PERIOD_KINDS, PERIOD_LABELS, type MeshLevel } from "@/lib/indicators/catalogue";
import { periodLabel } from "@/lib/indicators/dashboard-params";
import type { DashboardContext } from "@/lib/indicators/get-dashboard-context";

function Select(props: { id: string; name: string; label: string; value: string; options: { value: string; label: string }[]; hint?: string }) {
  return (
    <div className="fr-select-group fr-col-12 fr-col-md-4">
      <label className="fr-label" htmlFor={props.id}>
        {props.label}
        {props.hint && <span className="fr-hint-text">{props.hint}</span>}
      </label>
      <select className="fr-select" id={props.id} name={props.name} defaultValue={props.value}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

// The filters of the committee pages: a plain GET form, so every view is a link and works
// without JavaScript. Lists come from the run; a period or area that does not fit the new
// choice falls back to the latest period / first area (lib/indicators/get-dashboard-context).
export function FiltersForm(props: { action: string; context: DashboardContext; levels?: readonly MeshLevel[]; showIndicator?: boolean }) {
  const { filters: f, periods, areas } = props.context;
  const levels = props.levels ?? MESH_LEVELS;
  return (
    <form method="get" action={props.action} className="fr-mb-4w" aria-label="Filtres des indicateurs">
      <div className="fr-grid-row fr-grid-row--gutters">
        <Select id="f-type" name="type" label="Type de période" value={f.periodKind} options={PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_LABELS[k] }))} />
        <Select
          id="f-periode"
          name="periode"
          label="Période"
          value={f.periodStart}
          options={[...periods].reverse().map((p) => ({ value: p, label: periodLabel(f.periodKind, p) }))}
        />
        <Select id="f-canal" name="canal" label="Canal" value={f.channel} options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
        <Select id="f-maille" name="maille" label="Maille" value={f.meshLevel} options={levels.map((l) => ({ value: l, label: MESH_LABELS[l] }))} />
        {f.meshLevel !== "national" && !props.showIndicator && (
          <Select
            id="f-zone"
            name="zone"
            label={`Zone (${MESH_LABELS[f.meshLevel].toLowerCase()})`}
            value={f.meshCode}
            options={areas.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
          />
        )}
        {props.showIndicator && (
          <Select
            id="f-indicateur"
            name="indicateur"
            label="Indicateur"
            value={f.indicator ?? "energy_kwh"}
            options={INDICATOR_CODES.filter((c) => INDICATORS[c].kind === "scalar").map((c) => ({ value: c, label: INDICATORS[c].label }))}
          />
        )}
      </div>
      <button type="submit" className="fr-btn fr-btn--secondary">Afficher</button>
    </form>
  );
}
