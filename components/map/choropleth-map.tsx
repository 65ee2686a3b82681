import type { FeatureCollection, Geometry } from "geojson";
import { MAP_HEIGHT as HEIGHT, MAP_WIDTH as WIDTH, projectMap, type MapLevel, type MapShape } from "@/lib/map/project-map";
import { classLabel, classOf, LEGEND_METHOD, mapLegend } from "@/lib/map/map-classes";

// A choropleth of France drawn on the server as SVG from the shipped boundaries (no tiles, no
// CDN): metropolitan France and overseas insets, projected once (lib/map/project-map.ts).
// Withheld cells ("secret statistique") are hatched, missing ones left pale.

export interface MapCell {
  value: number | null;
  withheld: boolean;
}

const PALETTE = ["#e8edff", "#b1c3f5", "#7a9bea", "#4a6fd8", "#000091"];

/** Colours of `count` classes, spread from the palette's lightest to its darkest. */
function coloursOf(count: number): string[] {
  if (count <= 1) return [PALETTE[PALETTE.length - 1]];
  return Array.from({ length: count }, (_, i) => PALETTE[Math.round((i * (PALETTE.length - 1)) / (count - 1))]);
}

export function ChoroplethMap(props: {
  title: string;
  features: FeatureCollection<Geometry, { code: string; nom: string }>;
  level: MapLevel;
  cells: Record<string, MapCell>;
  format: (value: number) => string;
}) {
  const { metro, insets, insetWidth } = projectMap(props.features, props.level);
  const { classes } = mapLegend(Object.values(props.cells));
  const colours = coloursOf(classes.length);

  function shape(f: MapShape, key: string) {
    const cell = props.cells[f.code];
    const label = cell?.withheld ? "secret statistique" : cell?.value === null || cell?.value === undefined ? "pas de données" : props.format(cell.value);
    const fill = cell?.withheld
      ? "url(#secret)"
      : cell?.value === null || cell?.value === undefined
        ? "#f6f6f6"
        : colours[Math.max(0, classOf(cell.value, classes))];
    return (
      <path key={key} d={f.d} fill={fill} stroke="#666" strokeWidth={0.4} data-code={f.code}>
        <title>{`${f.nom} (${f.code}) : ${label}`}</title>
      </path>
    );
  }

  return (
    <div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={props.title} style={{ width: "100%", maxWidth: WIDTH, height: "auto" }}>
        <defs>
          <pattern id="secret" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ddd" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#888" strokeWidth="2" />
          </pattern>
        </defs>
        {metro.map((f, i) => shape(f, `m${i}`))}
        {insets.map((inset, i) => (
          <g key={`o${i}`}>
            <rect x={inset.box[0][0] - 4} y={inset.box[0][1] - 4} width={insetWidth - 8} height={83} fill="none" stroke="#ccc" />
            {shape(inset.shape, `o${i}p`)}
            <text x={i * insetWidth + insetWidth / 2} y={HEIGHT - 4} textAnchor="middle" fontSize="10">
              {inset.label}
            </text>
          </g>
        ))}
      </svg>
      <ul className="fr-text--xs" aria-label="Légende" style={{ listStyle: "none", display: "flex", flexWrap: "wrap", gap: "1rem", paddingLeft: 0 }}>
        {classes.map((c, i) => (
          <li key={i} data-testid="legend-class">
            <span aria-hidden style={{ display: "inline-block", width: 14, height: 14, background: colours[i], marginRight: 4, verticalAlign: "middle" }} />
            {classLabel(c, i, classes, props.format)}
          </li>
        ))}
        <li>
          <svg width="14" height="14" aria-hidden style={{ verticalAlign: "middle", marginRight: 4 }}>
            <rect width="14" height="14" fill="url(#secret)" />
          </svg>
          secret statistique
        </li>
        <li>
          <span
            aria-hidden
            style={{ display: "inline-block", width: 14, height: 14, background: "#f6f6f6", border: "1px solid #ccc", marginRight: 4, verticalAlign: "middle" }}
          />
          pas de données
        </li>
      </ul>
      <p className="fr-text--xs" data-testid="legend-method">
        {LEGEND_METHOD}
      </p>
    </div>
  );
}
