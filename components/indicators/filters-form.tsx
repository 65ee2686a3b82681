import {
  CHANNELS,
  CHANNEL_LABELS,
  INDICATORS,
  INDICATOR_CODES,
  MESH_LABELS,
  MESH_LEVELS,
  PERIOD_KINDS,
  PERIOD_LABELS,
  type MeshLevel,
} from "@/lib/schemas/indicator-catalogue";
import { periodLabel } from "@/lib/indicators/dashboard-params";
import type { DashboardContext } from "@/lib/indicators/get-dashboard-context";
import { LiveFilters, type FilterField } from "@/components/indicators/live-filters";

// The filters of the committee pages: a plain GET form, so every view is a link and works
// without JavaScript; with it, each change updates the view at once (components/indicators/
// live-filters.tsx). Lists come from the run; a period or area that does not fit the new choice
// falls back to the latest period / first area (lib/indicators/get-dashboard-context).
export function FiltersForm(props: { action: string; context: DashboardContext; levels?: readonly MeshLevel[]; showIndicator?: boolean }) {
  const { filters: f, periods, areas } = props.context;
  const levels = props.levels ?? MESH_LEVELS;
  const fields: FilterField[] = [
    { id: "f-type", name: "type", label: "Type de période", value: f.periodKind, options: PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_LABELS[k] })) },
    {
      id: "f-periode",
      name: "periode",
      label: "Période",
      value: f.periodStart,
      options: [...periods].reverse().map((p) => ({ value: p, label: periodLabel(f.periodKind, p) })),
    },
    { id: "f-canal", name: "canal", label: "Canal", value: f.channel, options: CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })) },
    { id: "f-maille", name: "maille", label: "Maille", value: f.meshLevel, options: levels.map((l) => ({ value: l, label: MESH_LABELS[l] })) },
  ];
  if (props.showIndicator) {
    fields.push({
      id: "f-indicateur",
      name: "indicateur",
      label: "Indicateur",
      value: f.indicator ?? "energy_kwh",
      options: INDICATOR_CODES.filter((c) => INDICATORS[c].kind === "scalar").map((c) => ({ value: c, label: INDICATORS[c].label })),
    });
  }
  const zone = props.showIndicator
    ? null
    : {
        value: f.meshLevel === "national" ? "FR" : f.meshCode,
        options:
          f.meshLevel === "national" ? [{ value: "FR", label: "France entière" }] : areas.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` })),
      };
  return <LiveFilters action={props.action} fields={fields} zone={zone} meshLabels={MESH_LABELS} />;
}
