import type { FeatureCollection, Geometry } from "geojson";
import { MAP_HEIGHT as HEIGHT, MAP_WIDTH as WIDTH, projectMap, type MapLevel, type MapShape } from "@/lib/map/project-map";

// A choropleth of France drawn on the server as SVG from the shipped boundaries (no tiles, no
// CDN): metropolitan France and overseas insets, projected once (lib/map/project-map.ts).
// Withheld cells ("secret statistique") are hatched, missing ones left pale.

export interface MapCell {
  value: number | null;
  withheld: boolean;
}

const PALETTE = ["#e8edff", "#b1c3f5", "#7a9bea", "#4a6fd8", "#000091"];

/** Class limits: quintiles of the published values. */
export function classBreaks(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  return [1, 2, 3, 4].map((q) => sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / 5))]);
}

function colour(value: number, breaks: number[]): string {
  const index = breaks.findIndex((b) => value < b);
  return PALETTE[index === -1 ? PALETTE.length - 1 : index];
}

export function ChoroplethMap(props: {
  title: string;
  features: FeatureCollection<Geometry, { code: string; nom: string }>;
  level: MapLevel;
  cells: Record<string, MapCell>;
  format: (value: number) => string;
}) {
  const { metro, insets, insetWidth } = projectMap(props.features, props.level);
  const published = Object.values(props.cells).filter((c) => !c.withheld && c.value !== null).map((c) => c.value as number);
  const breaks = classBreaks(published);

  function shape(f: MapShape, key: string) {
    const cell = props.cells[f.code];
    const label = cell?.withheld
      ? "secret statistique"
      : cell?.value === null || cell?.value === undefined
        ? "pas de données"
        : props.format(cell.value);
    const fill = cell?.withheld ? "url(#secret)" : cell?.value === null || cell?.value === undefined ? "#f6f6f6" : colour(cell.value, breaks);
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
            <text x={i * insetWidth + insetWidth / 2} y={HEIGHT - 4} textAnchor="middle" fontSize="10">{inset.label}</text>
          </g>
        ))}
      </svg>
      <ul className="fr-text--xs" aria-label="Légende" style={{ listStyle: "none", display: "flex", flexWrap: "wrap", gap: "1rem", paddingLeft: 0 }}>
        {breaks.length > 0 &&
          PALETTE.map((c, i) => (
            <li key={c}>
              <span aria-hidden style={{ display: "inline-block", width: 14, height: 14, background: c, marginRight: 4, verticalAlign: "middle" }} />
              {i === 0 ? `< ${props.format(breaks[0])}` : i === PALETTE.length - 1 ? `≥ ${props.format(breaks[breaks.length - 1])}` : `${props.format(breaks[i - 1])} – ${props.format(breaks[i])}`}
            </li>
          ))}
        <li>
          <svg width="14" height="14" aria-hidden style={{ verticalAlign: "middle", marginRight: 4 }}>
            <rect width="14" height="14" fill="url(#secret)" />
          </svg>
          secret statistique
        </li>
        <li>
          <span aria-hidden style={{ display: "inline-block", width: 14, height: 14, background: "#f6f6f6", border: "1px solid #ccc", marginRight: 4, verticalAlign: "middle" }} />
          pas de données
        </li>
      </ul>
    </div>
  );
}
