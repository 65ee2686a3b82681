import type { Cell } from "@/lib/indicators/read-cells";
import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
import { formatNumber } from "@/lib/platform/format";
import { revisionText } from "@/lib/indicators/dashboard-tables";

/** The coverage of a figure's cell (stations reporting / registered, energy, charges), and its revision. */
export function CoverageNote({ cell }: { cell: Cell<unknown> | null | undefined }) {
  if (!cell) return <>Aucune donnée pour cette sélection.</>;
  if (cell.secret) return <>Valeurs non publiées : {SECRET_LABEL}.</>;
  const c = cell.coverage;
  return (
    <>
      Couverture : {formatNumber(c.stationsReporting)} station(s) ayant transmis sur {formatNumber(c.stationsRegistered)} enregistrée(s),{" "}
      {formatNumber(Math.round(c.energyKwh))} kWh, {formatNumber(c.chargeCount)} recharge(s).
      {revisionText(cell) && <> Chiffres {revisionText(cell)}.</>}
    </>
  );
}
