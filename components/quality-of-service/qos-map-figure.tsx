import type { FeatureCollection, Geometry } from "geojson";
import { ChoroplethMap, type MapCell } from "@/components/map/choropleth-map";
import { DataTable } from "@/components/ui/data-table";
import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
import { formatQosValue, qosNumber, type QosIndicator } from "@/lib/quality-of-service/qos-catalogue";
import type { QosCell } from "@/lib/quality-of-service/read-qos-cells";
import { getBoundaries } from "@/lib/reference-data/get-boundaries";
import { CsvDownloadLinks } from "@/components/ui/csv-download-links";

// One indicator on the map of France by département or région, with its data table and CSV.

export function QosMapFigure(props: {
  title: string;
  indicator: QosIndicator;
  level: "departement" | "region";
  cells: QosCell[];
  validityHours: number;
  csv: { excel: string; standard: string };
}) {
  const i = props.indicator;
  const mapCells: Record<string, MapCell> = Object.fromEntries(
    props.cells.map((c) => [c.code, c.secret ? { value: null, withheld: true } : { value: qosNumber(i.unit, i.value(c.figures)), withheld: false }]),
  );
  return (
    <figure className="fr-mb-6w" aria-labelledby="qos-map-title">
      <h3 id="qos-map-title" className="fr-h5">
        {props.title}
      </h3>
      <p className="fr-text--sm">{i.definition(props.validityHours)}</p>
      <ChoroplethMap
        title={`Carte : ${props.title}`}
        features={getBoundaries(props.level) as unknown as FeatureCollection<Geometry, { code: string; nom: string }>}
        level={props.level}
        cells={mapCells}
        format={(v) => formatQosValue(i.unit, i.unit === "share" ? v / 100 : v)}
      />
      <figcaption className="fr-text--xs">Zones sans données : aucun point n&apos;y transmet ses statuts. Zones hachurées : secret statistique.</figcaption>
      <details className="fr-mt-2w">
        <summary>Voir les données de la carte sous forme de tableau</summary>
        <DataTable
          caption={props.title}
          headers={["Zone", i.label]}
          rowKeys={props.cells.map((c) => c.code)}
          rows={props.cells.map((c) => [c.label, c.secret ? SECRET_LABEL : formatQosValue(i.unit, i.value(c.figures))])}
        />
      </details>
      <CsvDownloadLinks csv={props.csv} title={props.title} />
    </figure>
  );
}
